"""Dates written in a paragraph, with the year filled from the text or the article's date."""
from __future__ import annotations

from .records import DateMention


def extract_dates(text: str, published_date: str | None = None) -> list[DateMention]:
    """Dates in one normalised paragraph, offsets into `text`."""
    return []  # PLACEHOLDER: being written (issue 3)
