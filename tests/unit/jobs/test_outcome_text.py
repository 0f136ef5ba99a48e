"""How outcomes read: a refusal prints its reason and fix on stderr (`embgov run`, `embgov worker`) and in
`jobs show`, labelled as what it is; a model the promotion rules keep a candidate is a decision (the
job succeeded; `promotion: kept as candidate — ...`), not an error and not a failed stage."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import trainkit as kit
from embgov import pipeline
from embgov.cli.main import cli
from embgov.contracts import PromotionDecision
from embgov.errors import GateError
from embgov.pipeline import promotion_summary
from embgov.store import queue as q
from hostkit import job_host

pytestmark = job_host

REASONS = ["gain over base on ndcg@10: -0.0040 (0.7810 vs 0.7850), required >= +0.0000: fail",
           "gain over bm25 on ndcg@10: -0.0330 (0.7810 vs 0.8140), required >= -1.0000: pass",
           "general-set drop on ndcg@10: not checked (no evaluation.general set in the spec); allowed <= 0.0100"]


def _decision(promote: bool) -> PromotionDecision:
    return PromotionDecision(promote=promote, primary_metric="ndcg@10", gain_over_base=-0.004, gain_over_bm25=-0.033,
                             general_drop=None, reasons=REASONS)


def test_promotion_summary_reads_as_a_decision():
    assert promotion_summary(_decision(False), False, "candidate") == (
        "kept as candidate — gain over base on ndcg@10: -0.0040 (0.7810 vs 0.7850), required >= +0.0000")
    assert promotion_summary(_decision(True), True, "production") == "promoted to production by the rules"
    assert promotion_summary(None, False, "candidate").startswith("not decided: the spec has no evaluation section")


def _kept_candidate(loaded, run_dir, *, stage, **kw):
    for name in pipeline.STAGES:
        stage(name)
    decision = _decision(False)
    return {"version": SimpleNamespace(name="mini-run", version=1, status="candidate", parent_version=None),
            "report": SimpleNamespace(metrics={"candidate": {"ndcg@10": 0.781}, "base": {"ndcg@10": 0.785}}, heldout={},
                                      decision=decision),
            "exports": [], "promoted": False, "promotion": promotion_summary(decision, False, "candidate")}


def test_a_kept_candidate_is_a_succeeded_job_not_an_error(tmp_path, monkeypatch):
    spec = kit.write_job(tmp_path, "minilm-l6")
    monkeypatch.setattr(pipeline, "run_job", _kept_candidate)
    result = CliRunner().invoke(cli, ["run", str(spec)])
    assert result.exit_code == 0, result.output
    [job] = q.list_jobs()
    assert job.state == "succeeded" and job.error is None and job.outputs["promoted"] is False
    assert job.outputs["status"] == "candidate"
    line = "promotion: kept as candidate — gain over base on ndcg@10: -0.0040 (0.7810 vs 0.7850), required >= +0.0000"
    assert f"job {job.id}: succeeded" in result.stdout and line in result.stdout and line in result.stderr
    assert "error" not in result.output.lower() and "failed" not in result.output
    shown = CliRunner().invoke(cli, ["jobs", "show", job.id])
    assert line in shown.stdout and "error:" not in shown.stdout and " failed " not in shown.stdout
    assert {s["state"] for s in json.loads(CliRunner().invoke(cli, ["jobs", "show", job.id, "--json"]).stdout)["stages"]} == {"done"}


def test_a_refusal_prints_its_reason_and_fix_on_stderr_and_in_jobs_show(tmp_path, monkeypatch):
    spec = kit.write_job(tmp_path, "minilm-l6")

    def refused(loaded, run_dir, *, stage, **kw):
        stage("gate")
        raise GateError("the gate blocked corpus: 3 of 30 records quarantined", where="gate/corpus/receipt.json",
                        fix="read the receipt's quarantine reasons")

    monkeypatch.setattr(pipeline, "run_job", refused)
    result = CliRunner().invoke(cli, ["run", str(spec), "--json"])  # --json too: stdout is JSON, stderr says why
    assert result.exit_code == 3
    assert json.loads(result.stdout)["state"] == "blocked"
    assert "refused: gate/corpus/receipt.json: the gate blocked corpus" in result.stderr
    assert "fix: read the receipt's quarantine reasons" in result.stderr and "run directory None" not in result.stderr
    [job] = q.list_jobs()
    shown = CliRunner().invoke(cli, ["jobs", "show", job.id]).stdout
    assert "refused:\n  gate/corpus/receipt.json: the gate blocked corpus" in shown and "fix: read the receipt" in shown


def test_the_worker_prints_the_reason_and_the_fix(tmp_path):
    from embgov.worker import Worker

    fake = Path(__file__).with_name("fake_attempt.py")
    job, _ = q.enqueue(name="fake", spec_hash="h", spec_json="{}", trigger="person:t")
    said: list[str] = []
    Worker(lease_seconds=5, say=said.append,
           child_argv=lambda j, owner: [sys.executable, str(fake), j.id, owner, "refused"]).run(once=True)
    assert f"job {job.id}: blocked" in said
    assert "refused: policy.yaml: policy x changed since it was approved\n    fix: approve it again" in said


@pytest.mark.parametrize("state, exit_code", [("succeeded", 0), ("failed", 1), ("blocked", 3), ("cancelled", 4)])
def test_run_exit_codes(state, exit_code):
    from embgov.cli.train import EXIT_CODES

    assert EXIT_CODES.get(state, 1) == exit_code
