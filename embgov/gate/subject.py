"""Is a record about a person? Safe Harbor removes identifiers *of the individual*.

A city, a hospital, a date or a capitalised word in no list is an identifier when the record is
about someone ("she lives in Leiden", "pt seen at Mayo Clinic on March 3"), and domain text when
the record is about no one ("the trial was conducted in Leiden", "conducted at Mayo Clinic between
1985 and 1991"). A policy marks the detectors whose findings depend on that (`needs_subject`:
spaCy NER, single listed words, the patterns that need a context word) and names the cues that
say a record is about a person (`keep.subject_cues`: personal pronouns, 'the patient', 'lives in',
an age). A record is about a person when a cue matches or when a detector that does not depend on
it finds something (a phone number, an e-mail, a labeled MRN, a titled or full name, a street
address): such a finding is itself the subject's. Without cues in the policy every record counts
as about a person (nothing is kept by this rule).
"""

from __future__ import annotations

import regex

from embgov.gate.recognizers import FULL_NAME
from embgov.policy.document import RedactionPolicy

RECOGNIZER_NAME = "recognizer_name"  # Presidio's RecognizerResult.RECOGNIZER_NAME_KEY
IMPERSONAL_MATCHES = 2


class Subject:
    def __init__(self, policy: RedactionPolicy):
        from embgov.gate.recognizers import recognizer_name

        self.cues = [regex.compile(p.regex) for p in policy.keep.subject_cues]
        self.population = [regex.compile(p.regex) for p in policy.keep.impersonal_cues]
        self.dependent = {(e.id, recognizer_name(e.id, i, d)) for e in policy.entities
                          for i, d in enumerate(e.detection) if getattr(d, "needs_subject", False)}
        self.active = bool(self.population and self.dependent)

    def depends(self, result) -> bool:
        """Does this finding count only in a record about a person?"""
        meta = result.recognition_metadata or {}
        return (result.entity_type, meta.get(RECOGNIZER_NAME, "")) in self.dependent and not meta.get(FULL_NAME)

    def cued(self, text: str) -> bool:
        return any(c.search(text) for c in self.cues)

    def impersonal(self, text: str) -> bool:
        """Two matches of the impersonal cues (one word could be anything: 'results', 'study')."""
        seen = 0
        for c in self.population:
            for _ in c.finditer(text):
                seen += 1
                if seen >= IMPERSONAL_MATCHES:
                    return True
        return False

    def about_person(self, text: str, results: list, thresholds: dict[str, float]) -> bool:
        """Unless the text reads as about populations, studies or methods, with no subject cue and no finding above its
        threshold from a detector that does not depend on a subject, the record is about a person."""
        if any(r.score >= thresholds[r.entity_type] and not self.depends(r) for r in results):
            return True
        return not self.impersonal(text) or self.cued(text)
