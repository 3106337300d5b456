"""The `ingest` command: parse options, call the pipeline, report. Nothing else talks to the terminal."""
from __future__ import annotations

import os
import sqlite3
import sys
import unicodedata

import click

from . import __version__
from .pipeline import ingest_paths
from .read import DEFAULT_MAX_BYTES
from .stats import headline_figures

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
    cells = [[("" if v is None else f"{v:g}" if isinstance(v, float) else str(v)) for v in row] for row in rows]
    widths = [max(_width(c) for c in [col] + [r[i] for r in cells]) for i, col in enumerate(columns)]
    pad = lambda text, w: text + " " * (w - _width(text))  # noqa: E731
    lines = ["  " + "  ".join(pad(c, w) for c, w in zip(columns, widths))]
    lines += ["  " + "  ".join(pad(c, w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(line.rstrip() for line in lines)


def main() -> None:
    cli()
