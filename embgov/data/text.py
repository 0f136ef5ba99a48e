"""Small text helpers shared by the readers, pair builders and the vocabulary report."""

from __future__ import annotations

import re

# Words for the vocabulary report: a letter, then letters, digits or hyphens (two characters at least).
WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]+")

# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) before white space
# and an upper-case start, or at a line break. Lower-case continuations ("e.g. the", "vs. placebo")
# stay joined; "Dr. Smith" splits, which is harmless for building pairs.
_BOUNDARY = re.compile(
    r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z])"
    r"|(?<=[.!?][\"')\]])\s+(?=[\"'(\[]?[A-Z])"
    r"|\s*\n\s*"
)


def split_sentences(text: str) -> list[str]:
    """Split on sentence ends and line breaks; blank pieces are dropped."""
    return [s.strip() for s in _BOUNDARY.split(text) if s and s.strip()]
