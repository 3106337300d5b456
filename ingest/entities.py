"""People (with their titles), organisations and places named in an article."""
from __future__ import annotations

from .records import Mention


def extract_entities(title: str | None, paragraphs: list[str]) -> list[Mention]:
    """Mentions in one article: `paragraph_seq` indexes `paragraphs`, None means the title."""
    return []  # PLACEHOLDER: being written (issue 3)
