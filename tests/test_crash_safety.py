"""Killing `ingest add` at any point leaves a usable archive; running it again finishes the job exactly."""
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI

ROOT = Path(__file__).resolve().parent.parent
INGEST = [sys.executable, "-c", "from ingest.cli import main; main()"]
# Columns that record when, not what: they differ between any two runs.
CLOCK_COLUMNS = {"sources": ["ingested_at"], "ingest_errors": ["created_at"]}
TABLES = ["sources", "articles", "paragraphs", "dropped_lines", "entities", "mentions", "date_mentions",
          "numeric_claims", "ingest_errors"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """120 distinct files made from the seeds, in 4 folders."""
    folder = tmp_path_factory.mktemp("crash_corpus")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for i in range(120):
        sub = folder / f"part{i % 4}"
        sub.mkdir(exist_ok=True)
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (sub / f"{i:03d}.txt").write_text(text + f"\n\n本文编号{i}。\n", encoding="utf-8")
    return folder


def dump(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    out = {}
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in CLOCK_COLUMNS.get(table, [])]
        out[table] = conn.execute(f"SELECT {', '.join(f'[{c}]' for c in cols)} FROM {table} ORDER BY 1").fetchall()
    return out


def check_consistent(db: Path) -> None:
    """Opens, passes integrity checks, and holds no half-written file or article."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sources'").fetchone():
        return  # killed before the schema was written: an empty database, which opens fine
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("""SELECT count(*) FROM sources s WHERE s.status = 'ok'
                           AND s.article_count != (SELECT count(*) FROM articles a WHERE a.source_id = s.id)""").fetchone()[0] == 0
    assert conn.execute("""SELECT count(*) FROM articles a
                           WHERE a.paragraph_count != (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id)""").fetchone()[0] == 0


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("whole") / "a.db"
    subprocess.run(INGEST + ["add", "-q", str(db), str(corpus)], check=True, capture_output=True)
    return dump(db)


def committed_files(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return conn.execute("SELECT count(*) FROM sources").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # not created yet, or its schema not yet written


@pytest.mark.parametrize("kill_at", [0, 1, 40, 90])  # writes land in batches of 32 files
def test_sigkill_then_rerun_gives_the_uninterrupted_archive(corpus, uninterrupted, tmp_path, kill_at):
    """Killed before any file, early, midway and near the end (by files committed), then run again."""
    db = tmp_path / "a.db"
    proc = subprocess.Popen(INGEST + ["add", "-q", str(db), str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while proc.poll() is None and (committed_files(db) < kill_at or (kill_at == 0 and not db.exists())):
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed: use a larger corpus"
    if db.exists():
        check_consistent(db)
        assert kill_at <= committed_files(db) < 120
    rerun = subprocess.run(INGEST + ["add", "-q", str(db), str(corpus)], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    check_consistent(db)
    assert dump(db) == uninterrupted


def test_datasette_can_read_while_ingest_writes(corpus, tmp_path):
    db = tmp_path / "a.db"
    proc = subprocess.Popen(INGEST + ["add", "-q", str(db), str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = set()
    try:
        while proc.poll() is None:
            if db.exists():
                try:
                    reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
                    seen.add(reader.execute("SELECT count(*) FROM articles").fetchone()[0])
                    reader.close()
                except sqlite3.OperationalError as e:
                    assert "no such table" in str(e), e  # only before the schema exists
            time.sleep(0.05)
    finally:
        proc.wait()
    assert proc.returncode == 0
    assert len(seen) >= 3, f"saw only {sorted(seen)}"  # reads went on while articles were being added
