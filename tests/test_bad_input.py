"""Messy real-world input: every bad file gets an error row and a message, every good file still goes in."""
import codecs
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest.cli import cli
from ingest.normalise import original_offset

CORPUS = Path(__file__).resolve().parent / "corpus" / "messy"
NEWS_SIMPLIFIED = "截至目前,医院共完成核酸采样45万余人次。党员们发扬连续作战、不怕疲劳的作风,与人民群众并肩作战。"
NEWS_TRADITIONAL = "截至目前,醫院共完成核酸採樣45萬餘人次。黨員們發揚連續作戰、不怕疲勞的作風,與人民群眾並肩作戰。"

# Files the test writes because they are binary or large: name → bytes.
BUILT = {
    "gb18030.txt": ("核酸检测\n\n" + NEWS_SIMPLIFIED).encode("gb18030"),
    "gbk.txt": ("核酸检测\n\n" + NEWS_SIMPLIFIED).encode("gbk"),
    "big5.txt": ("核酸檢測\n\n" + NEWS_TRADITIONAL).encode("big5"),
    "utf16le.txt": codecs.BOM_UTF16_LE + ("核酸检测\n\n" + NEWS_SIMPLIFIED).encode("utf-16-le"),
    "utf16be.txt": codecs.BOM_UTF16_BE + ("核酸检测\n\n" + NEWS_SIMPLIFIED).encode("utf-16-be"),
    "utf8bom.txt": codecs.BOM_UTF8 + ("核酸检测\n\n" + NEWS_SIMPLIFIED).encode(),
    "empty.txt": b"",
    "report.txt": b"%PDF-1.7\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "nul.txt": b"\x01\x02\x03\x00\x00\x00binary",
    "undecodable.txt": b"\x80\xff" * 200,
    "replacement.txt": ("核酸\ufffd\ufffd检测\ufffd\ufffd" * 20).encode(),
}
DUMP_BYTES = 25 * 1024 * 1024  # a single-line dump, over the 20 MiB default limit

EXPECTED_ERRORS = {
    "dump.txt": f"file too large: {DUMP_BYTES:,} bytes, over the limit of 20,971,520 (--max-bytes)",
    "empty.txt": "empty file",
    "mojibake.txt": "reads as mojibake: UTF-8 text that was decoded as GBK before it was saved",
    "no_chinese.txt": "no Chinese text",
    "nul.txt": "binary content (NUL bytes), not a text file",
    "replacement.txt": "decodes only with replacement characters (80 U+FFFD in 160 characters)",
    "report.txt": "binary content (a PDF document), not a text file",
    "undecodable.txt": "undecodable bytes: not UTF-8 (invalid start byte at byte 0), GB18030 or Big5",
}
EXPECTED_ENCODINGS = {
    "big5.txt": "big5", "gb18030.txt": "gb18030", "good.txt": "utf-8",
    "hostile.txt": "utf-8", "pinyin.txt": "utf-8", "utf16be.txt": "utf-16", "utf16le.txt": "utf-16",
    "utf8bom.txt": "utf-8-sig", "zero_width.txt": "utf-8",
}


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy")
    for f in CORPUS.iterdir():
        shutil.copy(f, folder / f.name)
    for name, data in BUILT.items():
        (folder / name).write_bytes(data)
    with open(folder / "dump.txt", "wb") as f:
        f.write(("核酸检测" * 1024).encode()[:8192] * (DUMP_BYTES // 8192))
    db = folder.parent / "messy.db"
    result = CliRunner().invoke(cli, ["add", str(db), str(folder)])
    return result, sqlite3.connect(db)


def test_exit_status_is_1_and_each_bad_file_is_named_on_stderr(messy):
    result, _ = messy
    assert result.exit_code == 1
    for name, message in EXPECTED_ERRORS.items():
        assert f"/{name}: read: {message}\n" in result.stderr
    assert result.stderr.count("error: ") == len(EXPECTED_ERRORS)
    # gbk.txt holds the very bytes of gb18030.txt: noted, not stored twice
    assert "/gbk.txt: same content as " in result.stderr


def test_the_same_content_under_a_second_name_is_a_duplicate_row(messy):
    _, db = messy
    row = db.execute("SELECT s.status, d.path FROM sources s JOIN sources d ON d.id = s.duplicate_of "
                     "WHERE s.path = 'gbk.txt'").fetchone()
    assert row == ("duplicate", "gb18030.txt")
    assert db.execute("SELECT count(*) FROM articles WHERE source = 'gbk.txt'").fetchone()[0] == 0


def test_error_rows_say_which_file_stage_and_why(messy):
    _, db = messy
    rows = db.execute("SELECT source_path, stage, message, length(sha256) FROM ingest_errors ORDER BY source_path").fetchall()
    assert [(path.split("/", 1)[1], *rest) for path, *rest in rows] == [
        (name, "read", message, 64) for name, message in sorted(EXPECTED_ERRORS.items())]
    statuses = dict(db.execute("SELECT path, status FROM sources"))
    assert {p for p, s in statuses.items() if s == "error"} == set(EXPECTED_ERRORS)


def test_every_good_file_went_in_with_its_encoding(messy):
    _, db = messy
    rows = dict(db.execute("SELECT path, encoding FROM sources WHERE status = 'ok'"))
    assert rows == EXPECTED_ENCODINGS
    titled = dict(db.execute("SELECT source, title FROM articles"))
    for name in ("gb18030.txt", "utf16le.txt", "utf16be.txt", "utf8bom.txt", "big5.txt"):
        assert titled[name] == "核酸检测", name
    body = db.execute("SELECT p.text FROM paragraphs p JOIN articles a ON a.id = p.article_id "
                      "WHERE a.source = 'big5.txt'").fetchone()[0]
    assert body == NEWS_SIMPLIFIED


def test_pinyin_annotations_are_removed_and_offsets_map_back(messy):
    _, db = messy
    title, title_original = db.execute("SELECT title, title_original FROM articles WHERE source = 'pinyin.txt'").fetchone()
    assert title == "医院护士支援核酸检测"
    assert title_original == "醫(yī)院護(hù)士支援核酸檢測"
    text, original, spans = db.execute(
        "SELECT p.text, p.text_original, p.removed_spans FROM paragraphs p JOIN articles a ON a.id = p.article_id "
        "WHERE a.source = 'pinyin.txt'").fetchone()
    assert text == "本报讯 市第一医院派出护士32名,支援社区核酸采样工作,累计采样1.2万人次。"
    removed = [tuple(s) for s in json.loads(spans)]
    assert removed == [(8, 4), (12, 4)]
    start, end = text.index("护士"), text.index("护士") + 2
    assert original[original_offset(start, removed):original_offset(end, removed, end=True)] == "護(hù)士"
    start = text.index("医院")
    assert original[original_offset(start, removed):original_offset(start + 2, removed, end=True)] == "醫(yī)院"


def test_zero_width_and_control_characters_are_removed(messy):
    _, db = messy
    texts = [t for (t,) in db.execute("SELECT p.text || p.text_original FROM paragraphs p JOIN articles a "
                                      "ON a.id = p.article_id WHERE a.source = 'zero_width.txt'")]
    assert texts == ["社区卫生服务中心向居民发放口罩两千个,消毒液50瓶。" * 2]
    assert db.execute("SELECT title FROM articles WHERE source = 'zero_width.txt'").fetchone()[0] == "口罩发放"


def test_hostile_text_is_stored_verbatim(messy):
    _, db = messy
    title = db.execute("SELECT title FROM articles WHERE source = 'hostile.txt'").fetchone()[0]
    assert title == '医院开展防疫宣传<script>window.__pwned = "title"</script>'
    texts = [t for (t,) in db.execute("SELECT p.text FROM paragraphs p JOIN articles a ON a.id = p.article_id "
                                      "WHERE a.source = 'hostile.txt' ORDER BY p.seq")]
    assert texts[1:] == ["口罩<script>__pwned=1</script>",
                         '附件<img src=x onerror=__pwned=2>,详情<a href="javascript:__pwned=3">点此查看</a>。']


def test_a_larger_limit_lets_the_dump_in(tmp_path):
    (tmp_path / "in").mkdir()
    line = ("核酸检测采样" * 2000 + "。") * 100  # one 1.2 MB line
    (tmp_path / "in" / "dump.txt").write_text(line, encoding="utf-8")
    refused = CliRunner().invoke(cli, ["add", "--max-bytes", "1000000", str(tmp_path / "a.db"), str(tmp_path / "in")])
    assert refused.exit_code == 1 and "file too large" in refused.stderr
    taken = CliRunner().invoke(cli, ["add", "--max-bytes", "5000000", str(tmp_path / "a.db"), str(tmp_path / "in")])
    assert taken.exit_code == 0, taken.output
    db = sqlite3.connect(tmp_path / "a.db")
    assert db.execute("SELECT sum(length(text)) FROM paragraphs").fetchone()[0] == len(line)
    assert db.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 0
