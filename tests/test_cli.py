"""The `ingest` command as a user runs it: exit codes, messages, summary line, re-runs."""
import re
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from ingest.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"^files (\d+), articles (\d+), paragraphs (\d+), entity mentions (\d+), dates (\d+), "
                     r"claims (\d+), skipped unchanged (\d+), duplicates (\d+), other files (\d+), errors (\d+), [\d.]+ s$")


def run(*args):
    return CliRunner().invoke(cli, list(args))


def summary(result) -> dict:
    line = result.stdout.strip().splitlines()[-1]
    m = SUMMARY.match(line)
    assert m, line
    keys = ["files", "articles", "paragraphs", "mentions", "dates", "claims", "skipped", "duplicates", "other", "errors"]
    return dict(zip(keys, map(int, m.groups())))


def counts(db) -> dict:
    conn = sqlite3.connect(db)
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("sources", "articles", "paragraphs", "entities", "mentions", "numeric_claims", "dropped_lines")}


def test_add_the_seeds_then_again_skips_every_unchanged_file(tmp_path, seeds_copy):
    db = str(tmp_path / "a.db")
    first = run("add", db, str(seeds_copy))
    assert first.exit_code == 0, first.output
    s = summary(first)
    assert (s["files"], s["articles"], s["skipped"], s["errors"]) == (5, 8, 0, 0)
    assert s["paragraphs"] == counts(db)["paragraphs"]
    before = counts(db)
    again = run("add", db, str(seeds_copy))
    assert again.exit_code == 0
    assert (summary(again)["skipped"], summary(again)["articles"]) == (5, 0)
    assert counts(db) == before


def test_sources_keep_relative_paths_hashes_and_sizes(tmp_path, seeds_copy):
    db = str(tmp_path / "a.db")
    (seeds_copy / "more").mkdir()
    (seeds_copy / "000_7be04778eac0b485.txt").rename(seeds_copy / "more" / "000.txt")
    run("add", db, str(seeds_copy))
    rows = sqlite3.connect(db).execute("SELECT path, size, length(sha256), status FROM sources ORDER BY path").fetchall()
    assert rows[-1][0] == "more/000.txt"
    assert rows[-1][1] == (seeds_copy / "more" / "000.txt").stat().st_size
    assert {r[2] for r in rows} == {64} and {r[3] for r in rows} == {"ok"}
    assert sqlite3.connect(db).execute("SELECT source FROM articles WHERE source LIKE 'more/%'").fetchall() == [("more/000.txt",)]


def test_a_changed_file_replaces_its_articles_with_no_orphans(tmp_path, seeds_copy):
    db = str(tmp_path / "a.db")
    run("add", db, str(seeds_copy))
    page = seeds_copy / "003_4f35ab63e78cec3c.txt"
    text = page.read_text(encoding="utf-8")
    page.write_text(text[: text.index("## 太原市人民医院")], encoding="utf-8")  # keep only the first article
    result = run("add", db, str(seeds_copy))
    assert result.exit_code == 0
    assert (summary(result)["skipped"], summary(result)["articles"]) == (4, 1)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles WHERE source = '003_4f35ab63e78cec3c.txt'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    for child in ("paragraphs", "mentions", "date_mentions", "numeric_claims"):
        assert conn.execute(f"SELECT count(*) FROM {child} WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions)").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_bad_files_are_named_on_stderr_and_the_rest_still_go_in(tmp_path, seeds_copy):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "report.txt").write_bytes(b"%PDF-1.7\n%\xb5\xb5\xb5\xb5\n1 0 obj")
    db = str(tmp_path / "a.db")
    result = run("add", db, str(seeds_copy))
    assert result.exit_code == 1
    assert f"error: {seeds_copy / 'empty.txt'}: read: empty file\n" in result.stderr
    assert f"error: {seeds_copy / 'report.txt'}: read: binary content (a PDF document), not a text file" in result.stderr
    assert (summary(result)["articles"], summary(result)["errors"]) == (8, 2)
    rows = sqlite3.connect(db).execute("SELECT source_path, stage, message FROM ingest_errors ORDER BY source_path").fetchall()
    assert rows == [("seeds/empty.txt", "read", "empty file"),
                    ("seeds/report.txt", "read", "binary content (a PDF document), not a text file")]


def test_usage_errors_exit_2(tmp_path):
    assert run("add", str(tmp_path / "a.db")).exit_code == 2
    missing = run("add", str(tmp_path / "a.db"), str(tmp_path / "nope"))
    assert missing.exit_code == 2
    assert "nope: no such file or folder" in missing.stderr


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path, seeds_copy):
    bogus = tmp_path / "not.db"
    bogus.write_text("hello, I am not SQLite" * 100)
    result = run("add", str(bogus), str(seeds_copy))
    assert result.exit_code == 1
    assert f"Error: {bogus}: cannot use as an archive: file is not a database" in result.stderr


def test_progress_bar_shows_for_many_files_only(tmp_path, seeds_copy):
    for i in range(3):
        (seeds_copy / f"copy{i}.txt").write_text((seeds_copy / "000_7be04778eac0b485.txt").read_text())
    many = run("add", str(tmp_path / "a.db"), str(seeds_copy))
    assert "Ingesting" in many.stderr
    few = run("add", str(tmp_path / "b.db"), str(seeds_copy / "000_7be04778eac0b485.txt"))
    assert "Ingesting" not in few.stderr
    quiet = run("add", "-q", str(tmp_path / "c.db"), str(seeds_copy))
    assert "Ingesting" not in quiet.stderr


def test_every_command_and_option_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert run("--help").exit_code == 0
    for name, command in cli.commands.items():
        assert command.help, name
        assert f"ingest {name}" in readme, f"README does not show `ingest {name}`"
        for param in command.params:
            if getattr(param, "help", None) is None and param.param_type_name == "option":
                raise AssertionError(f"{name} {param.opts} has no help")
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, f"README does not mention {opt}"


def test_workers_give_the_same_archive_as_one_process(tmp_path, seeds_copy):
    for i in range(12):
        (seeds_copy / f"extra{i}.txt").write_text((seeds_copy / "001_e3a6cd2e3146a029.txt").read_text() + f"\n第{i}份。")
    dbs = {}
    for n in (1, 3):
        dbs[n] = tmp_path / f"w{n}.db"
        assert run("add", "-q", "--workers", str(n), str(dbs[n]), str(seeds_copy)).exit_code == 0
    one, three = sqlite3.connect(dbs[1]), sqlite3.connect(dbs[3])
    for table in ("sources", "articles", "paragraphs", "dropped_lines", "entities", "mentions", "date_mentions",
                  "numeric_claims"):
        cols = ", ".join(f"[{r[1]}]" for r in one.execute(f"PRAGMA table_info({table})") if r[1] != "ingested_at")
        query = f"SELECT {cols} FROM {table} ORDER BY id"
        assert one.execute(query).fetchall() == three.execute(query).fetchall(), table
    assert one.execute("SELECT count(*) FROM articles").fetchone()[0] == 20


def test_the_same_file_name_in_two_folders_is_two_sources(tmp_path):
    for folder in ("day1", "day2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_text(f"核酸检测\n\n{folder}社区完成核酸检测采样工作。", encoding="utf-8")
    db = str(tmp_path / "x.db")
    assert run("add", db, str(tmp_path / "day1")).exit_code == 0
    result = run("add", db, str(tmp_path / "day2"))  # a later run, another folder: nothing is replaced
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT location, path, status FROM sources ORDER BY id").fetchall() == [
        ("day1/news.txt", "news.txt", "ok"), ("day2/news.txt", "news.txt", "ok")]
    assert conn.execute("SELECT text FROM paragraphs ORDER BY id").fetchall() == [
        ("day1社区完成核酸检测采样工作。",), ("day2社区完成核酸检测采样工作。",)]


def test_a_folder_named_twice_is_read_once_and_nothing_is_deleted(tmp_path, seeds_copy):
    db = str(tmp_path / "a.db")
    run("add", db, str(seeds_copy))
    before = counts(db)
    result = run("add", db, str(seeds_copy), str(seeds_copy))
    assert result.exit_code == 0, result.output
    assert (summary(result)["skipped"], summary(result)["duplicates"], summary(result)["errors"]) == (5, 5, 0)
    assert counts(db) == before and before["articles"] == 8
    assert result.stderr.count("named more than once; read once") == 5
    fresh = str(tmp_path / "b.db")
    pages = sorted(str(p) for p in seeds_copy.glob("*.txt"))
    overlapping = run("add", fresh, *pages, *pages[1:3])  # `*.txt 00[12]*.txt`
    assert (summary(overlapping)["articles"], summary(overlapping)["duplicates"]) == (8, 2)
    assert counts(fresh) == before


def test_the_same_content_under_a_new_name_is_a_duplicate_or_a_rename(tmp_path, seeds_copy):
    db = str(tmp_path / "a.db")
    run("add", db, str(seeds_copy))
    page = seeds_copy / "000_7be04778eac0b485.txt"
    (seeds_copy / "copy.txt").write_bytes(page.read_bytes())
    copied = run("add", db, str(seeds_copy))
    assert (summary(copied)["duplicates"], summary(copied)["articles"]) == (1, 0)
    assert f"{seeds_copy / 'copy.txt'}: same content as {page}, already archived; not stored again" in copied.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT s.status, d.location FROM sources s JOIN sources d ON d.id = s.duplicate_of").fetchall() \
        == [("duplicate", "seeds/000_7be04778eac0b485.txt")]
    (seeds_copy / "copy.txt").unlink()
    page.rename(seeds_copy / "renamed.txt")
    renamed = run("add", db, str(seeds_copy))
    assert renamed.exit_code == 0 and summary(renamed)["articles"] == 0
    assert "renamed.txt: same content as " in renamed.stderr and "recorded as renamed" in renamed.stderr
    assert conn.execute("SELECT count(*) FROM articles WHERE source = 'renamed.txt'").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 8


def test_a_duplicate_whose_first_file_changes_is_stored_in_its_own_right(tmp_path, seeds_copy):
    db = str(tmp_path / "a.db")
    page = seeds_copy / "000_7be04778eac0b485.txt"
    text = page.read_text(encoding="utf-8")
    (seeds_copy / "zz_copy.txt").write_text(text, encoding="utf-8")
    run("add", db, str(seeds_copy))
    page.write_text(text + "\n\n本文有更新。\n", encoding="utf-8")  # the first holder of the content changes
    run("add", db, str(seeds_copy))
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status FROM sources WHERE path = 'zz_copy.txt'").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM articles WHERE source = 'zz_copy.txt'").fetchone()[0] == 1
