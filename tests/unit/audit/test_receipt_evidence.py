"""A gate receipt is a claim; the audit's `gate.verdict` event is the evidence. GateReceipt.accept (and so
every downstream stage, the pairs check and the index's corpus check) refuses a hand-written receipt."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from embgov.audit import append
from embgov.contracts import RECEIPT_FILE, GateReceipt
from embgov.errors import GateError
from embgov.hashing import fingerprint
from embgov.store import get_engine

POLICY = "ab" * 32
IN_FP = "c" * 64


@pytest.fixture
def gated(tmp_path, db_url, monkeypatch):
    """Gate output with a well-formed passing receipt that no gate wrote (nothing in the audit yet)."""
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    out = tmp_path / "gated"
    out.mkdir()
    (out / "corpus.jsonl").write_text(json.dumps({"_id": "d1", "text": "a clean record"}) + "\n")
    receipt = GateReceipt(
        created_at="2026-01-01T00:00:00Z", policy_name="hipaa", policy_version="1", policy_hash=POLICY,
        input_fingerprint=IN_FP, output_fingerprint=fingerprint([out / "corpus.jsonl"]), inputs=["corpus.jsonl"],
        outputs=["corpus.jsonl"], records_in=1, records_out=1, fields=["text"], entity_counts={}, residual_counts={},
        quarantined=[], quarantine_rate=0.0, verdict="passed", verdict_reason="ok", workers=1, seconds=0.1,
        records_per_s=10.0)
    (out / RECEIPT_FILE).write_text(receipt.model_dump_json())
    return out, receipt


def _verdict(receipt: GateReceipt, **change) -> None:
    payload = {"verdict": "passed", "policy": "hipaa", "policy_hash": receipt.policy_hash,
               "input_fingerprint": receipt.input_fingerprint, "output_fingerprint": receipt.output_fingerprint,
               "records_in": 1, "quarantined": 0, "entity_counts": {}}
    append("gate-test", "gate.verdict", f"dataset:{receipt.input_fingerprint[:16]}", {**payload, **change})


def test_a_hand_written_receipt_is_refused(gated):
    out, _ = gated
    with pytest.raises(GateError, match="no gate.verdict event in the audit log matches this receipt; run the gate") as err:
        GateReceipt.accept(out, POLICY)
    assert err.value.where == str(out) and "embgov redact" in err.value.fix


def test_the_same_receipt_with_its_audited_verdict_is_accepted(gated):
    out, receipt = gated
    _verdict(receipt)
    assert GateReceipt.accept(out, POLICY) == receipt
    assert GateReceipt.accept(out) == receipt


@pytest.mark.parametrize("change", [
    {"verdict": "blocked", "output_fingerprint": None},
    {"verdict": "blocked"},
    {"policy_hash": "cd" * 32},
    {"output_fingerprint": "e" * 64},
    {"input_fingerprint": "c" * 16 + "f" * 48},  # same subject, another input
], ids=["blocked", "blocked-same-output", "other-policy", "other-output", "other-input"])
def test_a_verdict_that_does_not_match_is_refused(gated, change):
    out, receipt = gated
    _verdict(receipt, **change)
    with pytest.raises(GateError, match="no gate.verdict event"):
        GateReceipt.accept(out, POLICY)


def test_an_event_edited_in_place_is_not_evidence(gated, db_url):
    """A blocked verdict rewritten to passed in the database no longer hashes to its stored hash."""
    out, receipt = gated
    _verdict(receipt, verdict="blocked")
    with get_engine(db_url).begin() as conn:
        conn.execute(text("UPDATE audit_events SET payload_json = REPLACE(payload_json, '\"blocked\"', '\"passed\"')"))
    with pytest.raises(GateError, match="no gate.verdict event"):
        GateReceipt.accept(out, POLICY)


def test_the_pairs_check_refuses_pairs_over_a_hand_written_receipt(tmp_path, db_url, monkeypatch):
    import trainkit

    from embgov.contracts import PairSet

    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    pairs_dir = trainkit.write_gated_pairs(tmp_path, trainkit.make_rows(3))
    assert PairSet.accept(pairs_dir)[0].pairs == 3  # the kit records the verdict, standing in for the gate
    with get_engine(db_url).begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE action = 'gate.verdict'"))
    with pytest.raises(GateError, match="no gate.verdict event"):
        PairSet.accept(pairs_dir)
