"""Retrieval quality of the exported models: SciFact test nDCG@10 of the torch model, its float32
ONNX export and its int8 ONNX export, in one run (issue 5: int8 within 0.5 point of float).

    python bench/export_quality.py [--model DIR|ALIAS] [--scifact ../shared/data/scifact] [--threads 2]

The model (default: the base all-MiniLM-L6-v2) is exported with embgov.export.export_model (onnx and
onnx-int8, each proven on the parity sample); the whole corpus (5,183 documents, title + text) and
the 300 test queries are embedded by each engine; exact top-100 by dot product; metrics by
pytrec_eval (embgov.evaluate.metrics). Exports go to .embgov/bench-export-quality. Texts are never printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
METRICS = ["ndcg@10", "mrr@10", "recall@100"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="minilm-l6")
    ap.add_argument("--scifact", type=Path, default=ROOT.parent / "shared/data/scifact")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    if not (args.scifact / "qrels" / "test.tsv").is_file():
        sys.exit(f"SciFact not found at {args.scifact} (pass --scifact DIR)")

    import numpy as np
    import torch

    from embgov.evaluate.dense import search
    from embgov.evaluate.metrics import compute_metrics
    from embgov.evaluate.sets import load_set
    from embgov.export import export_model
    from embgov.export.encoders import OnnxEncoder
    from embgov.modelio import load_model
    from embgov.spec.loader import resolve_model
    from embgov.spec.jobspec import RetrievalSet

    torch.set_num_threads(args.threads)
    model_dir = resolve_model(args.model, Path.cwd())
    d = args.scifact.resolve()
    eset = load_set(RetrievalSet.model_validate({"corpus": {"path": str(d / "corpus.jsonl")},
                                                 "queries": {"path": str(d / "queries.jsonl")},
                                                 "qrels": {"path": str(d / "qrels/test.tsv")}}))
    query_ids = [q for q in eset.query_ids if q in eset.qrels]
    queries = [t for q, t in zip(eset.query_ids, eset.query_texts) if q in eset.qrels]
    out = ROOT / ".embgov" / "bench-export-quality"
    if not (out / "export.json").is_file():
        export_model(model_dir, out, formats=["onnx"], quantize=True)
    torch_model = load_model(model_dir, device="cpu")
    engines = {
        "torch": lambda texts: torch_model.encode(texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True),
        "onnx float32": OnnxEncoder(out / "onnx", threads=args.threads).encode,
        "onnx int8": OnnxEncoder(out / "onnx-int8", threads=args.threads).encode,
    }
    print(f"SciFact test: {len(eset.doc_ids)} documents, {len(query_ids)} judged queries; model {args.model}; "
          f"{args.threads} threads")
    print(f"{'engine':<14}" + "".join(f"{m:>12}" for m in METRICS) + f"{'encode s':>10}{'vs float':>10}")
    results = {}
    for name, encode in engines.items():
        t0 = time.perf_counter()
        docs = torch.from_numpy(np.asarray(encode(eset.doc_texts), dtype=np.float32))
        qs = torch.from_numpy(np.asarray(encode(queries), dtype=np.float32))
        seconds = time.perf_counter() - t0
        scores, idx = search(qs, docs, 100)
        run = {q: {eset.doc_ids[i]: float(s) for s, i in zip(srow.tolist(), irow.tolist())}
               for q, srow, irow in zip(query_ids, scores, idx)}
        results[name] = compute_metrics(eset.qrels, run, METRICS)
        delta = "" if "onnx float32" not in results else f"{results[name]['ndcg@10'] - results['onnx float32']['ndcg@10']:+.4f}"
        print(f"{name:<14}" + "".join(f"{results[name][m]:>12.4f}" for m in METRICS) + f"{seconds:>10.1f}{delta:>10}",
              flush=True)
    gap = abs(results["onnx int8"]["ndcg@10"] - results["onnx float32"]["ndcg@10"])
    print(f"int8 vs float32 nDCG@10: {100 * gap:.2f} points (goal <= 0.5): {'met' if gap <= 0.005 else 'NOT met'}")


if __name__ == "__main__":
    main()
