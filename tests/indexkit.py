"""Helpers for index tests: an approved policy copy, gate-passed corpora with a receipt (no Presidio),
and a fake encoder per model version (words hashed into 16 dimensions, seeded by the version)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from embgov.contracts import RECEIPT_FILE, GateReceipt
from embgov.hashing import fingerprint
from trainkit import record_gate_verdict

ROOT = Path(__file__).resolve().parents[1]
DIM = 16
WORDS = ("protein gene cell tumor receptor insulin kinase mutation therapy patient dose vaccine virus antibody "
         "membrane enzyme pathway signal brain neuron liver kidney heart lung blood bone").split()


def approved_policy(directory: Path) -> Path:
    """An approved copy of policies/hipaa.yaml in `directory`."""
    from approvekit import approve
    from embgov.policy.approvals import approval_status

    directory.mkdir(parents=True, exist_ok=True)
    policy = directory / "policy.yaml"
    if not policy.exists():
        shutil.copy(ROOT / "policies" / "hipaa.yaml", policy)
    if not approval_status(policy).approved:
        approve(policy)
    return policy


def docs(n: int, seed: int = 0) -> list[dict]:
    import random

    rnd = random.Random(seed)
    return [{"_id": f"d{i}", "title": f"study {i}", "text": " ".join(rnd.sample(WORDS, 5)) + f" case{i}"} for i in range(n)]


def gated(directory: Path, records: list[dict], policy_hash: str, name: str = "corpus.jsonl") -> Path:
    """`records` as gate output in `directory` with a passing receipt under `policy_hash`; returns the file."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    receipt = GateReceipt(
        created_at="2026-01-01T00:00:00Z", policy_name="hipaa", policy_version="1", policy_hash=policy_hash,
        input_fingerprint="i" * 64, output_fingerprint=fingerprint([path]), inputs=[name], outputs=[name],
        records_in=len(records), records_out=len(records), fields=["text", "title"], entity_counts={}, residual_counts={},
        quarantined=[], quarantine_rate=0.0, verdict="passed", verdict_reason="test", workers=1, seconds=0.1,
        records_per_s=1.0)
    (directory / RECEIPT_FILE).write_text(receipt.model_dump_json())
    record_gate_verdict(receipt)
    return path


def embed(texts: list[str], version: int):
    """Deterministic per version: the same text gives a different vector under another version."""
    import numpy as np

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            digest = hashlib.sha256(f"{version}:{word}".encode()).digest()
            out[row] += np.frombuffer(digest[:DIM], dtype=np.uint8).astype(np.float32) - 127.5
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def encoder(version: int, model: str = "fake", fail_after: int | None = None, exit_after: int | None = None):
    """A fake Encoder of `model` `version`. fail_after: raise on that call; exit_after: the process dies there."""
    import os

    from embgov.index import Encoder

    calls = {"n": 0}

    def encode(texts):
        calls["n"] += 1
        if fail_after is not None and calls["n"] > fail_after:
            raise RuntimeError("encoder failed")
        if exit_after is not None and calls["n"] > exit_after:
            os._exit(17)  # a crash: no cleanup, no exception handler runs
        return embed(list(texts), version)

    return Encoder(model=model, version=version, kind="fake", encode=encode, spec_hash=None)


def text_of(record: dict) -> str:
    return f"{record['title']}\n{record['text']}"
