"""Property tests: random Unicode, random chrome and random Chinese through every stage.

No exception escapes, and every stored offset points at its surface text.
"""
import sqlite3
import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest import store
from ingest.clean import clean_article
from ingest.pipeline import process_source
from ingest.normalise import strip_invisible
from ingest.records import SourceFile
from ingest.rules import chrome_rules
from ingest.split import split_articles

CHINESE = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=40)
PUNCT = st.sampled_from(list("，。、；：？！“”（）《》,.;:?!()【】 \t") + ["\n", "\n\n"])
NUMBERS = st.sampled_from(["45万余人次", "3.5万支", "1,600", "１５名", "二十三个", "4月23日至6月6日", "2022年", "近200人次",
                           "百分之三十", "零下20度", "3-5天", "五至六百人"])
NAMES = st.sampled_from(["副院长李宏伟", "刘院长", "记者 张丽", "通讯员 张倩云", "党委副书记、院长郝少峰", "劉宇主任", "(姜曉萌 趙太迎)",
                         "哈尔滨市第二医院", "小店区", "省卫健委", "本报讯(记者 张丽 闫珊)"])
CHROME = st.sampled_from(["内网OA | 手机版", "您所在的位置: 首页 >>医院动态 >> 正文", "正在获取日期...", "字号:", "+-14",
                          "浏览次数:", "分享到:", "相关文章", "上一篇: 某某", "免责声明:本文", "图片16.jpg", "## 标题",
                          "来源:宣传科 发布时间:2022-06-07 11:22:27", "文/宣传科 张阳", "醫(yī)院"])
PIECE = st.one_of(CHINESE, PUNCT, NUMBERS, NAMES, CHROME, st.text(max_size=8))
PAGE = st.lists(PIECE, max_size=60).map("".join)
LINES = st.lists(st.one_of(CHROME, st.lists(PIECE, max_size=12).map("".join)), max_size=25).map("\n".join)


def source(text: str) -> SourceFile:
    """The file as `read_source` hands it on: control characters such as NUL are already gone (SQLite's
    substr stops at a NUL, so the offset check would test SQLite rather than our offsets)."""
    return SourceFile("p.txt", "p.txt", "0" * 64, len(text.encode()), text=strip_invisible(text), encoding="utf-8")


def check_offsets(processed) -> None:
    for article in processed.articles:
        texts = {p.seq: p.text for p in article.paragraphs}
        for rec in article.mentions + article.dates + article.claims:
            if getattr(rec, "in_byline", False):  # a name only the byline gives: offsets into the byline
                text = article.byline
            else:
                text = texts[rec.paragraph_seq] if rec.paragraph_seq is not None else article.title
            assert text[rec.start:rec.end] == rec.surface, (rec, text)
            assert 0 <= rec.start < rec.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.one_of(PAGE, LINES, st.text(max_size=300)))
@example(",\n分享\n文/张一")  # a name only the byline gives: its offsets index the byline
def test_every_stage_survives_any_text_and_keeps_offsets(text):
    for raw in split_articles(text):
        clean_article(raw)
    processed = process_source(source(text))
    assert processed.error is None or processed.error_stage == "clean" and processed.error == "no article text found"
    check_offsets(processed)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(LINES)
@example("## 标题\n，\n分享到:\n文/宣传科 张阳")  # a mention with field = 'byline'
def test_stored_offsets_satisfy_substr(tmp_path, text):
    db_path = tmp_path / "p.db"
    db = store.open_archive(str(db_path))
    store.write_source(db, process_source(source(text)))
    store.close_archive(db)
    conn = sqlite3.connect(db_path)
    for table in ("mentions", "date_mentions", "numeric_claims"):
        bad = conn.execute(f"""SELECT count(*) FROM {table} t JOIN paragraphs p ON p.id = t.paragraph_id
                               WHERE substr(p.text, t.start + 1, t."end" - t.start) != t.surface""").fetchone()[0]
        assert bad == 0, table
        # mentions say which text a row without a paragraph indexes (title or byline); the others index the title
        field = "t.field" if table == "mentions" else "'title'"
        bad_other = conn.execute(f"""SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id
                                     WHERE t.paragraph_id IS NULL AND substr(CASE {field} WHEN 'byline' THEN a.byline
                                     ELSE a.title END, t.start + 1, t."end" - t.start) IS NOT t.surface""").fetchone()[0]
        assert bad_other == 0, table


def test_chrome_rules_compile_and_have_known_scopes():
    assert {r.scope for r in chrome_rules()} <= {"head", "any", "tail"}
    assert all(r.name and set(r.name) <= set(string.ascii_lowercase + "-") for r in chrome_rules())
