"""Training throughput: Ray Train (2 workers x 1 CPU) against one plain process (2 threads), and LoRA
against full fine-tuning, on the same SciFact pairs with the same effective batch, in one run.

    python bench/train.py [--scifact ../shared/data/scifact] [--pairs 2000] [--max-seq-length 64]
                          [--negatives 0] [--batch 32] [--epochs 1]

Pairs: BM25 pseudo-labels over the SciFact corpus (title -> abstract; --negatives BM25 hard
negatives each), capped at --pairs. Short sequences by default so one run takes minutes on 2 cores
(at 256 tokens with a negative a step of 32 takes ~20 s here); they are also the harder case for
Ray, whose gradient all-reduce is a fixed cost per step.
built by the real pipeline: the corpus passes the gate under an approved copy of policies/hipaa.yaml
(cached in .embgov/bench/train-run; the first run spends a few minutes there), then the data stage.
Runs (all all-MiniLM-L6-v2, MNRL, no-duplicates batches, warm-up + cosine):
  plain      SentenceTransformerTrainer in this process, torch 2 threads, batch --batch
  ray-full   Ray Train TorchTrainer, 2 workers x 1 CPU, batch --batch/2 per worker, negatives gathered
  ray-lora   the same with LoRA (r 8 on query/key/value/dense)
Prints steady-state samples/s (step time only, after the first steps), Ray's start-up and checkpoint
seconds apart, trainable parameters, adapter size, and the peak RSS of this process plus every
process it started (Ray's included), sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# Validation off: the plain baseline trains on every pair with no evaluations, so the Ray runs do too
# (bench/recipe.py measures the validation recipe).
SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: bench-train
owner: bench
domain: biomedical
base_model: minilm-l6
policy: {policy}
data:
  corpus: {{path: {corpus}}}
pairs:
  method: bm25
  max_pairs: {pairs}
  hard_negatives: {negatives}
adaptation: {adaptation}
training: {{epochs: {epochs}, batch_size: {batch}, max_seq_length: {seq}, learning_rate: 2.0e-5, checkpoint_every_steps: {ckpt},
           validation: {{enabled: false}}}}
resources: {{num_workers: {workers}, cpus_per_worker: 1}}
"""


class PeakRss:
    """Peak of the summed RSS of this process and all its descendants."""

    def __init__(self):
        import psutil

        self.me, self.peak, self.stop = psutil.Process(), 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        while not self.stop.is_set():
            total = 0
            for p in [self.me, *self.me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.2)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def spec_for(args, home: Path, policy: Path, adaptation: str, workers: int, batch: int):
    from embgov.spec.loader import load_spec_text

    negatives = f"{{miner: bm25, top_k: 30, per_query: {args.negatives}}}" if args.negatives else "{miner: none}"
    text = SPEC.format(policy=policy, corpus=args.scifact.resolve() / "corpus.jsonl", pairs=args.pairs, negatives=negatives,
                       adaptation=adaptation, epochs=args.epochs, batch=batch, seq=args.max_seq_length,
                       ckpt=args.checkpoint_every, workers=workers)
    return load_spec_text(text, base_dir=home, check_files=False)


def plain_run(loaded, pairs_dir: Path) -> dict:
    import torch

    from embgov.contracts import PairSet
    from embgov.spec.loader import resolve_model
    from embgov.train.loop import Meter, build_trainer
    from embgov.train.methods import METHODS, count_params
    from embgov.train.model import load_base

    torch.set_num_threads(2)
    spec = loaded.spec
    _, rows = PairSet.accept(pairs_dir)
    model = load_base(resolve_model(spec.base_model, loaded.base_dir), spec.training.max_seq_length)
    METHODS[spec.adaptation.method].prepare(model, spec.adaptation)
    meter = Meter(0)
    trainer = build_trainer(model, rows, spec, 1, Path(tempfile.mkdtemp()), meter, checkpoints=False)
    from transformers.trainer_callback import PrinterCallback

    trainer.remove_callback(PrinterCallback)  # per-step dicts on stdout; the table below is the output
    started = time.perf_counter()
    trainer.train()
    figures = meter.figures(trainer.state, spec.training.batch_size)
    figures["wall"] = time.perf_counter() - started
    figures["trainable_params"], figures["total_params"] = count_params(model)
    return figures


def dir_bytes(path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) if path else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scifact", type=Path, default=ROOT.parent / "shared/data/scifact")
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--max-seq-length", type=int, default=64)
    ap.add_argument("--negatives", type=int, default=0, help="BM25 hard negatives per pair")
    ap.add_argument("--batch", type=int, default=32, help="effective batch (Ray: half per worker)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--checkpoint-every", type=int, default=20)
    ap.add_argument("--only", choices=["plain", "ray-full", "ray-lora"], action="append")
    args = ap.parse_args()
    if not (args.scifact / "corpus.jsonl").is_file():
        sys.exit(f"SciFact not found at {args.scifact} (pass --scifact DIR)")
    from benchhome import bench_home

    home, policy = bench_home("bench", args.scifact)
    from embgov.pipeline import build_training_pairs, gate_sources

    run = home / f"train-run-{args.pairs}-{args.negatives}"
    base = spec_for(args, home, policy, "{method: full}", 1, args.batch)
    t = time.perf_counter()
    gated, policy_hash = gate_sources(base, run, actor="bench", say=print)
    pairset = build_training_pairs(base, gated, policy_hash, run, say=print)
    print(f"data ready in {time.perf_counter() - t:.0f} s: {pairset.pairs} pairs, {pairset.negatives} hard negatives\n")

    results = {}
    only = set(args.only or ["plain", "ray-full", "ray-lora"])
    from embgov.train import train_model

    for name, adaptation in (("ray-full", "{method: full}"), ("ray-lora", "{method: lora, r: 8, alpha: 16}")):
        if name not in only:
            continue
        loaded = spec_for(args, home, policy, adaptation, 2, args.batch // 2)
        with PeakRss() as rss:
            t = time.perf_counter()
            trained = train_model(loaded, run / "pairs", Path(tempfile.mkdtemp()) / "out", policy_hash=policy_hash)
            wall = time.perf_counter() - t
        results[name] = {"samples_per_s": trained.samples_per_s, "startup": trained.startup_seconds,
                         "checkpoints": trained.extra.get("checkpoint_seconds", 0.0), "wall": wall,
                         "trainable": trained.trainable_params, "total": trained.total_params,
                         "adapter_bytes": dir_bytes(trained.adapter_dir), "rss": rss.peak, "steps": trained.steps}
        print(f"{name}: {trained.samples_per_s:.1f} samples/s, {trained.steps} steps, wall {wall:.0f} s", flush=True)
    if "plain" in only:
        with PeakRss() as rss:
            f = plain_run(base, run / "pairs")
        results["plain"] = {"samples_per_s": f["samples_per_s"], "startup": 0.0, "checkpoints": 0.0, "wall": f["wall"],
                            "trainable": f["trainable_params"], "total": f["total_params"], "adapter_bytes": 0,
                            "rss": rss.peak, "steps": f["steps"]}
        print(f"plain: {f['samples_per_s']:.1f} samples/s, {f['steps']} steps", flush=True)

    print(f"\n{pairset.pairs} pairs, max_seq_length {args.max_seq_length}, effective batch {args.batch}, "
          f"{args.epochs} epoch(s); machine: {os.cpu_count()} CPUs")
    print(f"{'run':<10}{'samples/s':>11}{'vs plain':>10}{'steps':>7}{'start-up s':>12}{'ckpt s':>8}{'wall s':>8}"
          f"{'trainable':>13}{'share':>8}{'adapter':>10}{'peak RSS':>10}")
    plain = results.get("plain", {}).get("samples_per_s")
    for name, r in results.items():
        ratio = f"{r['samples_per_s'] / plain:.2f}x" if plain else "-"
        share = 100 * r["trainable"] / r["total"] if r["total"] else 0
        adapter = f"{r['adapter_bytes'] / 1e6:.2f} MB" if r["adapter_bytes"] else "-"
        print(f"{name:<10}{r['samples_per_s']:>11.1f}{ratio:>10}{r['steps']:>7}{r['startup']:>12.1f}{r['checkpoints']:>8.1f}"
              f"{r['wall']:>8.0f}{r['trainable']:>13,}{share:>7.2f}%{adapter:>10}{r['rss'] / 2**30:>8.1f} GB")
    if "ray-full" in results and "ray-lora" in results:
        print(f"LoRA vs full (Ray): {results['ray-lora']['samples_per_s'] / results['ray-full']['samples_per_s']:.2f}x samples/s")


if __name__ == "__main__":
    main()
