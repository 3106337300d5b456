"""Datasette on a big merged archive: page and search p50/p95, file size, and the merge that built it.

    python benchmarks/bench_serving.py BASE.db --copies 100 --out /tmp/big/archive.db [--runs 3]

Builds OUT from COPIES copies of the archive BASE (each copy's files renamed `cN/…` and their sha256
made distinct, so a copy is new files, not duplicates) with `ingest merge` (timed: the merge rate at
scale), then serves BASE and OUT as `make serve` does (immutable, same settings, metadata and
plugins) and requests with Datasette's own client every page of benchmarks/datasette_pages.py and a
set of searches (the paragraphs search page, as HTML, and the ranked search query), RUNS times each.
With --copies 0, OUT is only served (built earlier).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from datasette.app import Datasette

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from datasette_pages import METADATA, SETTINGS, page_paths  # noqa: E402

from ingest.merge import merge_archives  # noqa: E402

SEARCHES = ["口罩", "核酸", "习近平", "疫情防控", "经济", "的"]


def build(base: Path, copies: int, out: Path) -> float:
    """Merge `copies` renamed copies of `base` into `out`; returns the seconds the merge took."""
    folder = out.parent / "copies"
    shutil.rmtree(folder, ignore_errors=True)
    shards = []
    for n in range(copies):
        shard = folder / f"c{n}" / "archive.db"
        shard.parent.mkdir(parents=True)
        shutil.copy(base, shard)
        conn = sqlite3.connect(shard)
        conn.execute("UPDATE sources SET location = ? || location, sha256 = sha256 || ?", [f"c{n}/", f"-c{n}"])
        conn.commit()
        conn.close()
        shards.append(str(shard))
    for stale in out.parent.glob(out.name + "*"):
        stale.unlink()
    t0 = time.perf_counter()
    merge_archives(str(out), shards)
    seconds = time.perf_counter() - t0
    shutil.rmtree(folder)
    return seconds


def quantiles(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]
    return f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms"


async def serve(db: Path, runs: int) -> dict[str, list[float] | int]:
    """Request times (ms) of every page and every search on `db`, served as `archive`."""
    link = Path(tempfile.mkdtemp()) / "archive.db"
    link.symlink_to(db.resolve())
    ds = Datasette(immutables=[str(link)], metadata=METADATA, settings=SETTINGS)
    searches = [f"/archive/paragraphs?_search={q}" for q in SEARCHES] + [f"/archive/search.json?q={q}" for q in SEARCHES]
    out: dict = {"pages": [], "searches": [], "over_limit": 0}
    for kind, paths in (("pages", page_paths(db)), ("searches", searches)):
        for path in paths:
            await ds.client.get(path)  # the first request of a path warms the page cache
            for _ in range(runs):
                t0 = time.perf_counter()
                r = await ds.client.get(path)
                out[kind].append((time.perf_counter() - t0) * 1000)
                body = r.json() if r.status_code == 200 and ".json" in path else {}
                if r.status_code != 200 or body.get("facets_timed_out"):
                    out["over_limit"] += 1
                    break
    return out


def describe(db: Path) -> str:
    conn = sqlite3.connect(db)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "paragraphs", "mentions")}
    return f"{db.stat().st_size / 1e9:.2f} GB, " + ", ".join(f"{t} {n:,}" for t, n in counts.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base", type=Path)
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.copies:
        seconds = build(args.base, args.copies, args.out)
        articles = sqlite3.connect(args.out).execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"merged {args.copies} copies in {seconds:.0f} s: {articles / seconds:,.0f} articles/s")
    print(f"cores {os.cpu_count()}, load {os.getloadavg()[0]:.2f}")
    for db in (args.base, args.out):
        times = asyncio.run(serve(db, args.runs))
        print(f"{db}: {describe(db)}\n  pages: {quantiles(times['pages'])}; searches: {quantiles(times['searches'])}; "
              f"over the 1 s limit: {times['over_limit']}")


if __name__ == "__main__":
    main()
