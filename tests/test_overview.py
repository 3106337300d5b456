"""The overview page's charts and `ingest stats`: the same queries, checked against the seed archive."""
import sqlite3
from collections import Counter
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from ingest.stats import chart_sql, headline_figures, overview_charts, read_metadata

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


def test_undated_articles_are_counted_beside_the_monthly_chart(seed_db):
    undated = scalar(seed_db, "SELECT count(*) FROM articles WHERE day IS NULL")
    assert undated == 7  # one seed article in eight carries a date
    assert run_chart(seed_db, "undated-count") == [{"undated": undated}]
    monthly = sum(r["articles"] for r in run_chart(seed_db, "articles-per-month"))
    assert monthly + undated == run_chart(seed_db, "articles-count")[0]["articles"]
    assert run_chart(seed_db, "undated-count", site="北京市延庆医院") == [{"undated": 0}]
    assert run_chart(seed_db, "undated-count", date_start="2022-01-01") == [{"undated": 0}]
    layout = read_metadata()["every_archive"]["dashboards"]["overview"]["layout"]
    assert ["articles-per-month", "articles-per-month", "articles-per-month", "undated-count"] in layout
    result = CliRunner().invoke(cli, ["stats", str(seed_db)])
    assert result.output.splitlines()[0].endswith(", Undated articles: 7")


def test_claims_are_placed_by_their_own_period_else_their_article(pages3_db, seed_db):
    rows = {r["href"].rsplit("/", 1)[1]: r for r in run_chart(pages3_db, "claims-over-time")}
    as_of = scalar(pages3_db, "SELECT id FROM numeric_claims WHERE surface = '90.2%' AND period = '截至9月'")
    assert scalar(pages3_db, "SELECT a.day FROM numeric_claims c JOIN articles a ON a.id = c.article_id "
                             "WHERE c.id = ?", as_of) == "2023-10-18"
    assert (rows[str(as_of)]["month"], rows[str(as_of)]["placed_by"]) == ("2023-09", "the claim's period")
    by_period = [r for r in rows.values() if r["placed_by"] == "the claim's period"]
    assert len(by_period) == scalar(pages3_db, "SELECT count(*) FROM numeric_claims WHERE subject IS NOT NULL AND "
                                               "(period_end > period_start OR period LIKE '截%')")
    unperiodised = scalar(pages3_db, "SELECT c.id FROM numeric_claims c WHERE c.period IS NULL AND c.subject IS NOT NULL")
    assert rows[str(unperiodised)]["placed_by"] == "the article's date"
    assert rows[str(unperiodised)]["month"] == scalar(
        pages3_db, "SELECT substr(a.day, 1, 7) FROM numeric_claims c JOIN articles a ON a.id = c.article_id "
                   "WHERE c.id = ?", unperiodised)
    # `4月23日以来` (since 23 April) runs up to the article's date, so that is where the figure stands
    since = [r for r in run_chart(seed_db, "claims-over-time", subject="核酸") if r["surface"] == "79万余人次"]
    assert [(r["month"], r["placed_by"]) for r in since] == [("2022-06", "the article's date")]
    assert {r["month"] for r in run_chart(pages3_db, "claims-over-time", date_start="2023-09-01",
                                          date_end="2023-09-30")} == {"2023-09"}


def test_claims_over_time_draws_a_row_per_leading_subject(pages3_db):
    rows = run_chart(pages3_db, "claims-over-time")
    assert len(rows) == scalar(pages3_db, "SELECT count(*) FROM numeric_claims c JOIN articles a ON a.id = c.article_id "
                                          "WHERE c.subject IS NOT NULL AND a.day IS NOT NULL")
    counts = Counter(r["subject"] for r in rows)
    leading = sorted(counts, key=lambda s: (-counts[s], s))[:4]
    ranks = {r["series"]: r["series_rank"] for r in rows}
    assert sorted(ranks, key=ranks.get) == leading + ["other"]
    assert all(r["series"] == (r["subject"] if r["subject"] in leading else "other") for r in rows)
    display = CHARTS["claims-over-time"]["display"]
    assert display["encoding"]["row"]["field"] == "series"
    assert display["resolve"] == {"scale": {"y": "independent"}}


def test_claims_over_time_keeps_every_month_when_it_holds_back_points(pages3_db):
    """At most 500 points: the largest of every month in every row first, then the largest of the rest.
    Shown here with the cap lowered to just above the number of (row, month) pairs of pages3."""
    rows = run_chart(pages3_db, "claims-over-time")
    pairs = {(r["series"], r["month"]) for r in rows}
    assert len(rows) > len(pairs) + 3
    chart = dict(CHARTS["claims-over-time"], query=CHARTS["claims-over-time"]["query"].replace(
        "LIMIT 500", f"LIMIT {len(pairs) + 3}"))
    conn = sqlite3.connect(pages3_db)
    conn.row_factory = sqlite3.Row
    capped = [dict(r) for r in conn.execute(chart_sql(chart, {}))]
    assert len(capped) == len(pairs) + 3 and {(r["series"], r["month"]) for r in capped} == pairs
    def without_each_largest(points):  # the values left once each (row, month)'s largest is taken out
        values = sorted((r["value"] for r in points), reverse=True)
        for pair in pairs:
            values.remove(max(r["value"] for r in points if (r["series"], r["month"]) == pair))
        return values
    assert without_each_largest(capped) == without_each_largest(rows)[:3]
