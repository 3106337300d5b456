"""Careless use, hostile files and a busy archive: nothing is lost, nothing stalls, every problem is named."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import cli

ROOT = Path(__file__).resolve().parent.parent
INGEST = [sys.executable, "-c", "from ingest.cli import main; main()"]
NEWS = "截至目前,医院共完成核酸采样45万余人次。党员们发扬连续作战、不怕疲劳的作风,与人民群众并肩作战。"


@pytest.fixture
def pages(tmp_path) -> Path:
    """60 distinct small pages in one folder."""
    folder = tmp_path / "pages"
    folder.mkdir()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(60):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"{i:03d}.txt").write_text(text + f"\n\n本文编号{i}。\n", encoding="utf-8")
    return folder


def start_ingest(db: Path, folder: Path, workers: int) -> subprocess.Popen:
    """`ingest add` running in a process of its own, its output readable as text."""
    return subprocess.Popen(INGEST + ["add", "-w", str(workers), str(db), str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing_and_the_run_finishes(pages, tmp_path):
    db = tmp_path / "a.db"
    proc = start_ingest(db, pages, workers=2)
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        workers = children(proc.pid)
        if workers:
            time.sleep(0.3)  # let it take some files
            os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
            killed = workers[0]
        time.sleep(0.01)
    out, err = proc.communicate(timeout=300)
    assert killed is not None, "the run ended before a worker could be killed"
    assert proc.returncode == 0, err
    assert "a worker process died 1 time(s); the files it held were tried again one by one" in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT location) FROM sources WHERE status = 'ok'").fetchone() == (60, 60)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == \
        conn.execute("SELECT sum(article_count) FROM sources").fetchone()[0]


def test_a_file_over_its_time_budget_is_an_error_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("核酸检测\n\n" + NEWS, encoding="utf-8")
    (folder / "slow.txt").write_text("核酸检测\n\n" + NEWS * 3000, encoding="utf-8")  # 150,000 characters
    result = CliRunner().invoke(cli, ["add", "-w", "1", "--timeout", "0.2", str(tmp_path / "a.db"), str(folder)])
    assert result.exit_code == 1
    assert f"error: {folder / 'slow.txt'}: " in result.stderr
    assert "took longer than 0.2 s (--timeout): stopped, the run went on" in result.stderr
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT path, status FROM sources ORDER BY path").fetchall() == [("a.txt", "ok"), ("slow.txt", "error")]


@pytest.mark.slow
def test_a_second_writer_waits_for_the_first_and_says_so(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("核酸检测\n\n" + NEWS, encoding="utf-8")
    db = tmp_path / "a.db"
    assert CliRunner().invoke(cli, ["add", "-q", str(db), str(folder / "a.txt")]).exit_code == 0
    (folder / "b.txt").write_text("口罩发放\n\n社区卫生服务中心向居民发放口罩两千个。", encoding="utf-8")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its batch
    second = start_ingest(db, folder, workers=1)
    said = second.stderr.readline()  # blocks until it speaks: it must wait, not fail, while the lock is held
    holder.execute("COMMIT")
    out, err = second.communicate(timeout=120)
    assert said == f"waiting: another process is writing to {db}; this run goes on when it is done\n", said + err
    assert second.returncode == 0, err
    assert "articles 1," in out and "skipped unchanged 1," in out


def test_the_archive_file_is_whole_after_a_run_while_a_reader_has_it_open(pages, tmp_path):
    db = tmp_path / "a.db"
    CliRunner().invoke(cli, ["add", "-q", str(db), str(pages / "000.txt")])
    reader = sqlite3.connect(db)  # Datasette without --immutable keeps connections open
    reader.execute("SELECT count(*) FROM articles").fetchone()
    result = CliRunner().invoke(cli, ["add", str(db), str(pages)])
    assert result.exit_code == 0, result.output
    alone = tmp_path / "copy.db"
    alone.write_bytes(db.read_bytes())  # the file alone, without its -wal
    assert sqlite3.connect(alone).execute("SELECT count(*) FROM sources WHERE status = 'ok'").fetchone()[0] == 60
    reader.close()


@pytest.mark.slow
def test_a_reader_in_the_middle_of_a_read_is_reported(pages, tmp_path):
    """A reader that holds a snapshot from mid-run to the end keeps the last writes in -wal: said, not hidden."""
    db = tmp_path / "a.db"
    proc = start_ingest(db, pages, workers=1)
    reader = None
    while proc.poll() is None and reader is None:
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None, timeout=0.2)
            conn.execute("BEGIN")
            if conn.execute("SELECT count(*) FROM sources").fetchone()[0] > 0:
                reader = conn  # holds its snapshot until the run is over
            else:
                conn.execute("COMMIT")
                conn.close()
        except sqlite3.OperationalError:
            pass
        time.sleep(0.01)
    out, err = proc.communicate(timeout=300)
    assert reader is not None, "the run ended before a reader could start"
    reader.execute("COMMIT")
    assert proc.returncode == 0, err
    assert "another connection was reading the archive, so" in err
    assert "pages of it are still in its -wal file: copy that file with it" in err


def test_a_folder_with_a_loop_a_pipe_and_a_device_still_gives_every_good_file(tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("核酸检测\n\n" + NEWS, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("口罩发放\n\n社区卫生服务中心向居民发放口罩两千个。", encoding="utf-8")
    (folder / "loop").symlink_to("loop")
    (folder / "sub" / "self").symlink_to("..")
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    result = CliRunner().invoke(cli, ["add", str(tmp_path / "a.db"), str(folder)])
    assert result.exit_code == 1
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT path, status FROM sources ORDER BY path").fetchall() == [
        ("a.txt", "ok"), ("loop", "error"), ("pipe.txt", "error"), ("sub/b.txt", "ok"), ("sub/self", "error"),
        ("zero.txt", "error")]
    assert conn.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 4
    assert f"error: {folder / 'zero.txt'}: read: a character device, not a regular file: not read" in result.stderr


def test_a_newline_in_a_file_name_cannot_forge_a_line_of_the_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("核酸检测\n\n" + NEWS, encoding="utf-8")
    (folder / "x\nfiles 99, articles 99.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["add", str(tmp_path / "a.db"), str(folder)])
    assert result.exit_code == 1
    assert "x\\nfiles 99, articles 99.txt: read: empty file" in result.stderr
    assert not any(line.startswith("files 99") for line in (result.stdout + result.stderr).splitlines())


def test_encoded_data_is_page_furniture_not_claims(tmp_path):
    blob = "iVBORw0KGgoAAAANSUhEUgAA" * 5000  # a 120,000-character base64 image inline
    page = tmp_path / "page.txt"
    page.write_text(f"医院举行义诊活动\n\n{NEWS}\n<img src=\"data:image/png;base64,{blob}\">\n{NEWS}\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["add", "-q", str(tmp_path / "a.db"), str(page)]).exit_code == 0
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT rule, length(text) FROM dropped_lines WHERE rule = 'encoded-data'").fetchall() == [
        ("encoded-data", len(f"<img src=\"data:image/png;base64,{blob}\">"))]
    assert conn.execute("SELECT surface FROM numeric_claims").fetchall() == [("45万余人次",), ("45万余人次",)]


def test_a_paragraph_past_the_window_keeps_every_offset(tmp_path):
    from ingest.extract import LONG_PARAGRAPH
    line = "北京市延庆区医院副院长张伟说,医院共完成核酸采样45万余人次。" * (LONG_PARAGRAPH // 30 + 40)
    page = tmp_path / "long.txt"
    page.write_text("核酸采样\n\n" + line, encoding="utf-8")
    assert CliRunner().invoke(cli, ["add", "-q", str(tmp_path / "a.db"), str(page)]).exit_code == 0
    conn = sqlite3.connect(tmp_path / "a.db")
    repeats = line.count("45万余人次")
    assert conn.execute("SELECT count(*) FROM numeric_claims").fetchone()[0] == repeats
    for table in ("mentions", "date_mentions", "numeric_claims"):
        bad = conn.execute(f"SELECT count(*) FROM {table} x JOIN paragraphs p ON p.id = x.paragraph_id "
                           "WHERE substr(p.text, x.start + 1, x.\"end\" - x.start) != x.surface").fetchone()[0]
        assert bad == 0, table
    assert conn.execute("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
                        "WHERE e.name = '张伟' AND m.field = 'paragraph'").fetchone()[0] == repeats


def test_a_file_name_that_is_not_utf8_is_recorded_not_a_crash(tmp_path):
    """Found by benchmarks/fuzz_hostile.py: the name reached SQLite with surrogates and the run died."""
    folder = tmp_path / "c"
    folder.mkdir()
    bad = os.fsdecode(os.fsencode(folder) + b"/bad\xff.txt")
    Path(bad).write_text("核酸检测\n\n" + NEWS, encoding="utf-8")
    (folder / "good.txt").write_text("口罩发放\n\n社区卫生服务中心向居民发放口罩两千个。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["add", str(tmp_path / "a.db"), str(folder)])
    assert result.exit_code == 0, result.output
    assert sqlite3.connect(tmp_path / "a.db").execute("SELECT location, status FROM sources ORDER BY id").fetchall() \
        == [("c/bad\\xff.txt", "ok"), ("c/good.txt", "ok")]


def test_utf16_without_a_bom_holding_characters_that_end_in_a_nul_byte_is_read(tmp_path):
    """Found by benchmarks/fuzz_hostile.py: 一 is U+4E00, whose low byte is NUL, so NULs stood on both sides."""
    page = tmp_path / "u.txt"
    page.write_bytes("一线医护\n\n医院一共完成核酸采样45万余人次。".encode("utf-16-le"))
    result = CliRunner().invoke(cli, ["add", str(tmp_path / "a.db"), str(page)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT encoding FROM sources").fetchone()[0] == "utf-16-le"
    assert conn.execute("SELECT title FROM articles").fetchone()[0] == "一线医护"


@pytest.mark.slow
def test_many_short_lines_and_one_long_line_go_in_within_the_time_budget(tmp_path):
    """A tenth of issue #18's outsized files (its figures: benchmarks/bench_hostile_sizes.py). The
    old list-neighbour step scanned every mention per paragraph: 20,000 lines took minutes."""
    lines = tmp_path / "lines.txt"
    lines.write_text("".join(f"第{i}行 张{i % 50}伟说 医院{i % 7}科\n" for i in range(20_000)), encoding="utf-8")
    one_line = tmp_path / "one_line.txt"
    one_line.write_text("北京市延庆区医院党委副书记张伟表示，医院共完成核酸采样45万余人次。" * 5000, encoding="utf-8")
    for page in (lines, one_line):
        result = CliRunner().invoke(cli, ["add", "-q", "-w", "1", "--timeout", "120", str(tmp_path / "a.db"), str(page)])
        assert result.exit_code == 0, result.output
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 20_001
    assert conn.execute("SELECT count(*) FROM numeric_claims").fetchone()[0] == 5000
