"""Speed of each extraction stage on one core, in characters of paragraph text per CPU second.

    python benchmarks/bench_extract.py [--repeat 20]

Runs the cleaner's output of seeds/ (normalised paragraphs) through extract_entities,
extract_dates and extract_claims, `--repeat` times, timing CPU (not wall) so other work on the
machine disturbs it less. Speed is measured here, not in the tests.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from ingest.extract.claims import extract_claims
from ingest.clean import clean_article
from ingest.extract.dates import extract_dates
from ingest.extract.entities import extract_entities
from ingest.read import find_files, read_source
from ingest.split import split_articles

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    articles = [clean_article(raw) for abspath, rel in find_files([str(ROOT / "seeds")])
                for raw in split_articles(read_source(abspath, rel).text)]
    chars = sum(len(p.text) for a in articles for p in a.paragraphs) * args.repeat
    stages = {
        "entities": lambda a: extract_entities(a.title, [p.text for p in a.paragraphs]),
        "dates": lambda a: [extract_dates(p.text, a.published_date) for p in a.paragraphs],
        "claims": lambda a: [extract_claims(p.text) for p in a.paragraphs],
    }
    print(f"{chars:,} characters per stage ({args.repeat} x the seed paragraphs), cores {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    total = 0.0
    for name, run in stages.items():
        t0 = time.process_time()
        for _ in range(args.repeat):
            for a in articles:
                run(a)
        cpu = time.process_time() - t0
        total += cpu
        print(f"{name:<9} {chars / cpu:>12,.0f} chars/CPU-s")
    print(f"{'all three':<9} {chars / total:>12,.0f} chars/CPU-s")


if __name__ == "__main__":
    main()
