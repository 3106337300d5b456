"""LocalCluster against local worker processes, the writer alone, and `ingest merge`, on real text.

    python benchmarks/bench_cluster.py [--corpus /work/snap/all] [--files 4000] [--sample 600] [--repeat 2]

The first FILES files (sorted) of CORPUS, linked (never copied) into two halves under a temporary
folder, are ingested by `ingest add -q -w 2` and by `ingest add -q --scheduler local -w 2`, each
REPEAT times in a fresh child process (the better time is kept: the machine is shared); the two
archives are compared row for row. Then each half is built into a shard and the shards merged
(`ingest merge`), timed and compared with the single build. Last, SAMPLE files are processed in this
process (one core: extraction alone) and written with store.Writer (the writer alone).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import archive_rows  # noqa: E402

from ingest import store  # noqa: E402
from ingest.pipeline import DEFAULT_TIMEOUT, Job, read_and_process, warm_up  # noqa: E402
from ingest.read import DEFAULT_MAX_BYTES, find_files  # noqa: E402

INGEST = str(Path(sys.executable).parent / "ingest")
TABLES = ("sources", "articles", "paragraphs", "entities", "mentions", "date_mentions", "numeric_claims",
          "dropped_lines")


def link_halves(corpus: Path, files: int, work: Path) -> list[Path]:
    names = sorted(p.name for p in corpus.glob("*.txt"))[:files]
    halves = [work / "corpus" / "half1", work / "corpus" / "half2"]
    for i, name in enumerate(names):
        half = halves[0 if i < len(names) // 2 else 1]
        half.mkdir(parents=True, exist_ok=True)
        (half / name).symlink_to(corpus / name)
    return halves


def timed(args: list[str], db: Path, repeat: int) -> float:
    """The better wall time of `repeat` fresh runs of `ingest ARGS` building `db`."""
    best = float("inf")
    for _ in range(repeat):
        for stale in db.parent.glob(db.name + "*"):
            stale.unlink()
        t0 = time.perf_counter()
        done = subprocess.run([INGEST, *args], capture_output=True, text=True)
        best = min(best, time.perf_counter() - t0)
        if done.returncode not in (0, 1):
            raise SystemExit(done.stderr)
    return best


def rows(db: Path) -> list[str]:
    out = db.with_suffix(".rows")
    with open(out, "w", encoding="utf-8") as f:
        archive_rows.dump(db, f)
    return out.read_text(encoding="utf-8").splitlines()


def row_count(db: Path) -> dict[str, int]:
    import sqlite3
    conn = sqlite3.connect(db)
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def writer_alone(halves: list[Path], sample: int, work: Path) -> tuple[float, float, int, int]:
    """(seconds processing on one core, seconds writing, articles, characters) for `sample` files."""
    found = [f for f in find_files([str(h) for h in halves])][:sample]
    warm_up()
    t0 = time.perf_counter()
    processed = [read_and_process(Job(f, f.path, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT)) for f in found]
    extract_s = time.perf_counter() - t0
    db = store.open_archive(str(work / "writer.db"))
    writer = store.Writer(db)
    t0 = time.perf_counter()
    for p in processed:
        writer.add(p)
    writer.flush()
    store.close_archive(db)
    write_s = time.perf_counter() - t0
    chars = sum(len(p.source.text or "") for p in processed)
    return extract_s, write_s, sum(len(p.articles) for p in processed), chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("/work/snap/all"))
    ap.add_argument("--files", type=int, default=4000)
    ap.add_argument("--sample", type=int, default=600)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="work here and keep the archives")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench_cluster_"))
    shutil.rmtree(work / "corpus", ignore_errors=True)
    halves = link_halves(args.corpus.resolve(), args.files, work)
    chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for h in halves for p in h.iterdir())
    print(f"corpus: {args.files} files of {args.corpus}, {chars:,} characters; cores {os.cpu_count()}; "
          f"load {os.getloadavg()[0]:.2f}")
    parts = [str(h) for h in halves]
    local = timed(["add", "-q", "-w", "2", str(work / "local.db"), *parts], work / "local.db", args.repeat)
    dask = timed(["add", "-q", "-w", "2", "--scheduler", "local", str(work / "dask.db"), *parts], work / "dask.db",
                 args.repeat)
    same = rows(work / "local.db") == rows(work / "dask.db")
    counts = row_count(work / "local.db")
    print("| run | seconds | chars/s | chars/s per core | articles/s |\n|---|---:|---:|---:|---:|")
    for name, s in (("`--workers 2`", local), ("`--scheduler local -w 2`", dask)):
        print(f"| {name} | {s:.1f} | {chars / s:,.0f} | {chars / s / 2:,.0f} | {counts['articles'] / s:,.1f} |")
    print(f"LocalCluster / local time ratio {dask / local:.2f}; archives equal row for row: {same}")
    (work / "shards").mkdir(exist_ok=True)
    for i, half in enumerate(halves):
        timed(["add", "-q", "-w", "2", str(work / "shards" / f"s{i}.db"), str(half)], work / "shards" / f"s{i}.db", 1)
    merge = timed(["merge", str(work / "merged.db"), *(str(work / "shards" / f"s{i}.db") for i in range(2))],
                  work / "merged.db", args.repeat)
    total_rows = sum(counts.values())
    print(f"merge of 2 shards: {merge:.1f} s, {counts['articles'] / merge:,.0f} articles/s, "
          f"{total_rows / merge:,.0f} rows/s ({total_rows:,} rows); equals the single build row for row: "
          f"{rows(work / 'merged.db') == rows(work / 'local.db')}")
    extract_s, write_s, articles, sample_chars = writer_alone(halves, args.sample, work)
    print(f"{args.sample} files in this process: extraction {sample_chars / extract_s:,.0f} chars/s on one core; "
          f"writer alone {sample_chars / write_s:,.0f} chars/s, {articles / write_s:,.0f} articles/s "
          f"({write_s / (extract_s + write_s):.0%} of a one-process run)")
    print({t: n for t, n in counts.items()})
    print(f"archive {os.path.getsize(work / 'local.db') / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
