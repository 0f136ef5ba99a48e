"""`embgov run SPEC`: the whole job on the fixture data with the tiny model — the real gate, pairs,
Ray Train, evaluation against the base model and BM25, ONNX export with parity, registration with
lineage, and the promotion decision from the spec's rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "data" / "scifact-mini"

SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: mini-run
owner: tests
domain: biomedical
base_model: {model}
policy: policy.yaml
data:
  corpus: {{path: data/corpus.jsonl}}
  queries: {{path: data/queries.jsonl}}
  qrels: {{path: data/qrels.tsv}}
pairs: {{method: labeled, hard_negatives: {{miner: bm25, top_k: 10}}}}
adaptation: {{method: full}}
training: {{batch_size: 8, epochs: 1, max_seq_length: 32, learning_rate: 1.0e-3, checkpoint_every_steps: 2}}
resources: {{num_workers: 1, cpus_per_worker: 1}}
evaluation:
  heldout:
    corpus: {{path: data/corpus.jsonl}}
    queries: {{path: data/queries.jsonl}}
    qrels: {{path: data/qrels.tsv}}
  promotion: {{primary_metric: ndcg@10, min_gain_over_base: {gain}, min_gain_over_bm25: -1.0}}
export: {{formats: [onnx], parity_min_cosine: 0.999}}
"""


def _job(tmp_path, tiny_model, gain: float) -> Path:
    from embgov.policy.approvals import approve

    shutil.copytree(FIXTURES, tmp_path / "data")
    text = (ROOT / "policies" / "hipaa.yaml").read_text().replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.1")
    (tmp_path / "policy.yaml").write_text(text)
    approve(tmp_path / "policy.yaml", "Test Officer")
    spec = tmp_path / "job.yaml"
    spec.write_text(SPEC.format(model=tiny_model, gain=gain))
    return spec


def test_run_registers_and_promotes_when_the_rules_hold(ray_local, tiny_model, tmp_path, monkeypatch):
    from embgov.audit import list_events
    from embgov.cli.main import cli
    from embgov.registry import get_version

    monkeypatch.setenv("EMBGOV_HASH_KEY", "k")
    spec = _job(tmp_path, tiny_model, gain=-1.0)  # any result passes: the rules say promote
    result = CliRunner().invoke(cli, ["run", str(spec), "--run-dir", str(tmp_path / "run"), "--by", "ana", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["promoted"] is True and set(out["models"]) == {"candidate", "base", "bm25"}
    assert out["exports"][0]["format"] == "onnx" and out["exports"][0]["passed"]
    v = get_version("mini-run")
    assert v.version == 1 and v.status == "production" and v.trigger == "person:ana"
    assert set(v.receipts) == {"corpus", "queries"} and v.decision.promote
    assert {"model", "onnx", "eval", "receipts/corpus"} <= set(v.artifacts)
    actions = [e.action for e in list_events()]
    assert "gate.verdict" in actions and "model.register" in actions and "model.promote" in actions


def test_a_candidate_the_rules_refuse_stays_a_candidate(ray_local, tiny_model, tmp_path, monkeypatch):
    from embgov.cli.main import cli
    from embgov.registry import list_versions, production

    monkeypatch.setenv("EMBGOV_HASH_KEY", "k")
    spec = _job(tmp_path, tiny_model, gain=0.9)  # a random tiny model never gains 0.9 over its base
    result = CliRunner().invoke(cli, ["run", str(spec), "--run-dir", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    assert "kept as a candidate" in result.stderr and "gain over base" in result.stderr.lower()
    assert production("mini-run") is None and [v.status for v in list_versions("mini-run")] == ["candidate"]
