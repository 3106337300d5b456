"""`ingest add --scheduler`: files processed on a Dask cluster give the archive a local run gives,
with nothing lost or doubled when a worker is killed, and the same time and size limits."""
import os
import re
import shutil
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
sys.path.insert(0, str(ROOT / "benchmarks"))
import archive_rows  # noqa: E402  (the row dump used to compare archives)
from test_crash_safety import committed_files  # noqa: E402

distributed = pytest.importorskip("distributed")  # the cluster extra, part of the test extra
INGEST = [sys.executable, "-c", "from ingest.cli import main; main()"]
NEWS = "截至目前,医院共完成核酸采样45万余人次。党员们发扬连续作战、不怕疲劳的作风,与人民群众并肩作战。"
SECONDS = re.compile(r", [0-9.]+ s$")


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 worker processes, as `dask worker` would run them on two machines."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


def make_pages(folder: Path, n: int) -> Path:
    """`n` distinct pages made from the seeds, in 3 sub-folders, plus a copy of the first (a duplicate),
    a file that is not text and a picture saved as .txt (a read error)."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(n):
        sub = folder / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:03d}.txt").write_text(seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\n\n本文编号{i}。\n",
                                          encoding="utf-8")
    shutil.copy(folder / "part0" / "000.txt", folder / "part2" / "zz_copy.txt")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return folder


def rows(db: Path) -> list[str]:
    with open(db.with_suffix(".rows"), "w", encoding="utf-8") as out:
        archive_rows.dump(db, out)
    return db.with_suffix(".rows").read_text(encoding="utf-8").splitlines()


def add(*args: str):
    return CliRunner().invoke(cli, ["add", *args])


def test_a_cluster_run_builds_the_archive_two_local_workers_build(cluster, tmp_path):
    pages = make_pages(tmp_path / "pages", 30)
    local = add("-w", "2", str(tmp_path / "local.db"), str(pages))
    remote = add("--scheduler", cluster.scheduler_address, str(tmp_path / "cluster.db"), str(pages))
    assert (local.exit_code, remote.exit_code) == (1, 1)  # photo.txt is an error row in both
    assert SECONDS.sub("", remote.stdout.splitlines()[-1]) == SECONDS.sub("", local.stdout.splitlines()[-1]) == (
        "files 32, articles 48, paragraphs 564, entity mentions 1506, dates 78, claims 318, skipped unchanged 0, "
        "duplicates 1, other files 1, errors 1")
    assert remote.stderr == local.stderr
    assert rows(tmp_path / "cluster.db") == rows(tmp_path / "local.db")
    again = add("--scheduler", cluster.scheduler_address, str(tmp_path / "cluster.db"), str(pages))
    assert "articles 0," in again.stdout and "skipped unchanged 30," in again.stdout


def test_workers_sharing_the_disk_are_sent_paths_and_build_the_same_archive(cluster, tmp_path):
    pages = make_pages(tmp_path / "pages", 9)
    add("-w", "2", str(tmp_path / "local.db"), str(pages))
    shared = add("--scheduler", cluster.scheduler_address, "--shared-disk", str(tmp_path / "cluster.db"), str(pages))
    assert "files 11, articles 15," in shared.stdout
    assert rows(tmp_path / "cluster.db") == rows(tmp_path / "local.db")


def test_time_and_size_limits_hold_on_the_cluster(cluster, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("核酸检测\n\n" + NEWS, encoding="utf-8")
    (folder / "slow.txt").write_text("核酸检测\n\n" + NEWS * 3000, encoding="utf-8")  # 150,000 characters
    result = add("--scheduler", cluster.scheduler_address, "--timeout", "0.2", str(tmp_path / "a.db"), str(folder))
    assert result.exit_code == 1
    assert result.stderr == (f"error: {folder / 'slow.txt'}: read: took longer than 0.2 s (--timeout): stopped, "
                             "the run went on\n")
    (folder / "big.txt").write_text("核酸检测\n\n" + NEWS * 40, encoding="utf-8")
    result = add("--scheduler", cluster.scheduler_address, "--max-bytes", "5000", str(tmp_path / "a.db"),
                 str(folder / "big.txt"))
    assert result.stderr == (f"error: {folder / 'big.txt'}: read: file too large: 5,574 bytes, over the limit of "
                             "5,000 (--max-bytes)\n")
    conn = sqlite3.connect(tmp_path / "a.db")
    assert conn.execute("SELECT path, status, size FROM sources ORDER BY path").fetchall() == [
        ("a.txt", "ok", 153), ("big.txt", "error", 5574), ("slow.txt", "error", 0)]


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path):
    pages = make_pages(tmp_path / "pages", 150)
    add("-w", "2", str(tmp_path / "local.db"), str(pages))
    db = tmp_path / "cluster.db"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c, \
            distributed.Client(c) as client:
        victim = next(iter(client.run(os.getpid).values()))
        proc = subprocess.Popen(INGEST + ["add", "--scheduler", c.scheduler_address, str(db), str(pages)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while proc.poll() is None and committed_files(db) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None and committed_files(db) < 100, "the run ended before a worker could be killed"
        os.kill(victim, signal.SIGKILL)  # as the out-of-memory killer would; the nanny starts another
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err  # photo.txt
    assert "files 152, articles 240," in out
    assert rows(db) == rows(tmp_path / "local.db")


@pytest.mark.slow
def test_scheduler_local_starts_a_cluster_on_this_machine(tmp_path):
    pages = make_pages(tmp_path / "pages", 6)
    add("-w", "2", str(tmp_path / "local.db"), str(pages))
    result = subprocess.run(INGEST + ["add", "-q", "-w", "2", "--scheduler", "local", str(tmp_path / "cluster.db"),
                                      str(pages)], capture_output=True, text=True)
    assert result.returncode == 1 and f"error: {pages / 'photo.txt'}: read: " in result.stderr
    assert rows(tmp_path / "cluster.db") == rows(tmp_path / "local.db")


def test_without_the_cluster_extra_a_scheduler_is_refused_with_the_fix(tmp_path, seeds_copy):
    hidden = "import sys; sys.modules['distributed'] = None; from ingest.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", hidden, "add", "--scheduler", "local", str(tmp_path / "a.db"),
                             str(seeds_copy)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == ("Error: --scheduler needs the cluster extra: "
                             "pip install 'chinese-news-archive[cluster]'\n")
    assert not (tmp_path / "a.db").exists()


@pytest.mark.slow
def test_a_scheduler_that_does_not_answer_is_named_with_the_cause(tmp_path, seeds_copy):
    result = add("--scheduler", "tcp://127.0.0.1:9", str(tmp_path / "a.db"), str(seeds_copy))
    assert result.exit_code == 1
    assert result.stderr == ("Error: cannot use the Dask scheduler at tcp://127.0.0.1:9: Timed out trying to "
                             "connect to tcp://127.0.0.1:9 after 30 s\n")
