"""pairs.jsonl + pairs.json (the PairSet): written atomically, re-verified before training."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path

from embgov.contracts import PAIRS_MANIFEST, PairSet

PAIRS_FILE = "pairs.jsonl"
MANIFEST_FILE = PAIRS_MANIFEST


def columns_for(k: int) -> list[str]:
    return ["anchor", "positive", *(f"negative_{i}" for i in range(1, k + 1))]


def encode_rows(rows: list[list[str]], columns: list[str]) -> bytes:
    """One compact JSON object per row, keys in column order: the same rows give the same bytes."""
    lines = [json.dumps(dict(zip(columns, row)), ensure_ascii=False, separators=(",", ":")) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it, so a crash never leaves a half-written file."""
    tmp = path.parent / f".{path.name}.tmp-{uuid.uuid4().hex[:8]}"
    try:
        with tmp.open("wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_pairset(out_dir: Path, data: bytes, **fields) -> PairSet:
    """pairs.jsonl first, the manifest last: a manifest always describes a complete file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(out_dir / PAIRS_FILE, data)
    pairset = PairSet(path=PAIRS_FILE, sha256=hashlib.sha256(data).hexdigest(), **fields)
    atomic_write(out_dir / MANIFEST_FILE, pairset.model_dump_json(indent=2).encode("utf-8"))
    return pairset


def load_pairs(manifest_dir: str | Path, policy_hash: str | None = None) -> tuple[PairSet, list[dict]]:
    """Read pairs built by build_pairs after checking that nothing changed since (see PairSet.accept)."""
    return PairSet.accept(manifest_dir, policy_hash)
