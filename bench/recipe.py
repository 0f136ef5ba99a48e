"""The training recipe on the demo's job: held-out nDCG@10 with and without the validation split
(best step kept, early stopping) and with `training.search: auto`, each a real pipeline run.

    python bench/recipe.py [--variants plain,recipe,search] [--epochs 1] [--max-seq-length 128]

The job is jobs/scifact-lora.yaml as demo/run.sh runs it (1 epoch, 128 tokens, the demo's SciFact
subset in demo/data/scifact: 1,000 abstracts, 919 training judgements over 809 claims, 100 test
claims), renamed per variant and without its monitoring section:
  plain    training.validation.enabled: false (every pair trains, the last step is kept)
  recipe   the defaults: 10 % of the training queries held out, the best evaluated step kept
  search   the defaults and search: auto (LoRA: learning rates 2e-3, 1e-3, 5e-4; the best on the split)
The first variant's gate and pairs are copied to the others, so every variant trains on the same
pairs. State goes to .embgov/bench-recipe (removed at the start: each run measures from scratch).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

VARIANTS = {"plain": {"validation": {"enabled": False}}, "recipe": {}, "search": {"search": "auto"}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="plain,recipe,search")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--max-seq-length", type=int, default=128)
    args = ap.parse_args()
    import yaml

    shutil.rmtree(ROOT / ".embgov" / "bench-recipe", ignore_errors=True)
    from benchhome import bench_home

    home, policy = bench_home("bench-recipe", ROOT / "demo" / "data")
    from embgov.pipeline import run_job
    from embgov.spec.loader import load_spec_text

    base = yaml.safe_load((ROOT / "jobs" / "scifact-lora.yaml").read_text())
    base.pop("monitoring", None)
    base["policy"] = str(policy)
    base["training"].update({"epochs": args.epochs, "max_seq_length": args.max_seq_length})
    rows, first = {}, None
    for variant in args.variants.split(","):
        doc = {**base, "name": f"scifact-lora-{variant}", "training": {**base["training"], **VARIANTS[variant]}}
        loaded = load_spec_text(yaml.safe_dump(doc, sort_keys=False), base_dir=ROOT / "jobs", check_files=False)
        run = home / "runs" / variant
        if first is not None:  # same gate output and pairs for every variant
            for stage in ("gate", "pairs"):
                shutil.copytree(first / stage, run / stage, symlinks=True)
        started = time.perf_counter()
        out = run_job(loaded, run, trigger="person:bench", actor="bench", say=print)
        wall = time.perf_counter() - started
        first = first or run
        report, trained = out["report"], out["trained"]
        v = trained.extra.get("validation") or {}
        rows[variant] = {"ndcg": report.metrics["candidate"]["ndcg@10"], "base": report.metrics["base"]["ndcg@10"],
                         "bm25": report.metrics["bm25"]["ndcg@10"], "val": v, "steps": trained.steps,
                         "lr": trained.extra.get("learning_rate"), "train_s": trained.train_seconds, "wall_s": wall,
                         "split": trained.extra.get("validation_split", {})}
        print(f"{variant}: nDCG@10 {rows[variant]['ndcg']:.4f} in {wall:.0f} s\n", flush=True)

    print(f"\nDemo SciFact subset (held-out: its qrels/test.tsv), LoRA r16, {args.epochs} epoch(s), {args.max_seq_length} tokens")
    print(f"{'variant':<8} {'nDCG@10':>8} {'base':>7} {'bm25':>7} {'lr':>8} {'steps':>6} {'val start':>10} "
          f"{'val best':>9} {'@step':>6} {'split q/cand':>13} {'train s':>8} {'wall s':>7}")
    for name, r in rows.items():
        v, split = r["val"], r["split"]
        fmt = lambda x: f"{x:.4f}" if isinstance(x, float) else "-"  # noqa: E731
        print(f"{name:<8} {r['ndcg']:>8.4f} {r['base']:>7.4f} {r['bm25']:>7.4f} {r['lr']:>8g} {r['steps']:>6} "
              f"{fmt(v.get('start')):>10} {fmt(v.get('best')):>9} {str(v.get('best_step', '-')):>6} "
              f"{split.get('queries', 0):>6}/{split.get('candidates', 0):<6} {r['train_s']:>8.0f} {r['wall_s']:>7.0f}")


if __name__ == "__main__":
    main()
