"""The archive through Datasette's own client, configured by metadata.yml as `make serve` runs it."""
import csv
import html
import io
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent
METADATA_FOR_TESTS = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
TABLES = ["sources", "ingest_errors", "articles", "paragraphs", "dropped_lines", "entities", "mentions",
          "date_mentions", "numeric_claims"]


@pytest.fixture(scope="module")
def metadata():
    return yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


@pytest.fixture
def ds(seed_db, metadata):
    return Datasette([str(seed_db)], immutables=[], metadata=metadata,
                     settings={"sql_time_limit_ms": 1000})


@pytest.mark.asyncio
async def test_index_page_names_the_archive_and_its_tables(ds):
    r = await ds.client.get("/")
    assert r.status_code == 200
    assert "Chinese public-health news archive" in r.text
    r = await ds.client.get("/archive")
    for table in TABLES:
        assert f'href="/archive/{table}"' in r.text


@pytest.mark.asyncio
@pytest.mark.parametrize("table", TABLES)
async def test_every_table_page_has_its_description(ds, metadata, table):
    r = await ds.client.get(f"/archive/{table}")
    assert r.status_code == 200
    assert metadata["every_archive"]["database"]["tables"][table]["description"] in html.unescape(r.text)


def test_every_column_is_described(seed_db, metadata):
    import sqlite3
    conn = sqlite3.connect(seed_db)
    tables = metadata["every_archive"]["database"]["tables"]
    for table in TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        assert sorted(tables[table]["columns"]) == sorted(cols), table


@pytest.mark.asyncio
async def test_articles_show_titles_and_facets(ds):
    r = await ds.client.get("/archive/articles.json?_shape=array&_sort=id")
    rows = r.json()
    assert len(rows) == 8
    assert rows[1]["title"] == "【致敬】以坚强的后勤保障践行责任担当 向疫情防控保障战线的“战友”们致敬!"
    assert rows[1]["script"] == "traditional"
    r = await ds.client.get("/archive/articles.json?_facet=site&_facet=script")
    facets = r.json()["facet_results"]
    assert {v["value"]: v["count"] for v in facets["script"]["results"]} == {"simplified": 7, "traditional": 1}
    assert [v["value"] for v in facets["site"]["results"]] == ["北京市延庆医院"]


@pytest.mark.asyncio
async def test_paragraph_foreign_key_is_labelled_with_the_article_title(ds):
    r = await ds.client.get("/archive/paragraphs?article_id=8")
    assert r.status_code == 200
    assert "北京市延庆区医院充分发挥党建引领优势,筑牢疫情防控战斗堡垒" in r.text


@pytest.mark.asyncio
async def test_canned_query_articles_by_date_puts_dated_articles_first(ds):
    r = await ds.client.get("/archive/articles_by_date.json?_shape=array")
    rows = r.json()
    assert len(rows) == 8
    assert (rows[0]["published_date"], rows[0]["site"]) == ("2022-06-07", "北京市延庆医院")
    assert all(row["published_date"] is None for row in rows[1:])


@pytest.mark.asyncio
async def test_canned_query_article_text_in_order(ds):
    r = await ds.client.get("/archive/article_text.json?_shape=array&article_id=4")
    rows = r.json()
    assert [row["seq"] for row in rows] == list(range(len(rows)))
    assert rows[0]["text"].startswith("本报讯(记者 张丽 闫珊 通讯员 张倩云)4月18日下午")


@pytest.mark.asyncio
async def test_csv_export_of_a_table_and_a_canned_query(ds):
    r = await ds.client.get("/archive/articles.csv?_sort=id&_size=max")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 8
    assert rows[4]["title"] == "太原市人民医院 广大党员奋战 在抗疫第一线"
    r = await ds.client.get("/archive/dropped_by_rule.csv")
    rules = {row["rule"]: int(row["lines"]) for row in csv.DictReader(io.StringIO(r.text))}
    assert rules["repeated-title"] >= 30 and rules["breadcrumb"] == 1


@pytest.mark.asyncio
async def test_json_export_of_paragraphs(ds):
    r = await ds.client.get("/archive/paragraphs.json?_shape=array&kind=byline")
    assert [row["text"] for row in r.json()] == ["文/宣传科 张阳 党院办 高冰", "图/志愿者服务队"]


@pytest.mark.asyncio
async def test_serving_hides_the_file_path_and_the_raw_download(seed_db, metadata):
    served = Datasette([], immutables=[str(seed_db)], metadata=metadata)  # immutable: Datasette would offer the file
    listed = (await served.client.get("/-/databases.json")).json()
    assert [d["name"] for d in listed] == ["archive"] and "path" not in listed[0]
    assert str(seed_db) not in (await served.client.get("/-/databases")).text
    assert (await served.client.get("/archive.db")).status_code == 403
    opened = Datasette([], immutables=[str(seed_db)], metadata={
        **metadata, "plugins": {"ingest": {"allow_download": True, "show_paths": True}}})
    assert (await opened.client.get("/archive.db")).status_code == 200
    assert (await opened.client.get("/-/databases.json")).json()[0]["path"] == str(seed_db)


@pytest.mark.asyncio
async def test_zh_snippet_reads_a_bounded_part_of_a_huge_text(ds):
    """Datasette's time limit cannot stop a Python SQL function, so the function bounds its own work:
    a hit past SNIPPET_SCAN characters is not looked for."""
    from ingest.search import SNIPPET_SCAN
    sql = ("select zh_snippet(replace(hex(zeroblob(:n)), '0', '医') || '口罩', '口罩') as s, "
           "zh_snippet('医医医口罩', '口罩') as near")
    r = await ds.client.get("/archive.json", params={"sql": sql, "n": 6_000_000, "_shape": "array"})
    assert r.status_code == 200, r.text
    row = r.json()[0]
    assert row["s"] == "医" * 60 + "…" and SNIPPET_SCAN < 12_000_000
    assert row["near"] == "医医医⟦口罩⟧"
