"""The extract stage: the people, organisations and places, dates and numeric claims of an article.

`extract_article` is the stage's entry; the finders it runs live in the modules beside it
(`entities.py` with `persons.py`, `places.py`, `orgs.py`, `tagger.py`; `dates.py`, `claims.py`).
"""
from __future__ import annotations

import logging

from ..records import Article
from .claims import extract_claims
from .dates import carry_article_year, extract_dates, period_bounds, timeline_day
from .entities import Parts, extract_entities, tagger_texts
from .tagger import tagger

__all__ = ["Parts", "extract_article", "paragraph_windows", "read_ahead"]

# Real paragraphs stay far below this (the longest of 11,845 CCTV items: 4,418 characters); a longer
# one is extracted in windows of WINDOW_CHARS, cut after one of SENTENCE_ENDS.
LONG_PARAGRAPH = 10_000
WINDOW_CHARS = 5_000
SENTENCE_ENDS = "。！？；!?;"
# Characters of a chunk of files the tagger reads ahead at most (a few seconds of work, spent outside
# any file's time budget); the rest is tagged article by article.
READ_AHEAD_CHARS = 400_000
log = logging.getLogger(__name__)


def extract_article(article: Article) -> Article:
    """Fill the article's mentions, dates (the title's too), claims (with their periods' dates) and
    timeline day.

    A paragraph longer than LONG_PARAGRAPH (a dump, a page without line breaks) is read in windows
    cut after a sentence end, so extraction costs grow with its length, not with its square.
    """
    windows = [(p.seq, paragraph_windows(p.text)) for p in article.paragraphs]
    pieces = [(seq, offset, text) for seq, parts in windows for offset, text in parts]
    article.mentions = extract_entities(article.title, [text for _, _, text in pieces], article.byline)
    for m in article.mentions:
        if m.paragraph_seq is not None:
            m.paragraph_seq, offset, _ = pieces[m.paragraph_seq]
            m.start, m.end = m.start + offset, m.end + offset
    dates = {seq: [d for offset, text in parts for d in _placed(extract_dates(text, article.published_date), seq, offset)]
             for seq, parts in windows}
    # a date in the headline has no paragraph: its offsets index the title (`11月29日我市举办义诊`)
    title_dates = extract_dates(article.title, article.published_date) if article.title else []
    article.dates = title_dates + [d for seq, _ in windows for d in dates[seq]]
    if article.published_date is None:
        carry_article_year(article.dates, {None: article.title or "", **{p.seq: p.text for p in article.paragraphs}})
    article.claims = []
    for seq, parts in windows:
        claims = [c for offset, text in parts for c in _placed(extract_claims(text), seq, offset)]
        for c in claims:
            c.period_start, c.period_end = period_bounds(c.period, dates[seq])
        article.claims += claims
    article.day, article.day_basis = timeline_day(article.published_date, article.dates)
    return article


def read_ahead(articles: list[Article]) -> None:
    """Have the statistical tagger read the texts of `articles` at once, before `extract_article` runs
    on each: its per-step cost is paid once for them all (`Tagger.read_ahead`). Only speed depends on
    it: a text not read ahead (past READ_AHEAD_CHARS, or if this fails) is tagged when asked, to the
    same spans, within its own file's time budget."""
    texts: list[str] = []
    size = 0
    for article in articles:
        size += sum(len(p.text) for p in article.paragraphs) + len(article.title or "")
        if size > READ_AHEAD_CHARS:
            break
        pieces = [text for p in article.paragraphs for _, text in paragraph_windows(p.text)]
        texts += tagger_texts(article.title, pieces)
    try:
        tagger().read_ahead(texts)
    except Exception:  # the tagging is done again, per article, where a failure is handled
        log.exception("tagging ahead failed; each article is tagged alone")
        tagger().read_ahead([])


def _placed(found: list, seq: int, offset: int) -> list:
    """Dates or claims of a window, placed in their paragraph."""
    for x in found:
        x.paragraph_seq, x.start, x.end = seq, x.start + offset, x.end + offset
    return found


def paragraph_windows(text: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of a paragraph: the whole of it up to LONG_PARAGRAPH characters, else
    windows of at most WINDOW_CHARS ending after a sentence end where one is in reach."""
    if len(text) <= LONG_PARAGRAPH:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + WINDOW_CHARS)
        if end < len(text):
            cut = max(text.rfind(mark, start, end) for mark in SENTENCE_ENDS)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
