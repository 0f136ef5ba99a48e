"""`gate review` counting with a stand-in detector: distinct records, case groups, thresholds (no spaCy needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from embgov.errors import GateError
from embgov.gate import review
from embgov.gate.review import DEFAULT_MIN_RECORDS, default_min_records, review_terms

ROOT = Path(__file__).resolve().parents[3]
POLICY = ROOT / "policies" / "hipaa.yaml"


class FakeRedactor:
    """Finds capitalised words as PERSON and digit runs as PHONE; records every batch size."""

    batches: list[int] = []

    def __init__(self, policy, hash_key):
        self.policy = policy

    def find_batch(self, texts):
        FakeRedactor.batches.append(len(texts))
        return [[("PERSON", m.start(), m.end()) for m in re.finditer(r"(?i)\b(?:warfarin|jane\s+roe)\b", t)]
                + [("PHONE", m.start(), m.end()) for m in re.finditer(r"\d{3}-\d{4}", t)] for t in texts]


@pytest.fixture(autouse=True)
def fake(monkeypatch):
    import embgov.gate.redactor as redactor

    FakeRedactor.batches = []
    monkeypatch.setattr(redactor, "Redactor", FakeRedactor)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_terms_count_distinct_records_and_group_case(tmp_path):
    rows = [{"_id": str(i), "text": "warfarin twice, WARFARIN again" if i < 2 else "Warfarin daily", "note": "ok"}
            for i in range(5)]
    rows += [{"_id": "x", "text": "Jane  Roe at 555-0101", "note": "Jane Roe"}]
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    result = review_terms(POLICY, [src], min_records=3)
    person = result["entities"]["PERSON"]
    assert person["terms"] == [{"term": "Warfarin", "records": 5, "occurrences": 7, "variants": [
        {"text": "Warfarin", "records": 3, "occurrences": 3},
        {"text": "WARFARIN", "records": 2, "occurrences": 2},
        {"text": "warfarin", "records": 2, "occurrences": 2}]}]
    assert person["findings"] == 9  # Jane Roe twice in one record: found, not listed (1 record < 3)
    assert result["entities"]["PHONE"]["terms"] == []
    assert result["records"] == 6 and result["findings"] == 10 and result["min_records"] == 3


def test_whitespace_is_normalised_and_one_record_counts_once(tmp_path):
    rows = [{"text": "Jane Roe", "other": "Jane\tRoe and Jane  Roe"} for _ in range(2)]
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    result = review_terms(POLICY, [src], min_records=2)
    assert result["entities"]["PERSON"]["terms"] == [{"term": "Jane Roe", "records": 2, "occurrences": 6, "variants": []}]


def test_only_declared_fields_are_read_and_bad_records_are_counted(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text("id,notes,name\n1,warfarin,Jane Roe\n2,warfarin,Jane Roe\n3,,Jane Roe\n")
    result = review_terms(POLICY, [src], fields=["notes"], min_records=2)
    assert [t["term"] for t in result["entities"]["PERSON"]["terms"]] == ["warfarin"]
    assert result["records"] == 2 and result["unreadable"] == {"empty_text": 1}


def test_top_entity_filter_and_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(review, "BATCH", 4)
    rows = [{"text": f"warfarin 555-{i % 3:04d}"} for i in range(10)]
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    result = review_terms(POLICY, [src], min_records=3, top=2, entities=["PHONE"])
    assert list(result["entities"]) == ["PHONE"]
    phone = result["entities"]["PHONE"]
    assert [(t["term"], t["records"]) for t in phone["terms"]] == [("555-0000", 4), ("555-0001", 3)]
    assert phone["more"] == 1
    assert FakeRedactor.batches == [4, 4, 2]


def test_two_inputs_are_one_record_count(tmp_path):
    a = write_jsonl(tmp_path / "a.jsonl", [{"text": "warfarin"}] * 2)
    b = tmp_path / "b.txt"
    b.write_text("warfarin\n\nwarfarin\n")
    result = review_terms(POLICY, [a, b], min_records=4)
    assert result["entities"]["PERSON"]["terms"][0]["records"] == 4 and result["files"] == 2


def test_unknown_entity_and_missing_input_are_errors(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [{"text": "x"}])
    with pytest.raises(GateError, match="no entity GENE") as err:
        review_terms(POLICY, [src], entities=["GENE"])
    assert "PERSON" in err.value.render()
    with pytest.raises(GateError, match="input not found"):
        review_terms(POLICY, [tmp_path / "missing.jsonl"])


@pytest.mark.parametrize("value, expected", [
    (None, DEFAULT_MIN_RECORDS), (5, 5), (0, DEFAULT_MIN_RECORDS), (True, DEFAULT_MIN_RECORDS)])
def test_default_min_records_reads_the_policy(value, expected):
    policy = SimpleNamespace() if value is None else SimpleNamespace(review_min_records=value)
    assert default_min_records(policy) == expected
