"""How an attempt's error maps onto the job's state, by the error's outcome (not its stage): a refusal
(the gate's, the policy's) blocks it, invalid input (a missing file, a bad spec) fails it at once, a
fault (a crash, the database, Ray) fails it and is retried."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import trainkit as kit
from embgov import errors, pipeline
from embgov.errors import (DataError, EmbgovError, GateError, InputError, PolicyError, SpecError, StoreError,
                           TrainError)
from embgov.jobs import _failure, execute, submit
from embgov.spec import load_spec
from embgov.store import queue as q
from hostkit import job_host

pytestmark = job_host


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


@pytest.mark.parametrize("exc, state, retry", [
    (GateError("3 records could not be cleared", fix="review the quarantine"), "blocked", False),
    (PolicyError("not approved", fix="embgov policy approve"), "blocked", False),
    (GateError("the analyzer failed (RuntimeError)", outcome="fault", fix="retried"), "failed", True),
    (SpecError("bad field"), "failed", False),
    (DataError("bad row", where="corpus.jsonl:3"), "failed", False),
    (InputError("missing file"), "failed", False),
    (TrainError("Ray died"), "failed", True),
    (StoreError("database unreachable"), "failed", True),
    (DataError("the disk was briefly unreadable", outcome="fault"), "failed", True),
])
def test_the_outcome_decides_the_state(exc, state, retry):
    outcome = _failure(exc, lambda line: None)
    assert (outcome["state"], outcome["retry"]) == (state, retry)
    assert outcome["error"] == exc.render()


def test_an_unexpected_exception_is_a_retried_fault_with_its_message_withheld():
    def deep():
        raise ValueError("patient Jane Roe")

    log: list[str] = []
    try:
        deep()
    except ValueError as exc:
        outcome = _failure(exc, log.append)
    assert (outcome["state"], outcome["retry"]) == ("failed", True)
    assert "Jane" not in outcome["error"] and not any("Jane" in line for line in log)
    assert any("in deep" in line for line in log)


def test_an_unknown_outcome_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown outcome"):
        EmbgovError("x", outcome="maybe")


REFUSING = {name for name, cls in vars(errors).items()
            if isinstance(cls, type) and issubclass(cls, EmbgovError) and cls.outcome == "refused"}


def test_every_refusal_says_how_to_fix_it():
    """A refusal blocks a job for a person to act on: each raise site names the fix (statically checked)."""
    root = Path(errors.__file__).parent
    missing = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
                    and isinstance(node.exc.func, ast.Name) and node.exc.func.id in REFUSING):
                continue
            kwargs = {k.arg: k.value for k in node.exc.keywords}
            outcome = kwargs.get("outcome")
            if isinstance(outcome, ast.Constant) and outcome.value != "refused":
                continue
            if "fix" not in kwargs and None not in kwargs:  # **kwargs passes one through
                missing.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    assert REFUSING >= {"GateError", "PolicyError"} and missing == []
