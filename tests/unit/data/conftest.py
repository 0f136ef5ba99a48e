"""Data-stage fixtures: gate-output directories with hand-made receipts (no Presidio), and specs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from embgov.contracts import GateReceipt
from embgov.hashing import fingerprint
from embgov.spec.loader import LoadedSpec, load_spec_data
from trainkit import record_gate_verdict

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "data"
MINI = FIX / "scifact-mini"
POLICY = "ab" * 32


def gate_dir(root: Path, role: str, *sources: Path, policy_hash: str = POLICY, verdict: str = "passed") -> Path:
    """What the gate leaves: the (already clean) files under their own names and a receipt over them."""
    out = root / "gated" / role
    out.mkdir(parents=True)
    for src in sources:
        shutil.copy(src, out / src.name)
    outputs = [s.name for s in sources] if verdict == "passed" else []
    receipt = GateReceipt(
        created_at="2026-11-26T00:00:00Z", policy_name="test", policy_version="1", policy_hash=policy_hash,
        input_fingerprint=fingerprint(sources), output_fingerprint=fingerprint(out / o for o in outputs) if outputs else None,
        inputs=[s.name for s in sources], outputs=outputs, records_in=1, records_out=1, fields=["text"],
        entity_counts={}, residual_counts={}, quarantined=[], quarantine_rate=0.0, verdict=verdict,
        verdict_reason="ok" if verdict == "passed" else "1 record(s) could not be cleared", workers=1,
        seconds=0.0, records_per_s=0.0)
    (out / "receipt.json").write_text(receipt.model_dump_json())
    record_gate_verdict(receipt)  # standing in for the gate, which records its verdict
    return out


def make_spec(base_dir: Path, *, pairs: dict, data: dict | None = None, seed: int = 42) -> LoadedSpec:
    doc = {
        "apiVersion": "embgov/v1", "kind": "EmbeddingFineTune", "name": "t", "owner": "tests", "domain": "bio",
        "base_model": "minilm-l6", "policy": "policy.yaml",
        "data": data if data is not None else {"corpus": {"path": "corpus.jsonl"}, "queries": {"path": "queries.jsonl"},
                                                "qrels": {"path": "qrels.tsv"}},
        "pairs": pairs, "adaptation": {"method": "full"}, "training": {"seed": seed},
    }
    return load_spec_data(doc, base_dir=base_dir, source="test.yaml")


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def read_rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "pairs.jsonl").read_text().splitlines()]


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above, as a fixture (test modules here are not a package, so they cannot import them)."""
    return SimpleNamespace(FIX=FIX, MINI=MINI, POLICY=POLICY, gate_dir=gate_dir, make_spec=make_spec,
                           write_jsonl=write_jsonl, read_rows=read_rows)


@pytest.fixture
def mini(tmp_path) -> dict[str, Path]:
    """The SciFact mini corpus, queries and qrels as gate outputs."""
    return {"corpus": gate_dir(tmp_path, "corpus", MINI / "corpus.jsonl"),
            "queries": gate_dir(tmp_path, "queries", MINI / "queries.jsonl"),
            "qrels": gate_dir(tmp_path, "qrels", MINI / "qrels.tsv")}


@pytest.fixture(scope="session")
def mini_records() -> dict[str, dict]:
    corpus = {}
    for line in (MINI / "corpus.jsonl").read_text().splitlines():
        o = json.loads(line)
        corpus[o["_id"]] = o
    return corpus
