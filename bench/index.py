"""Vector index on SciFact: build time with the ONNX export against the torch model, ANN recall@10
against exact search, and query latency (p50/p99 over 1,000 queries), exact and ANN, in one run.

    python bench/index.py [--scifact ../shared/data/scifact] [--queries 1000] [--threads 2]
                          [--index-type IVF_HNSW_SQ] [--encoders onnx,torch]

The corpus (5,183 documents) and the queries pass the gate first under an approved copy of
policies/hipaa.yaml (embgov.gate.run.run_gate; cached in .embgov/bench-index/gated and reused while
the receipt still passes under the approved policy and the input is unchanged). The base
all-MiniLM-L6-v2 is registered as `scifact-base` with its ONNX export, then the gated corpus is
embedded into one table per encoder (ANN forced: 5,183 rows is below the 10,000-row threshold at which
`--ann auto` builds one, so the numbers are measured explicitly). Recall@10 is reported twice: the
build's own check (up to 500 gated queries, LanceDB's flat scan as truth) and here over all --queries
against a numpy brute force over the table's vectors. Latency: one query at a time, search only
(vectors embedded beforehand), then end to end through embgov.indexing.query (embed with the table's
version, search, log telemetry). Texts are never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
MODEL = "scifact-base"


def gated(policy: Path, source: Path, out: Path, fields: list[str], optional: list[str]) -> Path:
    """`source` through the gate into `out`, or the cached output when it still passes."""
    from embgov.contracts import GateReceipt
    from embgov.errors import GateError
    from embgov.gate.run import run_gate
    from embgov.hashing import fingerprint
    from embgov.policy.approvals import require_approved

    policy_hash = require_approved(policy).content_hash
    if out.exists():
        try:
            if GateReceipt.accept(out, policy_hash).input_fingerprint == fingerprint([source]):
                return out / source.name
        except GateError:
            pass
        shutil.rmtree(out)
    t0 = time.perf_counter()
    receipt = run_gate(policy, [source], out, fields=fields, optional_fields=optional, id_field="_id", actor="bench")
    if receipt.verdict != "passed":
        sys.exit(f"the gate blocked {source.name}: {receipt.verdict_reason}")
    print(f"gate {source.name}: {receipt.records_out}/{receipt.records_in} cleared in {time.perf_counter() - t0:.0f} s")
    return out / source.name


def registered(home: Path):
    """`scifact-base`: the base MiniLM with its ONNX export, registered once and reused."""
    from embgov.contracts import TrainedModel
    from embgov.export import export_model
    from embgov.registry import list_versions, register
    from embgov.spec.loader import resolve_model

    existing = [r for r in list_versions(MODEL) if "onnx" in r.artifacts] if (home / "mlflow.db").exists() else []
    if existing:
        return existing[-1]
    model_dir = resolve_model("minilm-l6", Path("."))
    exports = export_model(model_dir, home / "export", formats=["onnx"])
    trained = TrainedModel(model_dir=str(model_dir), method="base", base_model="minilm-l6", spec_hash="0" * 64,
                           pairs_sha256="0" * 64, policy_hash="0" * 64, steps=0, epochs=0, workers=1, use_gpu=False,
                           trainable_params=0, total_params=0, samples_per_s=0.0, train_seconds=0.0,
                           startup_seconds=0.0, loss_curve=[])
    return register(name=MODEL, trained=trained, spec_dict={"name": MODEL}, receipts={}, trigger="person:bench",
                    exports=exports, actor="bench")


def percentiles(seconds: list[float]) -> str:
    import numpy as np

    ms = np.array(seconds) * 1000
    return f"p50 {np.percentile(ms, 50):6.2f} ms  p99 {np.percentile(ms, 99):6.2f} ms  mean {ms.mean():6.2f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scifact", type=Path, default=ROOT.parent / "shared/data/scifact")
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--index-type", default="IVF_HNSW_SQ", choices=["IVF_HNSW_SQ", "IVF_PQ"])
    ap.add_argument("--encoders", default="onnx,torch")
    args = ap.parse_args()
    if not (args.scifact / "corpus.jsonl").is_file():
        sys.exit(f"SciFact not found at {args.scifact} (pass --scifact DIR)")
    from benchhome import bench_home

    home, policy = bench_home("bench-index")
    import numpy as np
    import torch

    from embgov import index
    from embgov.index import lance
    from embgov.index.corpus import read_queries
    from embgov.indexing import build, encoder_for, query

    torch.set_num_threads(args.threads)
    load_before = os.getloadavg()
    corpus = gated(policy, args.scifact / "corpus.jsonl", home / "gated" / "corpus", ["title", "text"], ["title"])
    queries = gated(policy, args.scifact / "queries.jsonl", home / "gated" / "queries", ["text"], [])
    record = registered(home)
    tables, walls = {}, {}
    for kind in args.encoders.split(","):
        t0 = time.perf_counter()
        tables[kind] = build(record, corpus, policy=policy, name=f"scifact-{kind}", queries=queries, encoder=kind,
                             threads=args.threads, ann_mode="always", index_type=args.index_type, reuse=False,
                             promote=True, actor="bench", say=lambda m: None)
        walls[kind] = time.perf_counter() - t0  # plus the gate check and loading the encoder

    main_kind = "onnx" if "onnx" in tables else next(iter(tables))
    target = tables[main_kind]
    table = lance.open_checked(target)
    texts = read_queries(queries, args.queries)
    encoder = encoder_for(record, main_kind, threads=args.threads)
    vectors = encoder.encode(texts)
    data = table.to_arrow()
    ids = data.column("id").to_pylist()
    matrix = np.array(data.column("vector").combine_chunks().flatten().to_numpy(), dtype=np.float32).reshape(len(ids), -1)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    q = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    truth = [[ids[j] for j in row] for row in np.argsort(-(q @ matrix.T), axis=1)[:, :10]]

    def timed(exact: bool) -> tuple[list[float], list[list[str]]]:
        index.search_vectors(target, table, vectors[:1], 10, exact=exact)  # warm caches
        seconds, got = [], []
        for v in vectors:
            t0 = time.perf_counter()
            hits = index.search_vectors(target, table, v[None, :], 10, exact=exact)[0]
            seconds.append(time.perf_counter() - t0)
            got.append([i for i, _ in hits])
        return seconds, got

    exact_s, exact_ids = timed(True)
    ann_s, ann_ids = timed(False)
    recall = lambda got: float(np.mean([len(set(g) & set(t)) / 10 for g, t in zip(got, truth)]))  # noqa: E731
    end_to_end = []
    for text in texts:
        t0 = time.perf_counter()
        query(f"scifact-{main_kind}", text, k=10)
        end_to_end.append(time.perf_counter() - t0)
    load_after = os.getloadavg()

    print(f"SciFact corpus: {target.rows} gated documents ({target.dim}-d), {len(texts)} gated queries; threads {args.threads}; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after (2 cores: above ~0.5 the figures are contended)")
    print("build (read, embed, write, self-check, ANN index, recall check), ANN forced:")
    for kind, t in tables.items():
        print(f"  {kind:<6} {t.build_seconds:7.1f} s build ({walls[kind]:.1f} s with receipt check and model load), "
              f"embedding {t.embed_seconds:7.1f} s ({t.rows / t.embed_seconds:5.1f} docs/s), ANN index {t.ann.build_seconds:5.1f} s")
    if {"onnx", "torch"} <= set(tables):
        o, t = tables["onnx"], tables["torch"]
        print(f"  onnx vs torch: {t.build_seconds / o.build_seconds:.2f}x faster build, "
              f"{t.embed_seconds / o.embed_seconds:.2f}x faster embedding")
    a = target.ann
    print(f"ANN {a.index_type} {a.params}: search setting nprobes {a.nprobes}, ef {a.ef}, refine {a.refine_factor}")
    print(f"  recall@10 (build check, {a.queries} queries, LanceDB flat scan as truth): {a.recall_at_10:.4f} "
          f"(bar {a.min_recall}: {'passed' if a.passed else 'FAILED, table serves exact'}); settings tried: {len(a.tried)}")
    print(f"  recall@10 over {len(texts)} queries vs numpy brute force: ANN {recall(ann_ids):.4f}, "
          f"LanceDB exact {recall(exact_ids):.4f}")
    print(f"query latency, search only, one query at a time ({len(texts)} queries, k=10):")
    print(f"  exact  {percentiles(exact_s)}")
    print(f"  ANN    {percentiles(ann_s)}   ({np.median(exact_s) / np.median(ann_s):.2f}x exact at p50)")
    print(f"  end to end (embed with the table's version on {main_kind}, search {target.search}, telemetry): "
          f"{percentiles(end_to_end)}")
    print(json.dumps({"build_s": {k: t.build_seconds for k, t in tables.items()},
                      "embed_s": {k: t.embed_seconds for k, t in tables.items()}, "recall_at_10": recall(ann_ids),
                      "exact_p50_ms": float(np.median(exact_s) * 1000), "ann_p50_ms": float(np.median(ann_s) * 1000)}))


if __name__ == "__main__":
    main()
