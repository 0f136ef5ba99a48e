"""Ids, keys and headers never leave the gate as written: ids become keyed pseudonyms (or, when the
policy keeps ids, only clean ones pass), qrels are mapped the same way, undeclared fields stay behind."""

from __future__ import annotations

import json
import os
import re

from embgov.gate.ids import pseudonym
from embgov.gate.run import run_gate

HOSTILE_ID = "MRN-884422 Jane Doe SSN 123-45-6789"


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _key() -> bytes:
    return os.environ["EMBGOV_HASH_KEY"].encode()


def _words(path) -> str:
    """The file without its hex digests, pseudonyms and timestamps, whose digits may spell '6789' by chance."""
    return re.sub(r"\b[0-9a-f]{16,}\b|\d{4}-\d\d-\d\dT[\d:.]+Z?", "", path.read_text())


def test_ids_leave_as_pseudonyms_and_qrels_follow(tmp_path, approved_policy):
    policy = approved_policy("hipaa", edit=lambda t: t.replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.5"))
    corpus = _write(tmp_path / "corpus.jsonl", [
        {"_id": HOSTILE_ID, "text": "Stable on metformin.", "note for Sarah Connor 415-555-0100": "x"},
        {"_id": "d2", "text": "A second document about insulin."},
        {"_id": "d3", "text": "   "}])
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text(f"query-id\tcorpus-id\tscore\nq1\t{HOSTILE_ID.replace(' ', '_')}\t1\nq1\td2\t2\n")
    receipt = run_gate(policy, [corpus], tmp_path / "out", workers=1, fields=["text"])
    text = (tmp_path / "out/corpus.jsonl").read_text()
    rows = [json.loads(line) for line in text.splitlines()]
    assert [r["_id"] for r in rows] == [pseudonym(_key(), HOSTILE_ID), pseudonym(_key(), "d2")]
    assert all(set(r) == {"_id", "text"} for r in rows)  # the undeclared key stays behind
    for secret in ("884422", "Jane", "6789", "Sarah", "415-555"):
        assert secret not in _words(tmp_path / "out/corpus.jsonl") and secret not in _words(tmp_path / "out/receipt.json")
    assert receipt.record_ids == "pseudonym"
    assert receipt.quarantined[0].record_id == pseudonym(_key(), "d3") and receipt.quarantined[0].reason == "empty_text"

    qr = run_gate(policy, [qrels], tmp_path / "qout", qrels_format="beir_tsv", workers=1)
    lines = (tmp_path / "qout/qrels.tsv").read_text().splitlines()
    assert lines[0] == "query-id\tcorpus-id\tscore"
    assert lines[2] == f"{pseudonym(_key(), 'q1')}\t{pseudonym(_key(), 'd2')}\t2"
    assert "884422" not in "\n".join(lines) and qr.records_out == 2


def test_the_same_id_maps_the_same_under_one_key_and_differently_under_another(tmp_path, approved_policy, monkeypatch):
    policy = approved_policy("hipaa")
    src = _write(tmp_path / "c.jsonl", [{"_id": "doc-1", "text": "fine"}])
    run_gate(policy, [src], tmp_path / "a", workers=1)
    run_gate(policy, [src], tmp_path / "b", workers=1)
    monkeypatch.setenv("EMBGOV_HASH_KEY", "another-key-" + "9" * 40)
    run_gate(policy, [src], tmp_path / "c", workers=1)
    ids = [json.loads((tmp_path / d / "c.jsonl").read_text())["_id"] for d in "abc"]
    assert ids[0] == ids[1] != ids[2]


def test_kept_ids_must_pass_the_detectors(tmp_path, approved_policy):
    policy = approved_policy("hipaa", edit=lambda t: t.replace("hash_key:", "record_ids: keep\nhash_key:", 1)
                             .replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.9"))
    src = _write(tmp_path / "c.jsonl", [{"_id": "doc-0001", "text": "Stable on metformin."},
                                        {"_id": "Jane Doe SSN 123-45-6789", "text": "Follow up in two weeks."}])
    receipt = run_gate(policy, [src], tmp_path / "out", workers=1)
    out = _words(tmp_path / "out/c.jsonl") + _words(tmp_path / "out/receipt.json")
    assert json.loads(out.splitlines()[0])["_id"] == "doc-0001"
    assert "Jane" not in out and "6789" not in out
    [q] = receipt.quarantined
    assert q.reason == "identifying_id" and q.record_id == "line:2" and receipt.record_ids == "keep"

    qrels = tmp_path / "qrels.trec"
    qrels.write_text("q-1 0 doc-0001 1\nq-2 0 Jane.Doe@example.com 1\n")
    qr = run_gate(policy, [qrels], tmp_path / "qout", qrels_format="trec", workers=1)
    assert (tmp_path / "qout/qrels.trec").read_text() == "q-1 0 doc-0001 1\n"
    assert [q.reason for q in qr.quarantined] == ["identifying_id"]
