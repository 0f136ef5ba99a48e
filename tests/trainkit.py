"""Helpers for training tests: a tiny random BERT on MiniLM's tokenizer, and gate-passed pairs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from embgov.contracts import PAIRS_MANIFEST, RECEIPT_FILE, GateReceipt, PairSet
from embgov.hashing import fingerprint, sha256_file
from embgov.spec.loader import resolve_model

SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: tiny
owner: tests
domain: test
base_model: {model}
policy: policy.yaml
data: {{pairs: [{{path: pairs.jsonl}}]}}
pairs: {{method: labeled, hard_negatives: {{miner: none}}}}
adaptation: {adaptation}
training: {{max_seq_length: 32, learning_rate: 1.0e-3, {training}}}
resources: {{num_workers: {workers}, cpus_per_worker: 1}}
"""

WORDS = ("protein gene cell tumor receptor insulin kinase mutation therapy patient dose vaccine virus "
         "antibody membrane enzyme pathway signal brain neuron liver kidney heart lung blood bone").split()


def make_tiny_model(out: Path, layers: int = 2) -> Path:
    """A 2-layer random BERT (hidden 32) with MiniLM's tokenizer, saved as a sentence-transformers dir."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.base.modules import Normalize, Transformer
    from sentence_transformers.sentence_transformer.modules import Pooling
    from transformers import AutoTokenizer, BertConfig, BertModel

    base = resolve_model("minilm-l6", Path("."))
    tok = AutoTokenizer.from_pretrained(str(base))
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=tok.vocab_size, hidden_size=32, num_hidden_layers=layers, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=128)
    raw = out / "raw"
    BertModel(cfg).save_pretrained(str(raw))
    tok.save_pretrained(str(raw))
    word = Transformer(str(raw), max_seq_length=32)
    model = SentenceTransformer(modules=[word, Pooling(32, pooling_mode="mean"), Normalize()], device="cpu")
    model.save(str(out / "st"))
    shutil.rmtree(raw)
    return out / "st"


def make_rows(n: int, negatives: int = 1, seed: int = 0) -> list[dict]:
    import random

    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        topic = rnd.sample(WORDS, 3)
        row = {"anchor": f"what does {topic[0]} do to {topic[1]} number {i}",
               "positive": f"the {topic[0]} affects {topic[1]} and {topic[2]} in study {i}"}
        for k in range(negatives):
            other = rnd.sample(WORDS, 3)
            row[f"negative_{k + 1}"] = f"the {other[0]} binds {other[1]} near {other[2]} in trial {i}-{k}"
        rows.append(row)
    return rows


def record_gate_verdict(receipt: GateReceipt) -> None:
    """The `gate.verdict` event the gate appends with a receipt (GateReceipt.accept requires it): tests that
    hand-make gate output stand in for the gate, so they record its verdict too."""
    from embgov.audit import append

    append("test-gate", "gate.verdict", f"dataset:{receipt.input_fingerprint[:16]}", {
        "verdict": receipt.verdict, "policy": receipt.policy_name, "policy_hash": receipt.policy_hash,
        "input_fingerprint": receipt.input_fingerprint, "output_fingerprint": receipt.output_fingerprint,
        "records_in": receipt.records_in, "quarantined": len(receipt.quarantined), "entity_counts": receipt.entity_counts})


def write_gated_pairs(out: Path, rows: list[dict], policy_hash: str = "p" * 64) -> Path:
    """A pairs directory as the data stage leaves it, with a passing receipt for its one source."""
    gated = out / "gate" / "pairs-0"
    gated.mkdir(parents=True)
    (gated / "pairs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    receipt = GateReceipt(
        created_at="2026-01-01T00:00:00Z", policy_name="test", policy_version="1", policy_hash=policy_hash,
        input_fingerprint="i" * 64, output_fingerprint=fingerprint([gated / "pairs.jsonl"]), inputs=["pairs.jsonl"],
        outputs=["pairs.jsonl"], records_in=len(rows), records_out=len(rows), fields=sorted(rows[0]),
        entity_counts={}, residual_counts={}, quarantined=[], quarantine_rate=0.0, verdict="passed",
        verdict_reason="test", workers=1, seconds=0.1, records_per_s=1.0)
    (gated / RECEIPT_FILE).write_text(receipt.model_dump_json())
    record_gate_verdict(receipt)
    pairs_dir = out / "pairs"
    pairs_dir.mkdir()
    (pairs_dir / "pairs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    manifest = PairSet(path="pairs.jsonl", sha256=sha256_file(pairs_dir / "pairs.jsonl"), columns=list(rows[0]),
                       method="labeled", seed=0, pairs=len(rows), domain_pairs=len(rows), mixed_pairs=0,
                       negatives=sum(1 for r in rows for k in r if k.startswith("negative")),
                       receipts={"pairs-0": str(gated)}, receipt_fingerprints={"pairs-0": receipt.output_fingerprint},
                       policy_hash=policy_hash)
    (pairs_dir / PAIRS_MANIFEST).write_text(manifest.model_dump_json())
    return pairs_dir


# A whole job (gate -> ... -> promotion) on the shipped SciFact fixture: used by the pipeline, worker
# and submission tests.
MINI = Path(__file__).resolve().parent / "fixtures" / "data" / "scifact-mini"
POLICIES = Path(__file__).resolve().parents[1] / "policies"

JOB_SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: {name}
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
resources: {{num_workers: 1, cpus_per_worker: 1, retries: {retries}}}
evaluation:
  heldout:
    corpus: {{path: data/corpus.jsonl}}
    queries: {{path: data/queries.jsonl}}
    qrels: {{path: data/qrels.tsv}}
  promotion: {{primary_metric: ndcg@10, min_gain_over_base: {gain}, min_gain_over_bm25: -1.0}}
export: {{formats: [onnx], parity_min_cosine: 0.999}}
"""


def write_job(tmp_path: Path, model: str | Path, *, gain: float = -1.0, name: str = "mini-run", retries: int = 1) -> Path:
    """Fixture data, an approved copy of the HIPAA policy and a job spec in `tmp_path`; returns the spec."""
    from approvekit import approve

    if not (tmp_path / "data").exists():
        shutil.copytree(MINI, tmp_path / "data")
    if not (tmp_path / "policy.yaml").exists():
        text = (POLICIES / "hipaa.yaml").read_text().replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.1")
        (tmp_path / "policy.yaml").write_text(text)
        approve(tmp_path / "policy.yaml")
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(JOB_SPEC.format(model=model, gain=gain, name=name, retries=retries))
    return spec


# A monitored `mini` spec over scifact-mini (paths relative to the test's directory): the monitoring
# section is the caller's, in the same `str.format` escaping ({{ }} for braces, {model} for the model).
MONITORED_SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: mini
owner: tests
domain: biomedical
base_model: {model}
policy: policies/hipaa.yaml
data: {{pairs: [{{path: pairs.jsonl}}]}}
pairs: {{method: labeled, hard_negatives: {{miner: none}}}}
adaptation: {{method: full}}
evaluation:
  heldout: {{corpus: {{path: data/corpus.jsonl}}, queries: {{path: data/queries.jsonl}}, qrels: {{path: data/qrels.tsv}}}}
  metrics: [ndcg@10]
monitoring:{monitoring}
"""
