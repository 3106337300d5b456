"""Dump an archive's rows in a fixed, comparable form, to check that a change keeps it row for row.

    python benchmarks/archive_rows.py DB > rows.txt
    python benchmarks/archive_rows.py --build OUT_DIR FOLDER...   # build one archive per folder, dump each

Every table of `schema.sql` (but the FTS shadow tables) is written one row a line, ordered by
primary key, as JSON. Times (`ingested_at`, `created_at`) are left out: they are the only values
that differ between two builds of the same files. With `--build`, each FOLDER is ingested into
OUT_DIR/NAME.db with one worker and its dump written to OUT_DIR/NAME.rows, so two checkouts can be
compared with `diff -r`. With `--compare A.db B.db`, both archives are dumped and compared table by
table (and the full-text indexes by their content, term by term): the count of differing rows per
table and the first few of them are printed, and the exit status is 1 when any row differs (a speed
change must leave it at 0).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

VOLATILE = {"ingested_at", "created_at"}
SKIP_SUFFIXES = ("_fts", "_data", "_idx", "_docsize", "_config", "_content")


def dump(db: Path, out) -> None:
    """Write every row of every archive table to `out`, table by table, in primary-key order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              if not r[0].endswith(SKIP_SUFFIXES) and not r[0].startswith("sqlite_")]
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[1] not in VOLATILE]
        select = ", ".join(f"[{c}]" for c in columns)
        for row in conn.execute(f"SELECT {select} FROM [{table}] ORDER BY rowid"):
            out.write(f"{table}\t{json.dumps(dict(zip(columns, row)), ensure_ascii=False, sort_keys=True)}\n")
    conn.close()


def build(out_dir: Path, folders: list[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    ingest = Path(sys.executable).parent / "ingest"
    for folder in folders:
        name = Path(folder).name
        db = out_dir / f"{name}.db"
        for stale in out_dir.glob(f"{name}.db*"):
            stale.unlink()
        subprocess.run([str(ingest), "add", "-q", "-w", "1", str(db), folder], check=False,
                       stdout=subprocess.DEVNULL)
        with open(out_dir / f"{name}.rows", "w", encoding="utf-8") as f:
            dump(db, f)


def compare(a: Path, b: Path, shown: int = 5) -> int:
    """Rows of `a` and `b` that differ (as a multiset per table); prints a summary, returns their count."""
    dumps = []
    for db in (a, b):
        buffer = io.StringIO()
        dump(db, buffer)
        dumps.append(Counter(buffer.getvalue().splitlines()))
    only_a, only_b = dumps[0] - dumps[1], dumps[1] - dumps[0]
    tables = sorted({line.split("\t", 1)[0] for line in dumps[0] | dumps[1]})
    for table in tables:
        gone = sorted(line for line in only_a.elements() if line.startswith(table + "\t"))
        new = sorted(line for line in only_b.elements() if line.startswith(table + "\t"))
        rows = sum(1 for line in dumps[0].elements() if line.startswith(table + "\t"))
        print(f"{table}: {rows} rows, {len(gone)} only in {a.name}, {len(new)} only in {b.name}")
        for line in gone[:shown]:
            print(f"  - {line[:300]}")
        for line in new[:shown]:
            print(f"  + {line[:300]}")
    return sum(only_a.values()) + sum(only_b.values()) + _index_differences(a, b)


def _index_differences(a: Path, b: Path) -> int:
    """Full-text indexes (left out of the dump) whose content differs: every term, row, column and
    offset they hold, read through fts5vocab. (Their b-tree pages may differ where the content does
    not: FTS5 merges segments by how the rows were handed to it.)"""
    digests = []
    for db in (a, b):
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE '%USING fts5(%' ORDER BY name")]
        digests.append({})
        for name in names:
            conn.execute(f"CREATE VIRTUAL TABLE temp.[{name}_vocab] USING fts5vocab(main, [{name}], 'instance')")
            rows = conn.execute(f"SELECT term, doc, col, offset FROM temp.[{name}_vocab] ORDER BY term, doc, col, offset")
            digest = hashlib.sha256()
            for row in rows:
                digest.update(repr(row).encode())
            digests[-1][name] = digest.hexdigest()
        conn.close()
    differing = sorted(name for name in digests[0].keys() | digests[1].keys() if digests[0].get(name) != digests[1].get(name))
    print(f"full-text indexes: {len(digests[0])}, content differing: {', '.join(differing) or 'none'}")
    return len(differing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="an archive to dump, or with --build the folders to ingest")
    parser.add_argument("--build", metavar="OUT_DIR", help="ingest each folder into OUT_DIR and dump it there")
    parser.add_argument("--compare", action="store_true", help="compare two archives row for row (exit 1 if they differ)")
    args = parser.parse_args()
    if args.compare:
        if len(args.paths) != 2:
            parser.error("--compare takes two archives")
        sys.exit(1 if compare(Path(args.paths[0]), Path(args.paths[1])) else 0)
    if args.build:
        build(Path(args.build), args.paths)
    else:
        for path in args.paths:
            dump(Path(path), sys.stdout)


if __name__ == "__main__":
    main()
