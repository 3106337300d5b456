"""Rules about Chinese text kept as data files in `ingest/data/`, loaded once per process."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a data file."""
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """A one-word-a-line data file."""
    return tuple(line.strip() for line in _lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated data file, one tuple a row."""
    return tuple(tuple(line.split("\t")) for line in _lines(name))


@dataclass(frozen=True)
class ChromeRule:
    name: str
    scope: str  # head | any | tail
    pattern: re.Pattern


@lru_cache(maxsize=1)
def chrome_rules() -> tuple[ChromeRule, ...]:
    return tuple(ChromeRule(name, scope, re.compile(pattern)) for name, scope, pattern in table("chrome.tsv"))
