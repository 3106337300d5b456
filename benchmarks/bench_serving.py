"""Datasette on a big archive: page and search p50/p95 and file size, against the archive it is copied from.

    python benchmarks/bench_serving.py BASE.db --copies 100 --out /tmp/big/archive.db [--runs 3]

Builds OUT from COPIES copies of the archive BASE (each copy's files renamed `cN/…` and their sha256
made distinct, so a copy is new files, not duplicates; see `build`), then serves BASE and OUT as `make serve` does (immutable, same settings, metadata and
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

from ingest.store import _search_rows  # noqa: E402  (the rows the search indexes hold)

SEARCHES = ["口罩", "核酸", "习近平", "疫情防控", "经济", "的"]


def build(base: Path, copies: int, out: Path) -> float:
    """Write `copies` copies of `base` into `out` by SQL alone: every id offset by the copy's number
    times the base's largest, files renamed `cN/…` with a distinct sha256 (new files, not duplicates),
    the same entities with counts multiplied, and search rows folded once and inserted per copy.
    Returns the seconds it took. (`ingest merge` does the same with every check; its rate is
    bench_cluster.py's; this is the quick way to a big archive for serving.)"""
    for stale in out.parent.glob(out.name + "*"):
        stale.unlink()
    shutil.copy(base, out)
    t0 = time.perf_counter()
    conn = sqlite3.connect(out, isolation_level=None)
    largest = {t: conn.execute(f"SELECT max(id) FROM {t}").fetchone()[0] or 0 for t, _ in OFFSETS}
    paragraphs = [{"id": i, "article_id": a, "text": t} for i, a, t in
                  conn.execute("SELECT id, article_id, text FROM paragraphs ORDER BY article_id, seq")]
    articles = [{"id": i, "title": t} for i, t in conn.execute("SELECT id, title FROM articles ORDER BY id")]
    article_rows, para_rows = _search_rows(articles, paragraphs)
    for k in range(1, copies):
        conn.execute("BEGIN")
        for table, refs in OFFSETS:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            values = {c: f"[{c}] + {k * largest[t]}" for c, t in refs.items()}
            if table == "sources":
                values.update(location=f"'c{k}/' || location", sha256=f"sha256 || '-c{k}'")
            select = ", ".join(values.get(c, f"[{c}]") for c in columns)
            conn.execute(f"INSERT INTO [{table}] SELECT {select} FROM [{table}] WHERE id <= {largest[table]}")
        conn.executemany("INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)",
                         [(r["rowid"] + k * largest["paragraphs"], r["text"]) for r in para_rows])
        conn.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                         [(r["rowid"] + k * largest["articles"], r["title"], r["body"]) for r in article_rows])
        conn.execute("COMMIT")
    conn.execute(f"UPDATE entities SET mention_count = mention_count * {copies}, article_count = article_count * {copies}")
    conn.execute("INSERT INTO paragraphs_fts (paragraphs_fts) VALUES ('optimize')")
    conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
    conn.close()
    return time.perf_counter() - t0


# Each table copied and the tables its id columns count in (its own id included).
OFFSETS = (("sources", {"id": "sources", "duplicate_of": "sources"}),
           ("ingest_errors", {"id": "ingest_errors"}),
           ("articles", {"id": "articles", "source_id": "sources"}),
           ("paragraphs", {"id": "paragraphs", "article_id": "articles"}),
           ("mentions", {"id": "mentions", "article_id": "articles", "paragraph_id": "paragraphs"}),
           ("date_mentions", {"id": "date_mentions", "article_id": "articles", "paragraph_id": "paragraphs"}),
           ("numeric_claims", {"id": "numeric_claims", "article_id": "articles", "paragraph_id": "paragraphs"}),
           ("dropped_lines", {"id": "dropped_lines", "source_id": "sources", "article_id": "articles"}))


def quantiles(times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]
    return f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms"


async def serve(db: Path, runs: int) -> dict[str, list[float] | int]:
    """Request times (ms) of every page and every search on `db`, served as `archive`."""
    link = Path(tempfile.mkdtemp()) / "archive.db"
    link.symlink_to(db.resolve())
    ds = Datasette(immutables=[str(link)], metadata=METADATA, settings=SETTINGS)
    searches = [f"/archive/paragraphs?_search={q}" for q in SEARCHES] + [f"/archive/search.json?q={q}" for q in SEARCHES]
    out: dict = {"pages": [], "searches": [], "over_limit": 0, "slowest": []}
    for kind, paths in (("pages", page_paths(db)), ("searches", searches)):
        for path in paths:
            await ds.client.get(path)  # the first request of a path warms the page cache
            start = len(out[kind])
            for _ in range(runs):
                t0 = time.perf_counter()
                r = await ds.client.get(path)
                out[kind].append((time.perf_counter() - t0) * 1000)
                body = r.json() if r.status_code == 200 and ".json" in path else {}
                if r.status_code != 200 or body.get("facets_timed_out"):
                    out["over_limit"] += 1
                    break
            out["slowest"].append((statistics.median(out[kind][start:]), path))
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
        print(f"copied {args.copies} times in {seconds:.0f} s: {articles:,} articles")
    print(f"cores {os.cpu_count()}, load {os.getloadavg()[0]:.2f}")
    for db in (args.base, args.out):
        times = asyncio.run(serve(db, args.runs))
        print(f"{db}: {describe(db)}\n  pages: {quantiles(times['pages'])}; searches: {quantiles(times['searches'])}; "
              f"over the 1 s limit: {times['over_limit']}")
        for ms, path in sorted(times["slowest"], reverse=True)[:6]:
            print(f"    {ms:.0f} ms  {path[:120]}")


if __name__ == "__main__":
    main()
