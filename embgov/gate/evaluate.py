"""Entity-level precision and recall of the gate against labeled spans (Presidio research format).

Input: a JSON list (or jsonl) of {"full_text", "spans": [{"entity_type", "start_position",
"end_position"}]}. Dataset labels map to policy entity ids through LABEL_MAP: the first id in a
label's list that the policy defines. Labels mapped to nothing (or to an id the policy lacks) are
not covered by the policy: they count neither for recall nor against precision. A labeled date
that is a bare year is not counted for DATE (HIPAA Safe Harbor keeps years).

Scoring is redaction-oriented. A labeled span is *found* when findings of any entity cover at
least COVER of its non-space characters (a value half-redacted still leaks). A finding is
*correct* when it overlaps a labeled span of any type (redacting an uncovered identifier is not a
false alarm). Per-entity figures attribute recall to the span's mapped entity and precision to
the finding's entity, so weak entities show up.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from embgov.errors import GateError

COVER = 0.8
# Safe Harbor removes "all elements of dates (except year)": a bare year is not an identifier there.
_BARE_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*$")

LABEL_MAP: dict[str, list[str]] = {
    "PERSON": ["PERSON"],
    "STREET_ADDRESS": ["LOCATION", "ADDRESS"],
    "GPE": ["LOCATION", "ADDRESS"],
    "LOCATION": ["LOCATION", "ADDRESS"],
    "ZIP_CODE": ["ZIP_CODE", "ADDRESS"],
    "DATE_TIME": ["DATE"],
    "PHONE_NUMBER": ["PHONE"],
    "EMAIL_ADDRESS": ["EMAIL"],
    "US_SSN": ["SSN"],
    "CREDIT_CARD": ["ACCOUNT_NUMBER", "CARD_NUMBER"],
    "IBAN_CODE": ["ACCOUNT_NUMBER", "BANK_ACCOUNT"],
    "US_BANK_NUMBER": ["ACCOUNT_NUMBER", "BANK_ACCOUNT"],
    "IP_ADDRESS": ["IP_ADDRESS"],
    "DOMAIN_NAME": ["URL"],
    "URL": ["URL"],
    "US_DRIVER_LICENSE": ["LICENSE_NUMBER", "DRIVER_LICENSE"],
    "MEDICAL_RECORD_NUMBER": ["MEDICAL_RECORD_NUMBER"],
    "HOSPITAL": ["HEALTHCARE_FACILITY"],
    # not identifiers under these policies: ORGANIZATION, TITLE, AGE (HIPAA covers only > 89), NRP
}


def load_labeled(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if text.lstrip().startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
    except (OSError, ValueError) as exc:
        raise GateError(f"cannot read labeled data: {type(exc).__name__}", where=str(path),
                        fix="give a JSON list or jsonl of {full_text, spans[]}") from None
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or not isinstance(rec.get("full_text"), str) or not isinstance(rec.get("spans"), list):
            raise GateError("record is not {full_text: str, spans: list}", where=f"{path} record {i}")
    return data


def mapping_for(policy_ids: set[str]) -> dict[str, str]:
    return {label: next((i for i in ids if i in policy_ids), None) for label, ids in LABEL_MAP.items()
            if any(i in policy_ids for i in ids)}


def score(records: list[dict], findings: list[list[tuple[str, int, int]]], policy_ids: set[str]) -> dict[str, Any]:
    mapping = mapping_for(policy_ids)
    found, support, correct, predicted = Counter(), Counter(), Counter(), Counter()
    for rec, preds in zip(records, findings):
        text = rec["full_text"]
        gold = [(s["entity_type"], s["start_position"], s["end_position"]) for s in rec["spans"]]
        for label, start, end in gold:
            entity = mapping.get(label)
            if entity is None or (entity == "DATE" and _BARE_YEAR.match(text[start:end])):
                continue
            support[entity] += 1
            chars = [i for i in range(start, end) if not text[i].isspace()]
            covered = sum(1 for i in chars if any(s <= i < e for _, s, e in preds))
            if chars and covered / len(chars) >= COVER:
                found[entity] += 1
        for entity, start, end in preds:
            predicted[entity] += 1
            if any(start < e and s < end for _, s, e in gold):
                correct[entity] += 1
    entities = {}
    for entity in sorted(set(support) | set(predicted)):
        # None where there is nothing to measure (no findings / no labeled spans of that entity)
        entities[entity] = {"precision": _ratio(correct[entity], predicted[entity]) if predicted[entity] else None,
                            "recall": _ratio(found[entity], support[entity]) if support[entity] else None,
                            "support": support[entity]}
    p = _ratio(sum(correct.values()), sum(predicted.values()))
    r = _ratio(sum(found.values()), sum(support.values()))
    f2 = round(5 * p * r / (4 * p + r), 4) if p + r else 0.0
    return {"overall": {"precision": p, "recall": r, "f2": f2}, "entities": entities, "label_map": mapping}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate_policy(policy_path: str | Path, labeled: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Run the policy's analyzer over labeled texts and score it. Does not need approval: it writes nothing."""
    from embgov.gate.redactor import Redactor
    from embgov.policy.load import load_policy

    policy = load_policy(policy_path).policy
    records = load_labeled(Path(labeled))[:limit]
    redactor = Redactor(policy, hash_key=b"evaluation-only")
    texts = [r["full_text"] for r in records]
    start = time.perf_counter()
    findings = redactor.find_batch(texts)
    seconds = time.perf_counter() - start
    result = score(records, findings, {e.id for e in policy.entities})
    result["docs_per_s"] = round(len(texts) / seconds, 2) if seconds else 0.0
    result["documents"] = len(texts)
    return result
