"""Numeric claims: every quantity a paragraph states, with its unit, hedge and subject."""
from __future__ import annotations

from .records import NumericClaim


def extract_claims(text: str) -> list[NumericClaim]:
    """Claims stated in one normalised paragraph, offsets into `text`."""
    return []  # PLACEHOLDER: being written (issue 4)
