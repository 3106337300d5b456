"""Any archive, any name: Datasette serves an archive `ingest` built with no --metadata, whatever its file is called."""
import html
import shutil
import sqlite3

import pytest
from datasette.app import Datasette

from ingest.any_archive import archive_dashboards, is_archive_schema, named_for, search_parameters
from ingest.normalise import normalise
from ingest.stats import read_metadata

EVERY_ARCHIVE = read_metadata()["every_archive"]
QUERY_ARGUMENTS = {"search": {"q": "醫用口罩"}, "article_text": {"article_id": 1}, "said_on_date": {"date": "2022"},
                   "claims_about": {"keyword": "口罩"}}


@pytest.fixture(scope="module")
def archives(seed_db, tmp_path_factory):
    """The seed archive as research.db and other.db, and a plain SQLite file that is no archive."""
    folder = tmp_path_factory.mktemp("any_name")
    for name in ("research.db", "other.db"):
        shutil.copy(seed_db, folder / name)
    plain = sqlite3.connect(folder / "plain.db")
    plain.execute("create table notes (id integer primary key, text text)")
    plain.execute("insert into notes (text) values ('医用口罩'), ('别的')")
    plain.commit()
    plain.close()
    return folder


def like_count(db, word):
    """Paragraphs whose folded text holds the word: what a search must find, counted without the index."""
    return sqlite3.connect(db).execute("select count(*) from paragraphs where text like ?",
                                       (f"%{normalise(word)}%",)).fetchone()[0]


@pytest.mark.asyncio
async def test_an_archive_named_research_gets_everything_without_metadata(archives):
    ds = Datasette([str(archives / "research.db")], settings={"suggest_facets": False})
    assert "Chinese public-health news archive" in (await ds.client.get("/")).text
    tables = EVERY_ARCHIVE["database"]["tables"]
    for table, config in tables.items():
        r = await ds.client.get(f"/research/{table}")
        assert r.status_code == 200
        assert config["description"] in html.unescape(r.text)
    r = await ds.client.get("/research/articles.json?_facet=site")
    assert [v["value"] for v in r.json()["facet_results"]["site"]["results"]] == ["北京市延庆医院"]
    await assert_every_canned_query_answers(ds, "research")
    r = await ds.client.get("/-/dashboards/overview")
    assert r.status_code == 200 and 'id="chart-articles-count"' in r.text and "/research/" in r.text


async def assert_every_canned_query_answers(ds, database, arguments=None):
    for name in EVERY_ARCHIVE["database"]["queries"]:
        params = {**QUERY_ARGUMENTS, **(arguments or {})}.get(name, {})
        r = await ds.client.get(f"/{database}/{name}.json", params={**params, "_shape": "array"})
        assert r.status_code == 200, (name, r.text)
        assert r.json(), name


@pytest.mark.asyncio
@pytest.mark.parametrize("word", ["醫用口罩", "口罩", "核酸", "PCR"])
async def test_search_returns_exactly_the_matching_rows(archives, word):
    ds = Datasette([str(archives / "research.db")], settings={"suggest_facets": False})
    r = await ds.client.get("/research/paragraphs.json", params={"_search": word, "_size": "max"})
    assert r.status_code == 200
    total = sqlite3.connect(archives / "research.db").execute("select count(*) from paragraphs").fetchone()[0]
    assert r.json()["filtered_table_rows_count"] == like_count(archives / "research.db", word) < total


@pytest.mark.asyncio
async def test_two_archives_served_at_once_both_get_it(archives):
    ds = Datasette([str(archives / "research.db"), str(archives / "other.db")], settings={"suggest_facets": False})
    for database, dashboard in (("research", "overview"), ("other", "overview-other")):
        r = await ds.client.get(f"/{database}/paragraphs.json", params={"_search": "醫用口罩"})
        assert r.json()["filtered_table_rows_count"] == like_count(archives / f"{database}.db", "醫用口罩")
        await assert_every_canned_query_answers(ds, database)
        assert (await ds.client.get(f"/-/dashboards/{dashboard}")).status_code == 200
    other = await ds.client.get("/-/dashboards/overview-other")
    assert "/other/" in other.text and "/research/" not in other.text


@pytest.mark.asyncio
async def test_a_plain_sqlite_file_gets_nothing_and_refuses_search(archives):
    ds = Datasette([str(archives / "plain.db")], settings={"suggest_facets": False})
    assert "Chinese public-health news archive" not in (await ds.client.get("/")).text
    assert (await ds.client.get("/plain/search")).status_code == 404
    assert (await ds.client.get("/-/dashboards/overview")).status_code == 404
    r = await ds.client.get("/plain/notes.json", params={"_search": "医用口罩"})
    assert r.status_code == 400 and "no full-text search index" in r.text
    assert (await ds.client.get("/plain/notes.json")).status_code == 200


@pytest.mark.asyncio
async def test_the_users_own_metadata_wins(archives):
    mine = {"title": "My research", "databases": {"research": {
        "tables": {"articles": {"description": "My own words."}},
        "queries": {"search": {"sql": "select 'mine' as whose"}}}}}
    ds = Datasette([str(archives / "research.db")], metadata=mine, settings={"suggest_facets": False})
    assert "My research" in (await ds.client.get("/")).text
    assert "My own words." in (await ds.client.get("/research/articles")).text
    assert EVERY_ARCHIVE["database"]["tables"]["paragraphs"]["description"] in html.unescape(
        (await ds.client.get("/research/paragraphs")).text)
    r = await ds.client.get("/research/search.json", params={"_shape": "array"})
    assert r.json() == [{"whose": "mine"}]


def test_named_for_fills_the_database_name_everywhere():
    assert named_for({"a": ["/{database}/x", 1], "db": "{database}"}, "research") == {"a": ["/research/x", 1],
                                                                                   "db": "research"}
    boards = archive_dashboards({"overview": {"charts": {"c": {"db": "{database}"}}}}, ["a", "b"])
    assert boards == {"overview": {"charts": {"c": {"db": "a"}}}, "overview-b": {"charts": {"c": {"db": "b"}}}}


def test_an_archive_is_recognised_by_its_schema():
    archive = {"sources": {"location", "sha256"}, "articles": {"source_id", "title"},
               "paragraphs": {"article_id", "text"}, "paragraphs_fts": {"text"}}
    assert is_archive_schema(archive)
    assert not is_archive_schema({**archive, "sources": {"path", "sha256"}})
    assert not is_archive_schema({"notes": {"id", "text"}})
    assert search_parameters("_search=%E5%8F%A3&_searchmode=raw&_search_text=x&_search_title=") == [
        "_search", "_search_text"]
