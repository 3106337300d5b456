"""Every page of the archive a person is likely to open, with the parameters they would use.

Shared by tests/test_scale_pages.py (nothing may hit the SQL time limit) and
benchmarks/bench_datasette.py (how long each takes on a 50,000-article archive).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlencode

import yaml
from datasette_dashboards import replace_opts_in_query

ROOT = Path(__file__).resolve().parent.parent
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
SETTINGS = {"sql_time_limit_ms": 1000, "suggest_facets": False}  # as `make serve` runs it
# Facets a person clicks, beyond the configured ones.
EXTRA_FACETS = {"entities": ["type"], "mentions": ["role"], "date_mentions": ["year", "month", "year_source"],
                "numeric_claims": ["unit", "qualifier", "unit_normalised"], "paragraphs": ["kind"],
                "articles": ["site", "script", "published_date"], "sources": ["status", "encoding"],
                "dropped_lines": ["rule"], "ingest_errors": ["stage"]}
QUERY_PARAMS = {"search": {"q": "口罩"}, "article_text": {"article_id": "1"}, "said_on_date": {"date": "2022-04"},
                "claims_about": {"keyword": "核酸"}}


def page_paths(db_path: Path) -> list[str]:
    """JSON paths (so a timed-out facet shows) for table pages, facets, filters, searches, canned queries
    and the overview charts, with real values from the archive at `db_path`."""
    conn = sqlite3.connect(db_path)
    tables = METADATA["every_archive"]["database"]["tables"]
    paths = []
    for table, config in tables.items():
        paths.append(f"/archive/{table}.json")
        facets = list(dict.fromkeys(config.get("facets", []) + EXTRA_FACETS.get(table, [])))
        if facets:
            paths.append(f"/archive/{table}.json?" + urlencode([("_facet", f) for f in facets]))
    top_entity = conn.execute("SELECT id FROM entities ORDER BY mention_count DESC LIMIT 1").fetchone()
    paths += [
        f"/archive/mentions.json?entity_id={top_entity[0] if top_entity else 1}&_facet=role",
        "/archive/numeric_claims.json?" + urlencode({"subject__contains": "核酸", "_sort_desc": "value"}),
        "/archive/articles.json?" + urlencode({"published_date__startswith": "2022", "_facet": "site"}),
        "/archive/entities.json?type=person&_sort_desc=article_count",
        "/archive/paragraphs.json?" + urlencode({"_search": "口罩"}),
        "/archive/paragraphs.json?" + urlencode({"_search": "的"}),
        "/archive/articles.json?" + urlencode({"_search": "核酸检测"}),
    ]
    for name in METADATA["every_archive"]["database"]["queries"]:
        paths.append(f"/archive/{name}.json?" + urlencode(QUERY_PARAMS.get(name, {})))
    charts = METADATA["every_archive"]["dashboards"]["overview"]["charts"]
    for options in ({}, {"subject": "核酸", "date_start": "2022-01-01", "date_end": "2022-12-31"}):
        for chart in charts.values():
            sql = replace_opts_in_query(chart["query"], options)
            paths.append("/archive.json?" + urlencode({"sql": sql, **options}))
    return paths
