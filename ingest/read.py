"""Reading: find the input files and decode them, keeping each file's sha256, size and path."""
from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from .normalise import strip_invisible
from .records import SourceFile

# Byte-order marks we decode by; anything else must be valid UTF-8 for now.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def find_files(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(absolute path, path relative to the folder given) for each `*.txt` under `paths`, in sorted order.

    A file named directly is recorded by its base name; a missing path raises FileNotFoundError.
    """
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() == ".txt")
            for f in found:
                yield str(f.resolve()), f.relative_to(p).as_posix()
        elif p.is_file():
            yield str(p.resolve()), p.name
        else:
            raise FileNotFoundError(f"{given}: no such file or folder")


def file_digest(abspath: str) -> tuple[str, int]:
    """sha256 and size of a file, read in blocks so a large file costs no memory."""
    h = hashlib.sha256()
    size = 0
    with open(abspath, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name; raises ValueError saying why the bytes are not text we can read."""
    if not data:
        raise ValueError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise ValueError(f"not valid {encoding}: {e.reason} at byte {e.start}") from None
    if b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes), not a text file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 ({e.reason} at byte {e.start}); other encodings are not read yet") from None


def read_source(abspath: str, relpath: str) -> SourceFile:
    """Read one file; a file we cannot decode comes back with `error` set instead of `text`."""
    with open(abspath, "rb") as f:
        data = f.read()
    sha256 = hashlib.sha256(data).hexdigest()
    source = SourceFile(path=relpath, abspath=abspath, sha256=sha256, size=len(data))
    try:
        text, source.encoding = decode(data)
    except ValueError as e:
        source.error = str(e)
        return source
    source.text = strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return source


def is_same_file(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
