"""Datasette settings for every archive `ingest` built, whatever its file is called.

metadata.yml writes the archive's settings once, under `every_archive`, with `{database}` where a
database's name belongs (links, chart sources). These pure functions recognise an archive by its
schema and fill that block in for the names being served; the plugin's hooks call them.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

NAME_MARK = "{database}"
# What makes a database an ingest archive: these tables with these columns (see schema.sql).
ARCHIVE_SCHEMA = {"sources": {"location", "sha256"}, "articles": {"source_id", "title"},
                  "paragraphs": {"article_id", "text"}, "paragraphs_fts": set()}
INSTANCE_KEYS = ("title", "description_html", "license", "source")
DASHBOARDS_PLUGIN = "datasette-dashboards"


def named_for(value: Any, database: str) -> Any:
    """A fresh copy of a settings block with every `{database}` replaced by the database's name."""
    if isinstance(value, str):
        return value.replace(NAME_MARK, database)
    if isinstance(value, dict):
        return {k: named_for(v, database) for k, v in value.items()}
    if isinstance(value, list):
        return [named_for(v, database) for v in value]
    return value


def is_archive_schema(columns: dict[str, set[str]]) -> bool:
    """True when every table an archive has is there with the columns it needs."""
    return all(table in columns and needed <= columns[table] for table, needed in ARCHIVE_SCHEMA.items())


def is_archive_file(path: str) -> bool:
    """Whether the SQLite file at `path` is an ingest archive (re-read only when the file changes)."""
    try:
        return _is_archive_file(path, Path(path).stat().st_mtime_ns)
    except OSError:
        return False


@lru_cache(maxsize=256)
def _is_archive_file(path: str, mtime_ns: int) -> bool:
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
            return is_archive_schema({t: {r[1] for r in conn.execute("select * from pragma_table_info(?)", (t,))}
                                      for t in tables})
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def archive_metadata(every_archive: dict, names: list[str]) -> dict:
    """Datasette metadata giving each named archive the block's tables, settings and dashboards.

    Canned queries are left out: the plugin adds them per database, below the user's own.
    """
    if not names:
        return {}
    database = {k: v for k, v in every_archive["database"].items() if k != "queries"}
    return {
        **{k: named_for(every_archive[k], names[0]) for k in INSTANCE_KEYS if k in every_archive},
        "databases": {name: named_for(database, name) for name in names},
        "plugins": {DASHBOARDS_PLUGIN: archive_dashboards(every_archive.get("dashboards") or {}, names)},
    }


def archive_dashboards(dashboards: dict, names: list[str]) -> dict:
    """Every dashboard once per archive: under its own slug for the first, `slug-name` for the others."""
    return {(slug if i == 0 else f"{slug}-{name}"): named_for(board, name)
            for i, name in enumerate(names) for slug, board in dashboards.items()}


def archive_queries(every_archive: dict, database: str, own: dict) -> dict:
    """The block's canned queries for one archive, except those its own metadata already defines."""
    queries = every_archive["database"].get("queries") or {}
    return {name: named_for(q, database) for name, q in queries.items() if name not in own}


def search_parameters(query_string: str) -> list[str]:
    """The full-text search parameters a table URL asks for (`_search`, `_search_<column>`), if not empty."""
    return [k for k, v in parse_qsl(query_string) if v.strip() and (k == "_search" or k.startswith("_search_"))]


def no_search_message(table: str, parameters: list[str]) -> str:
    """What a table without a full-text index answers to a search, instead of listing every row."""
    return (f"Table {table!r} has no full-text search index, so {', '.join(parameters)} cannot be served: "
            "no rows were filtered.")
