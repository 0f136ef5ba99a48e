"""Production traffic for the demo, logged as a search service would: each query is embedded by the
production model's ONNX export and only the vector goes to embgov's telemetry
(`embgov.telemetry.log_embeddings`), never the text.

The traffic is a partial shift, the case a monitor most easily misses: 70 % SciFact claims (the domain
the model was tuned for; only claims its reference window does not already hold) and 30 % sentences of
the gate-redacted patient notes (clinical text, another domain). A classifier-based check cannot see
this at a fixed AUC threshold of 0.75 (its AUC stays near 0.5 + 0.3 / 2); the shipped default (MMD
with a permutation test) does.

    python demo/log_traffic.py MODEL REDACTED_NOTES.csv [--claims demo/data/scifact/queries.jsonl]
                               [--shifted 0.3] [--size 300]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys

import numpy as np

from embgov.export.encoders import open_encoder
from embgov.monitor import has_reference, load_reference
from embgov.registry import model_path, production
from embgov.telemetry import log_embeddings

SAME = 0.99  # cosine at or above which a claim is taken to be one the reference already holds (ONNX vs torch >= 0.999)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("notes")
    ap.add_argument("--claims", default="demo/data/scifact/queries.jsonl")
    ap.add_argument("--shifted", type=float, default=0.3, help="share of the window from the other domain")
    ap.add_argument("--size", type=int, default=300, help="queries logged")
    args = ap.parse_args()
    record = production(args.model)
    if record is None:
        sys.exit(f"{args.model} has no production version")
    with open(args.notes, newline="", encoding="utf-8") as f:
        clinical = [s for row in csv.DictReader(f) for s in re.split(r"(?<=[.!?])\s+", row["doctor_notes"])
                    if len(s.split()) >= 4]
    with open(args.claims, encoding="utf-8") as f:
        claims = [json.loads(line)["text"] for line in f if line.strip()]
    rng = np.random.default_rng(0)
    n_shift = min(int(round(args.shifted * args.size)), len(clinical))
    n_same = args.size - n_shift
    encoder = open_encoder(model_path(record, "onnx"), threads=2)
    candidates = [claims[i] for i in rng.permutation(len(claims))]  # all of them: the reference holds up to half
    same = encoder.encode(candidates)
    if has_reference(args.model, record.version):  # leave out claims the reference window holds already
        ref = load_reference(args.model, record.version).vectors
        unit = lambda x: x / np.linalg.norm(x, axis=1, keepdims=True)  # noqa: E731
        same = same[(unit(same) @ unit(ref).T).max(axis=1) < SAME]
    same = same[:n_same]
    shifted = encoder.encode([clinical[i] for i in rng.permutation(len(clinical))[:n_shift]])
    vectors = np.vstack([same, shifted]).astype(np.float32)
    log_embeddings(args.model, record.version, vectors[rng.permutation(len(vectors))], kind="query")
    print(f"logged {len(vectors)} query embeddings ({vectors.shape[1]} dimensions) for {args.model}:{record.version}: "
          f"{len(same)} SciFact claims the reference does not hold, {len(shifted)} clinical sentences "
          f"({len(shifted) / len(vectors):.0%} shifted)")


if __name__ == "__main__":
    main()
