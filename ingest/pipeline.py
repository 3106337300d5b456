"""The pipeline: read files → split articles → clean and normalise → extract → store.

`process_source` is pure (file in, records out) so it can run in worker processes; `ingest_paths`
drives it over many files and hands each result to the store, reporting progress as it goes.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import store
from .claims import extract_claims
from .clean import clean_article
from .dates import extract_dates, period_bounds, timeline_day
from .entities import extract_entities
from .read import DEFAULT_MAX_BYTES, count_files, file_digest, find_files, read_source
from .records import Article, ProcessedSource, SourceFile, Summary
from .split import split_articles

# Files handed to a worker at a time: enough to amortise the hand-over, few enough to keep order cheap.
WORKER_CHUNK = 8
# Chunks a worker may run ahead of the writer.
IN_FLIGHT_PER_WORKER = 4
Progress = Callable[[Iterable, int], Iterable]


def extract_article(article: Article) -> Article:
    """Fill the article's mentions, dates and claims from its normalised title and paragraphs, and its timeline day."""
    texts = [p.text for p in article.paragraphs]
    article.mentions = extract_entities(article.title, texts, article.byline)
    article.dates = []
    article.claims = []
    for p in article.paragraphs:
        dates = extract_dates(p.text, article.published_date)
        for d in dates:
            d.paragraph_seq = p.seq
        article.dates += dates
        for c in extract_claims(p.text):
            c.paragraph_seq = p.seq
            c.period_start, c.period_end = period_bounds(c.period, dates)
            article.claims.append(c)
    article.day, article.day_basis = timeline_day(article.published_date, article.dates)
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


# A job for a worker: (absolute path, relative path, max bytes, sha256 already archived under that
# path or None, absolute path of an earlier file with the same relative path or None).
Job = tuple[str, str, int, str | None, str | None]


def read_and_process(job: Job) -> ProcessedSource:
    """Read and process one file (run in a worker process); a file that cannot be opened is a read error.

    A file already archived with the same sha256 comes back `skipped` without being parsed; a file
    whose relative path an earlier folder in the same run already had is refused, naming that file.
    """
    abspath, relpath, max_bytes, known_sha256, same_path_as = job
    try:
        if same_path_as is not None:
            return ProcessedSource(SourceFile(relpath, abspath, file_digest(abspath)[0], 0), error_stage="read",
                                   error=f"same path as {same_path_as}, already ingested in this run; "
                                   f"ingest {abspath} separately")
        if known_sha256 is not None:
            sha256, size = file_digest(abspath)
            if sha256 == known_sha256:
                return ProcessedSource(SourceFile(relpath, abspath, sha256, size), skipped=True)
        source = read_source(abspath, relpath, max_bytes)
    except OSError as e:
        return ProcessedSource(SourceFile(relpath, abspath, "", 0), error_stage="read",
                               error=f"cannot read: {e.strerror or e}")
    return process_source(source)


def ingest_paths(db_path: str, paths: list[str], progress: Progress | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1) -> Summary:
    """Add every `*.txt` under `paths` to the archive at `db_path`; unchanged files are skipped.

    Files are read, cleaned and extracted by `workers` processes and written, in order, by this
    one, so the archive is the same whatever the number of workers. Unchanged files (same path,
    same sha256) are skipped before any parsing. Paths are streamed from the folders, never held
    in a list, so memory does not grow with the corpus. `progress(items, length)` wraps the stream
    of files as they are done (a progress bar in the CLI). Raises FileNotFoundError for a path
    that does not exist, before anything is written.
    """
    started = time.perf_counter()
    summary = Summary(files=count_files(paths))
    workers = min(workers, summary.files)
    with _worker_pool(workers) as pool:  # forked now, while this process is still small
        db = store.open_archive(db_path)
        try:
            known = store.ingested_sources(db)
            writer = store.Writer(db)
            results = _processed(pool, workers, _jobs(paths, known, max_bytes))
            for processed in (progress(results, summary.files) if progress else results):
                if processed.skipped:
                    summary.skipped += 1
                    continue
                for written in writer.add(processed):
                    _record(summary, written)
            for written in writer.flush():
                _record(summary, written)
        finally:
            store.close_archive(db)
    summary.seconds = time.perf_counter() - started
    return summary


def _jobs(paths: list[str], known: dict[str, str], max_bytes: int) -> Iterator[Job]:
    """One job per file found, lazily; a relative path met before in this run names its first holder."""
    folders: list[str] = []  # folders given before the current one (a handful: the command line's)
    files_named: dict[str, str] = {}  # base name -> path, for files given directly
    for given in paths:
        for abspath, relpath in find_files([given]):
            earlier = next((os.path.join(f, relpath) for f in folders
                            if os.path.isfile(os.path.join(f, relpath))), files_named.get(relpath))
            yield abspath, relpath, max_bytes, known.get(relpath), earlier
        if os.path.isdir(given):
            folders.append(os.path.abspath(given))
        else:
            files_named.setdefault(os.path.basename(given), str(Path(given).resolve()))


@contextmanager
def _worker_pool(workers: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """A pool of `workers` processes when there is work to share, else None (work in this process).

    The pool is forked before the archive is opened or any path is read, so workers start as small
    as the interpreter and do not carry (or count again) what this process holds later.
    """
    if workers <= 1:
        yield None
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield pool


def _processed(pool: multiprocessing.pool.Pool | None, workers: int, jobs: Iterator[Job]) -> Iterator[ProcessedSource]:
    """The processed files in job order, from the pool's workers when there is a pool.

    At most IN_FLIGHT_PER_WORKER chunks per worker are handed out ahead of the writer, so results
    cannot pile up in memory when writing is the slower side (Pool.imap alone has no such limit).
    """
    if pool is None:
        yield from map(read_and_process, jobs)
        return
    room = threading.Semaphore(workers * WORKER_CHUNK * IN_FLIGHT_PER_WORKER)
    stop = threading.Event()

    def fed() -> Iterator[Job]:
        for job in jobs:
            while not room.acquire(timeout=0.1):
                if stop.is_set():
                    return
            yield job

    try:
        for result in pool.imap(read_and_process, fed(), chunksize=WORKER_CHUNK):
            room.release()
            yield result
    finally:
        stop.set()


def _record(summary: Summary, processed: ProcessedSource) -> None:
    if processed.error:
        summary.errors += 1
        summary.failures.append((processed.source.path, f"{processed.error_stage}: {processed.error}"))
        return
    summary.added += 1
    summary.articles += len(processed.articles)
    for a in processed.articles:
        summary.paragraphs += len(a.paragraphs)
        summary.mentions += len(a.mentions)
        summary.dates += len(a.dates)
        summary.claims += len(a.claims)
