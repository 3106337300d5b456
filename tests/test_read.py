import codecs
import hashlib
from pathlib import Path

import pytest

from ingest.read import FileChoice, ReadError, check_text, count_files, decode, find_files, read_source


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
    (TEXT.encode("utf-8").decode("gbk", errors="ignore"), "reads as mojibake: UTF-8 text that was decoded as GBK before it was saved"),
    (TEXT.encode("utf-8").decode("latin-1"), "reads as mojibake: UTF-8 text that was decoded as Latin-1 before it was saved"),
    (TEXT.encode("gbk").decode("latin-1"), "reads as mojibake: GBK text that was decoded as Latin-1 before it was saved"),
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


def test_find_files_walks_folders_recursively_for_text_and_web_pages(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.TXT", "sub/c.txt", "page.html", "sub/old.HTM", "skip.pdf", "notes.md"):
        (tmp_path / name).write_text("x")
    found = list(find_files([str(tmp_path)]))
    assert [f.path for f in found if not f.other] == ["a.TXT", "b.txt", "page.html", "sub/c.txt", "sub/old.HTM"]
    assert [f.path for f in found if f.other] == ["notes.md", "skip.pdf"]  # named in the summary, not read
    assert [f.path for f in find_files([str(tmp_path / "sub" / "c.txt")])] == ["c.txt"]


def test_include_reads_more_kinds_of_file_and_exclude_leaves_files_out(tmp_path):
    (tmp_path / "drafts").mkdir()
    for name in ("a.txt", "notes.MD", "drafts/d.txt", "page.html", "skip.pdf"):
        (tmp_path / name).write_text("x")
    choice = FileChoice(include=("*.md",), exclude=("drafts/*", "*.HTML"))
    found = list(find_files([str(tmp_path)], choice))
    assert [f.path for f in found if not f.other] == ["a.txt", "notes.MD"]
    assert [f.path for f in found if f.other] == ["drafts/d.txt", "page.html", "skip.pdf"]
    # a file named directly is read whatever its ending, unless a pattern excludes it
    assert [f.other for f in find_files([str(tmp_path / "skip.pdf")], choice)] == [False]
    assert [f.other for f in find_files([str(tmp_path / "page.html")], choice)] == [True]


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
    first = next(found)  # a generator: nothing listed ahead of need
    assert (first.abspath, first.path) == (str(tmp_path / "B.txt"), "B.txt")
    rel = ["B.txt"] + [f.path for f in found]
    assert rel == sorted(rel, key=lambda r: r.split("/")) == [
        "B.txt", "a/a.txt", "a/b/c.txt", "a/z.txt", "a b.txt", "a.txt", "ab/a.txt"]


def test_count_files_matches_what_find_files_yields(tmp_path):
    for name in ("x/1.txt", "x/2.TXT", "x/y/3.txt", "x/y/skip.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert count_files([str(tmp_path / "x"), str(tmp_path / "x" / "1.txt")]) == 5  # skip.md is counted, not read


# Symbols every health report uses, in clean UTF-8 text: never mojibake (real CCTV news files were refused).
@pytest.mark.parametrize("line", [
    "今天最高气温38℃，最低气温26℃，请注意防暑降温。",
    "我省启动突发公共卫生事件Ⅲ级应急响应，Ⅱ级响应同时解除。",
    "新建方舱医院面积达120×80米，可容纳床位2000张。",
    "震中位于北纬30°12′、东经103°5′″，震源深度10千米。",
    "①核酸检测 ②抗原检测 ③疫苗接种，均免费进行。",
    "温度控制在2℃～8℃之间，疫苗效价保持在95%以上。",
])
def test_health_report_symbols_are_text_not_mojibake(line):
    check_text(line * 3)


def test_utf16_without_a_byte_order_mark_is_read(tmp_path):
    text = "核酸检测 2022年4月\n医院共完成核酸采样45万余人次。"
    for encoding in ("utf-16-le", "utf-16-be"):
        f = tmp_path / f"{encoding}.txt"
        f.write_bytes(text.encode(encoding))
        src = read_source(str(f), f.name)
        assert (src.error, src.encoding, src.text) == (None, encoding, text)


def test_the_size_limit_holds_on_bytes_read_whatever_the_size_says(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes("口罩".encode() * 1000)
    assert read_source(str(f), "big.txt", max_bytes=5999).error.startswith("file too large: 6,000 bytes")
    assert read_source(str(f), "big.txt", max_bytes=6000).error is None


def test_walking_names_every_entry_it_cannot_read(tmp_path):
    import os
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("口罩")
    os.mkfifo(tmp_path / "news" / "pipe.txt")
    (tmp_path / "news" / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "news" / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "news" / "up").symlink_to("..")
    (tmp_path / "news" / "z.txt").write_text("口罩")
    problems = {f.path: f.problem for f in find_files([str(tmp_path / "news")])}
    assert problems == {
        "a.txt": None,
        "loop.txt": "symbolic link loop: the link leads back to itself",
        "pipe.txt": "a named pipe, not a regular file: not read",
        "up": "a symbolic link to a folder, not followed: name the folder itself to ingest it",
        "z.txt": None,
        "zero.txt": "a character device, not a regular file: not read",
    }


def test_a_folder_that_cannot_be_listed_is_named():
    """As a user who cannot list it: root lists anything, so as root the walk runs in a child as `nobody`."""
    import os
    import tempfile
    top = Path(tempfile.mkdtemp())  # not under pytest's root-only folder, so `nobody` can reach it
    (top / "news" / "locked").mkdir(parents=True)
    (top / "news" / "locked" / "a.txt").write_text("口罩")
    (top / "news" / "b.txt").write_text("口罩")
    for folder in (top, top / "news"):
        os.chmod(folder, 0o755)
    os.chmod(top / "news" / "locked", 0)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            if os.getuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            found = [(f.path, f.problem) for f in find_files([str(top / "news")])]
            os.write(write_end, repr(found).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        reported = pipe.read()
    os.waitpid(child, 0)
    os.chmod(top / "news" / "locked", 0o755)
    assert eval(reported) == [("b.txt", None), ("locked/", "cannot list folder: Permission denied")]
