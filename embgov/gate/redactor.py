"""Redact batches of texts under a policy: analyze, anonymize per entity action, rescan.

One Redactor per process. Texts are analysed in batches (spaCy's nlp.pipe), then each text's
findings are replaced with the policy's action, then the output is scanned again: anything still
found at or above the residual threshold, outside what the gate inserted, is residual PII.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from dataclasses import dataclass

import regex

from embgov.errors import GateError
from embgov.gate.expand import EXPANDERS, repeats, whole_words
from embgov.gate.words import symbol
from embgov.gate.keep import Keeper
from embgov.gate.overlaps import resolve_overlaps
from embgov.gate.recognizers import GAZETTEER, LABELED, NER, build_analyzer
from embgov.gate.subject import Subject
from embgov.policy.document import HashAction, MaskAction, RedactAction, RedactionPolicy, ReplaceAction


@dataclass
class Redacted:
    text: str
    counts: Counter
    residual: Counter


_SYMBOL = regex.compile(r"\p{Lu}[\p{Lu}\d]{1,7}")
RECOGNIZER_NAME = "recognizer_name"  # Presidio's RecognizerResult.RECOGNIZER_NAME_KEY
ROUNDS = 3  # redact, rescan, redact what is left: a record still not clean after this many is quarantined


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
        # Names and places are words, so term lists apply to them; a facility's or a date's words do not
        # make it a term ('Sacred Heart Urgent Care', 'Monday')
        self.word_entities = {e.id for e in policy.entities if e.expand in ("name", "address")}
        self.operators = {e.id: self._operator(e.id, e.action, hash_key, OperatorConfig) for e in policy.entities}
        self.labeled = [r for r in self.analyzer.registry.recognizers if r.name.endswith(LABELED)]
        self.floor = min([*self.thresholds.values(), policy.residual_threshold])
        self.subject = Subject(policy)
        try:
            self.keeper = Keeper(policy.keep)
        except OSError as exc:  # a vocabulary's package data is missing: fail closed
            raise GateError(f"keep vocabulary {exc} is missing", where=f"policy {policy.name}: keep.vocabularies",
                            fix="reinstall embgov (the lists ship in embgov/gate/lists)") from None

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
            assert key is not None, "read_hash_key (embgov.policy.keys) must have been called"
            length = action.length

            def pseudonym(value: str) -> str:
                digest = hmac.new(key, value.strip().encode(), hashlib.sha256).hexdigest()[:length]
                return f"<{entity}:{digest}>"
            return OperatorConfig("custom", {"lambda": pseudonym})
        raise GateError(f"unknown action for {entity}", outcome="invalid", fix="use one of the policy schema's actions")

    def _analyze(self, text: str, artifacts, field: str | None, personal: bool | None = None) -> tuple[list, bool]:
        """The analyzer's findings, less those the policy keeps as domain vocabulary and, in a record about no one,
        those that count only in a record about a person; and whether the record is about a person (`personal`:
        as decided on the original text, for a rescan of its redacted output)."""
        results = self.analyzer.analyze(text=text, language="en", entities=self.entities, nlp_artifacts=artifacts,
                                        allow_list=self.policy.allow_list or None, context=_field_words(field, text))
        results = self._keep(text, results)
        if not self.subject.active:
            return results, True
        if personal is None:
            personal = self.subject.about_person(text, results, self.thresholds)
        return (results if personal else [r for r in results if not self.subject.depends(r)]), personal

    def _keep(self, text: str, results: list) -> list:
        if not self.keeper.active or not results:
            return results
        shapes = self.keeper.shapes(text)
        # Presidio keeps one of two findings of the same span (the higher score): what a label anchors must
        # stay protected even when an NER finding of the same span is the one left
        labeled = [span for rec in self.labeled for span in rec.spans(text)]
        out = []
        for r in results:
            if r.score < self.floor:
                out.append(r)  # below every threshold: the caller drops it anyway, no need to ask
                continue
            recognizer = (r.recognition_metadata or {}).get(RECOGNIZER_NAME, "")
            if r.entity_type in self.name_entities and not recognizer.endswith(LABELED):
                r.start = self.keeper.trim_name(text, r.start, r.end)  # 'Daughter Sigrun': the word before goes
            if not recognizer.endswith(LABELED) and not any(s < r.end and r.start < e for s, e in labeled):
                start, end = whole_words(text, r.start, r.end)
                if r.entity_type in self.name_entities and symbol(text[start:end]):
                    continue  # 'with CrCl', 'SpO2': one word written as a symbol is no name, whatever matched it
                # a symbol in capitals is checked against the term lists whatever it was taken for ('of EGFR', 'of MGH')
                words = r.entity_type in self.word_entities or recognizer.endswith((NER, GAZETTEER)) \
                    or _SYMBOL.fullmatch(text, start, end) is not None
                if self.keeper.keeps(text, start, end, shapes, person=r.entity_type in self.name_entities, words=words):
                    continue
            out.append(r)
        return out

    def _find(self, text: str, artifacts, field: str | None = None) -> list:
        return self._find_subject(text, artifacts, field)[0]

    def _find_subject(self, text: str, artifacts, field: str | None = None) -> tuple[list, bool]:
        """Findings above the thresholds, grown and resolved, and whether the record is about a person."""
        from presidio_analyzer import RecognizerResult

        results, personal = self._analyze(text, artifacts, field)
        kept = [r for r in results if r.score >= self.thresholds[r.entity_type]]
        entity = self.field_rules.get(_norm(field)) if field else None
        if entity and text.strip():  # a column that holds the identifier: all of it goes
            lead = len(text) - len(text.lstrip())
            kept.append(RecognizerResult(entity, lead, len(text.rstrip()), 1.0))
        detected = {id(r): r.end - r.start for r in kept}
        cores = {id(r): (r.start, r.end) for r in kept}
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
        return resolve_overlaps(kept, text, detected, cores), personal

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
        """Redact each text (from the named field, when known), then scan the output again and redact what is
        left, up to ROUNDS times: a record is residual only when it does not come clean. Exceptions propagate
        (the caller fails closed)."""
        fields = fields or [None] * len(texts)
        first = [self._find_subject(text, artifacts, field) for (text, artifacts), field in zip(self._nlp_batch(texts), fields)]
        found = [f for f, _ in first]
        personal = [p for _, p in first]
        results: list[Redacted | None] = [None] * len(texts)
        todo = list(range(len(texts)))
        for round_ in range(ROUNDS):
            drafts = {i: self._anonymize(texts[i], found[i]) for i in todo}
            outputs = [drafts[i][0] for i in todo]
            rescanned = self._nlp_batch(outputs) if self.policy.rescan == "full" else [(t, self._artifacts()) for t in outputs]
            again = []
            for i, (out_text, artifacts) in zip(todo, rescanned):
                _, counts, inserted = drafts[i]
                left = [r for r in self._analyze(out_text, artifacts, fields[i], personal[i])[0]
                        if r.score >= self.policy.residual_threshold and _outside(out_text, r.start, r.end, inserted)]
                extra = self._back(texts[i], found[i], left, inserted) if round_ < ROUNDS - 1 else []
                if left and extra:
                    found[i] = resolve_overlaps(found[i] + extra, texts[i])
                    again.append(i)
                else:
                    results[i] = Redacted(out_text, counts, Counter(r.entity_type for r in left))
            todo = again
            if not todo:
                break
        return results  # type: ignore[return-value]

    def _anonymize(self, text: str, found: list) -> tuple[str, Counter, list[tuple[int, int]]]:
        """The redacted text, counts per entity, and where the gate's replacements sit in it (one per finding:
        findings never overlap, so Presidio's merging of neighbours is off and positions map back)."""
        result = self.anonymizer.anonymize(text=text, analyzer_results=found, operators=self.operators,
                                           merge_entities_with_spaces=False)
        items = sorted(result.items, key=lambda item: item.start)
        return result.text, Counter(item.entity_type for item in items), [(item.start, item.end) for item in items]

    @staticmethod
    def _back(original: str, found: list, left: list, inserted: list[tuple[int, int]]) -> list:
        """Residual findings in the output, as findings in the original: the characters outside the gate's
        own replacements, shifted by what the replacements before them changed in length."""
        from presidio_analyzer import RecognizerResult

        spans = sorted((r.start, r.end) for r in found)
        if len(spans) != len(inserted):  # never expected: without a one-to-one map, nothing can be placed back
            return []
        deltas = [(e_out, (e_out - s_out) - (e - s)) for (s_out, e_out), (s, e) in zip(inserted, spans)]
        out = []
        for r in left:
            runs, i = [], r.start
            while i < r.end:  # contiguous runs of output characters the gate did not insert
                j = i
                while j < r.end and not any(s <= j < e for s, e in inserted):
                    j += 1
                if j > i:
                    runs.append((i, j))
                i = j + 1
            for s, e in runs:
                shift = sum(d for end_out, d in deltas if end_out <= s)
                start, end = whole_words(original, s - shift, e - shift)
                if start < end and original[start:end].strip():
                    out.append(RecognizerResult(r.entity_type, start, end, r.score))
        return out
