"""Chinese full-text search over FTS5 `unicode61`: fold text so that every Han character is a token.

SQLite's tokenizers do not segment Chinese, and Python's sqlite3 cannot register a tokenizer, so
the index is fed a folded copy instead: each CJK character (in Simplified form) stands alone, Latin
words and digit runs stay whole, and every run of punctuation or space becomes one placeholder
token, so a phrase query never matches across it. A query folded the same way becomes a phrase
query, which finds exactly the rows where `text LIKE '%query%'` holds.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from .normalise import normalise

# Stands for punctuation and white space in the index; a private-use character, so no query types it.
SEPARATOR = "\ue000"
# A token that never occurs: the match for a query with nothing searchable in it.
NOTHING = '"\ue001"'
# Where `zh_snippet` marks a hit; the Datasette plugin turns them into <mark> after escaping. The
# archive's own search query gives plain text and offsets instead (zh_snippet_text, zh_snippet_hits).
HIT_OPEN, HIT_CLOSE = "⟦", "⟧"

_NOT_WORDS = re.compile(r"[\W_]+")  # SEPARATOR is one of them: a run holding it is one SEPARATOR
_FOLDED_TOKENS = re.compile(r"[a-z0-9]+|[^\W_]|" + SEPARATOR)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def fold_for_index(text: str) -> str:
    """`核酸,PCR检测` → `核 酸 \ue000 pcr 检 测`: the form the FTS index holds. `text` is normalised
    already (paragraphs.text, articles.title); a query is normalised first, by `fts_query`.

    Tokens: a run of ASCII letters and digits (lower-cased), any other word character alone, and a
    run of anything else as one SEPARATOR. Done by two regex passes in C (every run of non-word
    characters to one SEPARATOR, then the tokens joined), not a Python loop over tokens: the writer
    folds every paragraph it stores."""
    marked = _NOT_WORDS.sub(SEPARATOR, (text or "").translate(_ASCII_LOWER))
    return " ".join(_FOLDED_TOKENS.findall(marked))


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression for what a user typed: each space-separated part a phrase, all required.

    `醫用口罩` → `"医 用 口 罩"`; `口罩 核酸` → `"口 罩" "核 酸"`.
    """
    phrases = []
    for part in (query or "").split():
        folded = fold_for_index(normalise(part)).strip(" " + SEPARATOR)
        if folded:
            phrases.append(f'"{folded}"')
    return " ".join(phrases) if phrases else NOTHING


# Characters of a text searched for the first hit: `zh_snippet` runs inside a SQL query, where
# Datasette's time limit cannot interrupt Python, so its cost must be bounded (about 80 ms here).
SNIPPET_SCAN = 100_000
SNIPPET_QUERY = 1_000


def snippet_hits(text: str, query: str, width: int = 30) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text around the first hit of any part of the query, as written, and where the hits are in it.

    Hits are found in the normalised form of `text` (same length), so an original Traditional
    paragraph is shown as written while a Simplified query still finds it. Only the head a snippet
    can reach is looked at (one character more, so the closing `…` is decided as on the whole text),
    and only that head is kept by the cache.
    """
    return _snippet_hits(text[:SNIPPET_SCAN + width + SNIPPET_QUERY + 1], query, width)


@lru_cache(maxsize=64)
def _snippet_hits(text: str, query: str, width: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`snippet_hits` on a text's head. Cached: the search query asks for the text and the hits of
    the same snippet one after the other."""
    if not text:
        return "", ()
    norm = normalise(text[:SNIPPET_SCAN])
    parts = [normalise(p) for p in (query or "")[:SNIPPET_QUERY].split() if p]
    spans = []
    low = norm.lower()
    for p in parts:
        start = low.find(p.lower())
        while start != -1:
            spans.append((start, start + len(p)))
            start = low.find(p.lower(), start + len(p))
    if not spans:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else ""), ()
    spans.sort()
    first = spans[0][0]
    lo, hi = max(0, first - width), min(len(text), first + width + max(len(p) for p in parts))
    prefix = "…" if lo > 0 else ""
    hits, pos = [], lo
    for s, e in spans:
        if s < pos or e > hi:
            continue
        hits.append((len(prefix) + s - lo, len(prefix) + e - lo))
        pos = e
    return prefix + text[lo:hi] + ("…" if hi < len(text) else ""), tuple(hits)


def mark_hits(text: str, hits, open_mark: str, close_mark: str, escape=str) -> str:
    """The text with each hit (start, end) between the two marks, the text itself passed through `escape`."""
    out, pos = [], 0
    for s, e in hits:
        out += [escape(text[pos:s]), open_mark, escape(text[s:e]), close_mark]
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def snippet(text: str, query: str, width: int = 30) -> str:
    """The snippet of `snippet_hits` with the hits marked ⟦ ⟧ (SQL's `zh_snippet`, for your own queries)."""
    return mark_hits(*snippet_hits(text, query, width), HIT_OPEN, HIT_CLOSE)


def snippet_text(text: str, query: str) -> str:
    """The snippet as plain text (SQL's `zh_snippet_text`): what JSON and CSV give."""
    return snippet_hits(text, query)[0]


def snippet_hit_offsets(text: str, query: str) -> str:
    """Where the hits are in `snippet_text`, as a JSON list of [start, end] (SQL's `zh_snippet_hits`)."""
    return json.dumps(snippet_hits(text, query)[1])


def snippet_html(value: str) -> str:
    """Escape a snippet for HTML, then turn its hit marks into <mark> elements."""
    escaped = html.escape(value)
    return escaped.replace(HIT_OPEN, "<mark>").replace(HIT_CLOSE, "</mark>")


def hits_html(value: str, hits_json: str) -> str:
    """Escape a plain snippet for HTML with its hits (a `zh_snippet_hits` list) in <mark> elements."""
    return mark_hits(value, json.loads(hits_json), "<mark>", "</mark>", html.escape)
