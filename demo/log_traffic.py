"""Production traffic for the demo, logged as a search service would: each query is embedded by the
production model's ONNX export and only the vector goes to embgov's telemetry
(`embgov.telemetry.log_embeddings`), never the text.

The "queries" are the sentences of the gate-redacted patient notes: clinical text, a domain the
SciFact model was not tuned for, so the monitor should see the embeddings drift.

    python demo/log_traffic.py MODEL REDACTED_NOTES.csv
"""

from __future__ import annotations

import csv
import re
import sys

from embgov.export.encoders import open_encoder
from embgov.registry import model_path, production
from embgov.telemetry import log_embeddings


def main(model: str, notes: str) -> None:
    record = production(model)
    if record is None:
        sys.exit(f"{model} has no production version")
    with open(notes, newline="", encoding="utf-8") as f:
        texts = [s for row in csv.DictReader(f) for s in re.split(r"(?<=[.!?])\s+", row["doctor_notes"])
                 if len(s.split()) >= 4]
    vectors = open_encoder(model_path(record, "onnx"), threads=2).encode(texts)
    log_embeddings(model, record.version, vectors, kind="query")
    print(f"logged {vectors.shape[0]} query embeddings ({vectors.shape[1]} dimensions) for {model}:{record.version}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
