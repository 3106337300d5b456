"""How long each page of a large archive takes through Datasette, against the 1 s SQL time limit.

    python benchmarks/bench_datasette.py ARCHIVE.db [--runs 3]

Opens the archive as `make serve` does (immutable, same settings and plugins) and requests every
path from benchmarks/datasette_pages.py with Datasette's own client, printing the slowest first.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from datasette.app import Datasette

sys.path.insert(0, str(Path(__file__).resolve().parent))
from datasette_pages import METADATA, SETTINGS, page_paths  # noqa: E402


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    # Served as `archive`, whatever the file is called, as metadata.yml and the paths expect.
    link = Path(tempfile.mkdtemp()) / "archive.db"
    link.symlink_to(args.db.resolve())
    ds = Datasette(immutables=[str(link)], metadata=METADATA, settings=SETTINGS)
    conn = sqlite3.connect(args.db)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "paragraphs", "mentions")}
    results, failures = [], []
    for path in page_paths(args.db):
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            r = await ds.client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            body = r.json() if r.status_code == 200 else {}
            if r.status_code != 200 or not body.get("ok", True) or body.get("facets_timed_out"):
                failures.append((path, r.status_code, str(body.get("facets_timed_out") or r.text[:120])))
                break
        results.append((statistics.median(times), max(times), path))
    results.sort(reverse=True)
    print(f"{args.db}: {counts}, {len(results)} paths, cores {os.cpu_count()}")
    print("| median ms | max ms | path |\n|---:|---:|---|")
    for med, worst, path in results[:15]:
        print(f"| {med:.0f} | {worst:.0f} | `{path[:110]}` |")
    print(f"slowest median {results[0][0]:.0f} ms; median of medians {statistics.median(r[0] for r in results):.0f} ms; "
          f"{len(failures)} hit a time limit")
    for path, status, why in failures:
        print(f"  LIMIT: {path[:100]} -> {status} {why[:100]}")


if __name__ == "__main__":
    asyncio.run(main())
