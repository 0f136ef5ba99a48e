"""`embgov eval` through click's runner, with a tiny random model on the SciFact subset, which passes the
real gate first (a model sees only gated text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from embgov.cli.main import cli

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "data" / "scifact-mini"

SET = ["--corpus", str(MINI / "corpus.jsonl"), "--queries", str(MINI / "queries.jsonl"), "--qrels", str(MINI / "qrels.tsv")]
METRICS = {"ndcg@10", "mrr@10", "recall@100", "map"}

SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: tiny-eval
owner: tests
domain: test
base_model: {model}
policy: policies/hipaa.yaml
data: {{pairs: [{{path: pairs.jsonl}}]}}
pairs: {{method: labeled, hard_negatives: {{miner: none}}}}
adaptation: {{method: full}}
evaluation:
  heldout: &mini
    corpus: {{path: {mini}/corpus.jsonl}}
    queries: {{path: {mini}/queries.jsonl}}
    qrels: {{path: {mini}/qrels.tsv}}
  general: *mini
  batch_size: 16
  promotion: {{min_gain_over_base: 0.0, min_gain_over_bm25: 0.0, max_general_drop: 0.02}}
"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def policy(approved_policy):
    return str(approved_policy("hipaa"))


def test_json_has_one_entry_per_model(tiny_model, tmp_path, policy, embgov_home):
    plot = tmp_path / "chart.png"
    result = run("eval", str(tiny_model), *SET, "--policy", policy, "--baseline", f"base={tiny_model}", "--json", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out["models"]) == {"candidate", "base", "bm25"}
    for name, figures in out["models"].items():
        assert set(figures) == METRICS and all(0.0 <= v <= 1.0 for v in figures.values()), name
    # Same model as candidate and as baseline: same figures.
    assert out["models"]["candidate"] == out["models"]["base"]
    # BM25 beats a random 2-layer model on real SciFact claims.
    assert out["models"]["bm25"]["ndcg@10"] > out["models"]["candidate"]["ndcg@10"]
    assert any("fewer than 500" in w for w in out["warnings"])
    assert "decision" not in out and out["heldout"]["relevant_pairs"] == 27
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out["plot"] == str(plot)
    # What was encoded is the gated copy: three receipts (corpus, queries, qrels) in the cache.
    assert len(list((embgov_home / "gated").glob("*/receipt.json"))) == 3


def test_metric_choice_and_no_bm25(tiny_model, policy):
    result = run("eval", str(tiny_model), *SET, "--policy", policy, "--no-bm25", "--metric", "precision@1", "--metric", "ndcg@5", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert list(out["models"]) == ["candidate"] and set(out["models"]["candidate"]) == {"precision@1", "ndcg@5"}
    assert out["primary_metric"] == "precision@1"


def test_spec_prints_the_decision(tiny_model, tmp_path, embgov_home, policy):
    (tmp_path / "pairs.jsonl").write_text("")
    spec = tmp_path / "job.yaml"
    spec.write_text(SPEC.format(model=tiny_model, mini=MINI))
    result = run("eval", "--spec", str(spec), str(tiny_model))
    assert result.exit_code == 0, result.output
    assert "decision: do not promote" in result.stdout
    assert "gain over bm25 on ndcg@10" in result.stdout and "general set (forgetting check):" in result.stdout
    # The base model's corpus embeddings were cached under EMBGOV_HOME for the next run.
    assert len(list((embgov_home / "cache" / "embeddings").glob("*.npy"))) == 1

    out = json.loads(run("eval", "--spec", str(spec), str(tiny_model), "--json").stdout)
    d = out["decision"]
    assert d["promote"] is False and d["gain_over_base"] == pytest.approx(0.0) and d["gain_over_bm25"] < 0
    assert d["general_drop"] == pytest.approx(0.0) and len(d["reasons"]) == 3
    assert set(out["general"]) == {"candidate", "base"}


@pytest.mark.parametrize("args, message", [
    (["--spec", "x.yaml", "--corpus", "c.jsonl"], "not with --spec"),
    (["--corpus", "c.jsonl"], "missing --queries, --qrels, --policy"),
])
def test_usage_errors_exit_2(args, message):
    result = CliRunner().invoke(cli, ["eval", "minilm-l6", *args])
    assert result.exit_code == 2 and message in result.output


def test_unknown_metric_and_missing_model_exit_1(tmp_path, policy):
    result = CliRunner().invoke(cli, ["eval", "minilm-l6", *SET, "--policy", policy, "--metric", "bleu@4"])
    assert result.exit_code == 1 and "unknown metric 'bleu@4'" in result.output
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "nowhere"), *SET])
    assert result.exit_code == 1 and "MODEL" in result.output and "no config.json" in result.output
