"""The pipeline: read files → split articles → clean and normalise → extract → store.

`process_source` is pure (file in, records out) so it can run in worker processes; `ingest_paths`
drives it over many files and hands each result to the store, reporting progress as it goes.
Nothing is lost on the way: a file named twice is read once, a file that cannot be read is an
error row, a file that takes too long or kills its worker is an error row, and the run goes on.
"""
from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass

from . import store
from .clean import clean_article
from .extract import extract_article, read_ahead
from .read import DEFAULT_MAX_BYTES, FileChoice, count_files, file_digest, find_files, read_source, source_from_bytes, text_path
from .records import Article, FoundFile, ProcessedSource, SourceFile, Summary
from .split import split_articles

# Files handed to a worker at a time: enough to amortise the hand-over, few enough to keep order cheap.
WORKER_CHUNK = 8
# Chunks a worker may run ahead of the writer.
IN_FLIGHT_PER_WORKER = 4
# A file that takes longer than this is recorded as an error and the run goes on (--timeout).
DEFAULT_TIMEOUT = 300.0
WORKER_DIED = ("the worker process reading this file died (killed by the system, perhaps for lack of "
               "memory); tried again alone, it died again")
Progress = Callable[[Iterable, int], Iterable]


class FileTimeout(BaseException):
    """Raised inside a file's processing when it has run past its time budget. A BaseException, like
    KeyboardInterrupt, so that no stage's `except Exception` takes it for a failure of its own and
    goes on with a half-read file."""


_WARM_UP = SourceFile("", "", "", 0, text="核酸检测\n\n北京市延庆区医院副院长张伟说,4月共完成核酸采样45万余人次。")


def warm_up() -> None:
    """Load every word list and model once (they are cached per process), so the first file's time
    budget is spent on the file and forked workers start with them in memory."""
    process_source(_WARM_UP)


def process_source(source: SourceFile) -> ProcessedSource:
    """Split, clean and extract one read file; an exception stops that file only, naming the stage."""
    return _extracted(*_split_and_cleaned(source))


def _split_and_cleaned(source: SourceFile) -> tuple[ProcessedSource, list[Article]]:
    """The first half of `process_source`: the file's result so far (an error, if a stage failed) and
    its cleaned articles, which `_extracted` completes."""
    result = ProcessedSource(source=source)
    if source.error is not None:
        result.error_stage, result.error = "read", source.error
        return result, []
    stage = "split"
    try:
        raws = split_articles(source.text or "")
        stage = "clean"
        return result, [clean_article(raw) for raw in raws]
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the run
        result.error_stage, result.error = stage, _describe(e)
        return result, []


def _extracted(result: ProcessedSource, cleaned: list[Article]) -> ProcessedSource:
    """The second half of `process_source`: the cleaned articles extracted into `result`."""
    if result.error:
        return result
    try:
        for article in cleaned:
            if not article.paragraphs and not article.title:
                result.dropped.extend(article.dropped)  # only page chrome: not an article
                continue
            article.seq = len(result.articles)
            result.articles.append(extract_article(article))
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the run
        result.articles, result.dropped = [], []
        result.error_stage, result.error = "extract", _describe(e)
    if not result.error and not result.articles:
        result.error_stage, result.error = "clean", "no article text found"
    return result


def _describe(e: Exception) -> str:
    frame = traceback.extract_tb(e.__traceback__)[-1]
    return f"{type(e).__name__}: {e} ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})"


@dataclass(frozen=True)
class Job:
    """One entry for a worker: the file, its archive key, and what the run already knows of it."""

    found: FoundFile
    location: str
    max_bytes: int
    timeout: float
    known_sha256: str | None = None  # archived under this location with this content
    skip: str | None = None  # `named twice` or `not text`: nothing to read
    data: bytes | None = None  # the file's bytes, read by the machine that has it (a cluster without shared disk)


def read_and_process(job: Job) -> ProcessedSource:
    """Read and process one file (run in a worker process) within its time budget.

    A file already archived with the same sha256 comes back `skipped` without being parsed; a path
    the walk could not use, or a file that cannot be opened, is a read error.
    """
    return process_chunk([job])[0]


def process_chunk(jobs: list[Job]) -> list[ProcessedSource]:
    """`read_and_process` of each job, in two passes: every file read, split and cleaned, then the
    tagger reads all their articles' texts at once (`extract.read_ahead`: its cost per step is paid
    once for the chunk, not once per article), then each file is extracted. A file's time budget
    covers its own two halves."""
    started = [_read_and_cleaned(job) for job in jobs]
    read_ahead([a for _, cleaned, _ in started for a in cleaned])
    return [_finished(job, *state) for job, state in zip(jobs, started)]


def _read_and_cleaned(job: Job) -> tuple[ProcessedSource, list[Article], float]:
    """The job's file read, split and cleaned (or its skip or error, with no articles), and the
    seconds that took."""
    found, started = job.found, time.perf_counter()
    blank = SourceFile(found.path, found.abspath, "", 0, location=job.location)
    if job.skip:
        return ProcessedSource(blank, skipped=job.skip), [], 0.0
    if found.problem:
        return ProcessedSource(blank, error_stage="read", error=found.problem), [], 0.0
    try:
        with _time_limit(job.timeout):
            if job.known_sha256 is not None:
                sha256, size = _digest(job)
                if sha256 == job.known_sha256:
                    return ProcessedSource(SourceFile(found.path, found.abspath, sha256, size, location=job.location),
                                           skipped="unchanged"), [], 0.0
            source = (read_source(found.abspath, found.path, job.max_bytes) if job.data is None
                      else source_from_bytes(job.data, found.abspath, found.path))
            source.location = job.location
            result, cleaned = _split_and_cleaned(source)
            return result, cleaned, time.perf_counter() - started
    except OSError as e:
        return ProcessedSource(blank, error_stage="read", error=f"cannot read: {e.strerror or e}"), [], 0.0
    except FileTimeout:
        return ProcessedSource(blank, error_stage="read", error=_timed_out(job.timeout)), [], 0.0


def _finished(job: Job, result: ProcessedSource, cleaned: list[Article], spent: float) -> ProcessedSource:
    """The file's articles extracted within what is left of its time budget."""
    if result.skipped or result.error:
        return result
    left = max(job.timeout - spent, 0.001) if job.timeout > 0 else job.timeout
    try:
        with _time_limit(left):
            return _extracted(result, cleaned)
    except FileTimeout:
        found = job.found
        return ProcessedSource(SourceFile(found.path, found.abspath, "", 0, location=job.location),
                               error_stage="read", error=_timed_out(job.timeout))


def _digest(job: Job) -> tuple[str, int]:
    """sha256 and size of the job's file, from the bytes sent with it or from disk."""
    if job.data is None:
        return file_digest(job.found.abspath)
    return hashlib.sha256(job.data).hexdigest(), len(job.data)


def _timed_out(seconds: float) -> str:
    return f"took longer than {seconds:g} s (--timeout): stopped, the run went on"


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in this thread after `seconds`: by SIGALRM in a process's main thread, else
    (a Dask worker runs tasks in threads) from a timer thread."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        with _thread_time_limit(seconds):
            yield
        return

    def expire(signum, frame):
        raise FileTimeout(_timed_out(seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in this (non-main) thread after `seconds`, as SIGALRM would in the main one: a
    timer sets it as the thread's asynchronous exception, raised between two bytecodes like a signal's."""
    thread_id, lock, state = ctypes.c_ulong(threading.get_ident()), threading.Lock(), {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, ctypes.py_object(FileTimeout))

    timer = threading.Timer(seconds, expire)
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
        if state["fired"]:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, None)  # not yet raised: cleared, raised here
            raise FileTimeout(_timed_out(seconds))


def ingest_paths(db_path: str, paths: list[str], progress: Progress | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1, timeout: float = DEFAULT_TIMEOUT,
                 waiting: Callable[[], None] | None = None, choice: FileChoice = FileChoice(),
                 scheduler: str | None = None, shared_disk: bool = False) -> Summary:
    """Add every text file and web page under `paths` to the archive at `db_path` (`choice` may add or
    leave out files); unchanged files are skipped.

    Files are read, cleaned and extracted by `workers` processes and written, in order, by this
    one, so the archive is the same whatever the number of workers. Files are keyed by their path
    relative to the archive's folder; unchanged ones (same key, same sha256) are skipped before any
    parsing, and the same content under a second key is recorded as a duplicate, not stored twice.
    `progress(items, length)` wraps the stream of files as they are done (a progress bar in the
    CLI); `waiting()` is called when another writer holds the archive. Raises FileNotFoundError for
    a path that does not exist, before anything is written.

    With a `scheduler` (a Dask scheduler's address, or `local`) files are processed on that cluster
    instead (ingest/cluster.py), sent as bytes unless the workers share this machine's disk.
    """
    started = time.perf_counter()
    if scheduler:
        from .cluster import require_distributed

        require_distributed()  # a missing extra is said before the archive is touched
    summary = Summary(files=count_files(paths, choice))
    warm_up()
    archive_dir = os.path.dirname(os.path.abspath(db_path))
    db = store.open_archive(db_path, waiting)
    try:
        known = store.ingested_sources(db)
        writer = store.Writer(db, moved=lambda loc: not os.path.lexists(os.path.join(archive_dir, loc)),
                              waiting=waiting)
        jobs = _jobs(paths, known, archive_dir, max_bytes, timeout, choice)
        if scheduler:
            from .cluster import processed_on_cluster  # only with the cluster extra installed

            results = processed_on_cluster(scheduler, jobs, summary, workers, shared_disk)
        else:
            results = _processed(min(workers, max(summary.files, 1)), jobs, summary)
        shown = _Shown(archive_dir)
        for processed in (progress(results, summary.files) if progress else results):
            if processed.skipped:
                _record_skip(summary, processed, shown)
                continue
            for written in writer.add(processed):
                _record(summary, written, shown)
        for written in writer.flush():
            _record(summary, written, shown)
    finally:
        unfinished = store.close_archive(db)
    if unfinished:
        summary.notes.append(f"{db_path}: {unfinished}")
    summary.files -= summary.other  # `files` counts what was read or refused; `other files` the rest
    summary.seconds = time.perf_counter() - started
    return summary


def location_of(abspath: str, archive_dir: str) -> str:
    """The archive's key for a file: its path relative to the archive's folder, with `/` between parts
    (a name's bytes that are not UTF-8 written as escapes)."""
    return text_path(os.path.relpath(abspath, archive_dir).replace(os.sep, "/"))


def _jobs(paths: list[str], known: dict[str, str], archive_dir: str, max_bytes: int,
          timeout: float, choice: FileChoice) -> Iterator[Job]:
    """One job per entry found, lazily. Only paths that overlap another path given (`seeds seeds`,
    `*.txt 00[12]*.txt`) can meet a file twice, so only their files are remembered, and a repeat
    is skipped, never read again."""
    overlapping = _overlapping([os.path.abspath(p) for p in paths])
    seen: set[str] = set()
    for i, given in enumerate(paths):
        for found in find_files([given], choice):
            location = location_of(found.abspath, archive_dir)
            skip = "not text" if found.other else None
            if i in overlapping and not skip:
                skip = "named twice" if location in seen else None
                seen.add(location)
            yield Job(found, location, max_bytes, timeout, known.get(location), skip)


def _overlapping(roots: list[str]) -> set[int]:
    """Indices of the paths given that are the same as, inside, or around another one given. Looks up
    each path's parent folders, so a shell glob of many thousand files costs no pairwise comparison."""
    where: dict[str, list[int]] = {}
    for i, root in enumerate(roots):
        where.setdefault(root, []).append(i)
    out = {i for indices in where.values() if len(indices) > 1 for i in indices}
    for i, root in enumerate(roots):
        parent = os.path.dirname(root)
        while parent and parent != root:
            if parent in where:
                out.add(i)
                out.update(where[parent])
            root, parent = parent, os.path.dirname(parent)
    return out


def _processed(workers: int, jobs: Iterator[Job], summary: Summary) -> Iterator[ProcessedSource]:
    """The processed files in job order, from a pool of `workers` processes when there is more than one.

    At most IN_FLIGHT_PER_WORKER chunks per worker are handed out ahead of the writer, so results
    cannot pile up in memory when writing is the slower side. A worker that dies (the out-of-memory
    killer) breaks the pool: the chunks it left unfinished are tried again file by file in a fresh
    one, and a file that kills its worker a second time is recorded as an error.
    """
    if workers <= 1:
        for chunk in _chunked(jobs, WORKER_CHUNK):
            yield from process_chunk(chunk)
        return
    chunks = _chunked(jobs, WORKER_CHUNK)
    pending: deque[tuple[list[Job], Future]] = deque()
    pool = _pool(workers)
    try:
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER and (chunk := next(chunks, None)) is not None:
                pending.append((chunk, _submit(pool, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                summary.worker_restarts += 1
                pool.shutdown(wait=True, cancel_futures=True)
                unfinished = [(chunk, future)] + list(pending)
                pending.clear()
                yield from _retried(unfinished)
                pool = _pool(workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


def _submit(pool: ProcessPoolExecutor, chunk: list[Job]) -> Future:
    """The chunk's future; a pool that broke since the last result gives a failed one, which is then
    retried with the rest rather than lost."""
    try:
        return pool.submit(process_chunk, chunk)
    except BrokenProcessPool as e:
        failed: Future = Future()
        failed.set_exception(e)
        return failed


def _chunked(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _retried(unfinished: list[tuple[list[Job], Future]]) -> Iterator[ProcessedSource]:
    """The results of chunks a broken pool left, in order: finished ones as they are, the others
    file by file, each alone in a one-worker pool so that a file that kills it again is known."""
    pool = _pool(1)
    try:
        for chunk, future in unfinished:
            if future.done() and not future.cancelled() and future.exception() is None:
                yield from future.result()
                continue
            for job in chunk:
                try:
                    yield pool.submit(read_and_process, job).result()
                except BrokenProcessPool:
                    pool.shutdown(wait=True)
                    pool = _pool(1)
                    yield ProcessedSource(SourceFile(job.found.path, job.found.abspath, "", 0, location=job.location),
                                          error_stage="read", error=WORKER_DIED)
    finally:
        pool.shutdown(wait=True)


class _Shown:
    """A location as the user would type it: relative to the current folder when under it, else absolute."""

    def __init__(self, archive_dir: str) -> None:
        self.archive_dir, self.here = archive_dir, os.getcwd()

    def __call__(self, location: str) -> str:
        path = os.path.normpath(os.path.join(self.archive_dir, location))
        relative = os.path.relpath(path, self.here)
        return path if relative.startswith("..") else relative


def _record_skip(summary: Summary, processed: ProcessedSource, shown: _Shown) -> None:
    key = shown(processed.source.key)
    if processed.skipped == "unchanged":
        summary.skipped += 1
    elif processed.skipped == "named twice":
        summary.duplicates += 1
        summary.notes.append(f"{key}: named more than once; read once")
    else:
        summary.other += 1
        if len(summary.other_files) < 10:
            summary.other_files.append(key)


def _record(summary: Summary, processed: ProcessedSource, shown: _Shown) -> None:
    key = shown(processed.source.key)
    if processed.error:
        summary.errors += 1
        summary.failures.append((key, f"{processed.error_stage}: {processed.error}"))
        return
    if processed.duplicate_of:
        summary.duplicates += 1
        summary.notes.append(f"{key}: same content as {shown(processed.duplicate_of)}, already archived; not stored again")
        return
    if processed.renamed_from:
        summary.notes.append(f"{key}: same content as {shown(processed.renamed_from)}, which is gone: "
                             f"recorded as renamed, not stored again")
        return
    summary.added += 1
    summary.articles += len(processed.articles)
    for a in processed.articles:
        summary.paragraphs += len(a.paragraphs)
        summary.mentions += len(a.mentions)
        summary.dates += len(a.dates)
        summary.claims += len(a.claims)
