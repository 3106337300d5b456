"""The `ingest` command: parse options, call the pipeline, report. Nothing else talks to the terminal."""
from __future__ import annotations

import os
import sqlite3
import sys
import unicodedata

import click

from . import __version__
from .cluster import ClusterError
from .store.merge import MergeError, merge_archives
from .pipeline import DEFAULT_TIMEOUT, ingest_paths
from .read import DEFAULT_MAX_BYTES, FileChoice
from .stats import headline_figures, stated_number

# Below this many files a progress bar is more noise than help.
PROGRESS_MIN_FILES = 6


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ingest")
def cli() -> None:
    """Build a searchable SQLite archive of Chinese news articles from saved text files.

    Each file is read, split into articles, cleaned of page chrome, converted to Simplified
    script, and stored with its paragraphs, people, organisations, places, dates and numeric
    claims. Serve the result with Datasette (`make serve`).
    """


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary line, no progress bar or notes.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this many bytes (recorded as errors, not read).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the machine's cores",
              help="Processes that read, clean and extract files in parallel; one more writes them, in order.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds one file may take; a slower file is recorded as an error and the run goes on.")
@click.option("--include", multiple=True, metavar="PATTERN",
              help="Also read files in folders that match PATTERN (e.g. '*.md'), as text; repeat for more.")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Do not read files that match PATTERN (e.g. 'drafts/*'); they are counted and named. Repeatable.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Process the files on a Dask cluster: its scheduler's address (tcp://HOST:8786), or `local` "
                   "for a LocalCluster of --workers processes. Needs the cluster extra.")
@click.option("--shared-disk", is_flag=True,
              help="With --scheduler: the workers see the files at the same paths, so paths are sent, not bytes.")
def add(db: str, paths: tuple[str, ...], quiet: bool, max_bytes: int, workers: int, timeout: float,
        include: tuple[str, ...], exclude: tuple[str, ...], scheduler: str | None, shared_disk: bool) -> None:
    """Add the articles in PATHS to the archive DB (created if missing).

    PATHS are files or folders, searched recursively for text files (*.txt) and saved web pages
    (*.html, *.htm: the main text and metadata found by trafilatura); other files are counted and
    named. PATTERNs are shell patterns on a file's name or its path inside the folder given.
    Files are keyed by their path relative to DB's folder: an unchanged file is skipped, a
    changed one replaces its earlier articles, and the same content under another name is recorded
    as a duplicate, not stored twice. Exit status: 0 when every file went in, 1 when some failed
    (each named on stderr), 2 for usage errors.
    """
    def progress(items, length):
        if quiet or length < PROGRESS_MIN_FILES:
            yield from items
            return
        with click.progressbar(items, length=length, label="Ingesting", file=sys.stderr, show_pos=True,
                               item_show_func=lambda p: printable(p.source.key) if p else None) as bar:
            yield from bar

    def waiting():
        click.echo(f"waiting: another process is writing to {printable(db)}; this run goes on when it is done",
                   err=True)

    folder = os.path.dirname(os.path.abspath(db))
    if not os.path.isdir(folder):
        raise click.UsageError(f"{printable(db)}: the folder {printable(folder)} does not exist")
    try:
        summary = ingest_paths(db, list(paths), progress=progress, max_bytes=max_bytes, workers=workers,
                               timeout=timeout, waiting=waiting, choice=FileChoice(include, exclude),
                               scheduler=scheduler, shared_disk=shared_disk)
    except ClusterError as e:
        raise click.ClickException(printable(str(e))) from None
    except FileNotFoundError as e:
        raise click.UsageError(printable(str(e))) from None
    except sqlite3.DatabaseError as e:
        raise click.ClickException(f"{printable(db)}: cannot use as an archive: {e}") from None
    _report(summary, quiet)
    if summary.errors:
        sys.exit(1)


@cli.command()
@click.argument("out", type=click.Path(dir_okay=False))
@click.argument("shards", nargs=-1, required=True, type=click.Path(dir_okay=False))
def merge(out: str, shards: tuple[str, ...]) -> None:
    """Merge the shard archives SHARDS into the archive OUT (created if missing), in the order given.

    Shards are archives of distinct files built apart (`ingest add` on each machine, or on each folder
    of a large corpus). Merged in the order a single `ingest add` would have met their files, the result
    is row for row that single run's archive: content already held by an earlier shard becomes a
    duplicate, entities named in several shards are one row, and search is indexed once at the end.
    """
    try:
        merged = merge_archives(out, list(shards))
    except MergeError as e:
        raise click.ClickException(printable(str(e))) from None
    except sqlite3.DatabaseError as e:
        raise click.ClickException(f"{printable(out)}: cannot merge: {e}") from None
    for shard in merged:
        click.echo(f"{printable(shard.path)}: files {shard.sources}, articles {shard.articles}, "
                   f"now duplicates {shard.duplicates}")


def _report(summary, quiet: bool) -> None:
    """Errors always; notes (duplicates, files not read, a busy -wal) unless quiet; then the summary line."""
    for path, message in summary.failures:
        click.echo(f"error: {printable(path)}: {printable(message)}", err=True)
    if not quiet:
        for note in summary.notes:
            click.echo(f"note: {printable(note)}", err=True)
        if summary.other:
            named = ", ".join(printable(p) for p in summary.other_files)
            more = f" and {summary.other - len(summary.other_files)} more" if summary.other > len(summary.other_files) else ""
            click.echo(f"note: {summary.other} file(s) not read (not .txt or .html, or left out by --exclude): "
                       f"{named}{more}", err=True)
        if summary.worker_restarts:
            click.echo(f"note: a worker process died {summary.worker_restarts} time(s); the files it held were "
                       "tried again one by one", err=True)
    click.echo(summary.line())


def printable(text: str) -> str:
    """A file name or message as one line: control characters (a newline in a file name) escaped,
    so no name can forge a line of the report."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


@cli.command()
@click.argument("db", type=click.Path(dir_okay=False))
@click.option("--site", help="Only articles from this site (as in articles.site).")
@click.option("--from", "date_start", metavar="YYYY-MM-DD", help="Only articles dated on or after this day.")
@click.option("--to", "date_end", metavar="YYYY-MM-DD", help="Only articles dated on or before this day.")
@click.option("--subject", help="Only numeric claims whose subject contains this text (e.g. 核酸).")
def stats(db: str, site: str | None, date_start: str | None, date_end: str | None, subject: str | None) -> None:
    """Print the archive's headline figures: the same numbers as the overview page.

    Counts of articles, people, organisations and claims, then articles per month, the most
    mentioned people with their titles, organisations by article count and claims by subject.
    """
    options = {"site": site, "date_start": date_start, "date_end": date_end, "subject": subject}
    try:
        metrics, figures = headline_figures(db, options)
    except FileNotFoundError as e:
        raise click.ClickException(str(e)) from None
    except sqlite3.DatabaseError as e:
        raise click.ClickException(f"{db}: cannot read as an archive: {e}") from None
    click.echo(", ".join(f"{title}: {value}" for title, value in metrics.items()))
    for figure in figures:
        click.echo(f"\n{figure.title}")
        if not figure.rows:
            click.echo("  (none)")
            continue
        click.echo(_table(figure.columns, figure.rows))


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(columns: list[str], rows: list[tuple]) -> str:
    cells = [[("" if v is None else stated_number(v) if isinstance(v, float) else str(v)) for v in row]
             for row in rows]
    widths = [max(_width(c) for c in [col] + [r[i] for r in cells]) for i, col in enumerate(columns)]
    pad = lambda text, w: text + " " * (w - _width(text))  # noqa: E731
    lines = ["  " + "  ".join(pad(c, w) for c, w in zip(columns, widths))]
    lines += ["  " + "  ".join(pad(c, w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def main() -> None:
    cli()
