"""How sure the statistical tagger is of a person it reads: a margin, in the model's own score units.

The rules that check a tagged name (`entities._tagged_person`) were vetoes: a name whose surname is
rare (`于晓光`), that is no transliteration the lists know (`泽连斯基`, `小林鹰之`), or that ends on
the first character of a common word (`特朗普|通话`) was dropped however clearly the tagger read it.
On the development sets the names such a rule drops are mostly right when the tagger is sure and
mostly wrong when it is not (docs/ner.md, "People"), so these rules now raise the bar instead: the
name stands when the tagger's margin clears `SURE`.

The margin is read from the tagger's own API (its emissions and transitions), not retrained: the
score of the best tag path minus the best path that tags any one character of the name otherwise,
or that runs the name on past its end (max-sum forward and backward passes over the text).
"""
from __future__ import annotations

import numpy as np

from .tagger import TAGS, tagger

__all__ = ["SURE", "person_margin"]

# Margin at which a tagged name outweighs a rule against it: 20 (docs/ner.md, "People": 10 and 15
# gain as much on one study set and lose on the other).
SURE = 20.0

_B, _I = TAGS.index("B-PER"), TAGS.index("I-PER")


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


def person_margin(text: str, start: int, end: int) -> float:
    """How much better the tagger's best reading of `text` is than its best reading in which
    `text[start:end]` is not exactly one person (0 when it does not read that person at all)."""
    model = tagger()
    emissions = model.emissions(text)
    forward, backward = _passes(emissions, model.transitions)
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
