"""One calibrated score for "is this name the tagger reads a person?", in place of a chain of vetoes.

Round 2 turned some of the rules that checked a tagged name into evidence weighed against the
tagger's margin at one hand-set threshold; the others stayed vetoes, each dropping right names with
the wrong (docs/ner.md, "People (round 2)"). Here every piece of evidence about a tagged name is one
feature of a logistic regression: the tagger's margin, the name's shape (a surname and one or two
given-name characters; a transliteration), how common its surname is, a title or cue beside it,
whether a word of a general dictionary (jieba's, shipped as `data/claims_words.tsv`) runs across
its edges (`白林身|先士卒`, `东|张西望`) or it crosses a place or organisation the rules read. The weights
(`data/person_score.tsv`) are fitted by `training/train_person_score.py` on the tagged names of the
two study sets of `benchmarks/ner_dev/` and checked on `fresh`; the name stands when its
probability reaches `THRESHOLD`.

The margin costs two passes of the tagger over the paragraph, so it is read only when the other
evidence leaves the decision open (`accepts`).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import lru_cache

from .. import rules

__all__ = ["PersonEvidence", "MARGIN_CAP", "THRESHOLD", "features", "probability", "accepts"]

# The margin stops counting beyond this: a name the tagger is that sure of is as sure as it gets.
MARGIN_CAP = 40.0
# Probability at which a tagged name stands (a false person on a page costs what a miss costs).
THRESHOLD = 0.5


@dataclass(frozen=True)
class PersonEvidence:
    """What is known about one name the tagger reads, apart from its margin."""
    chinese: bool  # a surname and one or two given-name characters (`贺一诚`)
    rare_surname: bool  # … whose surname is a rarer one (`于`, `常`), often opening an ordinary word
    top_surname: bool  # the surname is one of the commonest (`王`, `李`)
    japanese_alone: bool  # a Japanese family name alone (`安倍`)
    foreign: bool  # reads as a transliteration the lists know (`布林肯`), or one beside a cue
    transliterated: bool  # most of its characters are transliteration characters (`泽连斯基`)
    rare_and_foreign: bool  # a rarer surname before a transliteration (`哈马斯`, `阿波罗`)
    starts_well: bool  # after punctuation, a function word, a title, a place or an organisation
    role: bool  # a title right before it
    cue: bool  # a title or a speech or action verb right after it (`同志`, `表示`, `说`)
    splits_word: bool  # it starts or ends inside a common word (`特朗普|通话`)
    place_ending: bool  # it ends in a division's ending (`王营村`, `张店镇`)
    crosses_name: bool  # a place or organisation of the rules runs across it and does not yield
    dict_person: bool  # the dictionary knows the string as a person's name
    end_in_word: bool  # a word of the dictionary runs across its end (`白林身|先士卒`)
    start_in_word: bool  # … or across its start (`东|张西望`)
    opens_with_word: bool  # its first two characters are a word of another class (`内科|林皓平`)
    two_chars: bool
    four_or_more: bool  # (three characters is the reference length)
    longer_than_rule: bool = False  # it reads a name the rules found, longer (`白林|身先士卒` against 白林)
    extended: bool = False  # run on over transliteration characters the tagger left out (`伊万|科维奇`)


def features(evidence: PersonEvidence, margin: float) -> dict[str, float]:
    """The feature values the weights are fitted to: the evidence as numbers, the margin scaled."""
    out = {f.name: float(getattr(evidence, f.name)) for f in fields(evidence)}
    out["margin"] = min(margin, MARGIN_CAP) / 10.0
    out["bias"] = 1.0
    return out


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The fitted weights, feature name → weight (`data/person_score.tsv`)."""
    return {name: float(value) for name, value in rules.rows("person_score.tsv")}


def _logit(values: dict[str, float]) -> float:
    w = weights()
    return sum(w.get(name, 0.0) * x for name, x in values.items())


def probability(evidence: PersonEvidence, margin: float) -> float:
    """How likely the name is a person, given the evidence and the tagger's margin."""
    z = _logit(features(evidence, margin))
    return 1.0 / (1.0 + math.exp(-z))


def accepts(evidence: PersonEvidence, margin: Callable[[], float]) -> bool:
    """Does the name stand? `margin` is called only when the rest of the evidence leaves it open: the
    margin's weight is positive, so the least and the most it can add bound the decision."""
    cut = math.log(THRESHOLD / (1.0 - THRESHOLD))
    w = weights().get("margin", 0.0)
    low = _logit(features(evidence, 0.0))
    high = low + w * MARGIN_CAP / 10.0
    if min(low, high) >= cut:
        return True
    if max(low, high) < cut:
        return False
    return _logit(features(evidence, margin())) >= cut
