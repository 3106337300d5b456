"""Reading: find the input files and decode them, keeping each file's sha256, size and path.

Walking never hides anything: every entry of a folder is either a file to read (`*.txt`, or a saved
web page, `*.html`), another kind of file to name in the summary, or a problem (a loop, a named
pipe, a device, a folder that cannot be listed) that becomes an error row. Only regular files are opened, and the size limit is
checked on the bytes actually read, so a link to `/dev/zero` cannot get past it.
"""
from __future__ import annotations

import codecs
import errno
import fnmatch
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

from .normalise import strip_invisible
from . import rules, webpage
from .records import FoundFile, SourceFile

# Byte-order marks we decode by.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# What a file that is not UTF-8 may be in: the Chinese encodings (GBK is a subset of GB18030).
CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs"]
# Files in a folder that are read: text files and saved web pages (others are named, not read).
TEXT_SUFFIXES = (".txt",)
WEB_PAGE_SUFFIXES = (".html", ".htm")
# A file larger than this is refused unless the user raises --max-bytes: news pages are small.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Replacement characters allowed before a file counts as undecodable (a stray one is common).
MAX_REPLACEMENT_SHARE = 0.001
# Mojibake is judged by evidence: re-encoding the text the way it was misread gives back Chinese.
# (encoding it was wrongly decoded with, encoding it really was in, what happened), most common first.
MISREADINGS = (
    ("gb18030", "utf-8", "UTF-8 text that was decoded as GBK"),
    ("latin-1", "utf-8", "UTF-8 text that was decoded as Latin-1"),
    ("latin-1", "gb18030", "GBK text that was decoded as Latin-1"),
    ("big5", "utf-8", "UTF-8 text that was decoded as Big5"),
)
# UTF-16 without a byte-order mark: the share of its characters that must read as Chinese text
# (Han, CJK punctuation, ASCII); the wrong byte order scatters them over unrelated scripts.
UTF16_PLAUSIBLE_SHARE = 0.9
MOJIBAKE_SAMPLE = 4000  # characters looked at
MOJIBAKE_MIN_RECOVERED = 8  # Chinese characters a misreading must give back to count as evidence
MOJIBAKE_MIN_SHARE = 0.5  # … and the share of them among what it gives back (clean text: under 0.1)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_PLAUSIBLE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\x09\x0a\x0d\x20-\x7e]")
# What a path that is not a regular file is, for the error message.
_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class ReadError(ValueError):
    """A file whose bytes are not Chinese text we can read; the message says why."""


@dataclass(frozen=True)
class FileChoice:
    """Which files in a folder are read besides text files and web pages (`include`), and which are
    not read at all (`exclude`): shell patterns matched, ignoring case, on the file's name or its path
    relative to the folder given (`*.md`, `drafts/*`)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def reads(self, relpath: str, named: bool) -> bool:
        if _matches(relpath, self.exclude):
            return False
        return named or relpath.lower().endswith(TEXT_SUFFIXES + WEB_PAGE_SUFFIXES) or _matches(relpath, self.include)


def _matches(relpath: str, patterns: tuple[str, ...]) -> bool:
    path = relpath.lower()
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(name, p.lower()) or fnmatch.fnmatchcase(path, p.lower()) for p in patterns)


def find_files(paths: list[str], choice: FileChoice = FileChoice()) -> Iterator[FoundFile]:
    """Every entry under `paths`, in sorted order: files to read, other files, and problems.

    Folders are walked one directory at a time, so a corpus of any size costs memory for one
    directory listing, not for every path. A file named directly is recorded by its base name and
    read whatever its ending, unless `choice` excludes it. A missing path raises FileNotFoundError
    before anything is yielded.
    """
    for given in paths:
        if not os.path.lexists(given):
            raise FileNotFoundError(f"{given}: no such file or folder")
    for given in paths:
        abspath = os.path.abspath(given)
        if os.path.isdir(given):  # a folder named on the command line is walked, even through a link
            yield from _walk_sorted(abspath, "", choice)
        else:
            yield _entry(abspath, os.path.basename(abspath), choice, named=True)


def count_files(paths: list[str], choice: FileChoice = FileChoice()) -> int:
    """How many entries `find_files(paths)` will yield (for a progress bar), without keeping them."""
    return sum(1 for _ in find_files(paths, choice))


def _walk_sorted(folder: str, prefix: str, choice: FileChoice) -> Iterator[FoundFile]:
    # Names sorted within each folder, sub-folders where their name falls: the same order as sorting
    # every relative path by its components. A link to a folder is named, not followed: following
    # links is how a walk meets loops.
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it)
    except OSError as e:
        yield FoundFile(folder, text_path(prefix or os.path.basename(folder)), problem=f"cannot list folder: {_reason(e)}")
        return
    for name in names:
        abspath = os.path.join(folder, name)
        if os.path.isdir(abspath) and not os.path.islink(abspath):
            yield from _walk_sorted(abspath, f"{prefix}{name}/", choice)
        else:
            yield _entry(abspath, prefix + name, choice, named=False)


def _entry(abspath: str, relpath: str, choice: FileChoice, named: bool) -> FoundFile:
    """What one path is: a file to read, another kind of file, or a problem to record."""
    relpath = text_path(relpath)
    try:
        mode = os.stat(abspath).st_mode  # follows a link to a file
    except OSError as e:
        if e.errno == errno.ELOOP:
            return FoundFile(abspath, relpath, problem="symbolic link loop: the link leads back to itself")
        if os.path.islink(abspath) and e.errno == errno.ENOENT:
            return FoundFile(abspath, relpath, problem=f"broken symbolic link to {text_path(os.readlink(abspath))}")
        return FoundFile(abspath, relpath, problem=f"cannot read: {_reason(e)}")
    if stat.S_ISDIR(mode):
        return FoundFile(abspath, relpath, problem="a symbolic link to a folder, not followed: "
                         "name the folder itself to ingest it")
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _KINDS if test(mode)), "not a regular file")
        return FoundFile(abspath, relpath, problem=f"{kind}, not a regular file: not read")
    if not choice.reads(relpath, named):
        return FoundFile(abspath, relpath, other=True)
    return FoundFile(abspath, relpath)


def text_path(path: str) -> str:
    """A path as text the archive can store: bytes of a file name that are not UTF-8 (kept by Python
    as lone surrogates) written as `\\xff` escapes, so such a name is recorded, not a crash."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _reason(e: OSError) -> str:
    return e.strerror or str(e)


def file_digest(abspath: str) -> tuple[str, int]:
    """sha256 and size of a file, read in blocks so a large file costs no memory."""
    h = hashlib.sha256()
    size = 0
    with open(abspath, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


@lru_cache(maxsize=1)
def _signatures() -> tuple[tuple[bytes, str], ...]:
    return tuple((bytes.fromhex(sig), what) for sig, what in rules.rows("binary_signatures.tsv"))


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name; raises ReadError saying why the bytes are not text we can read."""
    if not data:
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise ReadError(f"undecodable bytes: not valid {encoding} ({e.reason} at byte {e.start})") from None
    for signature, what in _signatures():
        if data.startswith(signature):
            raise ReadError(f"binary content ({what}), not a text file")
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise ReadError("binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_problem = f"{e.reason} at byte {e.start}"
    best = charset_normalizer.from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise ReadError(f"undecodable bytes: not UTF-8 ({utf8_problem}), GB18030 or Big5")
    return str(best), best.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark: the byte order under which the text reads as Chinese
    text (Han characters, their punctuation, ASCII), if one does; NUL bytes are its ASCII half."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:MOJIBAKE_SAMPLE]
        share = len(_PLAUSIBLE.findall(sample)) / max(len(sample), 1)
        if _HAN.search(sample) and (best is None or share > best[0]):
            best = (share, text, encoding)
    return (best[1], best[2]) if best is not None and best[0] >= UTF16_PLAUSIBLE_SHARE else None


def mojibake(text: str) -> str | None:
    """How the text was garbled, when re-encoding it the way it was misread gives back Chinese; else None.

    Evidence, not a general "mess" measure: symbols every health report uses (℃, Ⅲ, ×, °′″) are
    text, while mojibake re-encodes to real Chinese (`鍖婚櫌` → 医院).
    """
    runs = _NON_ASCII_RUN.findall(text[:MOJIBAKE_SAMPLE])
    for wrong, right, what in MISREADINGS:
        recovered = lost = 0
        for run in runs:
            try:
                fixed = run.encode(wrong).decode(right, errors="replace")
            except UnicodeEncodeError:
                lost += len(run)  # characters the misreading cannot have produced
                continue
            recovered += len(_HAN.findall(fixed))
            lost += fixed.count("\ufffd")
        if recovered >= MOJIBAKE_MIN_RECOVERED and recovered >= MOJIBAKE_MIN_SHARE * (recovered + lost):
            return what
    return None


def check_text(text: str) -> None:
    """Raise ReadError when decoded text is not usable Chinese: replacement characters, mojibake, no Chinese."""
    bad = text.count("\ufffd")
    if bad > max(2, len(text) * MAX_REPLACEMENT_SHARE):
        raise ReadError(f"decodes only with replacement characters ({bad} U+FFFD in {len(text)} characters)")
    garbled = mojibake(text)
    if garbled:
        raise ReadError(f"reads as mojibake: {garbled} before it was saved")
    if not _HAN.search(text):
        raise ReadError("no Chinese text")


def read_source(abspath: str, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """Read one regular file; a file we cannot use comes back with `error` set instead of `text`.

    At most `max_bytes + 1` bytes are read, so the limit holds whatever the file system says the
    size is; a larger file is then hashed in blocks for its row, never held in memory.
    """
    data = read_head(abspath, max_bytes)
    if len(data) > max_bytes:
        sha256, size = file_digest(abspath)
        return SourceFile(path=relpath, abspath=abspath, sha256=sha256, size=size,
                          error=f"file too large: {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
    return source_from_bytes(data, abspath, relpath)


def read_head(abspath: str, max_bytes: int) -> bytes:
    """The first `max_bytes + 1` bytes of a regular file (one more than allowed tells it is too large)."""
    with open(abspath, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return f.read(max_bytes + 1)


def source_from_bytes(data: bytes, abspath: str, relpath: str) -> SourceFile:
    """A file's record from its bytes, read here or sent by the machine that has the file (a cluster run)."""
    source = SourceFile(path=relpath, abspath=abspath, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    if relpath.lower().endswith(WEB_PAGE_SUFFIXES) or webpage.looks_like_html(data):
        source.format = "html"
    try:
        text, source.encoding = decode_web_page(data) if source.format == "html" else decode(data)
        check_text(text)
        if source.format == "html":
            text = webpage.page_as_text(webpage.read_web_page(text))
    except ValueError as e:  # ReadError, or a page with no article text
        source.error = str(e)
        return source
    source.text = strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return source


def decode_web_page(data: bytes) -> tuple[str, str]:
    """A web page decoded by the charset it declares, if that reads; else as any other file is."""
    declared = webpage.declared_encoding(data)
    if declared and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: the bytes decide
    return decode(data)
