"""Pages that don't mislead (issue #21): README links, canned-query titles, snippets and chart axes."""
import html
import json
import re
from pathlib import Path

import pytest
from datasette.app import Datasette

from ingest.normalise import normalise
from ingest.stats import overview_charts, read_metadata

ROOT = Path(__file__).resolve().parent.parent
README_LINKS = re.findall(r"<http://127\.0\.0\.1:8001(/[^>]*)>", (ROOT / "README.md").read_text(encoding="utf-8"))
EVERY_ARCHIVE = read_metadata()["every_archive"]


@pytest.fixture
def ds(seed_db):
    return Datasette([str(seed_db)], settings={"sql_time_limit_ms": 1000})


def json_path(path: str) -> str | None:
    """The `.json` form of a table or canned-query link; None for the plugin's own pages."""
    if path.startswith("/-/") or "/-/" in path:
        return None
    page, _, query = path.partition("?")
    page = page if page.endswith(".json") else page.removesuffix(".excel_csv").removesuffix(".csv") + ".json"
    return page + ("?" + query if query else "")


def test_the_readme_has_links_to_open():
    assert len(README_LINKS) >= 15


@pytest.mark.asyncio
@pytest.mark.parametrize("path", README_LINKS)
async def test_every_readme_link_opens_and_shows_each_facet_once(ds, path):
    r = await ds.client.get(path)
    assert r.status_code == 200, path
    json_link = json_path(path)
    if json_link is None:
        return
    data = (await ds.client.get(json_link)).json()
    facets = data.get("facet_results") or {}
    assert not [name for name in facets if re.search(r"_\d+$", name)], (path, list(facets))


ARCHIVE_QUERIES = EVERY_ARCHIVE["database"]["queries"]
QUERY_ARGUMENTS = {"search": "?q=口罩", "article_text": "?article_id=1", "said_on_date": "?date=2022",
                   "claims_about": "?keyword=口罩"}


def test_every_canned_query_has_a_title_and_a_description():
    for name, query in ARCHIVE_QUERIES.items():
        assert query.get("title"), name
        assert query.get("description") or query.get("description_html"), name


@pytest.mark.asyncio
@pytest.mark.parametrize("name", sorted(ARCHIVE_QUERIES))
async def test_a_canned_query_page_is_titled_by_its_title_not_its_sql(ds, name):
    r = await ds.client.get(f"/archive/{name}" + QUERY_ARGUMENTS.get(name, ""))
    assert r.status_code == 200
    title = html.escape(ARCHIVE_QUERIES[name]["title"], quote=False)
    assert re.search(r"<title>\s*(.*?)\s*</title>", r.text, re.S).group(1) == title
    assert re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", r.text, re.S).group(1) == title


@pytest.mark.asyncio
@pytest.mark.parametrize("extension", [".json", ".csv"])
async def test_search_exports_plain_snippets_while_its_page_highlights(ds, extension):
    data = await ds.client.get(f"/archive/search{extension}", params={"q": "醫用口罩 口罩"})
    assert data.status_code == 200
    text = json.dumps(data.json(), ensure_ascii=False) if extension == ".json" else data.text
    assert "口罩" in text and "⟦" not in text and "⟧" not in text
    page = await ds.client.get("/archive/search", params={"q": "醫用口罩"})
    assert "<mark>醫用口罩</mark>" in page.text and "<mark>医用口罩</mark>" in page.text
    assert "⟦" not in page.text


@pytest.mark.asyncio
async def test_search_hits_point_at_the_words_searched_for(ds):
    r = await ds.client.get("/archive/search.json", params={"q": "口罩", "_shape": "array"})
    rows = r.json()
    assert rows
    for row in rows:
        hits = json.loads(row["hits"])
        assert hits and all(normalise(row["snippet"][s:e]) == "口罩" for s, e in hits)


def counted_fields(sql: str) -> set[str]:
    """Columns a chart query gives as counts: `count(…) AS name` or a kept `…_count AS name`."""
    return set(re.findall(r"(?:count\([^()]*\)|\w+_count)\s+AS\s+(\w+)", sql, re.I))


def test_every_count_axis_has_whole_number_ticks():
    checked = []
    for slug, chart in overview_charts().items():
        if chart["library"] != "vega-lite":
            continue
        counts = counted_fields(chart["query"])
        for channel, encoding in chart["display"]["encoding"].items():
            if isinstance(encoding, dict) and encoding.get("type") == "quantitative" and encoding["field"] in counts:
                axis = encoding.get("axis") or {}
                assert axis.get("tickMinStep") == 1 and axis.get("format") == "d", (slug, channel)
                checked.append(slug)
    assert sorted(checked) == ["articles-per-month", "claims-by-subject", "top-orgs", "top-people"]


def test_every_chart_names_the_vega_lite_version_the_page_loads():
    import datasette_dashboards
    bundled = Path(datasette_dashboards.__file__).parent / "static" / "vega-lite.min.js"
    major = re.search(r'var \w+="(\d+)\.\d+\.\d+"', bundled.read_text(encoding="utf-8")[:2000]).group(1)
    charts = [c for c in overview_charts().values() if c["library"] == "vega-lite"]
    assert charts
    for chart in charts:
        assert chart["display"]["$schema"] == f"https://vega.github.io/schema/vega-lite/v{major}.json", chart["title"]
