"""How sure the statistical tagger is of a person it reads: a margin, in the model's own score units.

The rules that check a tagged name (`entities._tagged_person`) were vetoes: a name whose surname is
rare (`于晓光`), that is no transliteration the lists know (`泽连斯基`, `小林鹰之`), or that ends on
the first character of a common word (`特朗普|通话`) was dropped however clearly the tagger read it.
On the two study sets the names the rules dropped were right 17 times in 28 where the tagger's
margin was 20 or more (leaving out one organisation, `哈马斯`, twelve times), and 7 times in 66 where
it was under 10 (docs/ner.md, "People"), so these rules now raise the bar instead: the name stands
when the tagger's margin clears `SURE`.

The margin is read from the tagger's own API (its emissions and transitions), not retrained: the
score of the best tag path minus the best path that tags any one character of the name otherwise,
or that runs the name on past its end (max-sum forward and backward passes over the text). The
cost of a reading the tagger did not take (`person_cost`) chooses where a name it read too long
ends (`邓莎|领衔`). Both are computed only for the few names a rule speaks against.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .tagger import TAGS, tagger

__all__ = ["SURE", "person_margin", "person_cost", "name_cost"]

# Margin at which a tagged name outweighs a rule against it: 20 (docs/ner.md, "People": 10 and 15
# gain as much on one study set and lose on the other).
SURE = 20.0

_B, _I = TAGS.index("B-PER"), TAGS.index("I-PER")
_KINDS = {kind: (TAGS.index(f"B-{kind}"), TAGS.index(f"I-{kind}")) for kind in ("PER", "LOC", "ORG")}


def _passes(emissions: np.ndarray, transitions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Max-sum forward scores (with each position's emission) and backward scores (without it)."""
    n = len(emissions)
    trans, start = transitions[:-1], transitions[-1]
    forward = np.empty_like(emissions)
    backward = np.zeros_like(emissions)
    forward[0] = start + emissions[0]
    for i in range(1, n):
        forward[i] = (forward[i - 1][:, None] + trans).max(0) + emissions[i]
    for i in range(n - 2, -1, -1):
        backward[i] = (trans + emissions[i + 1] + backward[i + 1]).max(1)
    return forward, backward


@lru_cache(maxsize=16)
def _read(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The tagger's emissions for `text`, its transitions, and the forward and backward scores; kept
    for the last few texts, as every name a rule speaks against in a paragraph asks of the same one
    (and `_tagged_person` may ask the margin of one name twice). Callers do not write into them."""
    model = tagger()
    emissions = model.emissions(text)
    return (emissions, model.transitions) + _passes(emissions, model.transitions)


def person_margin(text: str, start: int, end: int) -> float:
    """How much better the tagger's best reading of `text` is than its best reading in which
    `text[start:end]` is not exactly one person (0 when it does not read that person at all)."""
    _, _, forward, backward = _read(text)
    total = forward + backward  # best path through each (position, tag)
    best = float(forward[-1].max())
    margin = np.inf
    for i in range(start, end):
        want = _B if i == start else _I
        others = np.delete(total[i], want)
        margin = min(margin, best - float(others.max()))
    if end < len(text):
        margin = min(margin, best - float(total[end, _I]))
    return max(0.0, float(margin))


def person_cost(text: str, spans: list[tuple[int, int]]) -> list[float]:
    """For each (start, end): how much worse than its best reading of `text` the tagger's best reading
    is in which `text[start:end]` is exactly one person (0 for the reading it takes)."""
    return name_cost(text, spans, "PER")


def name_cost(text: str, spans: list[tuple[int, int]], kind: str) -> list[float]:
    """For each (start, end): how much worse than its best reading of `text` the tagger's best reading
    is in which `text[start:end]` is exactly one name of `kind` (PER, LOC, ORG; 0 for the reading it
    takes)."""
    b, i_tag = _KINDS[kind]
    emissions, transitions, forward, backward = _read(text)
    trans, first = transitions[:-1], transitions[-1]
    best = float(forward[-1].max())
    out = []
    for start, end in spans:
        score = float((forward[start - 1] + trans[:, b]).max()) if start else float(first[b])
        score += float(emissions[start, b])
        for i in range(start + 1, end):
            score += float(trans[b if i == start + 1 else i_tag, i_tag] + emissions[i, i_tag])
        if end < len(text):
            last = b if end == start + 1 else i_tag
            after = trans[last] + emissions[end] + backward[end]
            score += float(np.delete(after, i_tag).max())
        out.append(best - score)
    return out
