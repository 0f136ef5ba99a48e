"""Indexes of registered versions of the tiny model: a real gate run on the SciFact fixture, the ONNX
export as encoder, `embgov index build|query` through the CLI, telemetry of query embeddings, the
alias following model promotion and rollback (on_promotion), and refusals of un-gated input."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from click.testing import CliRunner

from trainkit import MINI, POLICIES

pytestmark = pytest.mark.integration


def _quiet(_message: str) -> None:
    pass


def _register(model_dir, exports=()):
    from embgov.contracts import TrainedModel
    from embgov.registry import register

    trained = TrainedModel(model_dir=str(model_dir), method="full", base_model="tiny", spec_hash="s" * 64,
                           pairs_sha256="a" * 64, policy_hash="p" * 64, steps=1, epochs=1, workers=1, use_gpu=False,
                           trainable_params=1, total_params=1, samples_per_s=1.0, train_seconds=1.0,
                           startup_seconds=1.0, loss_curve=[])
    return register(name="mini", trained=trained, spec_dict={"name": "mini"}, receipts={}, trigger="person:ana",
                    exports=list(exports))


@pytest.fixture
def setup(tiny_model, tmp_path, monkeypatch):
    """An approved policy copy, the fixture corpus through the real gate, and `mini` v1 (with ONNX) in production."""
    from embgov.export import export_model
    from embgov.gate.run import run_gate
    from approvekit import approve
    from embgov.registry import promote

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    policy = tmp_path / "policy.yaml"
    policy.write_text((POLICIES / "hipaa.yaml").read_text().replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.1"))
    approve(policy)
    receipt = run_gate(policy, [MINI / "corpus.jsonl"], tmp_path / "gated", fields=["title", "text"],
                       optional_fields=["title"])
    assert receipt.verdict == "passed"
    exports = export_model(tiny_model, tmp_path / "export", formats=["onnx"])
    v1 = promote("mini", _register(tiny_model, exports).version, actor="person:ana", reason="test")
    return {"policy": policy, "corpus": tmp_path / "gated" / "corpus.jsonl", "receipt": receipt, "v1": v1}


def _cli(*args):
    from embgov.cli.index import index

    return CliRunner().invoke(index, [str(a) for a in args])


def test_build_query_and_follow_promotion_and_rollback(setup, tmp_path):
    import trainkit

    from embgov import index
    from embgov.indexing import encoder_for, on_promotion, query
    from embgov.monitor.telemetry_store import dimension, version_dir
    from embgov.registry import promote, rollback

    built = _cli("build", "mini", "--corpus", setup["corpus"], "--policy", setup["policy"], "--promote", "--json")
    assert built.exit_code == 0, built.output
    first = json.loads(built.stdout)
    assert (first["version"], first["encoder"], first["dim"]) == (1, "onnx", 32)
    assert first["rows"] == setup["receipt"].records_out and first["receipt_fingerprint"] == setup["receipt"].output_fingerprint

    doc = json.loads(setup["corpus"].read_text().splitlines()[3])
    asked = _cli("query", "mini", f"{doc['title']}\n{doc['text']}", "-k", "3", "--json")
    assert asked.exit_code == 0, asked.output
    answer = json.loads(asked.stdout)
    assert (answer["version"], answer["table"]) == (1, first["table"])
    assert answer["hits"][0][0]["id"] == doc["_id"] and answer["hits"][0][0]["score"] > 0.999
    assert dimension("mini", 1) == 32  # the query embedding went to the monitor's telemetry
    segments = list((version_dir("mini", 1) / "query").rglob("*.npy"))
    assert len(segments) == 1 and np.load(segments[0]).shape == (1, 32)

    # Version 2 (another model, no ONNX export: the torch encoder) becomes production; the index follows.
    v2 = promote("mini", _register(trainkit.make_tiny_model(tmp_path / "tiny2", layers=1)).version,
                 actor="person:ana", reason="test")
    [outcome] = on_promotion(v2, say=_quiet)
    assert outcome["switched"] and outcome["previous"] == first["table"]
    live = index.resolve("mini")
    assert (live.version, live.encoder, live.corpus_fingerprint) == (2, "torch", first["corpus_fingerprint"])
    assert query("mini", doc["text"], telemetry=False).version == 2
    with pytest.raises(Exception, match="holds embeddings of mini:2"):
        index.query("mini", doc["text"], encoder_for(setup["v1"]))  # a service still on v1 is refused

    # The model rolls back: the index goes back to the v1 table it already has (no rebuild).
    v1 = rollback("mini", actor="person:ana", reason="test")
    [outcome] = on_promotion(v1, say=_quiet)
    assert outcome["switched"] and outcome["table"] == first["table"]
    assert index.resolve("mini").table == first["table"]

    # A policy changed since approval: the rebuild is refused and the index stays where it is.
    setup["policy"].write_text(setup["policy"].read_text().replace("max_quarantine_rate: 0.1", "max_quarantine_rate: 0.2"))
    [outcome] = on_promotion(v2, say=_quiet)
    assert not outcome["switched"] and "changed since it was approved" in outcome["error"]
    assert index.resolve("mini").table == first["table"]


def test_ungated_corpus_and_unapproved_policy_are_refused(setup, tmp_path):
    raw = tmp_path / "raw" / "corpus.jsonl"
    raw.parent.mkdir()
    shutil.copy(MINI / "corpus.jsonl", raw)
    refused = _cli("build", "mini:1", "--corpus", raw, "--policy", setup["policy"])
    assert refused.exit_code == 1 and "no valid gate receipt" in refused.output and "embgov redact" in refused.output

    unapproved = tmp_path / "other" / "policy.yaml"
    unapproved.parent.mkdir()
    shutil.copy(setup["policy"], unapproved)
    refused = _cli("build", "mini:1", "--corpus", setup["corpus"], "--policy", unapproved)
    assert refused.exit_code == 1 and "has no approval" in refused.output

    torch_build = _cli("build", "mini:1", "--corpus", setup["corpus"], "--policy", setup["policy"], "--name", "mini-torch",
                       "--encoder", "torch", "--ann", "always", "--json")
    assert torch_build.exit_code == 0, torch_build.output
    record = json.loads(torch_build.stdout)
    assert record["encoder"] == "torch" and record["ann"]["recall_at_10"] >= 0.98 and record["search"] == "ann"
    assert _cli("query", "mini-torch", "x").exit_code == 1  # built, never promoted: no live table
    listed = json.loads(_cli("list", "--json").stdout)
    assert {(r["index"], r["live"]) for r in listed} == {("mini-torch", False)}
