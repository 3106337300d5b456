"""A large archive built straight through the store from recombined seed sentences, for search tests and benchmarks.

Faster than generating and parsing files: it exercises the store and the search index, not the cleaner.
"""
from __future__ import annotations

import random
import sqlite3
import tempfile
from pathlib import Path

from ingest import store
from ingest.pipeline import ProcessedSource, ingest_paths
from ingest.records import Article, Paragraph, SourceFile

ROOT = Path(__file__).resolve().parent.parent


def seed_sentences() -> list[str]:
    """Sentences (and sentence-sized pieces) of the seed articles, normalised."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "seed.db")
        ingest_paths(db, [str(ROOT / "seeds")])
        texts = [t for (t,) in sqlite3.connect(db).execute("SELECT text FROM paragraphs ORDER BY id")]
    return [s for t in texts for s in t.replace("。", "。\n").split("\n") if s]


def build(path: Path, paragraphs: int, seed: int = 20221122, per_article: int = 40, per_file: int = 13) -> Path:
    """Write an archive of about `paragraphs` paragraphs at `path` (deterministic for a seed)."""
    pieces = seed_sentences()
    rng = random.Random(seed)
    db = store.open_archive(str(path))
    files = -(-paragraphs // (per_article * per_file))
    for f in range(files):
        articles = []
        for a in range(per_file):
            paras = []
            for k in range(per_article):
                text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
                paras.append(Paragraph(k, "body", text, text))
            articles.append(Article(seq=a, title=rng.choice(pieces)[:30], title_original="", paragraphs=paras))
        source = SourceFile(f"g{f:05d}.txt", "", f"{f:064d}", 1, "", "utf-8")
        store.write_source(db, ProcessedSource(source, articles))
    store.close_archive(db)
    return path
