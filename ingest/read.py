"""Reading: find the input files and decode them, keeping each file's sha256, size and path."""
from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import charset_normalizer
from charset_normalizer.md import mess_ratio

from .normalise import strip_invisible
from .records import SourceFile
from . import rules

# Byte-order marks we decode by.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# What a file that is not UTF-8 may be in: the Chinese encodings (GBK is a subset of GB18030).
CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs"]
# A file larger than this is refused unless the user raises --max-bytes: news pages are small.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Replacement characters allowed before a file counts as undecodable (a stray one is common).
MAX_REPLACEMENT_SHARE = 0.001
# charset-normalizer's "mess" of a text sample above which it reads as mojibake (clean Chinese ≈ 0.0–0.05,
# UTF-8 read as GBK ≈ 0.3, as Latin-1 ≈ 5).
MOJIBAKE_MESS = 0.2
MOJIBAKE_SAMPLE = 4000
MOJIBAKE_MIN_CHARS = 64  # shorter texts give the measure too little to go on
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class ReadError(ValueError):
    """A file whose bytes are not Chinese text we can read; the message says why."""


def find_files(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(absolute path, path relative to the folder given) for each `*.txt` under `paths`, in sorted order.

    Folders are walked one directory at a time, so a corpus of any size costs memory for one
    directory listing, not for every path. A file named directly is recorded by its base name;
    a missing path raises FileNotFoundError before anything is yielded.
    """
    for given in paths:
        if not os.path.exists(given):
            raise FileNotFoundError(f"{given}: no such file or folder")
    for given in paths:
        if os.path.isdir(given):
            yield from _walk_sorted(os.path.abspath(given), "")
        else:
            yield str(Path(given).resolve()), Path(given).name


def count_files(paths: list[str]) -> int:
    """How many files `find_files(paths)` will yield (for a progress bar), without keeping them."""
    return sum(1 for _ in find_files(paths))


def _walk_sorted(folder: str, prefix: str) -> Iterator[tuple[str, str]]:
    # Names sorted within each folder, sub-folders where their name falls: the same order as sorting
    # every relative path by its components. Symlinked folders are not followed (as os.walk).
    try:
        with os.scandir(folder) as it:
            entries = sorted(((e.name, e.is_dir() and not e.is_symlink(), e.is_dir()) for e in it))
    except OSError:
        return
    for name, walk_into, is_dir in entries:
        if walk_into:
            yield from _walk_sorted(os.path.join(folder, name), f"{prefix}{name}/")
        elif not is_dir and name.lower().endswith(".txt"):
            yield os.path.join(folder, name), prefix + name


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
        raise ReadError("binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_problem = f"{e.reason} at byte {e.start}"
    best = charset_normalizer.from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise ReadError(f"undecodable bytes: not UTF-8 ({utf8_problem}), GB18030 or Big5")
    return str(best), best.encoding


def check_text(text: str) -> None:
    """Raise ReadError when decoded text is not usable Chinese: replacement characters, mojibake, no Chinese."""
    bad = text.count("\ufffd")
    if bad > max(2, len(text) * MAX_REPLACEMENT_SHARE):
        raise ReadError(f"decodes only with replacement characters ({bad} U+FFFD in {len(text)} characters)")
    sample = text[:MOJIBAKE_SAMPLE]
    if len(sample) >= MOJIBAKE_MIN_CHARS and mess_ratio(sample, maximum_threshold=MOJIBAKE_MESS * 2) > MOJIBAKE_MESS:
        raise ReadError("reads as mojibake (text decoded with the wrong encoding before it was saved)")
    if not _HAN.search(text):
        raise ReadError("no Chinese text")


def read_source(abspath: str, relpath: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    """Read one file; a file we cannot use comes back with `error` set instead of `text`."""
    size = os.path.getsize(abspath)
    if size > max_bytes:
        sha256, size = file_digest(abspath)
        return SourceFile(path=relpath, abspath=abspath, sha256=sha256, size=size,
                          error=f"file too large: {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
    with open(abspath, "rb") as f:
        data = f.read()
    source = SourceFile(path=relpath, abspath=abspath, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    try:
        text, source.encoding = decode(data)
        check_text(text)
    except ReadError as e:
        source.error = str(e)
        return source
    source.text = strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return source
