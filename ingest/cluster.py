"""Processing on a Dask cluster: the same jobs as a local run, read, cleaned and extracted by the
cluster's workers, handed back to this process's one writer in file order.

Dask (the `cluster` extra) runs the same on a laptop's LocalCluster, on Kubernetes and on Slurm or
PBS through dask-jobqueue. The files are read here and their bytes sent with each task, so workers
need no shared disk (`shared_disk` sends paths instead). At most IN_FLIGHT_PER_WORKER chunks per
worker thread are out at a time, so memory stays flat whatever the corpus. A worker that dies is
replaced and its tasks run again by Dask; a chunk that keeps killing workers is tried file by file,
and a file that does so alone is an error row, like a local run.
"""
from __future__ import annotations

import hashlib
import logging
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from .pipeline import IN_FLIGHT_PER_WORKER, WORKER_CHUNK, WORKER_DIED, Job, process_chunk, read_and_process, warm_up
from .read import read_head
from .records import ProcessedSource, SourceFile, Summary

NEEDS_EXTRA = "--scheduler needs the cluster extra: pip install 'chinese-news-archive[cluster]'"
# How long to wait for a scheduler to answer, and for its first worker to join.
CONNECT_SECONDS = 30


class ClusterError(Exception):
    """The cluster cannot be used: the extra is missing or the scheduler cannot be reached."""


def require_distributed():
    """The `distributed` module, imported only when a run names a scheduler."""
    try:
        import distributed
    except ImportError:
        raise ClusterError(NEEDS_EXTRA) from None
    return distributed


def processed_on_cluster(scheduler: str, jobs: Iterator[Job], summary: Summary, workers: int,
                         shared_disk: bool = False) -> Iterator[ProcessedSource]:
    """The processed files in job order, worked out on the Dask cluster at `scheduler` (an address such
    as tcp://host:8786, or `local` for a LocalCluster of `workers` processes on this machine)."""
    distributed = require_distributed()
    with _client(distributed, scheduler, workers) as client:
        slots = max(1, sum(client.nthreads().values())) * IN_FLIGHT_PER_WORKER
        units = (_sendable(job, shared_disk) for job in jobs)
        yield from _in_order(distributed, client, _chunked(units, WORKER_CHUNK), slots, summary)


@contextmanager
def _client(distributed, scheduler: str, workers: int):
    """A client of the scheduler named, or of a LocalCluster started (and stopped) for this run."""
    try:
        if scheduler == "local":
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=":0", silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
        else:
            cluster, client = None, distributed.Client(scheduler, timeout=CONNECT_SECONDS)
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot use the Dask scheduler at {scheduler}: {e}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _sendable(job: Job, shared_disk: bool) -> Job | ProcessedSource:
    """What a worker needs for this job (the job with its file's bytes), or the job's result when no
    worker is needed: a skip, a file that cannot be read or is too large, or one archived unchanged."""
    if shared_disk:
        return job
    if job.skip or job.found.problem:
        return read_and_process(job)
    try:
        data = read_head(job.found.abspath, job.max_bytes)
    except OSError:
        return read_and_process(job)  # cannot be opened: read here again, for the same error row as a local run
    if len(data) > job.max_bytes:
        return read_and_process(job)  # the local run's `file too large` row, the file hashed in blocks
    job = replace(job, data=data)
    if job.known_sha256 == hashlib.sha256(data).hexdigest():
        return read_and_process(job)  # skipped unchanged, without sending it anywhere
    return job


def _chunked(units: Iterator[Job | ProcessedSource], size: int) -> Iterator[list[Job | ProcessedSource]]:
    """Runs of `size` units that need a worker, with the results already known between them."""
    chunk: list[Job | ProcessedSource] = []
    jobs = 0
    for unit in units:
        chunk.append(unit)
        jobs += isinstance(unit, Job)
        if jobs == size:
            yield chunk
            chunk, jobs = [], 0
    if chunk:
        yield chunk


def _in_order(distributed, client, chunks: Iterator[list], slots: int, summary: Summary) -> Iterator[ProcessedSource]:
    """Submit chunks, at most `slots` ahead of the writer, and yield their results in order."""
    pending: deque = deque()
    while True:
        while len(pending) < slots and (chunk := next(chunks, None)) is not None:
            jobs = [u for u in chunk if isinstance(u, Job)]
            pending.append((chunk, client.submit(process_jobs, jobs, pure=False) if jobs else None))
        if not pending:
            return
        chunk, future = pending.popleft()
        results = iter(_results(distributed, client, future, chunk, summary) if future is not None else [])
        yield from (next(results) if isinstance(u, Job) else u for u in chunk)


def _results(distributed, client, future, chunk: list, summary: Summary) -> list[ProcessedSource]:
    """A chunk's results; when its task killed every worker it was tried on (Dask's KilledWorker after
    `distributed.scheduler.allowed-failures` retries), each file is tried alone."""
    try:
        return future.result()
    except distributed.KilledWorker:
        summary.worker_restarts += 1
        return [_alone(distributed, client, job) for job in chunk if isinstance(job, Job)]


def _alone(distributed, client, job: Job) -> ProcessedSource:
    try:
        return client.submit(process_jobs, [job], pure=False).result()[0]
    except distributed.KilledWorker:
        return ProcessedSource(SourceFile(job.found.path, job.found.abspath, "", 0, location=job.location),
                               error_stage="read", error=WORKER_DIED)


_warm = False


def process_jobs(jobs: list[Job]) -> list[ProcessedSource]:
    """The task a worker runs: read (or take the bytes sent) and process each file of a chunk. The
    first task on a worker loads the word lists and models first, outside any file's time budget."""
    global _warm
    if not _warm:
        warm_up()
        _warm = True
    return process_chunk(jobs)
