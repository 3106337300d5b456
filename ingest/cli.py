"""The `ingest` command: parse options, call the pipeline, report. Nothing else talks to the terminal."""
from __future__ import annotations

import os
import sqlite3
import sys

import click

from . import __version__
from .pipeline import ingest_paths
from .read import DEFAULT_MAX_BYTES

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
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary line, no progress bar.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this many bytes (recorded as errors, not read).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="the machine's cores",
              help="Processes that read, clean and extract files in parallel; one more writes them, in order.")
def add(db: str, paths: tuple[str, ...], quiet: bool, max_bytes: int, workers: int) -> None:
    """Add the articles in PATHS to the archive DB (created if missing).

    PATHS are text files or folders (searched recursively for *.txt). Files already in the archive
    with the same content are skipped; a changed file replaces its earlier articles. Exit status:
    0 when every file went in, 1 when some failed (each named on stderr), 2 for usage errors.
    """
    def progress(items, length):
        if quiet or length < PROGRESS_MIN_FILES:
            yield from items
            return
        with click.progressbar(items, length=length, label="Ingesting", file=sys.stderr, show_pos=True,
                               item_show_func=lambda p: p.source.path if p else None) as bar:
            yield from bar

    try:
        summary = ingest_paths(db, list(paths), progress=progress, max_bytes=max_bytes, workers=workers)
    except FileNotFoundError as e:
        raise click.UsageError(str(e)) from None
    except sqlite3.DatabaseError as e:
        raise click.ClickException(f"{db}: cannot use as an archive: {e}") from None
    for path, message in summary.failures:
        click.echo(f"error: {path}: {message}", err=True)
    click.echo(summary.line())
    if summary.errors:
        sys.exit(1)


def main() -> None:
    cli()
