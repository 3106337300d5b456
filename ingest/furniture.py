"""What each line of a page is: body, title, metadata, caption or furniture, by a trained classifier.

The chrome rules (`data/chrome.tsv`) name furniture they are certain of; pages hold far more
kinds than any rule list (footer contact rows, login prompts, comment boxes, reprint notices),
and a rule written for one page's line does not hold on the next site's. So each line is
described by general features of its shape and its place in the page (length; the share of
digits, Latin letters and punctuation; its distance from the top, the bottom and the running
text; label-, link- and contact-like shapes; whether the page repeats it; what its neighbours
look like; which rule tables match it; hashed character pairs of its opening and end) and a
softmax regression trained by `training/train_furniture.py` on hand-labelled lines scores the
five labels. The weights ship in `data/furniture_model.npz` (feature weights only, no text) and
are read once.

Features are pure functions of a page's non-blank lines (normalised text and line numbers).
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from functools import lru_cache
from importlib import resources

import numpy as np

from .extract.bylines import byline_line
from .extract.dates import DATE_TIME
from .rules import CJK_RE, chrome_rules, rows, words

LABELS = ("body", "title", "metadata", "caption", "furniture")
# Hashed character pairs: the first HEAD_CHARS and last TAIL_CHARS characters of a line, in BUCKETS
# buckets (what a line opens and ends with says most about what it is: `电话`, `版权`, `登录`).
BUCKETS = 512
HEAD_CHARS = 16
TAIL_CHARS = 8
# Shapes are looked for in a line's first SHAPE_CHARS characters.
SHAPE_CHARS = 300
# A line at least this long with a comma or full stop is running text.
PROSE_MIN = 30

_PROSE_MARK = re.compile(r"[，,。；！？]")
_SENTENCE_END = ("。", "！", "？", "!", "?", "”", "…")
_LABEL_SHAPE = re.compile(r"^[^\s:：，。]{1,8}\s*[:：]")
_LINK_SHAPE = re.compile(r"(?i)https?:|www\.|\.(com|cn|net|org|gov|hk|tw)\b|@|[A-Za-z0-9]+\.[A-Za-z]{2,4}/")
_CONTACT_SHAPE = re.compile(r"\d{3,4}\s*[-－—]\s*\d{7,8}|(?<!\d)1\d{10}(?!\d)|\(0\d{2,3}\)|（0\d{2,3}）|[A-Z]{2,}[-\s]?\d{3,}")
_BULLET = re.compile(r"^[•·●○◆◇■□▪▶►\-*－]")
_SEPARATORS = re.compile(r"[|｜/>»＞]")
_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\u2010-\u2027!-/:-@\[-`{-~]")
_DIGIT = re.compile(r"[0-9]")
_LATIN = re.compile(r"[A-Za-z]")
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")

DENSE = (
    "bias", "log_len", "len<=2", "len<=6", "len<=12", "len<=24", "len<=48", "len>100",
    "cjk", "digits", "latin", "punct", "spaces",
    "ends_sentence", "ends_colon", "comma", "commas>=3", "stop_inside",
    "bullet", "separators>=2", "label_shape", "link_shape", "contact_shape", "bracket_open",
    "rule_any", "rule_head", "rule_tail", "date", "clock", "byline", "caption_word", "title_shape",
    "first", "top3", "last", "bottom3", "position",
    "prose", "above_prose", "below_prose", "repeated",
    "gap_before", "gap_after",
    "prev_prose", "next_prose", "prev_date", "next_date", "prev_rule", "next_rule",
    "next_short", "title_shape*above_prose", "title_shape*next_date",
    "meta_label_opens", "meta_label_inside", "next_meta_label", "prev_meta_label",
    "first_free_title_shape", "prose_next_1", "prose_within_3", "after_tail_rule", "len_8_40",
)

# The headline is chosen among candidate lines by a second, small model over these features (a
# softmax over the candidates and "none"), trained on the same labels from the classifier's held-out
# probabilities: the classifier's view of the line, where it stands against the metadata and the
# running text, its length, how much of it the text goes on to say, and whether the rules chose it.
TITLE_FEATURES = (
    "none", "p_title", "log_p_title", "p_furniture", "p_metadata", "p_body", "first",
    "meta_below", "meta_above", "prose_next", "lines_to_prose", "len<=6", "len<=12", "len>40",
    "body_overlap", "body_overlap=0", "repeated", "latin", "title_rank1", "prose_above",
    "candidates_below", "comma", "names", "rule_choice",
)

# How much more than the rules' choice the ranker must score another line to take it instead: chosen
# on held-out folds (study + study2 + train, 140 articles: 0 -> 0.893, 1 -> 0.907, 2 -> 0.886, the
# rules alone 0.829).
RULE_MARGIN = 1.0


@lru_cache(maxsize=1)
def _meta_label() -> re.Pattern:
    """A metadata label with its colon (`来源:`, `发布时间：`), from `data/meta_labels.tsv`."""
    labels = sorted((row[0] for row in rows("meta_labels.tsv")), key=len, reverse=True)
    return re.compile(r"(" + "|".join(map(re.escape, labels)) + r")\s*[:：]")


def _ratio(pattern: re.Pattern, s: str) -> float:
    return len(pattern.findall(s)) / max(len(s), 1)


def _rule_scopes(s: str) -> set[str]:
    return {rule.scope for rule in chrome_rules() if rule.pattern.search(s)}


def title_shape(s: str) -> bool:
    """Could the (stripped) line be a headline: 4 to 80 characters, no full stop inside, no open ending?"""
    return 4 <= len(s) <= 80 and "。" not in s[:-1] and not s.endswith(("，", ",", "、", "：", ":", "；", ";", "。"))


def is_prose(s: str) -> bool:
    """Is the line running text (long, with a comma or full stop)?"""
    return len(s) >= PROSE_MIN and bool(_PROSE_MARK.search(s))


def _own_features(line: str) -> list[float]:
    """Features of the line alone (text stripped and normalised). Shapes are read in its first
    SHAPE_CHARS characters: a huge line (an inline image's base64) must cost no more than a short one."""
    n = len(line)
    s = line[:SHAPE_CHARS]
    scopes = _rule_scopes(s) if n <= SHAPE_CHARS else set()
    return [
        1.0, np.log1p(n) / 5, n <= 2, n <= 6, n <= 12, n <= 24, n <= 48, n > 100,
        _ratio(CJK_RE, s), _ratio(_DIGIT, s), _ratio(_LATIN, s), _ratio(_PUNCT, s), s.count(" ") / max(len(s), 1),
        line.endswith(_SENTENCE_END), line.endswith((":", "：")), bool(re.search("[，,]", s)),
        s.count("，") + s.count(",") >= 3, "。" in s[:-1],
        bool(_BULLET.match(s)), len(_SEPARATORS.findall(s)) >= 2, bool(_LABEL_SHAPE.match(s)),
        bool(_LINK_SHAPE.search(s)), bool(_CONTACT_SHAPE.search(s)), s.startswith(("【", "[", "(", "（")),
        "any" in scopes, "head" in scopes, "tail" in scopes, bool(DATE_TIME.search(s)), bool(_CLOCK.search(s)),
        n <= 80 and byline_line(s) is not None, any(w in s for w in words("caption_markers.txt")),
        title_shape(s),
    ]


def _meta_flags(s: str) -> tuple[bool, bool]:
    """(a metadata label opens the line, after a bullet or bracket; one stands anywhere in it)."""
    found = _meta_label().search(s[:200])
    return bool(found and not s[:found.start()].strip(" •·●-*【[|｜")), found is not None


@lru_cache(maxsize=1 << 16)
def _bucket(pair: str) -> int:
    """A character pair's bucket: crc32, the same in every process (str hashes are salted)."""
    return zlib.crc32(pair.encode("utf-8")) % BUCKETS


def _bigram_buckets(s: str) -> set[int]:
    ends = s[:HEAD_CHARS] + "\n" + s[-TAIL_CHARS:] if len(s) > HEAD_CHARS else s
    padded = "^" + ends + "$"
    return {_bucket(padded[i:i + 2]) for i in range(len(padded) - 1)}


def page_features(texts: list[str], line_nos: list[int]) -> np.ndarray:
    """One row of features for each non-blank line of a page (`texts`, at file lines `line_nos`)."""
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(DENSE) + BUCKETS), dtype=np.float32)
    own = [_own_features(s) for s in texts]
    prose = [is_prose(s) for s in texts]
    prose_at = [i for i, p in enumerate(prose) if p]
    first_prose = prose_at[0] if prose_at else n
    last_prose = prose_at[-1] if prose_at else -1
    counts = Counter("".join(s.split()) for s in texts)
    meta = [_meta_flags(s) for s in texts]
    free = [not (f[DENSE.index("rule_any")] or f[DENSE.index("rule_head")] or f[DENSE.index("rule_tail")]) for f in own]
    first_free_title = next((i for i in range(min(first_prose, n)) if free[i] and own[i][DENSE.index("title_shape")]
                             and not meta[i][1]), -1)
    tail_at = next((i for i in range(last_prose + 1 if prose_at else 0, n) if own[i][DENSE.index("rule_tail")]), n)
    tail_at = min([tail_at] + [i for i in range(n) if own[i][DENSE.index("rule_tail")] and i > first_prose])
    date_col, rule_any, rule_head, title_col = (DENSE.index(c) for c in ("date", "rule_any", "rule_head", "title_shape"))
    out = np.zeros((n, len(DENSE) + BUCKETS), dtype=np.float32)
    for i, s in enumerate(texts):
        prev_f, next_f = (own[i - 1] if i else None), (own[i + 1] if i + 1 < n else None)
        above, title_shape = i < first_prose, own[i][title_col]
        next_date = bool(next_f and next_f[date_col])
        context = [
            i == 0, i < 3, i == n - 1, i >= n - 3, i / n,
            prose[i], above, i > last_prose, counts["".join(s.split())] >= 2,
            i == 0 or line_nos[i] - line_nos[i - 1] > 1, i == n - 1 or line_nos[i + 1] - line_nos[i] > 1,
            i > 0 and prose[i - 1], i + 1 < n and prose[i + 1],
            bool(prev_f and prev_f[date_col]), next_date,
            bool(prev_f and (prev_f[rule_any] or prev_f[rule_head])), bool(next_f and (next_f[rule_any] or next_f[rule_head])),
            i + 1 < n and len(texts[i + 1]) <= 12, title_shape and above, title_shape and next_date,
            meta[i][0], meta[i][1], i + 1 < n and meta[i + 1][1], i > 0 and meta[i - 1][1],
            i == first_free_title, i + 1 < n and prose[i + 1] and i + 1 == first_prose,
            0 < first_prose - i <= 3, i > tail_at, 8 <= len(s) <= 40,
        ]
        out[i, :len(DENSE)] = own[i] + context
        for b in _bigram_buckets(s):
            out[i, len(DENSE) + b] = 1.0
    return out


def softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    return e / e.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def _model() -> dict[str, np.ndarray]:
    """The shipped weights: the line classifier's (features × labels) and the headline ranker's (one
    per TITLE_FEATURES), checked against this module's features."""
    with resources.files("ingest").joinpath("data/furniture_model.npz").open("rb") as f:
        return read_model(f)


def read_model(f) -> dict[str, np.ndarray]:
    """The weights in a model file (shipped, or trained without a page set to score it held out),
    checked against this module's features."""
    data = dict(np.load(f))
    if (tuple(data["features"]) != DENSE or int(data["buckets"]) != BUCKETS or tuple(data["labels"]) != LABELS
            or tuple(data.get("title_features", ())) != TITLE_FEATURES):
        raise ValueError("data/furniture_model.npz was trained on other features: run `make furniture-model`")
    return data


def _weights() -> np.ndarray:
    return _model()["weights"]


def title_choice(features: np.ndarray, allow_none: bool, weights: np.ndarray | None = None) -> int | None:
    """Which candidate (a row of TITLE_FEATURES each) is the headline, or, if `allow_none`, perhaps
    none ("none" scoring above every candidate). The cleaner allows none only when the rules found no
    headline either: a page's headline is seldom missing. The rules' choice (its `rule_choice` row)
    gives way only to a candidate scoring RULE_MARGIN above it. `weights`: the ranker's, the shipped
    ones unless given (training scores its folds' own)."""
    if len(features) == 0:
        return None
    w = _model()["title_weights"] if weights is None else weights
    scores = features @ w
    best = int(scores.argmax())
    ruled = np.flatnonzero(features[:, TITLE_FEATURES.index("rule_choice")])
    if len(ruled) and scores[best] - scores[ruled[0]] < RULE_MARGIN:
        return int(ruled[0])
    return best if not allow_none or scores[best] > w[TITLE_FEATURES.index("none")] else None


def line_probabilities(texts: list[str], line_nos: list[int]) -> np.ndarray:
    """Probability of each label (columns in LABELS order) for each non-blank line of a page."""
    if not texts:
        return np.zeros((0, len(LABELS)))
    return softmax(page_features(texts, line_nos) @ _weights())
