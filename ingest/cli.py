"""The `ingest` command: parse options, call the pipeline, report. Nothing else talks to the terminal."""
from __future__ import annotations

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
def add(db: str, paths: tuple[str, ...], quiet: bool, max_bytes: int) -> None:
    """Add the articles in PATHS to the archive DB (created if missing).

    PATHS are text files or folders (searched recursively for *.txt). Files already in the archive
    with the same content are skipped; a changed file replaces its earlier articles. Exit status:
    0 when every file went in, 1 when some failed (each named on stderr), 2 for usage errors.
    """
    def progress(files):
        if quiet or len(files) < PROGRESS_MIN_FILES:
            return files
        return click.progressbar(files, label="Ingesting", file=sys.stderr, show_pos=True,
                                 item_show_func=lambda f: f[1] if f else None)

    def with_bar(files):
        bar = progress(files)
        if bar is files:
            yield from files
            return
        with bar as items:
            yield from items

    try:
        summary = ingest_paths(db, list(paths), progress=with_bar, max_bytes=max_bytes)
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
