"""Test helper: what one named pattern of a policy matches in a text (the policy's own regex, as Presidio runs it)."""

from __future__ import annotations

import regex


def pattern_matches(policy, name: str, text: str) -> list[str]:
    for entity in policy.entities:
        for det in entity.detection:
            for p in getattr(det, "patterns", None) or []:
                if p.name == name:
                    return [m.group() for m in regex.compile(p.regex, regex.DOTALL | regex.MULTILINE).finditer(text)]
    raise KeyError(name)


def labeled_detection(policy, entity: str):
    """The labeled detector of one entity of a policy (its labels, min_chars, score)."""
    return next(d for e in policy.entities if e.id == entity for d in e.detection if d.kind == "labeled")
