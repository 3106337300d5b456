"""Entities, mentions, dates and claims as a user meets them in Datasette (issues: entities, claims)."""
import sqlite3

import pytest
from datasette.app import Datasette

from test_datasette import METADATA_FOR_TESTS


@pytest.fixture
def ds(seed_db):
    return Datasette([str(seed_db)], metadata=METADATA_FOR_TESTS, settings={"suggest_facets": False})


def scalar(db, sql, *params):
    return sqlite3.connect(db).execute(sql, params).fetchone()[0]


async def rows(ds, path, **params):
    r = await ds.client.get(path, params={**params, "_shape": "array"})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.asyncio
async def test_entities_carry_exact_mention_and_article_counts_and_facet_by_type(ds, seed_db):
    for e in await rows(ds, "/archive/entities.json", _size="max"):
        assert e["mention_count"] == scalar(seed_db, "SELECT count(*) FROM mentions WHERE entity_id = ?", e["id"])
        assert e["article_count"] == scalar(seed_db, "SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = ?",
                                            e["id"])
        assert e["mention_count"] > 0  # no entity without a mention
    r = await ds.client.get("/archive/entities.json", params={"_facet": "type"})
    facet = {v["value"]: v["count"] for v in r.json()["facet_results"]["type"]["results"]}
    assert facet == {t: scalar(seed_db, "SELECT count(*) FROM entities WHERE type = ?", t) for t in facet}
    assert set(facet) == {"person", "org", "place"}
    first = (await rows(ds, "/archive/entities.json"))[0]  # default sort: most mentioned first
    assert first["mention_count"] == scalar(seed_db, "SELECT max(mention_count) FROM entities")


@pytest.mark.asyncio
async def test_mentions_show_entity_names_and_link_to_paragraph_and_article(ds, seed_db):
    entity = scalar(seed_db, "SELECT id FROM entities WHERE name = '刘亮亮'")
    r = await ds.client.get("/archive/mentions", params={"entity_id": entity})
    assert r.status_code == 200
    assert "刘亮亮" in r.text
    paragraph, article = sqlite3.connect(seed_db).execute(
        "SELECT paragraph_id, article_id FROM mentions WHERE entity_id = ? ORDER BY id", [entity]).fetchone()
    assert f'href="/archive/paragraphs/{paragraph}"' in r.text
    assert f'href="/archive/articles/{article}"' in r.text
    labelled = await ds.client.get("/archive/mentions.json", params={"entity_id": entity, "_labels": "on",
                                                                     "_shape": "array"})
    assert {row["entity_id"]["label"] for row in labelled.json()} == {"刘亮亮"}
    assert {row["role"] for row in labelled.json()} >= {"副领队"}


@pytest.mark.asyncio
async def test_people_and_their_titles(ds, seed_db):
    result = await rows(ds, "/archive/people_and_titles.json")
    assert len(result) == scalar(seed_db, "SELECT count(*) FROM entities WHERE type = 'person'")
    titles = {r["name"]: (r["titles"] or "").split("; ") for r in result}
    assert "党委副书记、院长" in titles["郝少峰"] and "领队、副院长" in titles["杨钰"]
    assert titles["张倩云"] == ["通讯员"]
    assert (result[0]["name"], result[0]["mentions"]) == ("刘亮亮", 9)  # most mentioned first
    zhang_li = next(r for r in result if r["name"] == "张丽")
    assert (zhang_li["titles"], zhang_li["articles"], zhang_li["mentions"]) == ("记者", 3, 3)


@pytest.mark.asyncio
async def test_people_in_more_than_one_article(ds):
    result = await rows(ds, "/archive/people_in_several_articles.json")
    assert [(r["name"], r["articles"], r["titles"], r["sources"]) for r in result] == [
        ("张丽", 3, "记者", "003_4f35ab63e78cec3c.txt"), ("闫珊", 3, "记者", "003_4f35ab63e78cec3c.txt")]


@pytest.mark.asyncio
async def test_everything_said_about_a_date_uses_the_publication_year(ds):
    day = await rows(ds, "/archive/said_on_date.json", date="2022-04-23")
    assert [(r["surface"], r["iso_date"]) for r in day] == [("4月23日", "2022-04-23"), ("4月23日", "2022-04-23")]
    assert "核酸实验室共完成核酸检验样本243859管" in day[1]["paragraph"]
    month = await rows(ds, "/archive/said_on_date.json", date="2022-04")
    assert [r["iso_date"] for r in month] == ["2022-04-22", "2022-04-23", "2022-04-23"]
    assert await rows(ds, "/archive/said_on_date.json", date="2020-01-23") == []  # 1月23日 in an undated article


@pytest.mark.asyncio
async def test_claims_about_a_keyword_largest_first_with_their_sentence(ds):
    result = await rows(ds, "/archive/claims_about.json", keyword="核酸")
    values = [r["value"] for r in result]
    assert values == sorted(values, reverse=True)
    assert (result[0]["value"], result[0]["surface"], result[0]["qualifier"]) == (790000, "79万余人次", "余")
    sampling = next(r for r in result if r["value"] == 450000)
    assert sampling["sentence"] == "截至目前,医院共完成核酸采样45万余人次"
    samples = next(r for r in result if r["value"] == 243859)
    assert (samples["unit"], samples["date"]) == ("管", "2022-04-23")  # its period starts 4月23日 (2022 from the page)


@pytest.mark.asyncio
async def test_claim_period_is_resolved_to_dates(ds, seed_db):
    period = sqlite3.connect(seed_db).execute(
        "SELECT period, period_start, period_end FROM numeric_claims WHERE value = 243859").fetchone()
    assert period == ("4月23日至6月6日", "2022-04-23", "2022-06-06")


@pytest.mark.asyncio
async def test_approximate_vs_exact_and_totals_add_up(ds, seed_db):
    result = await rows(ds, "/archive/approximate_vs_exact.json")
    assert sum(r["claims"] for r in result) == scalar(seed_db, "SELECT count(*) FROM numeric_claims")
    exact = next(r for r in result if r["kind"] == "exact")
    assert exact["claims"] == scalar(seed_db, "SELECT count(*) FROM numeric_claims WHERE qualifier IS NULL")
    assert {r["qualifier"] for r in result if r["kind"] == "approximate"} >= {"余", "近"}
    totals = await rows(ds, "/archive/totals_by_unit_and_subject.json")
    assert sum(r["claims"] for r in totals) == scalar(seed_db, "SELECT count(*) FROM numeric_claims")
    masks = next(r for r in totals if r["subject"] == "一次性医用口罩")
    assert (masks["unit"], masks["total"], masks["exact"]) == ("个", 10000, 1)


@pytest.mark.asyncio
async def test_claims_table_facets_on_unit_and_qualifier(ds, seed_db):
    r = await ds.client.get("/archive/numeric_claims.json", params={"_facet": ["unit", "qualifier"]})
    facets = r.json()["facet_results"]
    units = {v["value"]: v["count"] for v in facets["unit"]["results"]}
    assert units["人次"] == scalar(seed_db, "SELECT count(*) FROM numeric_claims WHERE unit = '人次'")
    assert {v["value"] for v in facets["qualifier"]["results"]} >= {"余", "近"}


@pytest.mark.asyncio
async def test_mentions_say_whether_a_rule_or_only_the_tagger_found_them(tmp_path):
    from ingest.pipeline import ingest_paths
    page = tmp_path / "pages" / "p.txt"
    page.parent.mkdir()
    page.write_text("市卫健委召开会议\n副院长李宏伟主持会议，王建国和李红梅参加了会议。\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    assert ingest_paths(str(db), [str(page.parent)]).errors == 0
    ds = Datasette([str(db)], metadata=METADATA_FOR_TESTS, settings={"suggest_facets": False})
    found = {(m["surface"], m["role"], m["found_by"]) for m in await rows(
        ds, "/archive/mentions.json", _size="max", _col=["surface", "role", "found_by"])}
    # 李宏伟 has a title, 李红梅 a verb (参加) after her; only the tagger reads 王建国 at the start of a clause
    assert {("李宏伟", "副院长", "rule"), ("王建国", None, "tagger"), ("李红梅", None, "rule")} <= found
    r = await ds.client.get("/archive/mentions.json", params={"_facet": "found_by"})
    facet = {v["value"]: v["count"] for v in r.json()["facet_results"]["found_by"]["results"]}
    assert facet["tagger"] == 1 and facet["rule"] == len(found) - 1
