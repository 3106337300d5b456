"""Whole words for claim subjects: a dictionary segmentation with word classes.

A claim's subject must be a word or phrase of the text, never a fragment of one (`造林` cut from
`营造林`, `次喷发` from `再次喷发`, `降水量可` from `降水量可达`). The character-pair list the name
finder checks its names against only knows pairs that are almost always inside one word; a subject
edge needs a segmentation of the whole clause. This one is the classic maximum-probability route over
a general dictionary (`data/claims_words.tsv`, from jieba's dictionary: word frequencies and word
classes from general corpora, never from the development pages), with runs of digits or Latin letters
read as one token. Clauses are short and only clauses that hold a claim are cut, so the cost is small.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .. import rules

# Word classes of nouns (病例, 总量, 人数; verbal nouns 预警; abbreviations 疫苗接种 …).
NOUN_TAGS = frozenset({"n", "ng", "nr", "nrt", "ns", "nt", "nz", "vn", "j", "an", "s"})
# Word classes (jieba / ICTCLAS tags) of one-character words that name no thing: such a word is no
# subject alone (里, 间, 外 locatives; 用, 死 verbs; 不 adverbs; 次 measure words), while 省, 区, 村 are.
NOT_A_THING_TAGS = frozenset({"f", "v", "vg", "vd", "d", "ad", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud",
                              "y", "e", "o", "r", "m", "mq", "q", "t", "tg"})
# Words that end a noun phrase after a unit (依然, 正式 adverbs; 对于 prepositions; 并且 conjunctions).
NOT_IN_NOUN_TAGS = frozenset({"d", "ad", "p", "c"})
PLACE_NAME_TAGS = frozenset({"ns", "s"})  # place names (美国) and place words (国内, 当地)
VERB_TAGS = frozenset({"v", "vg", "vd"})
# Locatives: after a count's measure word the one-character word is the noun counted (26个里: villages).
PLACE_TAGS = frozenset({"f", "s"})
# A subject that is only a time word (过去 of 在过去两天里, 今年) says when, not what.
TIME_TAGS = frozenset({"t", "tg"})
# Word classes that never end a subject (已, 就, 可以 adverbs; 从, 对 prepositions; 和 conjunctions;
# 了, 着 particles; 吗 modal particles) or start one (a preposition or conjunction leads a phrase, not a
# noun).
NOT_LAST_TAGS = frozenset({"d", "p", "c", "u", "y", "uj", "ul", "uz", "ug", "uv", "ud"})
ADVERB_TAGS = frozenset({"d"})
PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})  # person names and surnames (徐 of 徐凡)
NOT_FIRST_TAGS = frozenset({"p", "c", "u", "y", "uj", "ul", "uz", "ug", "uv", "ud"})
_LONGEST = 6  # the longest word looked up


@dataclass(frozen=True)
class _Dictionary:
    cost: dict[str, float]  # -log(probability) of each word
    tag: dict[str, str]
    unknown: float  # the cost of a character that is no word of the dictionary


@lru_cache(maxsize=1)
def dictionary() -> _Dictionary:
    """The word list, read once."""
    freq: dict[str, int] = {}
    tag: dict[str, str] = {}
    for word, count, word_tag in (r[:3] for r in rules.rows("claims_words.tsv")):
        freq[word] = int(count)
        tag[word] = word_tag
    total = sum(freq.values())
    cost = {w: math.log(total / f) for w, f in freq.items()}
    return _Dictionary(cost, tag, math.log(total))


def _run_end(text: str, i: int) -> int:
    """Where the run of digits and Latin letters starting at `i` ends (a decimal point inside it
    belongs to it: 14.9)."""
    n = len(text)
    j = i
    while j < n and (_is_run_char(text[j]) or (text[j] == "." and j + 1 < n and text[j + 1].isdigit() and j > i)):
        j += 1
    return j


def _is_run_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@lru_cache(maxsize=4096)
def segment(text: str) -> tuple[str, ...]:
    """`text` cut into words by the most probable route through the dictionary (`营造林超663万亩` →
    营造林 | 超 | 663 | 万亩); digits and Latin letters run together as one token."""
    d = dictionary()
    n = len(text)
    best = [0.0] * (n + 1)  # best[i]: cost of the best route from i to the end
    step = [1] * (n + 1)
    for i in range(n - 1, -1, -1):
        if _is_run_char(text[i]):
            j = _run_end(text, i)
            best[i], step[i] = d.unknown + best[j], j - i
            continue
        best[i], step[i] = d.unknown + best[i + 1], 1
        for k in range(2, min(_LONGEST, n - i) + 1):
            c = d.cost.get(text[i:i + k])
            if c is not None and c + best[i + k] < best[i]:
                best[i], step[i] = c + best[i + k], k
        c = d.cost.get(text[i])
        if c is not None and c + best[i + 1] < best[i]:
            best[i], step[i] = c + best[i + 1], 1
    words, i = [], 0
    while i < n:
        words.append(text[i:i + step[i]])
        i += step[i]
    return tuple(words)


def word_tag(word: str) -> str | None:
    """The dictionary's word class of `word`, or None for a word it does not hold."""
    return dictionary().tag.get(word)
