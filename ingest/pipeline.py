"""The pipeline: read files → split articles → clean and normalise → extract → store.

`process_source` is pure (file in, records out) so it can run in worker processes; `ingest_paths`
drives it over many files and hands each result to the store, reporting progress as it goes.
"""
from __future__ import annotations

import sqlite3
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import store
from .claims import extract_claims
from .clean import clean_article
from .dates import extract_dates
from .entities import extract_entities
from .read import DEFAULT_MAX_BYTES, find_files, read_source
from .records import Article, DroppedLine, SourceFile
from .split import split_articles


@dataclass
class ProcessedSource:
    """One file after every stage: its articles with their extractions, or the stage that failed."""

    source: SourceFile
    articles: list[Article] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)  # lines that belong to no article
    error_stage: str | None = None
    error: str | None = None


@dataclass
class Summary:
    files: int = 0
    added: int = 0
    skipped: int = 0
    errors: int = 0
    articles: int = 0
    paragraphs: int = 0
    mentions: int = 0
    dates: int = 0
    claims: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, message)

    def line(self) -> str:
        return (f"files {self.files}, articles {self.articles}, paragraphs {self.paragraphs}, "
                f"entity mentions {self.mentions}, dates {self.dates}, claims {self.claims}, "
                f"skipped unchanged {self.skipped}, errors {self.errors}, {self.seconds:.1f} s")


def extract_article(article: Article) -> Article:
    """Fill the article's mentions, dates and claims from its normalised title and paragraphs."""
    texts = [p.text for p in article.paragraphs]
    article.mentions = extract_entities(article.title, texts)
    article.dates = []
    article.claims = []
    for p in article.paragraphs:
        for d in extract_dates(p.text, article.published_date):
            d.paragraph_seq = p.seq
            article.dates.append(d)
        for c in extract_claims(p.text):
            c.paragraph_seq = p.seq
            article.claims.append(c)
    return article


def process_source(source: SourceFile) -> ProcessedSource:
    """Split, clean and extract one read file; an exception stops that file only, naming the stage."""
    result = ProcessedSource(source=source)
    if source.error is not None:
        result.error_stage, result.error = "read", source.error
        return result
    stage = "split"
    try:
        raws = split_articles(source.text or "")
        stage = "clean"
        cleaned = [clean_article(raw) for raw in raws]
        stage = "extract"
        for article in cleaned:
            if not article.paragraphs and not article.title:
                result.dropped.extend(article.dropped)  # only page chrome: not an article
                continue
            article.seq = len(result.articles)
            result.articles.append(extract_article(article))
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the run
        result.articles, result.dropped = [], []
        frame = traceback.extract_tb(e.__traceback__)[-1]
        result.error_stage = stage
        result.error = f"{type(e).__name__}: {e} ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})"
    if not result.error and not result.articles:
        result.error_stage, result.error = "clean", "no article text found"
    return result


def ingest_paths(db_path: str, paths: list[str], progress: Callable[[Iterable], Iterable] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Summary:
    """Add every `*.txt` under `paths` to the archive at `db_path`; unchanged files are skipped.

    `progress` wraps the list of files (a progress bar in the CLI). Raises FileNotFoundError for a
    path that does not exist, before anything is written.
    """
    started = time.perf_counter()
    files = list(find_files(paths))
    summary = Summary(files=len(files))
    db = store.open_archive(db_path)
    try:
        for abspath, relpath in (progress(files) if progress else files):
            source = read_source(abspath, relpath, max_bytes)
            if store.is_unchanged(db, source.path, source.sha256):
                summary.skipped += 1
                continue
            processed = process_source(source)
            try:
                store.write_source(db, processed)
            except sqlite3.Error as e:  # rolled back; record the failure in a transaction of its own
                processed = ProcessedSource(source, error_stage="store", error=f"{type(e).__name__}: {e}")
                store.write_source(db, processed)
            if processed.error:
                summary.errors += 1
                summary.failures.append((source.path, f"{processed.error_stage}: {processed.error}"))
                continue
            summary.added += 1
            summary.articles += len(processed.articles)
            for a in processed.articles:
                summary.paragraphs += len(a.paragraphs)
                summary.mentions += len(a.mentions)
                summary.dates += len(a.dates)
                summary.claims += len(a.claims)
    finally:
        store.close_archive(db)
    summary.seconds = time.perf_counter() - started
    return summary
