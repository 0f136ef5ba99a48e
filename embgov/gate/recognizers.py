"""Policy -> Presidio recognizers and analyzer. Presidio is imported here only.

Everything is built from the policy: one recognizer per detector, emitting the policy's entity
id. Patterns are matched case-sensitively unless they say (?i): Presidio's default IGNORECASE
turns "[A-Z][a-z]+" into "any word" and wrecks precision.
"""

from __future__ import annotations

import importlib.util
import os

from embgov.errors import GateError
from embgov.gate.words import NAME_PARTICLES
from embgov.policy.document import (BuiltinDetection, GazetteerDetection, LabeledDetection, NerDetection, PatternDetection,
                                  RedactionPolicy)

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # no network fetch from presidio's URL recognizer

SKIPPED_PIPES = ["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]
SPACY_LABELS = ["PERSON", "GPE", "LOC", "FAC", "ORG", "DATE", "TIME", "NORP"]
LABELED = ":labeled"  # recognizer-name suffix of labeled detectors: their findings are never kept as vocabulary
NER = ":ner"  # ... of spaCy NER detectors,
GAZETTEER = ":wordlist"  # ... and of word-list detectors: their findings are words, checked against kept term lists
FULL_NAME = "embgov_full_name"  # metadata of a word-list finding that is a first name with a surname


def recognizer_name(entity: str, index: int, det) -> str:
    """The name a detector's recognizer carries in its findings' metadata (the entity's index-th detector)."""
    if isinstance(det, BuiltinDetection):
        return det.recognizer
    suffix = {NerDetection: NER, GazetteerDetection: GAZETTEER, LabeledDetection: LABELED}.get(type(det), "")
    return f"{entity}:{index}{suffix}"


# Checksum validators by name (a policy's `validate_as`): a valid match gets the top score; one that
# fails is dropped, or keeps its pattern score when the detector says `invalid: keep`.

def _luhn(text: str) -> bool:
    digits = [int(c) for c in text if c.isdigit()]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _ssn(text: str) -> bool:
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) != 9 or len(set(digits)) == 1 or digits in ("123456789", "987654321"):
        return False
    return digits[:3] not in ("000", "666") and digits[0] != "9" and digits[3:5] != "00" and digits[5:] != "0000"


def _aba(text: str) -> bool:
    d = [int(c) for c in text if c.isdigit()]
    return len(d) == 9 and (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def _iban(text: str) -> bool:
    s = "".join(text.split()).upper()
    if len(s) < 15 or len(s) > 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    return int("".join(str(int(c, 36)) for c in s[4:] + s[:4])) % 97 == 1


_VIN_VALUES = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))),
               **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
_VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def _vin(text: str) -> bool:
    if len(text) != 17 or not any(c.isdigit() for c in text) or not any(c.isalpha() for c in text):
        return False
    check = sum(_VIN_VALUES.get(c, 0) * w for c, w in zip(text, _VIN_WEIGHTS)) % 11
    return text[8] == ("X" if check == 10 else str(check))


VALIDATORS = {"luhn": _luhn, "ssn": _ssn, "aba_routing": _aba, "iban": _iban, "vin": _vin}


def check_nlp_model(policy: RedactionPolicy) -> None:
    module = policy.nlp_model.module
    if importlib.util.find_spec(module) is None:
        raise GateError(f"the spaCy model '{module}' is not installed; the gate will not run without it",
                        where=f"policy {policy.name}: nlp_model",
                        fix=f"pip install {policy.nlp_model.package} (nothing is downloaded at run time)")


def silence_presidio_logs() -> None:
    """Presidio logs analysed text at DEBUG ("Context list is: ..."): never let that through."""
    import logging

    for name in ("presidio-analyzer", "presidio-anonymizer"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_analyzer(policy: RedactionPolicy):
    """An AnalyzerEngine holding exactly the policy's detectors, on the installed spaCy model."""
    check_nlp_model(policy)
    silence_presidio_logs()
    try:
        import spacy
        from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry
        from presidio_analyzer import AnalysisExplanation, RecognizerResult
        from presidio_analyzer import predefined_recognizers as predefined
        from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
        import regex
    except ImportError as exc:
        raise GateError(f"Presidio is not installed: {exc}", fix="pip install presidio-analyzer presidio-anonymizer") from None

    class PolicyPatterns(PatternRecognizer):
        def __init__(self, entity: str, name: str, det: PatternDetection):
            super().__init__(supported_entity=entity, name=name, context=[c.lower() for c in det.context],
                             patterns=[Pattern(p.name, p.regex, p.score) for p in det.patterns],
                             global_regex_flags=regex.DOTALL | regex.MULTILINE)
            self._check = VALIDATORS.get(det.validate_as)
            self._invalid = False if det.invalid == "drop" else None  # Presidio: False drops, None keeps the score

        def validate_result(self, pattern_text: str):
            if self._check is None:
                return None
            return True if self._check(pattern_text) else self._invalid

        def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
            # The analyzer passes its own IGNORECASE flags; policies opt in with (?i) instead.
            return super().analyze(text, entities, nlp_artifacts, regex_flags=regex.DOTALL | regex.MULTILINE)

    shape = regex.compile(r"^(?:\p{Lu}[\p{Ll}'’.-]+(?:-\p{Lu}?[\p{Ll}]+)*|\p{Lu}{4,}|\p{Lu}\.?)$")

    # Endings of chemical, biological and medical terms (Chordin, Naringenin, Bayesian), not of names
    term_suffix = regex.compile(r"(?:ases?|ines?|ides?|oid|osis|itis|a?emia|genic|genin|mycin|cillin|azole|mab|nib|vir|statin|"
                                r"pril|sartan|olol|ical|ous|ates|omes?|cytes?|ulin)$")
    name_shape = regex.compile(r"^\p{Lu}\p{Ll}{3,}(?:[-'’]\p{Lu}?\p{Ll}+)*$")
    name_word = regex.compile(r"^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$")
    lower_word = regex.compile(r"^\p{Ll}[\p{Ll}'’-]+$")

    def capitalised(span: str) -> bool:
        words = [w for w in span.replace(",", " ").split() if w.lower() not in NAME_PARTICLES]
        if len(words) >= 2 and all(lower_word.match(w) for w in words):
            return True  # a name typed in lower case ("patricia desrosiers"); single words are too often terms
        return bool(words) and all(shape.match(w) for w in words)

    class PolicyNer(EntityRecognizer):
        def __init__(self, entity: str, name: str, det: NerDetection):
            from embgov.gate.lists import fold, given_names, load

            self.det, self.fold, self.common = det, fold, load("common_words")
            self.listed = (given_names() | load("surnames") if det.wordlist == "person-names"
                           else load("places") if det.wordlist == "places" else None)
            super().__init__(supported_entities=[entity], name=name + NER, context=[c.lower() for c in det.context])

        def load(self) -> None:
            pass

        def score(self, span: str) -> float:
            """Full score when a word is listed, or when every word has a name's shape and is no English word
            (Usamov, Ryhänen); unlisted_score for RISC, DCs, Pol, Western, tyrosine kinase."""
            if self.listed is None:
                return self.det.score
            words = regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", span)
            if len(words) == 1 and len(words[0]) <= 3:
                return self.det.unlisted_score  # Pol, Ras, Jun: as often a gene as a name, alone
            if any(self.fold(w) in self.listed for w in words):
                return self.det.score
            if words and all(name_shape.match(w) and self.fold(w) not in self.common and not term_suffix.search(w)
                             for w in words):
                return self.det.score
            return self.det.unlisted_score

        def analyze(self, text, entities, nlp_artifacts=None):
            if nlp_artifacts is None or self.supported_entities[0] not in entities:
                return []
            from embgov.gate.words import symbol

            out = []
            for ent in nlp_artifacts.entities:
                if ent.label_ in self.det.labels and (self.det.shape == "any" or capitalised(ent.text)) \
                        and not (self.listed is not None and symbol(ent.text)):  # 'SpO2', 'CrCl': no name or place
                    score = self.score(ent.text)
                    out.append(RecognizerResult(self.supported_entities[0], ent.start_char, ent.end_char, score,
                                                analysis_explanation=AnalysisExplanation(self.name, score,
                                                                                         textual_explanation="spaCy NER")))
            return out

    class PolicyGazetteer(EntityRecognizer):
        def __init__(self, entity: str, name: str, det: GazetteerDetection):
            from embgov.gate.gazetteer import NameFinder, PlaceFinder

            self.finder = (NameFinder(det.score, det.full_score, det.surname_score) if det.wordlist == "person-names"
                           else PlaceFinder(det.score, det.full_score))
            self.full = det.full_score if det.wordlist == "person-names" else None
            if self.full is not None:
                from embgov.gate.lists import fold, given_names, load

                names = given_names() | load("surnames")

                def listed(word: str) -> bool:  # 'Kimura-Bramwell': each part listed; "Gates's": the possessive goes
                    word = regex.sub(r"['’]s?$", "", word)
                    shaped = name_word.match(word) or word.isupper() or word.islower()
                    return bool(shaped) and all(fold(part) in names for part in word.split("-") if part)
                self.finder_names = listed
            super().__init__(supported_entities=[entity], name=name + GAZETTEER, context=[c.lower() for c in det.context])

        def load(self) -> None:
            pass

        def _full_name(self, span: str, score: float) -> bool:
            """A first name and a surname, every word listed and shaped as a name ('Bill & Melinda Gates', 'ESPOSITO,
            CLEMENTINE'): not 'Aurora Kinase', 'Pol IVa' or 'serine carbapenemases' (a name word beside a term)."""
            if self.full is None or score < self.full:
                return False
            words = [w for w in regex.findall(r"\p{L}[\p{L}\p{M}'’-]*", span) if len(w) > 1 and w.lower() not in NAME_PARTICLES]
            return len(words) >= 2 and all(self.finder_names(w) for w in words)

        def analyze(self, text, entities, nlp_artifacts=None):
            entity = self.supported_entities[0]
            meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
            return [RecognizerResult(entity, s, e, score,
                                     recognition_metadata={**meta, FULL_NAME: self._full_name(text[s:e], score)},
                                     analysis_explanation=AnalysisExplanation(self.name, score, textual_explanation="word list"))
                    for s, e, score in self.finder.find(text)]

    class PolicyLabeled(EntityRecognizer):
        def __init__(self, entity: str, name: str, det: LabeledDetection, person: bool = True):
            from embgov.gate.lists import load

            self.labels, self.score, self.min_chars, self.value = tuple(det.labels), det.score, det.min_chars, det.value
            # a person's name ends at an ordinary word ('Patient Denies ...'); a facility's name is made of them
            # ('Practice: Lakeshore Behavioral Health'), so there only the capitals count
            self.ordinary = (load("common_words") - load("first_names") - load("surnames") if person else frozenset()) \
                if det.value == "name" else None
            self._last: tuple[str, list[tuple[int, int]]] | None = None
            super().__init__(supported_entities=[entity], name=name + LABELED)

        def load(self) -> None:
            pass

        def spans(self, text: str) -> list[tuple[int, int]]:
            """The labeled values' spans; the last text's are kept, since the redactor asks again for the same text."""
            from embgov.gate.labeled import labeled_names, labeled_values

            if self._last is None or self._last[0] is not text:
                self._last = (text, labeled_values(text, self.labels, self.min_chars) if self.value == "id"
                              else labeled_names(text, self.labels, self.ordinary))
            return self._last[1]

        def analyze(self, text, entities, nlp_artifacts=None):
            entity = self.supported_entities[0]
            spans = self.spans(text)
            meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
            return [RecognizerResult(entity, s, e, self.score, recognition_metadata=dict(meta),
                                     analysis_explanation=AnalysisExplanation(self.name, self.score, textual_explanation="label"))
                    for s, e in spans]

    recognizers = []
    for rule in policy.entities:
        for i, det in enumerate(rule.detection):
            if isinstance(det, NerDetection):
                recognizers.append(PolicyNer(rule.id, f"{rule.id}:{i}", det))
            elif isinstance(det, PatternDetection):
                recognizers.append(PolicyPatterns(rule.id, f"{rule.id}:{i}", det))
            elif isinstance(det, GazetteerDetection):
                try:
                    recognizers.append(PolicyGazetteer(rule.id, f"{rule.id}:{i}", det))
                except OSError as exc:  # the package data is missing: fail closed
                    raise GateError(f"word list {det.wordlist} is missing: {type(exc).__name__}", where=f"entity {rule.id}",
                                    fix="reinstall embgov (the lists ship in embgov/gate/lists)") from None
            elif isinstance(det, LabeledDetection):
                recognizers.append(PolicyLabeled(rule.id, f"{rule.id}:{i}", det, person=rule.expand == "name"))
            elif isinstance(det, BuiltinDetection):
                cls = getattr(predefined, det.recognizer)
                default_context = list(getattr(cls, "CONTEXT", []) or [])
                recognizers.append(cls(supported_entity=rule.id, context=default_context + det.context))
    class PolicyRegistry(RecognizerRegistry):
        def get_recognizers(self, *args, **kwargs):
            # Presidio collects them through a set, so their order, and so which of two equal findings of one
            # span its de-duplication keeps, followed memory addresses. A fixed order makes receipts
            # reproducible, and keeps the finding that says most: a label's (it outranks shape guesses),
            # then a word list's (it marks full names), then the policy's order.
            rank = {id(r): (not r.name.endswith(LABELED), not r.name.endswith(GAZETTEER), i)
                    for i, r in enumerate(self.recognizers)}
            return sorted(super().get_recognizers(*args, **kwargs), key=lambda r: rank.get(id(r), (True, True, len(rank))))

    registry = PolicyRegistry(supported_languages=["en"])
    registry.recognizers = recognizers
    ner_config = NerModelConfiguration(
        model_to_presidio_entity_mapping={label: label for label in SPACY_LABELS},
        labels_to_ignore=[], low_score_entity_names=[])
    try:
        nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": policy.nlp_model.module}],
                                    ner_model_configuration=ner_config)
        # NER is all the gate needs from spaCy: context words are matched on the lower-cased text
        # (gate/context.py), so parser, tagger and lemmatizer are skipped (~40 % faster).
        nlp_engine.nlp = {"en": spacy.load(policy.nlp_model.module, exclude=SKIPPED_PIPES)}
        from embgov.gate.context import FastContextEnhancer

        enhancer = FastContextEnhancer(policy.context_boost, policy.context_min_score)
        return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"],
                              default_score_threshold=0.0, context_aware_enhancer=enhancer)
    except Exception as exc:  # fail closed, naming the package
        raise GateError(f"could not build the analyzer: {type(exc).__name__}: {exc}",
                        where=f"policy {policy.name}",
                        fix=f"check that {policy.nlp_model.package} and presidio-analyzer are installed") from None
