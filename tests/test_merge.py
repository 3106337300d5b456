"""`ingest merge OUT SHARD...`: shard archives built apart merge into the archive one run builds."""
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import archive_rows  # noqa: E402  (the row dump used to compare archives)

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def rows(db: Path) -> list[str]:
    out = db.with_suffix(".rows")
    with open(out, "w", encoding="utf-8") as f:
        archive_rows.dump(db, f)
    return out.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Three folders of pages; the third repeats a page of the first twice (duplicates across shards and
    within one) and holds a picture saved as .txt (an error row)."""
    folder = tmp_path / "corpus"
    for name, seeds in (("a", SEEDS[:2]), ("b", SEEDS[2:]), ("c", SEEDS[3:4])):
        (folder / name).mkdir(parents=True)
        for seed in seeds:
            shutil.copy(seed, folder / name / seed.name)
    shutil.copy(SEEDS[0], folder / "c" / "copy1.txt")
    shutil.copy(SEEDS[0], folder / "c" / "copy2.txt")
    (folder / "c" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "c" / "new.txt").write_text("核酸检测\n\n延庆区卫健委主任王小明说,全区完成核酸采样3万人次。", encoding="utf-8")
    return folder


def test_merged_shards_equal_a_single_build_row_for_row(corpus, tmp_path):
    single = tmp_path / "single.db"
    parts = [str(corpus / name) for name in "abc"]
    run("add", "-q", "-w", "2", str(single), *parts)
    (tmp_path / "shards").mkdir()
    shards = [tmp_path / "shards" / f"{name}.db" for name in "abc"]
    for shard, part in zip(shards, parts):
        run("add", "-q", str(shard), part)
    merged = tmp_path / "merged.db"
    result = run("merge", str(merged), *map(str, shards))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{shards[0]}: files 2, articles 2, now duplicates 0",
        f"{shards[1]}: files 3, articles 6, now duplicates 0",
        f"{shards[2]}: files 5, articles 1, now duplicates 2"]
    assert rows(merged) == rows(single)
    conn = sqlite3.connect(merged)
    assert conn.execute("SELECT path, status, duplicate_of FROM sources WHERE location LIKE 'corpus/c/%' "
                        "ORDER BY id").fetchall() == [
        ("003_4f35ab63e78cec3c.txt", "duplicate", 4), ("copy1.txt", "duplicate", 1),
        ("copy2.txt", "duplicate", 1), ("new.txt", "ok", None), ("photo.txt", "error", None)]
    one = sqlite3.connect(single)
    for word in ("核酸", "王小明", "延庆"):
        search = "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ? ORDER BY rowid"
        query = " ".join(word)  # every Han character is a token (ingest/search.py)
        assert conn.execute(search, [f'"{query}"']).fetchall() == one.execute(search, [f'"{query}"']).fetchall() != []


def test_a_shard_holding_a_file_the_archive_holds_is_refused_whole(corpus, tmp_path):
    shard = tmp_path / "a.db"
    run("add", "-q", str(shard), str(corpus / "a"))
    merged = tmp_path / "merged.db"
    assert run("merge", str(merged), str(shard)).exit_code == 0
    before = rows(merged)
    again = run("merge", str(merged), str(shard))
    assert again.exit_code == 1
    assert again.stderr == (f"Error: {shard}: holds corpus/a/{SEEDS[0].name}, which the archive already holds: "
                            "merge shards of distinct files\n")
    assert rows(merged) == before


def test_a_missing_shard_or_a_file_that_is_no_archive_is_named(tmp_path):
    missing = run("merge", str(tmp_path / "out.db"), str(tmp_path / "nope.db"))
    assert (missing.exit_code, missing.stderr) == (1, f"Error: {tmp_path / 'nope.db'}: no such archive\n")
    (tmp_path / "other.db").write_bytes(b"")
    sqlite3.connect(tmp_path / "other.db").execute("CREATE TABLE sources (id INTEGER PRIMARY KEY)")
    other = run("merge", str(tmp_path / "out.db"), str(tmp_path / "other.db"))
    assert other.exit_code == 1
    assert other.stderr.startswith(f"Error: {tmp_path / 'out.db'}: cannot merge: {tmp_path / 'other.db'}: "
                                   "not an archive of this version: table sources lacks ")
