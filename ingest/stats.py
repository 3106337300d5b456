"""Headline figures for the terminal: the overview dashboard's own queries, so both always agree.

The queries live once, in metadata.yml (every_archive → dashboards → overview); their optional
`[[ … :name ]]` filter clauses are filled the way the dashboard fills them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

import yaml
from datasette_dashboards import replace_opts_in_query

from . import store
from .any_archive import named_for

DASHBOARD = "overview"
# Charts printed as lists, in this order, with how many rows to show.
LISTS = {"articles-per-month": 24, "top-people": 10, "top-orgs": 10, "claims-by-subject": 10}
# Columns that only serve the charts (links, labels) and are not printed.
HIDDEN_COLUMNS = {"href", "subject_unit", "person"}


@dataclass
class Figure:
    title: str
    columns: list[str]
    rows: list[tuple]


def stated_number(value: float) -> str:
    """A figure as people write it, in the HTML tables, the reading view and `ingest stats`: 790000.0 →
    `790,000`, 2e+06 → `2,000,000`, 52.3 → `52.3`. Never an exponent; decimals to 12 significant digits
    (no text states more; float noise such as 0.1 + 0.2 goes)."""
    if not math.isfinite(value):
        return repr(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return format(Decimal(f"{value:.12g}"), ",f")


def read_metadata() -> dict:
    """metadata.yml as a dict, read from the package (it links to the top-level file) so an installed
    wheel has it too: every reader goes through here."""
    return yaml.safe_load(resources.files("ingest").joinpath("metadata.yml").read_text(encoding="utf-8"))


def overview_charts(database: str = "archive") -> dict[str, dict]:
    """The overview dashboard's chart definitions from metadata.yml, linking into `database`."""
    charts = read_metadata()["every_archive"]["dashboards"][DASHBOARD]["charts"]
    return named_for(charts, database)


def chart_sql(chart: dict, options: dict[str, str]) -> str:
    """A chart's SQL with its optional filter clauses kept for the options given, dropped otherwise."""
    return replace_opts_in_query(chart["query"], options)


def headline_figures(db_path: str, options: dict[str, str]) -> tuple[dict[str, int], list[Figure]]:
    """The metric charts as {title: number} and the list charts as tables, for the given filters."""
    charts = overview_charts()
    options = {k: v for k, v in options.items() if v}
    metrics: dict[str, int] = {}
    for chart in charts.values():
        if chart["library"] == "metric":
            rows = store.query(db_path, chart_sql(chart, options), options)
            metrics[chart["title"]] = rows[0][chart["display"]["field"]]
    figures = []
    for slug, limit in LISTS.items():
        chart = charts[slug]
        rows = store.query(db_path, chart_sql(chart, options), options)
        columns = [c for c in (rows[0] if rows else {}) if c not in HIDDEN_COLUMNS]
        figures.append(Figure(chart["title"], columns, [tuple(r[c] for c in columns) for r in rows[:limit]]))
    return metrics, figures
