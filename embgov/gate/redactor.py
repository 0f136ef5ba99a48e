"""Redact batches of texts under a policy: analyze, anonymize per entity action, rescan.

One Redactor per process. Texts are analysed in batches (spaCy's nlp.pipe), then each text's
findings are replaced with the policy's action, then the output is scanned again: anything still
found at or above the residual threshold, outside what the gate inserted, is residual PII.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from embgov.errors import GateError
from embgov.gate.expand import EXPANDERS, repeats, whole_words
from embgov.gate.recognizers import build_analyzer
from embgov.policy.models import HashAction, MaskAction, RedactAction, RedactionPolicy, ReplaceAction


@dataclass
class Redacted:
    text: str
    counts: Counter
    residual: Counter


def read_hash_key(policy: RedactionPolicy, base_dir: Path | None = None) -> bytes | None:
    """The keyed-hash secret from the environment or key file the policy names (never the policy)."""
    if not any(isinstance(e.action, HashAction) for e in policy.entities):
        return None
    value = os.environ.get(policy.hash_key.env)
    if value:
        return value.encode()
    if policy.hash_key.file:
        path = Path(policy.hash_key.file)
        path = path if path.is_absolute() or base_dir is None else base_dir / path
        try:
            data = path.read_bytes().strip()
        except OSError:
            data = b""
        if data:
            return data
    raise GateError(f"policy {policy.name} uses keyed hashing but no key is set",
                    where=f"${policy.hash_key.env}" + (f" / {policy.hash_key.file}" if policy.hash_key.file else ""),
                    fix=f"export {policy.hash_key.env}=<a long random secret> (keep it out of the policy and of git)")


_EDGE = set(" \t\r\n,;:.#-")


def resolve_overlaps(results: list, text: str, detected: dict[int, int] | None = None) -> list:
    """Keep every character covered, but each by one finding: the higher score wins the overlap
    and a weaker finding keeps only the parts outside it (so 'Email a@b.org' found as PERSON by
    NER and as EMAIL by a pattern becomes one EMAIL, not one PERSON). A weaker finding that keeps
    less than half of what its detector matched (before expansion) is dropped as noise."""
    from presidio_analyzer import RecognizerResult

    kept: list = []
    for r in sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start)):
        pieces = [(r.start, r.end)]
        for k in kept:
            pieces = [p for s, e in pieces for p in ((s, min(e, k.start)), (max(s, k.end), e)) if p[0] < p[1]]
        if sum(e - s for s, e in pieces) * 2 < (detected or {}).get(id(r), r.end - r.start):
            continue  # mostly inside a stronger finding: the rest is the weaker detector's noise
        for s, e in pieces:
            while s < e and text[s] in _EDGE:
                s += 1
            while e > s and text[e - 1] in _EDGE:
                e -= 1
            if s < e:
                kept.append(RecognizerResult(r.entity_type, s, e, r.score))
    return sorted(kept, key=lambda r: r.start)


def _norm(field: str | None) -> str:
    return "".join(c for c in (field or "").lower() if c.isalnum())


# A column name describes a short value ("postcode: 2127"), not a paragraph: in free text
# ("text", "notes") it would lend its words to every number and name far away from it.
CELL_WORDS = 6


def _field_words(field: str | None, text: str) -> list[str] | None:
    """'last_visit' -> ['last', 'visit', 'lastvisit'] as context for a short structured value."""
    if not field or len(text.split()) > CELL_WORDS:
        return None
    words = [w for w in field.lower().replace("-", " ").replace("_", " ").split() if w]
    return words + [_norm(field)]


def _outside(text: str, start: int, end: int, inserted: list[tuple[int, int]]) -> bool:
    """Does [start, end) contain a letter or digit that the gate did not insert itself?"""
    return any(text[i].isalnum() and not any(s <= i < e for s, e in inserted) for i in range(start, end))


class Redactor:
    def __init__(self, policy: RedactionPolicy, hash_key: bytes | None):
        from presidio_anonymizer import AnonymizerEngine
        from presidio_anonymizer.entities import OperatorConfig

        self.policy = policy
        self.analyzer = build_analyzer(policy)
        self.anonymizer = AnonymizerEngine()
        self.entities = [e.id for e in policy.entities]
        self.thresholds = {e.id: (e.score_threshold if e.score_threshold is not None else policy.score_threshold)
                           for e in policy.entities}
        self.field_rules = {_norm(f): e.id for e in policy.entities for f in e.fields}
        self.expanders = {e.id: EXPANDERS[e.expand] for e in policy.entities if e.expand != "none"}
        self.name_entities = {e.id for e in policy.entities if e.expand == "name"}
        self.operators = {e.id: self._operator(e.id, e.action, hash_key, OperatorConfig) for e in policy.entities}

    @staticmethod
    def _operator(entity: str, action, key: bytes | None, OperatorConfig):
        if isinstance(action, ReplaceAction):
            return OperatorConfig("replace", {"new_value": action.tag or f"<{entity}>"})
        if isinstance(action, RedactAction):
            return OperatorConfig("redact", {})
        if isinstance(action, MaskAction):
            char, keep = action.char, action.keep_last

            def mask(value: str) -> str:
                cut = max(len(value) - keep, 0)
                return "".join(char if not c.isspace() else c for c in value[:cut]) + value[cut:]
            return OperatorConfig("custom", {"lambda": mask})
        if isinstance(action, HashAction):
            assert key is not None, "read_hash_key must have been called"
            length = action.length

            def pseudonym(value: str) -> str:
                digest = hmac.new(key, value.strip().encode(), hashlib.sha256).hexdigest()[:length]
                return f"<{entity}:{digest}>"
            return OperatorConfig("custom", {"lambda": pseudonym})
        raise GateError(f"unknown action for {entity}")

    def _find(self, text: str, artifacts, field: str | None = None) -> list:
        from presidio_analyzer import RecognizerResult

        results = self.analyzer.analyze(text=text, language="en", entities=self.entities, nlp_artifacts=artifacts,
                                        allow_list=self.policy.allow_list or None, context=_field_words(field, text))
        kept = [r for r in results if r.score >= self.thresholds[r.entity_type]]
        entity = self.field_rules.get(_norm(field)) if field else None
        if entity and text.strip():  # a column that holds the identifier: all of it goes
            lead = len(text) - len(text.lstrip())
            kept.append(RecognizerResult(entity, lead, len(text.rstrip()), 1.0))
        detected = {id(r): r.end - r.start for r in kept}
        for r in kept:
            r.start, r.end = whole_words(text, r.start, r.end)
            grow = self.expanders.get(r.entity_type)
            if grow:
                r.start, r.end = grow(text, r.start, r.end)
        seen = {(r.start, r.end) for r in kept}
        for entity, start, end, score in repeats(text, [(r.entity_type, r.start, r.end, r.score) for r in kept],
                                                 self.name_entities):
            if (start, end) not in seen:
                kept.append(RecognizerResult(entity, start, end, score))
                detected[id(kept[-1])] = end - start
        return resolve_overlaps(kept, text, detected)

    @staticmethod
    def _artifacts(doc=None):
        """What the gate's recognizers read: the entities (context words come from the text). Presidio's
        own builder also lists lemmas, offsets and keywords through Token objects, which nothing here
        uses (a tenth of the time). Without a Doc: no NER, for the rescan that leaves it out."""
        from presidio_analyzer.nlp_engine import NlpArtifacts

        ents = list(doc.ents) if doc is not None else []
        return NlpArtifacts(entities=ents, tokens=doc, tokens_indices=[], lemmas=[], nlp_engine=None, language="en")

    def _nlp_batch(self, texts: list[str]) -> list[tuple[str, object]]:
        docs = self.analyzer.nlp_engine.nlp["en"].pipe(texts, batch_size=32)
        return [(text, self._artifacts(doc)) for text, doc in zip(texts, docs)]

    def find_batch(self, texts: list[str]) -> list[list[tuple[str, int, int]]]:
        """Findings (entity, start, end) per text, above the thresholds."""
        return [[(r.entity_type, r.start, r.end) for r in self._find(text, artifacts)]
                for text, artifacts in self._nlp_batch(texts)]

    def redact_batch(self, texts: list[str], fields: list[str | None] | None = None) -> list[Redacted]:
        """Redact each text (from the named field, when known); exceptions propagate (the caller fails closed)."""
        fields = fields or [None] * len(texts)
        first = self._nlp_batch(texts)
        outputs, all_counts, inserted = [], [], []
        for (text, artifacts), field in zip(first, fields):
            found = self._find(text, artifacts, field)
            result = self.anonymizer.anonymize(text=text, analyzer_results=found, operators=self.operators)
            outputs.append(result.text)
            all_counts.append(Counter(item.entity_type for item in result.items))
            inserted.append([(item.start, item.end) for item in result.items])
        if self.policy.rescan == "full":
            rescanned = self._nlp_batch(outputs)
        else:  # patterns: every detector but NER again (patterns, built-ins, word lists)
            rescanned = [(t, self._artifacts()) for t in outputs]
        out = []
        for (text, artifacts), counts, spans, field in zip(rescanned, all_counts, inserted, fields):
            residual = Counter()
            for r in self.analyzer.analyze(text=text, language="en", entities=self.entities, nlp_artifacts=artifacts,
                                           allow_list=self.policy.allow_list or None, context=_field_words(field, text)):
                if r.score >= self.policy.residual_threshold and _outside(text, r.start, r.end, spans):
                    residual[r.entity_type] += 1
            out.append(Redacted(text, counts, residual))
        return out
