"""Saved web pages: a folder mixing a text page, UTF-8 and GBK web pages and a PDF becomes research.db,
served by Datasette with no --metadata."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from ingest.cli import cli
from ingest.read import decode_web_page, read_source
from ingest.webpage import _best_title, declared_encoding, looks_like_html, page_as_text, WebPage
from test_any_name import assert_every_canned_query_answers, like_count

WEB = Path(__file__).resolve().parent / "corpus" / "web"


@pytest.fixture(scope="module")
def research(tmp_path_factory):
    """`ingest add research.db pages/` over the mixed folder: the archive and what the command printed."""
    folder = tmp_path_factory.mktemp("research")
    shutil.copytree(WEB, folder / "pages")
    result = CliRunner().invoke(cli, ["add", str(folder / "research.db"), str(folder / "pages")])
    return folder / "research.db", result


def rows(db, sql):
    return sqlite3.connect(db).execute(sql).fetchall()


def test_the_summary_counts_the_pages_and_names_the_pdf_it_did_not_read(research):
    db, result = research
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("files 3, articles 3, ")
    assert "other files 1, errors 0" in result.stdout
    assert "note: 1 file(s) not read (not .txt or .html, or left out by --exclude): " in result.stderr
    assert result.stderr.rstrip().endswith("pages/annual_report.pdf")


def test_web_pages_are_recorded_with_their_format_and_declared_encoding(research):
    db, _ = research
    assert rows(db, "SELECT path, encoding, format, status FROM sources ORDER BY path") == [
        ("gbk_news.html", "gb18030", "html", "ok"),
        ("news.html", "utf-8", "html", "ok"),
        ("seed_page.txt", "utf-8", "text", "ok")]


def test_a_web_page_gives_its_headline_date_and_body_without_tags_or_furniture(research):
    db, _ = research
    assert rows(db, "SELECT source, title, published_date FROM articles WHERE source LIKE '%.html' ORDER BY source") == [
        ("gbk_news.html", "顺义区启动免费两癌筛查", "2023-03-08"),
        ("news.html", "延庆区开展春季核酸采样演练", "2022-04-26")]
    body = "".join(text for text, in rows(db, "SELECT p.text FROM paragraphs p JOIN articles a ON a.id = p.article_id "
                                             "WHERE a.source LIKE '%.html'"))
    assert "4月共完成核酸采样45万余人次" in body and "今年计划筛查宫颈癌2.6万人" in body
    for furniture in ("<", "首页", "分享到", "相关新闻", "版权所有", "ICP备", "浏览次数", "不是标题", "tracking"):
        assert furniture not in body, furniture


def test_names_and_claims_of_a_web_page_are_extracted_like_any_other(research):
    db, _ = research
    assert ("张伟", "副院长") in rows(db, "SELECT e.name, m.role FROM mentions m JOIN entities e ON e.id = m.entity_id "
                                       "JOIN articles a ON a.id = m.article_id WHERE a.source = 'news.html'")
    assert (450000.0, "人次", "余") in rows(db, "SELECT value, unit, qualifier FROM numeric_claims c "
                                              "JOIN articles a ON a.id = c.article_id WHERE a.source = 'news.html'")


@pytest.mark.asyncio
async def test_research_db_is_served_whole_with_no_metadata(research):
    db, _ = research
    ds = Datasette([str(db)], settings={"suggest_facets": False})
    for word in ("核酸采样", "两癌筛查", "医用口罩"):
        r = await ds.client.get("/research/paragraphs.json", params={"_search": word, "_shape": "array", "_size": "max"})
        assert r.status_code == 200
        found = r.json()
        assert len(found) == like_count(db, word) > 0
        assert all(word in row["text"] for row in found)
    await assert_every_canned_query_answers(ds, "research", {"claims_about": {"keyword": "核酸"}})
    r = await ds.client.get("/-/dashboards/overview")
    assert r.status_code == 200 and "/research/" in r.text
    article, = rows(db, "SELECT id FROM articles WHERE source = 'news.html'")[0]
    r = await ds.client.get(f"/research/-/article/{article}")
    assert r.status_code == 200
    assert '<mark class="person"><a href="/research/-/entity/' in r.text
    assert ">张伟</a></mark>" in r.text and '<mark class="claim">' in r.text


def test_a_page_is_decoded_by_the_charset_it_declares_and_by_its_bytes_when_that_is_wrong():
    gbk = (WEB / "gbk_news.html").read_bytes()
    assert declared_encoding(gbk) == "gb18030"  # GB2312 pages use GBK characters
    assert "顺义区启动免费两癌筛查" in decode_web_page(gbk)[0]
    assert declared_encoding(b'<?xml version="1.0" encoding="GB2312"?>\n<html>') == "gb18030"
    assert declared_encoding(b"<html><head><title>x</title>") is None
    mislabelled = gbk.replace(b"charset=gb2312", b"charset=utf-8")
    text, encoding = decode_web_page(mislabelled)
    assert "顺义区启动免费两癌筛查" in text and encoding != "utf-8"


def test_html_is_recognised_by_its_first_bytes_whatever_the_file_is_called(tmp_path):
    assert looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>") and looks_like_html(b"<html lang=zh>")
    assert not looks_like_html("新华社北京4月26日电 <b>不是网页</b>".encode())
    saved = tmp_path / "saved_as.txt"
    shutil.copy(WEB / "news.html", saved)
    source = read_source(str(saved), "saved_as.txt")
    assert source.format == "html" and source.text.startswith("延庆区开展春季核酸采样演练\n2022-04-26\n\n")


def test_a_page_with_no_article_text_is_an_error_that_says_so(tmp_path):
    empty = tmp_path / "scripted.html"
    empty.write_text("<html><body><script>var title = '医院新闻';</script></body></html>", encoding="utf-8")
    assert read_source(str(empty), "scripted.html").error == "no article text found in the web page"


def test_the_headline_is_the_candidate_most_about_the_text():
    text = "英国汉普郡的一位女士放弃了她在殡仪馆的工作，转行当美人鱼，每小时收入近千元。"
    # a metadata title from a recommended link loses to the <title> that names this story
    assert _best_title(["韩庚将在新西兰大婚", "英国美女在殡仪馆工作太痛苦，转行当美人鱼！_百家号"], text) == \
        "英国美女在殡仪馆工作太痛苦，转行当美人鱼！"
    assert _best_title(["法国大罢工影响交通-新华网"], "法国大罢工") == "法国大罢工影响交通"
    assert _best_title(["新冠-疫苗接种"], "新冠疫苗") == "新冠-疫苗接种"  # a dash inside a headline stays


def test_the_page_is_written_as_a_text_page_saying_the_headline_once():
    page = WebPage(text="标题\n正文第一段。", title="标题", date="2022-04-26", author="李明", site="延庆网")
    assert page_as_text(page) == "延庆网\n标题\n2022-04-26 作者：李明\n\n正文第一段。\n"
