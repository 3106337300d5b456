"""Search latency through Datasette on a large archive: p50 and p95 per query, 1–4 characters.

    python benchmarks/bench_search.py [--paragraphs 200000] [--runs 20] [--db PATH]

Builds (or reuses, with --db) a synthetic archive, then times Datasette's own ASGI client on the
paragraphs search page (HTML, as a person sees it) and its JSON, for queries that include the most
frequent character of the corpus. Served settings are those of `make serve`.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import yaml
from datasette.app import Datasette

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synthetic_archive import build  # noqa: E402

QUERIES = ["口罩", "核酸", "医疗队", "疫情防控", "醫用口罩", "PCR"]


def most_frequent_char(db: Path) -> str:
    counts: Counter = Counter()
    for (text,) in sqlite3.connect(db).execute("SELECT text FROM paragraphs LIMIT 20000"):
        counts.update(c for c in text if "\u4e00" <= c <= "\u9fff")
    return counts.most_common(1)[0][0]


async def time_query(ds: Datasette, path: str, params: dict, runs: int) -> list[float]:
    await ds.client.get(path, params=params)  # warm the page cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = await ds.client.get(path, params=params)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text[:300]
    return times


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--db", type=Path, help="reuse (or create) the archive at this path")
    args = ap.parse_args()
    db = args.db or Path(os.environ.get("TMPDIR", "/tmp")) / f"bench_search_{args.paragraphs}" / "archive.db"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        build(db, args.paragraphs)
        print(f"built {db} in {time.perf_counter() - t0:.0f} s")
    conn = sqlite3.connect(db)
    n = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    fts_pages = sum(conn.execute(f"SELECT count(*) FROM dbstat WHERE name LIKE '{t}%'").fetchone()[0]
                    for t in ("paragraphs_fts",)) if _has_dbstat(conn) else None
    metadata = yaml.safe_load((HERE.parent / "metadata.yml").read_text(encoding="utf-8"))
    ds = Datasette([str(db)], immutables=[], metadata=metadata,
                   settings={"sql_time_limit_ms": 1000, "suggest_facets": False})
    top = most_frequent_char(db)
    print(f"{n} paragraphs, database {db.stat().st_size / 1e6:.0f} MB"
          + (f", paragraphs_fts {fts_pages * 4096 / 1e6:.0f} MB" if fts_pages else "")
          + f", cores {os.cpu_count()}, most frequent character {top}")
    print("| query | chars | rows | HTML p50 ms | HTML p95 ms | JSON p50 ms | JSON p95 ms | ranked query p50 ms |")
    print("|---|---|---|---|---|---|---|---|")
    all_html = []
    for q in [top] + QUERIES:
        r = await ds.client.get("/archive/paragraphs.json", params={"_search": q, "_size": "0"})
        rows = r.json()["filtered_table_rows_count"]
        page = await time_query(ds, "/archive/paragraphs", {"_search": q}, args.runs)
        js = await time_query(ds, "/archive/paragraphs.json", {"_search": q}, args.runs)
        ranked = await time_query(ds, "/archive/search.json", {"q": q}, max(3, args.runs // 4))
        all_html += page
        p = lambda xs, k: statistics.quantiles(xs, n=20)[k] if len(xs) > 1 else xs[0]  # noqa: E731
        print(f"| {q} | {len(q)} | {rows} | {statistics.median(page):.0f} | {p(page, 18):.0f} | "
              f"{statistics.median(js):.0f} | {p(js, 18):.0f} | {statistics.median(ranked):.0f} |")
    print(f"all queries, HTML page: p50 {statistics.median(all_html):.0f} ms, "
          f"p95 {statistics.quantiles(all_html, n=20)[18]:.0f} ms")


def _has_dbstat(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1")
        return True
    except sqlite3.OperationalError:
        return False


if __name__ == "__main__":
    asyncio.run(main())
