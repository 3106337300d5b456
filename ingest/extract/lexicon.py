"""Word lists for the entity extractor, from `ingest/data/ner_*.txt`, and a trie regex.

Rules about Chinese text live in those commented data files so they can be read and extended
without touching code; `ingest.rules` reads them and this module compiles fast matchers.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import rules
from ..rules import CJK, CJK_RE  # noqa: F401  (the extractors import them from here)


def trie_pattern(words) -> str:
    """A regex alternation of `words` built as a trie: it matches the longest word at a position
    and is far faster than a flat `a|b|c` over hundreds of words."""
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not end:
            return branches[0]
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end else body

    return build(trie)


def trie_regex(words, prefix: str = "", suffix: str = "") -> re.Pattern:
    """Compiled trie regex, optionally wrapped in extra pattern text."""
    return re.compile(prefix + "(?:" + trie_pattern(words) + ")" + suffix)


class WordScanner:
    """Leftmost-longest dictionary matching with plain dict look-ups.

    Faster than one regex over thousands of words: Python's `re` tries the alternatives of a
    large alternation one by one at every position whose first character could start a word.
    """

    def __init__(self, words) -> None:
        self.words = frozenset(w for w in words if w)
        self.lengths = prefix_lengths(self.words)
        self.firsts = frozenset(w[0] for w in self.words)  # most characters begin no word of a short list

    def scan(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping matches, leftmost first, longest at each position."""
        out = []
        get, words, firsts = self.lengths.get, self.words, self.firsts
        i, n = 0, len(text)
        while i < n:
            ls = (get(text[i:i + 2]) or get(text[i])) if text[i] in firsts else None
            if ls:
                for k in ls:
                    if i + k <= n and text[i:i + k] in words:
                        out.append((i, i + k))
                        i += k
                        break
                else:
                    i += 1
            else:
                i += 1
        return out

    def every(self, text: str) -> list[tuple[int, int]]:
        """The longest match starting at every position (matches may overlap)."""
        out = []
        get, words = self.lengths.get, self.words
        n = len(text)
        for i, ch in enumerate(text):
            ls = (get(text[i:i + 2]) or get(ch)) if ch in self.firsts else None
            if ls:
                for k in ls:
                    if i + k <= n and text[i:i + k] in words:
                        out.append((i, i + k))
                        break
        return out


def prefix_lengths(words) -> dict[str, tuple[int, ...]]:
    """The lengths, longest first, of the words that begin with each two characters, 1 among them when
    the first character is a word alone (which also has a one-character key of its own). A matcher
    asks its text's next two characters, then its next one: most characters begin some word of a
    long list (`中`, `国`), few pairs do, so the pair leaves a handful of lengths to try, not every
    length the first character begins. The lengths tried at a position, and so the matches, are the
    same."""
    lengths: dict[str, set[int]] = {}
    for w in words:
        lengths.setdefault(w[:2], set()).add(len(w))
    for key, ls in lengths.items():
        if len(key) == 2 and key[0] in lengths:
            ls.add(1)
    return {key: tuple(sorted(ls, reverse=True)) for key, ls in lengths.items()}


@lru_cache(maxsize=1)
def word_bigrams() -> frozenset[str]:
    """Character pairs written inside one word at least 9 times in 10 in a large corpus (`现场`, `报道`,
    `都平|安`'s 平安), from `ner_word_bigrams.txt`: a name does not start or end between them."""
    return frozenset(rules.words("ner_word_bigrams.txt"))


@lru_cache(maxsize=None)
def lexicon() -> "Lexicon":
    """The shared, lazily built word lists (built on first use, then cached)."""
    return Lexicon()


class Lexicon:
    """Everything the extractors look up, parsed from the data files."""

    def __init__(self) -> None:
        surnames = rules.sections("ner_surnames.txt")
        self.surname_tier: dict[str, int] = {}
        for tier, key in ((1, "top"), (1, "tier 1"), (2, "tier 2"), (1, "compound"), (2, "japanese")):
            for s in surnames.get(key, []):
                self.surname_tier.setdefault(s, tier)
        self.top_surnames = set(surnames.get("top", []))
        self.japanese_surnames = set(surnames.get("japanese", []))
        self.compound_surnames = set(surnames.get("compound", [])) | self.japanese_surnames
        self.given_chars = rules.chars("ner_given_chars.txt", "")
        self.surname_markers = rules.chars("ner_given_chars.txt", "surname markers")
        self.place_last_chars = rules.chars("ner_given_chars.txt", "not last before a title")
        self.never_chars = (rules.chars("ner_given_chars.txt", "never") | self.surname_markers) - self.given_chars
        self.not_names = set(rules.words("ner_not_names.txt"))
        self.name_words = set(rules.sections("ner_not_names.txt").get("also given names", []))
        self.address_terms = set(rules.words("ner_address_terms.txt"))
        title_sections = rules.sections("ner_titles.txt")
        self.generic_titles = set(title_sections.get("generic", []))
        titles = [w for words in title_sections.values() for w in words]
        self.titles = set(titles)
        self.title_re = trie_regex(titles)
        followers = rules.sections("ner_name_followers.txt")
        self.cue_words = set(followers.get("cue", []))
        self.cue_adverbs = set(followers.get("adverbs before a cue", []))
        self.boundary_words = set(followers.get("boundary", [])) | self.cue_words
        self.follower_re = trie_regex(self.boundary_words | self.titles)
        self.cue_re = trie_regex(self.cue_words)
