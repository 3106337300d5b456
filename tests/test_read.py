import codecs
import hashlib

import pytest

from ingest.read import ReadError, check_text, count_files, decode, find_files, read_source


def test_utf8_with_and_without_bom():
    assert decode("口罩".encode()) == ("口罩", "utf-8")
    assert decode(codecs.BOM_UTF8 + "口罩".encode()) == ("口罩", "utf-8-sig")


def test_utf16_with_bom():
    assert decode("醫院".encode("utf-16")) == ("醫院", "utf-16")


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary content (a PDF document), not a text file"),
    (b"\x01\x02\x00\x00\x07", "binary content (NUL bytes), not a text file"),
    (b"\x81\x30\x81", "undecodable bytes: not UTF-8 (invalid start byte at byte 0), GB18030 or Big5"),
])
def test_unreadable_bytes_say_why(data, message):
    with pytest.raises(ReadError) as e:
        decode(data)
    assert str(e.value) == message


@pytest.mark.parametrize("text, encoding, found", [
    ("北京市延庆区医院党委始终坚持疫情就是命令,防控就是责任。", "gb18030", "gb18030"),
    ("北京市延庆区医院党委始终坚持疫情就是命令,防控就是责任。", "gbk", "gb18030"),
    ("以堅強的後勤保障踐行責任擔當,向疫情防控保障戰線的戰友們致敬。", "big5", "big5"),
])
def test_chinese_legacy_encodings_are_detected(text, encoding, found):
    assert decode(text.encode(encoding)) == (text, found)


def test_read_source_keeps_hash_size_and_relative_path(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("标题\r\n正文\u200b。".encode())
    src = read_source(str(f), "a.txt")
    assert src.path == "a.txt" and src.size == len(f.read_bytes())
    assert src.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    assert src.text == "标题\n正文。"
    assert src.error is None


def test_read_source_reads_big5_and_records_the_encoding(tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes("以堅強的後勤保障踐行責任擔當,向疫情防控保障戰線的戰友們致敬。".encode("big5"))
    src = read_source(str(f), "big5.txt")
    assert (src.encoding, src.error) == ("big5", None)
    assert src.text.startswith("以堅強的後勤保障")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    f = tmp_path / "dump.txt"
    f.write_bytes("口罩".encode() * 1000)
    src = read_source(str(f), "dump.txt", max_bytes=5000)
    assert src.error == "file too large: 6,000 bytes, over the limit of 5,000 (--max-bytes)"
    assert src.sha256 == hashlib.sha256(f.read_bytes()).hexdigest() and src.text is None


TEXT = "截至目前,医院共完成核酸采样45万余人次。在那些抗击疫情的日子里,党员们发扬连续作战、不怕疲劳的作风,与人民群众并肩作战。"


@pytest.mark.parametrize("text, message", [
    ("口罩\ufffd\ufffd\ufffd核酸", "decodes only with replacement characters (3 U+FFFD in 7 characters)"),
    (TEXT.encode("utf-8").decode("gbk", errors="ignore"), "reads as mojibake (text decoded with the wrong encoding before it was saved)"),
    (TEXT.encode("utf-8").decode("latin-1"), "reads as mojibake (text decoded with the wrong encoding before it was saved)"),
    ("Just an English page, with no Chinese in it at all.", "no Chinese text"),
])
def test_unusable_text_is_refused_with_the_reason(text, message):
    with pytest.raises(ReadError) as e:
        check_text(text)
    assert str(e.value) == message


def test_good_chinese_text_passes_the_checks():
    check_text(TEXT)
    check_text(TEXT.encode("gbk").decode("gbk"))
    check_text("以堅強的後勤保障踐行責任擔當,向疫情防控保障戰線的戰友們致敬。" * 3)


def test_find_files_walks_folders_recursively_for_txt(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.TXT", "sub/c.txt", "skip.html"):
        (tmp_path / name).write_text("x")
    rel = [r for _, r in find_files([str(tmp_path)])]
    assert rel == ["a.TXT", "b.txt", "sub/c.txt"]
    assert [r for _, r in find_files([str(tmp_path / "sub" / "c.txt")])] == ["c.txt"]


def test_find_files_names_a_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope: no such file or folder"):
        list(find_files([str(tmp_path / "nope")]))


def test_find_files_streams_in_the_order_of_sorted_path_components(tmp_path):
    # Walking folder by folder must give the order a full sort of the relative paths would:
    # a folder's files sit where the folder's name sorts among its siblings.
    for name in ("a.txt", "a/z.txt", "a/b/c.txt", "a b.txt", "ab/a.txt", "B.txt", "a/a.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = find_files([str(tmp_path)])
    assert next(found) == (str(tmp_path / "B.txt"), "B.txt")  # a generator: nothing listed ahead of need
    rel = ["B.txt"] + [r for _, r in found]
    assert rel == sorted(rel, key=lambda r: r.split("/")) == [
        "B.txt", "a/a.txt", "a/b/c.txt", "a/z.txt", "a b.txt", "a.txt", "ab/a.txt"]


def test_count_files_matches_what_find_files_yields(tmp_path):
    for name in ("x/1.txt", "x/2.TXT", "x/y/3.txt", "x/y/skip.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert count_files([str(tmp_path / "x"), str(tmp_path / "x" / "1.txt")]) == 4
