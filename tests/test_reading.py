"""The reading view: marked text escaped and never crossed, and the article and entity pages through Datasette."""
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from ingest.pipeline import ingest_paths
from ingest.reading import Span, keyword_in_context, marked_html, outermost_spans

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "corpus" / "messy" / "hostile.txt"
METADATA = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))


def span(start, end, kind="person", href="/e/1", title=""):
    return Span(start, end, kind, href, title)


def test_marked_html_escapes_every_piece_of_text_and_attribute():
    text = '<script>alert("x")</script> & 李宏伟说'
    at = text.index("李")
    html = marked_html(text, [span(at, at + 3, href='/e/1?a=1&b="2"', title='<b onclick="x">')])
    assert "<script>" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; " in html
    assert html.endswith('<mark class="person"><a href="/e/1?a=1&amp;b=&#34;2&#34;" '
                         'title="&lt;b onclick=&#34;x&#34;&gt;">李宏伟</a></mark>说')


def test_marked_span_of_hostile_text_is_escaped_inside_the_mark():
    html = marked_html("<img src=x onerror=1>", [span(0, 4, "org")])
    assert html == '<mark class="org"><a href="/e/1" title="">&lt;img</a></mark> src=x onerror=1&gt;'


def test_spans_at_both_ends_and_out_of_range_are_cut_to_the_text():
    assert marked_html("李宏伟", [span(0, 3)]) == '<mark class="person"><a href="/e/1" title="">李宏伟</a></mark>'
    assert marked_html("ab", [span(-2, 1), span(1, 9, "date")]) == (
        '<mark class="person"><a href="/e/1" title="">a</a></mark><mark class="date"><a href="/e/1" title="">b</a></mark>')
    assert marked_html("ab", [span(2, 5), span(7, 9)]) == "ab"
    assert marked_html("", [span(0, 1)]) == ""


def test_overlapping_spans_the_outermost_wins_and_ties_go_to_the_first_given():
    inner, outer, crossing = span(0, 7, "org"), span(0, 9, "org", "/e/2"), span(8, 12, "claim")
    assert outermost_spans([inner, outer, crossing], 20) == [outer]
    later = span(9, 12, "claim")
    assert outermost_spans([crossing, outer, later], 20) == [outer, later]
    assert outermost_spans([span(2, 4, "person"), span(2, 4, "date")], 5) == [span(2, 4, "person")]
    html = marked_html("太原市血液中心党委书记", [inner, outer])
    assert html.count("<mark") == 1 and ">太原市血液中心党委</a></mark>书记" in html


def test_keyword_in_context_marks_the_mention_with_width_characters_each_side():
    text = "一二三四五李宏伟六七八九十"
    assert keyword_in_context(text, span(5, 8), width=2) == (
        '…四五<mark class="person"><a href="/e/1" title="">李宏伟</a></mark>六七…')
    assert keyword_in_context(text, span(0, 2), width=20).startswith('<mark class="person">')
    assert keyword_in_context("<&>李", span(3, 4), width=5) == '&lt;&amp;&gt;<mark class="person"><a href="/e/1" title="">李</a></mark>'


def scalar(db, sql, *args):
    return sqlite3.connect(db).execute(sql, args).fetchone()[0]


@pytest.fixture
def ds(seed_db):
    return Datasette([str(seed_db)], metadata=METADATA)


@pytest.mark.asyncio
async def test_article_page_shows_the_article_with_its_names_marked_and_linked(ds, seed_db):
    article = scalar(seed_db, "SELECT article_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
                              "WHERE e.name = '李宏伟'")
    entity = scalar(seed_db, "SELECT id FROM entities WHERE name = '李宏伟' AND type = 'person'")
    r = await ds.client.get(f"/archive/-/article/{article}")
    assert r.status_code == 200
    title = scalar(seed_db, "SELECT title FROM articles WHERE id = ?", article)
    assert re.sub("<[^>]+>", "", r.text.split('<h1 class="headline">')[1].split("</h1>")[0]) == title
    assert re.search(rf'<mark class="person"><a href="/archive/-/entity/{entity}"[^>]*>李宏伟</a></mark>', r.text)
    paragraphs = [row[0] for row in sqlite3.connect(seed_db).execute(
        "SELECT text FROM paragraphs WHERE article_id = ? ORDER BY seq", [article])]
    shown = [re.sub("<[^>]+>", "", p) for p in re.findall(r'<p class="paragraph [^"]*" id="p\d+">(.*?)</p>', r.text)]
    assert [re.sub(r"^(heading|caption|byline)", "", s) for s in shown] == paragraphs
    marks = len(re.findall('<mark class="(?:person|org|place|date|claim)"><a', r.text))
    assert marks >= scalar(seed_db, "SELECT count(*) FROM date_mentions WHERE article_id = ?", article)
    assert f'href="/archive/articles/{article}"' in r.text


@pytest.mark.asyncio
async def test_article_page_marks_title_mentions_and_links_claims_and_dates_to_their_rows(ds, seed_db):
    r = await ds.client.get("/archive/-/article/4")
    assert '<h1 class="headline"><mark class="org"><a href="/archive/-/entity/' in r.text
    claim = scalar(seed_db, "SELECT min(id) FROM numeric_claims WHERE article_id = 4")
    date = scalar(seed_db, "SELECT min(id) FROM date_mentions WHERE article_id = 4")
    assert f'<mark class="claim"><a href="/archive/numeric_claims/{claim}"' in r.text
    assert f'<mark class="date"><a href="/archive/date_mentions/{date}"' in r.text


@pytest.mark.asyncio
async def test_entity_page_lists_every_mention_in_context_its_roles_and_articles(ds, seed_db):
    entity = scalar(seed_db, "SELECT id FROM entities WHERE name = '刘亮亮'")
    r = await ds.client.get(f"/archive/-/entity/{entity}")
    assert r.status_code == 200
    mentions = sqlite3.connect(seed_db).execute(
        "SELECT id, article_id FROM mentions WHERE entity_id = ?", [entity]).fetchall()
    assert r.text.count('<li class="mention">') == len(mentions) == 9
    for mention, article in mentions:
        assert f'<mark class="person"><a href="/archive/mentions/{mention}" title="">刘亮亮</a></mark>' in r.text
        assert f'<a href="/archive/-/article/{article}">' in r.text
    assert "副领队" in r.text.split("<h2>Roles</h2>")[1].split("<h2>")[0]


@pytest.mark.asyncio
async def test_unknown_ids_and_databases_are_not_found(ds):
    for path in ("/archive/-/article/99999", "/archive/-/entity/99999", "/nothing/-/article/1"):
        assert (await ds.client.get(path)).status_code == 404, path


@pytest.mark.asyncio
async def test_article_and_entity_ids_link_to_the_reading_view_and_their_rows(ds, seed_db):
    entity = scalar(seed_db, "SELECT id FROM entities WHERE name = '刘亮亮'")
    r = await ds.client.get("/archive/mentions", params={"entity_id": entity})
    article = scalar(seed_db, "SELECT min(article_id) FROM mentions WHERE entity_id = ?", entity)
    assert f'<a href="/archive/-/article/{article}" class="reading-link">' in r.text
    assert f'<a href="/archive/-/entity/{entity}" class="reading-link">刘亮亮</a>' in r.text
    r = await ds.client.get("/archive/search", params={"q": "口罩"})
    assert '<a href="/archive/-/article/4" class="reading-link">4</a>' in r.text
    r = await ds.client.get("/archive/articles/4")
    assert '<a href="/archive/-/article/4" class="reading-link">4</a>' in r.text
    r = await ds.client.get("/archive/entities", params={"id": entity})
    assert f'<a href="/archive/-/entity/{entity}" class="reading-link">刘亮亮</a>' in r.text


@pytest.mark.asyncio
async def test_hostile_article_is_shown_escaped_on_the_reading_view(tmp_path):
    db = tmp_path / "hostile.db"
    assert ingest_paths(str(db), [str(HOSTILE)]).errors == 0
    article = scalar(db, "SELECT id FROM articles")
    ds = Datasette([str(db)], metadata=METADATA)
    r = await ds.client.get(f"/hostile/-/article/{article}")
    assert r.status_code == 200
    assert "__pwned" in r.text  # the text is there ...
    assert "<script>window.__pwned" not in r.text and "<script>__pwned" not in r.text  # ... but never as markup
    assert "&lt;script&gt;__pwned=1&lt;/script&gt;" in r.text
    assert "<img src=x" not in r.text and 'href="javascript:' not in r.text
    entity = scalar(db, "SELECT min(entity_id) FROM mentions")
    r = await ds.client.get(f"/hostile/-/entity/{entity}")
    assert r.status_code == 200 and "<script>window.__pwned" not in r.text
