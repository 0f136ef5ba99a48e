"""How an attempt's error maps onto the job's state: a missing input file fails the job (a fault to
fix, not retried); the gate's and the policy's refusals block it, as rules do."""

from __future__ import annotations

import pytest

import trainkit as kit
from embgov import pipeline
from embgov.errors import GateError, InputError, PolicyError
from embgov.jobs import execute, submit
from embgov.spec import load_spec
from embgov.store import queue as q


@pytest.fixture
def claimed(tmp_path):
    spec = kit.write_job(tmp_path, "minilm-l6")
    submit(load_spec(spec), trigger="person:t", actor="t")
    return q.claim("w", lease_seconds=60, runs_root=str(tmp_path / "runs"))


def test_a_missing_input_fails_the_job(tmp_path, claimed, monkeypatch):
    monkeypatch.setattr(pipeline, "run_job", lambda *a, **k: pytest.fail("no stage runs without its inputs"))
    (tmp_path / "data" / "queries.jsonl").unlink()
    outcome = execute(claimed, "w", say=lambda m: None)
    assert outcome["state"] == "failed" and outcome["retry"] is False
    assert "data.queries.path: file not found" in outcome["error"] and "fix:" in outcome["error"]
    assert q.finish(claimed.id, "w", outcome["state"], error=outcome["error"]).state == "failed"


@pytest.mark.parametrize("error, state", [
    (GateError("the gate blocked corpus: 3 records quarantined"), "blocked"),
    (PolicyError("policy hipaa changed since it was approved"), "blocked"),
    (InputError("input not found", where="data/corpus.jsonl"), "failed"),  # as the gate should raise it
])
def test_refusals_block_and_input_faults_fail(claimed, monkeypatch, error, state):
    def run_job(*a, **k):
        raise error

    monkeypatch.setattr(pipeline, "run_job", run_job)
    outcome = execute(claimed, "w", say=lambda m: None)
    assert outcome["state"] == state and outcome["retry"] is False and error.what in outcome["error"]
