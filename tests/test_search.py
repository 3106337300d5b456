"""Chinese search in Datasette's own search box: row counts equal a LIKE scan of the folded text."""
import html
import json
import sqlite3
import sys
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette
from datasette.utils import escape_fts

from ingest import store
from ingest.datasette_plugin import escape_chinese_fts
from ingest.normalise import normalise
from ingest.pipeline import ProcessedSource
from ingest.records import Article, Paragraph, SourceFile
from ingest.search import NOTHING, SEPARATOR, fold_for_index, fts_query, mark_hits, snippet, snippet_html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic_archive import build  # noqa: E402
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
SETTINGS = {"sql_time_limit_ms": 1000, "suggest_facets": False}  # as `make serve` runs it

QUERIES = [
    "疫", "罩",                        # 1 character
    "口罩", "核酸", "党员",              # 2 characters
    "医疗队", "党支部",                  # 3
    "防控阻击战",                        # 5
    "醫用口罩", "後勤", "衛健委",          # Traditional input
    "PCR实验室", "84消毒液", "24小时",    # Chinese mixed with Latin and digits
    "PCR",                              # Latin only
    "动粮",                              # only across punctuation (兵马未动,粮草先行): must not match
]


def test_fold_for_index_makes_each_han_character_a_token():
    assert fold_for_index("核酸,PCR检测 N95口罩") == f"核 酸 {SEPARATOR} pcr 检 测 {SEPARATOR} n95 口 罩"
    assert fts_query("醫院") == '"医 院"'  # queries are normalised first; stored text already is
    assert fold_for_index("") == ""


def test_fts_query_builds_phrases_and_folds_script():
    assert fts_query("醫用口罩") == '"医 用 口 罩"'
    assert fts_query("口罩 核酸") == '"口 罩" "核 酸"'
    assert fts_query("兵马未动,粮草") == f'"兵 马 未 动 {SEPARATOR} 粮 草"'
    assert fts_query(" ，。 ") == NOTHING


def test_queries_without_chinese_pass_through_datasette_escaping():
    assert escape_chinese_fts("PCR test") == escape_fts("PCR test") == '"PCR" "test"'
    assert escape_chinese_fts("口罩") == '"口 罩"'


def test_snippet_marks_hits_in_the_original_script():
    text = "物資服務中心劉宇主任迅速調配人員,3.5萬支醫用口罩即刻送至我院。"
    assert snippet(text, "医用口罩", width=4) == "….5萬支⟦醫用口罩⟧即刻送至…"
    assert snippet("没有命中", "口罩") == "没有命中"


def test_snippet_html_escapes_the_text_before_marking():
    assert snippet_html("<script>x</script>⟦口罩⟧") == "&lt;script&gt;x&lt;/script&gt;<mark>口罩</mark>"


def like_count(db_path, table_sql: str, query: str) -> int:
    needle = normalise(query)
    return sqlite3.connect(db_path).execute(
        f"SELECT count(*) FROM ({table_sql}) WHERE t LIKE ?", [f"%{needle}%"]).fetchone()[0]


PARAGRAPH_TEXT = "SELECT text AS t FROM paragraphs"
ARTICLE_TEXT = ("SELECT coalesce(a.title, '') || char(10) || "
                "(SELECT group_concat(text, char(10)) FROM paragraphs p WHERE p.article_id = a.id) AS t FROM articles a")


async def search_count(ds, table: str, query: str) -> int:
    r = await ds.client.get(f"/archive/{table}.json", params={"_search": query, "_size": "0"})
    assert r.status_code == 200, r.text
    return r.json()["filtered_table_rows_count"]


def datasette_for(path: Path) -> Datasette:
    return Datasette([str(path)], metadata=METADATA, settings=SETTINGS)


@pytest.mark.asyncio
@pytest.mark.parametrize("query", QUERIES)
async def test_seed_archive_search_box_counts_equal_like(seed_db, query):
    ds = datasette_for(seed_db)
    assert await search_count(ds, "paragraphs", query) == like_count(seed_db, PARAGRAPH_TEXT, query)
    assert await search_count(ds, "articles", query) == like_count(seed_db, ARTICLE_TEXT, query)


def test_seed_queries_are_not_all_trivial(seed_db):
    counts = {q: like_count(seed_db, PARAGRAPH_TEXT, q) for q in QUERIES}
    assert counts["动粮"] == 0 and like_count(seed_db, PARAGRAPH_TEXT, "动,粮") == 2
    assert counts["口罩"] == 6 and counts["疫"] > 40
    assert sum(1 for c in counts.values() if c > 0) >= len(QUERIES) - 2


@pytest.fixture(scope="module")
def generated_db(tmp_path_factory) -> Path:
    """≥ 20,000 paragraphs recombined from the seed sentences, stored through the real store."""
    path = build(tmp_path_factory.mktemp("generated") / "archive.db", paragraphs=20_500)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM paragraphs").fetchone()[0] >= 20_000
    return path


@pytest.mark.asyncio
@pytest.mark.parametrize("query", QUERIES)
async def test_generated_archive_search_box_counts_equal_like(generated_db, query):
    ds = datasette_for(generated_db)
    assert await search_count(ds, "paragraphs", query) == like_count(generated_db, PARAGRAPH_TEXT, query)


@pytest.mark.asyncio
async def test_search_page_highlights_hits_with_a_script_that_only_touches_text(seed_db):
    ds = datasette_for(seed_db)
    r = await ds.client.get("/archive/paragraphs", params={"_search": "醫用口罩"})
    assert r.status_code == 200
    assert 'var parts = ["医用口罩"];' in r.text
    assert "textContent" in r.text and "innerHTML" not in r.text
    assert "一次性医用口罩10000个" in r.text


def snippet_marked(row: dict) -> str:
    """A search row's plain snippet with its `hits` offsets marked ⟦ ⟧, the snippet itself unmarked."""
    assert "⟦" not in row["snippet"] and "⟧" not in row["snippet"]
    return mark_hits(row["snippet"], json.loads(row["hits"]), "⟦", "⟧")


@pytest.mark.asyncio
async def test_search_canned_query_ranks_articles_and_paragraphs_with_highlighted_snippets(seed_db):
    ds = datasette_for(seed_db)
    r = await ds.client.get("/archive/search.json", params={"q": "醫用口罩", "_shape": "array"})
    rows = r.json()
    assert sorted((row["hit"], row["article_id"]) for row in rows) == [("article", 2), ("article", 4),
                                                                      ("paragraph", 2), ("paragraph", 4)]
    for hit in ("article", "paragraph"):
        scores = [row["score"] for row in rows if row["hit"] == hit]
        assert scores == sorted(scores)  # best (lowest BM25) first
    by_article = {row["article_id"]: row for row in rows if row["hit"] == "paragraph"}
    assert "3.5万支⟦醫用口罩⟧" in snippet_marked(by_article[2]).replace("萬", "万")  # Traditional shown as written
    assert "⟦医用口罩⟧10000个" in snippet_marked(by_article[4])
    page = await ds.client.get("/archive/search", params={"q": "口罩"})
    assert "<mark>口罩</mark>" in page.text
    assert f'<a href="/archive/paragraphs/{by_article[4]["paragraph_id"]}">' in page.text
    assert '<a href="/archive/articles/4">' in page.text


@pytest.mark.asyncio
async def test_html_in_the_text_is_shown_as_text_in_snippets(tmp_path):
    path = tmp_path / "archive.db"
    db = store.open_archive(str(path))
    text = "口罩<script>alert(1)</script><img src=x onerror=alert(2)>"
    article = Article(seq=0, title="标题", title_original="标题", paragraphs=[Paragraph(0, "body", text, text)])
    store.write_source(db, ProcessedSource(SourceFile("h.txt", "", "h" * 64, 1, "", "utf-8"), [article]))
    store.close_archive(db)
    page = await datasette_for(path).client.get("/archive/search", params={"q": "口罩"})
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    assert html.escape("<script>alert(1)</script>", quote=False) in page.text
