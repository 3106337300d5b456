"""Rules about Chinese text kept as data files in `ingest/data/`: the one reader of those files.

Every rule file is UTF-8 text read through `importlib.resources` with one grammar:

- blank lines are skipped;
- a line whose first non-blank character is `#` is a comment, except `## name`, which opens the
  section `name` (lines before any header belong to the section ``""``);
- a `#` after a blank starts a comment that runs to the end of the line;
- a row's cells are separated by tabs and stripped (empty cells are kept);
- a word file's tokens are separated by any whitespace;
- in an alias file, `a b = c` makes `a` and `b` spellings of the canonical name `c`.

Each file is parsed once per process; callers get tuples, frozensets or fresh dicts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
CJK_RE = re.compile(f"[{CJK}]")
_INLINE_COMMENT = re.compile(r"\s#.*")


@lru_cache(maxsize=None)
def _parse(name: str) -> dict[str, tuple[str, ...]]:
    """The content lines of a data file by section, comments and blank lines dropped."""
    text = resources.files("ingest").joinpath("data", name).read_text(encoding="utf-8")
    parsed: dict[str, list[str]] = {"": []}
    current = ""
    for raw in text.splitlines():
        head = raw.strip()
        if head.startswith("## "):
            current = head[3:].strip()
            parsed.setdefault(current, [])
            continue
        line = _INLINE_COMMENT.sub("", raw)
        if line.strip() and not head.startswith("#"):
            parsed[current].append(line)
    return {section: tuple(lines) for section, lines in parsed.items()}


def _lines(name: str, section: str | None) -> tuple[str, ...]:
    parsed = _parse(name)
    if section is None:
        return tuple(line for lines in parsed.values() for line in lines)
    return parsed.get(section, ())


@lru_cache(maxsize=None)
def rows(name: str, section: str | None = None) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a data file (of one section, or of all when `section` is None)."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name, section))


@lru_cache(maxsize=None)
def words(name: str, section: str | None = None) -> tuple[str, ...]:
    """Whitespace-separated tokens of a data file (of one section, or of all when `section` is None)."""
    return tuple(word for line in _lines(name, section) for word in line.split())


def sections(name: str) -> dict[str, tuple[str, ...]]:
    """The tokens of a data file by section, in file order (tokens before any header under '')."""
    return {section: words(name, section) for section in _parse(name)}


@lru_cache(maxsize=None)
def chars(name: str, section: str = "") -> frozenset[str]:
    """The CJK characters of one section of a data file (for character lists)."""
    return frozenset(CJK_RE.findall("".join(words(name, section))))


def aliases(name: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Names of a list file, and canonical names of the aliases its `a = b` lines make."""
    names: list[str] = []
    canon: dict[str, str] = {}
    for line in _lines(name, None):
        left, equals, right = line.partition("=")
        names.extend(left.split())
        if equals:
            canon.update((word, right.strip()) for word in left.split())
    return tuple(names), canon


@lru_cache(maxsize=1)
def byline_org_endings() -> tuple[str, ...]:
    """Endings that make a byline token a department (`宣传科`), not a person: the organisation
    suffixes marked `byline` in `ner_org_suffixes.txt` and its `## byline endings`."""
    marked = (row[0] for row in rows("ner_org_suffixes.txt", "") if row[3:4] == ("byline",))
    return (*marked, *words("ner_org_suffixes.txt", "byline endings"))


@dataclass(frozen=True)
class ChromeRule:
    name: str
    scope: str  # head | any | tail
    pattern: re.Pattern


@lru_cache(maxsize=1)
def chrome_rules() -> tuple[ChromeRule, ...]:
    return tuple(ChromeRule(name, scope, re.compile(pattern)) for name, scope, pattern in rows("chrome.tsv"))
