"""The overview page's charts and `ingest stats`: the same queries, checked against the seed archive."""
import sqlite3
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from ingest.stats import chart_sql, headline_figures, overview_charts

CHARTS = overview_charts()


def run_chart(db, slug, **options):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    return [dict(r) for r in conn.execute(chart_sql(CHARTS[slug], options), options)]


def scalar(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchone()[0]


def test_metric_charts_count_what_the_tables_hold(seed_db):
    assert run_chart(seed_db, "articles-count") == [{"articles": 8}]
    assert run_chart(seed_db, "claims-count") == [{"claims": scalar(seed_db, "SELECT count(*) FROM numeric_claims")}]
    people = scalar(seed_db, "SELECT count(DISTINCT m.entity_id) FROM mentions m JOIN entities e ON e.id = m.entity_id "
                             "WHERE e.type = 'person'")
    assert run_chart(seed_db, "people-count") == [{"people": people}]
    assert people >= 30


def test_site_and_date_filters_narrow_every_chart(seed_db):
    assert run_chart(seed_db, "articles-count", site="北京市延庆医院") == [{"articles": 1}]
    assert run_chart(seed_db, "articles-count", date_start="2022-06-01", date_end="2022-06-30") == [{"articles": 1}]
    assert run_chart(seed_db, "articles-count", date_start="2023-01-01") == [{"articles": 0}]
    people = [r["name"] for r in run_chart(seed_db, "top-people", site="北京市延庆医院")]
    assert sorted(people) == ["张阳", "高冰"]


def test_articles_per_month_links_to_its_articles(seed_db):
    dated_id = scalar(seed_db, "SELECT id FROM articles WHERE published_date = '2022-06-07'")
    assert run_chart(seed_db, "articles-per-month") == [
        {"month": "2022-06", "basis": "publication date", "articles": 1, "href": f"/archive/articles?id__in={dated_id}"}]


def test_top_people_show_titles_and_link_to_their_mentions(seed_db):
    rows = run_chart(seed_db, "top-people")
    assert len(rows) == 15
    assert rows[0]["name"] == "刘亮亮" and "副领队" in rows[0]["titles"]
    assert rows[0]["mentions"] == scalar(seed_db, "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
                                                  "WHERE e.name = '刘亮亮'")
    reporters = {r["name"]: r for r in rows if r["titles"] == "记者"}
    assert reporters["张丽"]["articles"] == 3
    entity = parse_qs(urlparse(rows[0]["href"]).query)["entity_id"][0]
    assert scalar(seed_db, "SELECT name FROM entities WHERE id = ?", entity) == "刘亮亮"


def test_top_orgs_are_ranked_by_articles_with_exact_counts(seed_db):
    rows = run_chart(seed_db, "top-orgs")
    assert len(rows) == 15
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)
    for r in rows:
        assert r["articles"] == scalar(seed_db, "SELECT count(DISTINCT m.article_id) FROM mentions m JOIN entities e "
                                                "ON e.id = m.entity_id WHERE e.type = 'org' AND e.name = ?",
                                       r["organisation"])


def test_claims_about_a_subject_over_time_and_by_unit(seed_db):
    by_subject = run_chart(seed_db, "claims-by-subject", subject="核酸")
    assert by_subject and all("核酸" in r["subject"] for r in by_subject)
    assert sum(r["claims"] for r in by_subject) == scalar(
        seed_db, "SELECT count(*) FROM numeric_claims WHERE subject LIKE '%核酸%' AND unit IS NOT NULL")
    over_time = run_chart(seed_db, "claims-over-time", subject="核酸")
    assert {r["month"] for r in over_time} == {"2022-06"}  # only the dated article places claims in time
    assert max(r["value"] for r in over_time) == 790000
    assert all(r["href"].startswith("/archive/numeric_claims/") for r in over_time)


def test_ingest_stats_prints_the_overview_figures(seed_db):
    result = CliRunner().invoke(cli, ["stats", str(seed_db)])
    assert result.exit_code == 0, result.output
    metrics, figures = headline_figures(str(seed_db), {})
    first = result.output.splitlines()[0]
    assert first == ", ".join(f"{k}: {v}" for k, v in metrics.items())
    assert first.startswith("Articles: 8, People: ")
    assert "Most mentioned people, with their titles" in result.output
    assert "  2022-06  publication date  1" in result.output
    filtered = CliRunner().invoke(cli, ["stats", str(seed_db), "--site", "北京市延庆医院"])
    assert filtered.output.startswith("Articles: 1, ")


def test_ingest_stats_on_a_missing_archive_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert f"Error: {tmp_path / 'none.db'}: no such archive" in result.output


@pytest.mark.asyncio
async def test_the_overview_page_is_served(seed_db):
    from test_datasette import METADATA_FOR_TESTS
    from datasette.app import Datasette
    ds = Datasette([str(seed_db)], metadata=METADATA_FOR_TESTS)
    r = await ds.client.get("/-/dashboards/overview")
    assert r.status_code == 200
    for slug, chart in CHARTS.items():
        assert f'id="chart-{slug}"' in r.text
