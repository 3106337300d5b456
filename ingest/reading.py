"""The reading view's markup: a text with its names, dates and claims marked, and a mention in context.

Pure functions from text and spans to escaped HTML; ingest/reading_view.py feeds them the archive's rows.
Overlapping spans: the outermost wins. Spans are taken by start, the longer first, and one that starts
inside a span already kept is left unmarked, so marks never nest or cross and every character is shown
exactly once; of two spans with the same start and end, the one given first wins (names before dates
before claims).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

# Characters shown on each side of a mention in context.
CONTEXT_WIDTH = 20
ELLIPSIS = "…"


@dataclass(frozen=True)
class Span:
    """A marked stretch of a text: `kind` (person, org, place, date, claim) is the mark's class."""
    start: int
    end: int
    kind: str
    href: str
    title: str = ""


def outermost_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """The spans to mark in a text of `length` characters: cut to the text, empty ones left out, outermost kept."""
    cut = [Span(max(s.start, 0), min(s.end, length), s.kind, s.href, s.title) for s in spans]
    kept: list[Span] = []
    for span in sorted((s for s in cut if s.start < s.end), key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def mark_html(span: Span, surface: str) -> Markup:
    """One marked stretch: a <mark> of the span's kind around a link to its row or entity page."""
    return Markup('<mark class="{0}"><a href="{1}" title="{2}">{3}</a></mark>').format(
        span.kind, span.href, span.title, surface)


def marked_html(text: str, spans: Iterable[Span]) -> Markup:
    """The text, escaped, with each kept span marked (see the module's note on overlaps)."""
    parts, position = [], 0
    for span in outermost_spans(spans, len(text)):
        parts += [escape(text[position:span.start]), mark_html(span, text[span.start:span.end])]
        position = span.end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def keyword_in_context(text: str, span: Span, width: int = CONTEXT_WIDTH) -> Markup:
    """The span marked with up to `width` characters of the text on each side, an ellipsis where cut."""
    start, end = max(span.start, 0), min(span.end, len(text))
    left = text[max(start - width, 0):start]
    right = text[end:end + width]
    return Markup("").join([
        ELLIPSIS if start > width else "", escape(left), mark_html(span, text[start:end]), escape(right),
        ELLIPSIS if end + width < len(text) else ""])
