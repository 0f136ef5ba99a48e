"""`embgov run SPEC`: the whole job on the fixture data with the tiny model — the real gate, pairs,
Ray Train, evaluation against the base model and BM25, ONNX export with parity, registration with
lineage, and the promotion decision from the spec's rules."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import trainkit as kit

pytestmark = pytest.mark.integration

def test_run_registers_and_promotes_when_the_rules_hold(ray_local, tiny_model, tmp_path, monkeypatch):
    from embgov.audit import list_events
    from embgov.cli.main import cli
    from embgov.registry import get_version

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    spec = kit.write_job(tmp_path, tiny_model, gain=-1.0)  # any result passes: the rules say promote
    result = CliRunner().invoke(cli, ["run", str(spec), "--by", "ana", "--json"])
    assert result.exit_code == 0, result.output
    job = json.loads(result.stdout)
    out = job["outputs"]
    assert job["state"] == "succeeded" and job["trigger"] == "person:ana" and job["attempts"] == 1
    assert out["promoted"] is True and set(out["metrics"]) == {"candidate", "base", "bm25"}
    assert out["exports"] == ["onnx"] and out["model"] == "mini-run:1"
    assert set(out["gate"]) == {"corpus", "queries", "qrels"} and out["gate"]["corpus"]["records_in"] > 0
    v = get_version("mini-run")
    assert v.version == 1 and v.status == "production" and v.trigger == "person:ana"
    assert set(v.receipts) == {"corpus", "queries", "qrels"} and v.decision.promote
    assert {"model", "onnx", "eval", "receipts/corpus"} <= set(v.artifacts)
    actions = [e.action for e in list_events()]
    assert "gate.verdict" in actions and "model.register" in actions and "model.promote" in actions


def test_a_candidate_the_rules_refuse_stays_a_candidate(ray_local, tiny_model, tmp_path, monkeypatch):
    from embgov.cli.main import cli
    from embgov.registry import list_versions, production

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    spec = kit.write_job(tmp_path, tiny_model, gain=0.9)  # a random tiny model never gains 0.9 over its base
    result = CliRunner().invoke(cli, ["run", str(spec)])
    assert result.exit_code == 0, result.output  # a decision of the rules, not a failure: the job succeeded
    assert "promotion: kept as candidate — gain over base on ndcg@10: " in result.stdout
    assert "promotion: kept as candidate" in result.stderr and "error" not in result.output.lower()
    assert "job " in result.stdout and ": succeeded" in result.stdout and "run directory None" not in result.stderr
    assert production("mini-run") is None and [v.status for v in list_versions("mini-run")] == ["candidate"]
    jobs = CliRunner().invoke(cli, ["jobs", "list", "--json"])
    [job] = json.loads(jobs.stdout)
    assert job["state"] == "succeeded" and job["error"] is None and job["outputs"]["model"] == "mini-run:1"
    assert job["outputs"]["promoted"] is False and job["outputs"]["promotion"].startswith("kept as candidate — ")
    shown = json.loads(CliRunner().invoke(cli, ["jobs", "show", job["id"], "--json"]).stdout)["stages"]
    assert [s["stage"] for s in shown] == ["gate", "pairs", "train", "evaluate", "export", "register", "promote"]
    assert {s["state"] for s in shown} == {"done"}  # no stage reads failed


def test_no_canary_value_reaches_runs_mlflow_or_the_database(ray_local, tiny_model, tmp_path, monkeypatch, embgov_home,
                                                             caplog):
    """The canary corpus (bench/canary.py) joins the training corpus: after the whole job, no canary value
    is in the run directory, MLflow's database and artifacts, the job and audit database, or the logs."""
    import importlib.util
    import logging
    from pathlib import Path

    from embgov.cli.main import cli

    root = Path(__file__).resolve().parents[3]
    module = importlib.util.spec_from_file_location("bench_canary", root / "bench" / "canary.py")
    canary = importlib.util.module_from_spec(module)
    module.loader.exec_module(canary)
    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    spec = kit.write_job(tmp_path, tiny_model, gain=-1.0)
    with (tmp_path / "data" / "corpus.jsonl").open("a", encoding="utf-8") as corpus:
        for line in canary.DATA.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            corpus.write(json.dumps({"_id": record["_id"], "title": "", "text": record["text"]}) + "\n")
    caplog.set_level(logging.DEBUG)
    result = CliRunner().invoke(cli, ["run", str(spec), "--by", "ana", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outputs"]["gate"]["corpus"]["quarantined"] == 0
    found = canary.scan_run(embgov_home / "runs", embgov_home, [caplog.text, result.output])
    report = "; ".join(f"{loc}: {', '.join(v for _, v in vals)}" for loc, vals in found.items() if vals)
    assert not report, f"canary values survive the job: {report}"
    assert (embgov_home / "mlflow.db").is_file() and any((embgov_home / "mlartifacts").rglob("*"))
