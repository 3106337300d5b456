"""Numbers shown as stated (issue #21) and the CSV for Excel: HTML pages show `6,000,000` beside the
claim's own `600余万元`, JSON and CSV keep the numeric value, and `.excel_csv` is that CSV with a BOM."""
import csv
import io
import re
import sqlite3

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from ingest.cli import cli

from ingest.datasette_plugin import UTF8_BOM, csv_url, rounded_score
from ingest.stats import stated_number


@pytest.fixture
def ds(pages3_db):
    return Datasette([str(pages3_db)], settings={"sql_time_limit_ms": 1000})


def cells(page: str, column: str) -> list[str]:
    return re.findall(rf'<td class="col-{column}(?: [^"]*)?">(.*?)</td>', page, re.S)


def test_stated_numbers_read_as_written():
    assert [stated_number(v) for v in (790000.0, 2e6, 52.3, 1975738000.0, -30.0, 1e-05, 0.1 + 0.2, 1234.5, 7)] == [
        "790,000", "2,000,000", "52.3", "1,975,738,000", "-30", "0.00001", "0.3", "1,234.5", "7"]
    assert [rounded_score(v) for v in (-1.567e-06, -0.8910965778578562, -8.4283, 3.0)] == ["0.00", "-0.89", "-8.43", "3.00"]


@pytest.mark.asyncio
async def test_claim_values_show_separators_and_the_words_they_came_from(ds):
    r = await ds.client.get("/archive/numeric_claims", params={"surface": "600余万元"})
    assert cells(r.text, "value") == ['6,000,000 <small class="as-written">600余万元</small>']
    assert "6000000.0" not in r.text and "6e+06" not in r.text
    r = await ds.client.get("/archive/numeric_claims", params={"surface": "90.2%"})
    assert cells(r.text, "value") == ['90.2 <small class="as-written">90.2%</small>']
    r = await ds.client.get("/archive/totals_by_unit_and_subject")
    assert "6,000,000" in cells(r.text, "largest") and not [c for c in cells(r.text, "total") if ".0" in c]


@pytest.mark.asyncio
async def test_json_and_csv_keep_the_numeric_value(ds):
    r = await ds.client.get("/archive/numeric_claims.json", params={"surface": "600余万元", "_shape": "array"})
    assert r.json()[0]["value"] == 6000000.0
    r = await ds.client.get("/archive/numeric_claims.csv", params={"surface": "600余万元"})
    assert list(csv.DictReader(io.StringIO(r.text)))[0]["value"] == "6000000.0"


@pytest.mark.asyncio
async def test_search_scores_are_rounded_with_the_exact_score_on_hover(ds):
    exact = [row["score"] for row in
             (await ds.client.get("/archive/search.json", params={"q": "医院", "_shape": "array"})).json()]
    tiny = exact[0]
    assert -1e-05 < tiny < 0  # `医院` is on nearly every page: its scores are tiny
    page = (await ds.client.get("/archive/search", params={"q": "医院"})).text
    shown = cells(page, "score")
    assert len(shown) == len(exact) and not [c for c in shown if "e-" in c.split(">")[1]]
    assert f'<span title="{tiny!r}">0.00</span>' in shown


def test_the_excel_csv_asks_for_every_row_as_a_file():
    assert csv_url("/archive/articles.excel_csv", "_search=%E5%8C%BB&_dl=1") == \
        "/archive/articles.csv?_search=%E5%8C%BB&_size=max&_dl=on"
    assert csv_url("/archive/claims_about.excel_csv", "keyword=x&_size=10&_stream=on") == \
        "/archive/claims_about.csv?keyword=x&_size=10&_stream=on&_dl=on"


@pytest.mark.asyncio
@pytest.mark.parametrize("page", ["/archive/numeric_claims?unit=%E5%85%83", "/archive/claims_about?keyword=%E5%85%83"])
async def test_table_and_query_pages_offer_a_csv_for_excel(ds, page):
    html = (await ds.client.get(page)).text
    link = re.search(r'<a href="([^"]+\.excel_csv[^"]*)">excel_csv</a>', html).group(1).replace("&amp;", "&")
    excel = await ds.client.get(link)
    ordinary = await ds.client.get(link.replace(".excel_csv", ".csv") + "&_size=max")
    assert excel.status_code == 200 and excel.headers["content-type"] == "text/csv; charset=utf-8"
    assert excel.headers["content-disposition"].startswith("attachment; filename=")
    assert excel.content[:3] == UTF8_BOM == b"\xef\xbb\xbf"
    assert excel.content[3:] == ordinary.content  # the ordinary CSV, unchanged, after the mark
    assert ordinary.content[:3] != UTF8_BOM
    rows = list(csv.DictReader(io.StringIO(excel.content.decode("utf-8-sig"))))
    assert "600余万元" in {row["surface"] for row in rows}  # Chinese intact


@pytest.mark.asyncio
async def test_the_excel_csv_of_a_missing_table_is_an_error(ds):
    r = await ds.client.get("/archive/no_such_table.excel_csv")
    assert r.status_code == 404


def test_ingest_stats_prints_figures_as_written(pages3_db):
    result = CliRunner().invoke(cli, ["stats", str(pages3_db), "--subject", "血管造影"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].split() == ["建成数字减影血管造影（DSA）", "元", "1", "6,000,000"]  # not 6e+06


@pytest.mark.asyncio
async def test_the_reading_view_names_a_claim_by_its_figure_as_written(ds, pages3_db):
    article = sqlite3.connect(pages3_db).execute(
        "SELECT article_id FROM numeric_claims WHERE surface = '600余万元'").fetchone()[0]
    page = (await ds.client.get(f"/archive/-/article/{article}")).text
    assert 'title="claim 6,000,000 元 建成数字减影血管造影（DSA）"' in page and "6e+06" not in page
