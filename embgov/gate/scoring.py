"""Entity-level precision and recall of the gate against labeled spans (Presidio research format).

Input: a JSON list (or jsonl) of {"full_text", "spans": [{"entity_type", "start_position",
"end_position"}]}. Every labeled span is accounted for, in one of three ways:

- *scored*: its label maps to a policy entity id through LABEL_MAP (the first id in the label's
  list that the policy defines) or through a `--label-map` file, which overrides LABEL_MAP;
- *ignored*: the label is deliberately not an identifier under these policies (an `Ignore` with a
  reason: ORGANIZATION, TITLE, NRP...), a label map says `null`, or the value falls outside what
  its entity's rule covers (a bare year for DATE: Safe Harbor keeps years; an age of 89 or under
  for AGE_OVER_89);
- *unmapped*: the label is unknown, or maps only to ids this policy lacks. It counts neither for
  recall nor against precision, and it is reported; `strict` makes it an error.

Scoring is redaction-oriented. A labeled span is *found* when findings of any entity cover at
least COVER of its non-space characters (a value half-redacted still leaks). A finding is
*correct* when it overlaps a labeled span of any type (redacting an uncovered identifier is not a
false alarm). Per-entity figures attribute recall to the span's mapped entity and precision to
the finding's entity, so weak entities show up.

Missed values (`misses`) are record text: they are returned to the caller to print, never logged
or written to a file here.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from embgov.errors import GateError

COVER = 0.8
# Safe Harbor removes "all elements of dates (except year)": a bare year is not an identifier there.
_BARE_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Ignore:
    """A label that is deliberately not an identifier under these policies: counted, reported, not scored."""

    reason: str


_NOT_AN_ID = "not an identifier under these policies"
LABEL_MAP: dict[str, list[str | Ignore]] = {
    "PERSON": ["PERSON"],
    "NAME": ["PERSON"],
    "FIRST_NAME": ["PERSON"],
    "LAST_NAME": ["PERSON"],
    "STREET_ADDRESS": ["LOCATION", "ADDRESS"],
    "ADDRESS": ["LOCATION", "ADDRESS"],
    "GPE": ["LOCATION", "ADDRESS"],
    "LOCATION": ["LOCATION", "ADDRESS"],
    "CITY": ["LOCATION", "ADDRESS"],
    "ZIP_CODE": ["ZIP_CODE", "ADDRESS"],
    "DATE_TIME": ["DATE"],
    "PHONE_NUMBER": ["PHONE"],
    "EMAIL_ADDRESS": ["EMAIL"],
    "US_SSN": ["SSN"],
    "US_ITIN": ["SSN"],
    "CREDIT_CARD": ["ACCOUNT_NUMBER", "CARD_NUMBER"],
    "IBAN_CODE": ["ACCOUNT_NUMBER", "BANK_ACCOUNT"],
    "US_BANK_NUMBER": ["ACCOUNT_NUMBER", "BANK_ACCOUNT"],
    "ACCOUNT_NUMBER": ["ACCOUNT_NUMBER", "BANK_ACCOUNT"],
    "IP_ADDRESS": ["IP_ADDRESS"],
    "DOMAIN_NAME": ["URL"],
    "URL": ["URL"],
    "US_DRIVER_LICENSE": ["LICENSE_NUMBER", "DRIVER_LICENSE"],
    "LICENSE_NUMBER": ["LICENSE_NUMBER"],
    "MEDICAL_LICENSE": ["LICENSE_NUMBER"],
    "MEDICAL_RECORD_NUMBER": ["MEDICAL_RECORD_NUMBER"],
    "HEALTH_PLAN_NUMBER": ["HEALTH_PLAN_NUMBER"],
    "OTHER_ID": ["OTHER_ID"],
    "HOSPITAL": ["HEALTHCARE_FACILITY"],
    # An age is an identifier only over 89 (HIPAA); under a policy without AGE_OVER_89 it is ignored.
    "AGE": ["AGE_OVER_89", Ignore(f"{_NOT_AN_ID} (HIPAA: only ages over 89)")],
    "ORGANIZATION": [Ignore(f"{_NOT_AN_ID}: an employer or company is not a person's identifier")],
    "TITLE": [Ignore(f"{_NOT_AN_ID}: a job title")],
    "PROFESSION": [Ignore(f"{_NOT_AN_ID}: an occupation")],
    "PREFIX": [Ignore(f"{_NOT_AN_ID}: a courtesy title (Mr., Dr.), not part of the name")],
    "NRP": [Ignore(f"{_NOT_AN_ID}: nationality, religious or political group")],
    "COUNTRY": [Ignore(f"{_NOT_AN_ID}: a country is larger than a state")],
}


def _over_89(value: str) -> bool:
    number = _NUMBER.search(value)
    return bool(number) and int(number.group()) > 89


# Values a label maps to but the entity's rule does not cover: ignored, with the reason.
_OUT_OF_RULE: dict[str, tuple[Callable[[str], bool], str]] = {
    "DATE": (lambda v: bool(_BARE_YEAR.match(v)), "a bare year (Safe Harbor keeps years)"),
    "AGE_OVER_89": (lambda v: not _over_89(v), "an age of 89 or under (HIPAA: only ages over 89)"),
}


def load_labeled(path: Path) -> list[dict[str, Any]]:
    from embgov.safeio import open_input

    with open_input(path, what="labeled data", error=GateError) as f:  # regular files only: a FIFO never blocks
        raw = f.read()
    try:
        text = raw.decode("utf-8")
        data = json.loads(text) if text.lstrip().startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
    except ValueError as exc:  # UnicodeDecodeError included
        raise GateError(f"cannot read labeled data: {type(exc).__name__}", where=str(path),
                        fix="give a JSON list or jsonl of {full_text, spans[]}") from None
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or not isinstance(rec.get("full_text"), str) or not isinstance(rec.get("spans"), list):
            raise GateError("record is not {full_text: str, spans: list}", where=f"{path} record {i}", outcome="invalid",
                            fix="give a JSON list or jsonl of {full_text, spans[]}")
    return data


def load_label_map(path: str | Path, policy_ids: set[str]) -> dict[str, str | None]:
    """A data set's own label names -> policy entity ids (YAML or JSON `{LABEL: ID | null}`; null = ignored).
    An id the policy does not define is an error naming it."""
    from embgov.errors import SpecError
    from embgov.spec.yamlsrc import load_yaml, read_text

    path = Path(path)
    fix = "write {DATASET_LABEL: POLICY_ENTITY_ID, ...}; null ignores a label"
    try:
        data, lines = load_yaml(read_text(path, what="label map"), str(path))
    except SpecError as exc:
        raise GateError(f"cannot read the label map: {exc.what}", where=exc.where, fix=exc.fix or fix) from None
    if not isinstance(data, dict) or not data:
        raise GateError("the label map is not a mapping of labels", where=str(path), fix=fix)
    known = ", ".join(sorted(policy_ids))
    out: dict[str, str | None] = {}
    for label, entity in data.items():
        where = f"{path}:{lines[(label,)]}" if (label,) in lines else str(path)
        if not isinstance(label, str) or not (entity is None or isinstance(entity, str)):
            raise GateError(f"label {label!r}: the value must be a policy entity id or null", where=where, fix=fix)
        if entity is not None and entity not in policy_ids:
            raise GateError(f"label {label} maps to {entity}, which the policy does not define", where=where,
                            fix=f"use one of the policy's ids ({known}), or null to ignore the label")
        out[label] = entity
    return out


def resolve_labels(policy_ids: set[str], label_map: dict[str, str | None] | None = None
                   ) -> tuple[dict[str, str], dict[str, str]]:
    """(label -> policy entity id, label -> reason it is ignored). A label in neither is unmapped; the policy's own
    entity ids map to themselves."""
    table: dict[str, list[str | Ignore]] = dict(LABEL_MAP)
    for label, entity in (label_map or {}).items():
        table[label] = [entity] if entity is not None else [Ignore("ignored by the label map")]
    mapping: dict[str, str] = {}
    ignored: dict[str, str] = {}
    for label, candidates in table.items():
        for c in candidates:
            if isinstance(c, Ignore):
                ignored[label] = c.reason
                break
            if c in policy_ids:
                mapping[label] = c
                break
    for entity in policy_ids:  # a set labeled with the policy's own ids ('SSN', 'DATE') is scored under them
        if entity not in ignored:
            mapping.setdefault(entity, entity)
    return mapping, ignored


def mapping_for(policy_ids: set[str], *, label_map: dict[str, str | None] | None = None) -> dict[str, str]:
    """Labels the policy covers -> the entity id they are scored under."""
    return resolve_labels(policy_ids, label_map)[0]


def unmapped_labels(records: list[dict], policy_ids: set[str], *,
                    label_map: dict[str, str | None] | None = None) -> Counter:
    """Labeled spans per label that map to nothing in this policy (and are not deliberately ignored)."""
    mapping, ignored = resolve_labels(policy_ids, label_map)
    return Counter(s["entity_type"] for rec in records for s in rec["spans"]
                   if s["entity_type"] not in mapping and s["entity_type"] not in ignored)


def score(records: list[dict], findings: list[list[tuple[str, int, int]]], policy_ids: set[str], *,
          label_map: dict[str, str | None] | None = None, misses: int = 0,
          kept: Callable[[str, str], bool] | None = None) -> dict[str, Any]:
    """Precision, recall and F2, overall and per entity, with every labeled span accounted for.
    With `misses`, the result carries that many most frequent missed values (record text: print it,
    never log or store it). `kept(entity, value)`: the policy keeps this labeled value on purpose (a
    country or state under a policy that keeps them): reported as ignored, not as a miss."""
    mapping, ignore = resolve_labels(policy_ids, label_map)
    found, support, correct, predicted = Counter(), Counter(), Counter(), Counter()
    unmapped, ignored, missed_values = Counter(), Counter(), Counter()
    reasons: dict[str, str] = {}
    for rec, preds in zip(records, findings):
        text = rec["full_text"]
        gold = [(s["entity_type"], s["start_position"], s["end_position"]) for s in rec["spans"]]
        for label, start, end in gold:
            entity = mapping.get(label)
            if entity is None:
                if label in ignore:
                    ignored[label] += 1
                    reasons.setdefault(label, ignore[label])
                else:
                    unmapped[label] += 1
                continue
            rule = _OUT_OF_RULE.get(entity)
            if rule and rule[0](text[start:end]):
                ignored[label] += 1
                reasons.setdefault(label, rule[1])
                continue
            if kept and kept(entity, text[start:end]):
                ignored[label] += 1
                reasons.setdefault(label, KEPT_REASON)
                continue
            support[entity] += 1
            chars = [i for i in range(start, end) if not text[i].isspace()]
            covered = sum(1 for i in chars if any(s <= i < e for _, s, e in preds))
            if chars and covered / len(chars) >= COVER:
                found[entity] += 1
            elif misses:
                missed_values[(" ".join(text[start:end].split()), entity)] += 1
        for entity, start, end in preds:
            predicted[entity] += 1
            if any(start < e and s < end for _, s, e in gold):
                correct[entity] += 1
    entities = {}
    for entity in sorted(set(support) | set(predicted)):
        # None where there is nothing to measure (no findings / no labeled spans of that entity)
        entities[entity] = {"precision": _ratio(correct[entity], predicted[entity]) if predicted[entity] else None,
                            "recall": _ratio(found[entity], support[entity]) if support[entity] else None,
                            "support": support[entity], "missed": support[entity] - found[entity]}
    p = _ratio(sum(correct.values()), sum(predicted.values()))
    r = _ratio(sum(found.values()), sum(support.values()))
    f2 = round(5 * p * r / (4 * p + r), 4) if p + r else 0.0
    result: dict[str, Any] = {
        "overall": {"precision": p, "recall": r, "f2": f2}, "entities": entities, "label_map": mapping,
        "unmapped": dict(sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0]))),
        "ignored": {label: {"count": n, "reason": reasons[label]}
                    for label, n in sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0]))}}
    if misses:
        top = sorted(missed_values.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0]))[:misses]
        result["misses"] = [{"value": value, "entity": entity, "count": n} for (value, entity), n in top]
    return result


KEPT_REASON = "a country, state or larger region: the policy keeps these (Safe Harbor removes only smaller units)"


def kept_by(redactor) -> Callable[[str, str], bool]:
    """The scorer's `kept` for a Redactor: labeled places that its policy keeps as regions."""
    return lambda entity, value: entity not in redactor.name_entities and redactor.keeper.kept_region(value)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate_policy(policy_path: str | Path, labeled: str | Path, *, limit: int | None = None,
                    label_map: str | Path | None = None, strict: bool = False, misses: int = 0) -> dict[str, Any]:
    """Run the policy's analyzer over labeled texts and score it. Does not need approval: it writes nothing.

    `label_map`: a YAML/JSON file of the data set's labels -> policy entity ids (null: ignored),
    over LABEL_MAP. `strict`: a label with no mapping to the policy is an error (before any
    analysis). `misses`: return the N most frequent missed values (record text, for the caller to print).
    """
    from embgov.gate.redactor import Redactor
    from embgov.policy.load import load_policy

    policy = load_policy(policy_path).policy
    ids = {e.id for e in policy.entities}
    records = load_labeled(Path(labeled))[:limit]
    overrides = load_label_map(label_map, ids) if label_map is not None else None
    if strict:
        unmapped = unmapped_labels(records, ids, label_map=overrides)
        if unmapped:
            listed = ", ".join(f"{label} ({n})" for label, n in sorted(unmapped.items(), key=lambda kv: (-kv[1], kv[0])))
            raise GateError(f"labels with no mapping to policy {policy.name}: {listed}", where=str(labeled),
                            fix="map each with --label-map FILE ({LABEL: POLICY_ENTITY_ID}, or null when it is not an "
                                f"identifier under this policy); the policy's ids: {', '.join(sorted(ids))}")
    redactor = Redactor(policy, hash_key=b"evaluation-only")
    texts = [r["full_text"] for r in records]
    start = time.perf_counter()
    findings = redactor.find_batch(texts)
    seconds = time.perf_counter() - start
    result = score(records, findings, ids, label_map=overrides, misses=misses, kept=kept_by(redactor))
    result["docs_per_s"] = round(len(texts) / seconds, 2) if seconds else 0.0
    result["documents"] = len(texts)
    return result
