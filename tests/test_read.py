import codecs
import hashlib

import pytest

from ingest.read import decode, find_files, read_source


def test_utf8_with_and_without_bom():
    assert decode("口罩".encode()) == ("口罩", "utf-8")
    assert decode(codecs.BOM_UTF8 + "口罩".encode()) == ("口罩", "utf-8-sig")


def test_utf16_with_bom():
    assert decode("醫院".encode("utf-16")) == ("醫院", "utf-16")


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"%PDF-1.4\x00\x00\x01", "binary content (NUL bytes), not a text file"),
    ("口罩".encode("gb18030"), "not UTF-8 (invalid start byte at byte 0); other encodings are not read yet"),
])
def test_unreadable_bytes_say_why(data, message):
    with pytest.raises(ValueError) as e:
        decode(data)
    assert str(e.value) == message


def test_read_source_keeps_hash_size_and_relative_path(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("标题\r\n正文\u200b。".encode())
    src = read_source(str(f), "a.txt")
    assert src.path == "a.txt" and src.size == len(f.read_bytes())
    assert src.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    assert src.text == "标题\n正文。"
    assert src.error is None


def test_read_source_reports_an_undecodable_file(tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes("醫院".encode("big5"))
    src = read_source(str(f), "big5.txt")
    assert src.text is None and src.error.startswith("not UTF-8")


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
