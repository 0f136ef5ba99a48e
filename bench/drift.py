"""Drift detection on real embeddings, and decision time against Evidently's full report, in one run.

    python bench/drift.py [--scifact ../shared/data/scifact] [--banking77 ../shared/data/banking77]
                          [--reference 600] [--window 300] [--windows 20] [--mix 0.3] [--resamples 20]
                          [--big 5000] [--report-methods model,ratio,mmd,distance | none]

Queries are encoded by the base model (all-MiniLM-L6-v2, 384-d, from its package) and cached under
.embgov/bench-drift/cache. Detection: the reference is --reference SciFact queries drawn at random; the
remaining SciFact queries are the pool for --windows same-distribution windows of --window queries
(different samples of the reference's distribution; none shares a query with the reference); a
Banking77 window (test.csv) is the real shift, checked once as the issue asks and then over --windows
samples; a --mix window replaces that share of a SciFact window with Banking77 queries (a partial
shift). Thresholds are those a spec without `threshold` gets: calibrated on the reference by
embgov.monitor.drift (printed), beside what Evidently's default thresholds would have said.

Timing: --big x 384 windows, synthesised (SciFact has 1,109 queries, Banking77's test split 3,080) by
resampling the real embeddings with N(0, 0.01) noise per component and renormalising; reference from
SciFact, window from Banking77. Per method: the decision (the Evidently drift method at a known
threshold), the one-off calibration (cached beside the reference afterwards), the statistics, and
Evidently's full Report (EmbeddingsDrift metric + test + t-SNE plot, HTML written) on the same data.
Goal (issue 7): decision <= 2 s. Query texts are never printed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULTS = {"model": 0.55, "ratio": 0.2, "mmd": 0.015, "distance": 0.2}  # Evidently's own thresholds
GOAL_S = 2.0


def encode(texts: list[str], label: str, cache: Path):
    import numpy as np

    from embgov.modelio import load_model
    from embgov.spec.loader import resolve_model

    model_dir = resolve_model("minilm-l6", ROOT)
    key = hashlib.sha256(json.dumps([str(model_dir), texts]).encode()).hexdigest()[:16]
    path = cache / f"{label}-{key}.npy"
    if path.exists():
        print(f"  {label}: {len(texts)} embeddings from the cache")
        return np.load(path)
    t0 = time.perf_counter()
    vectors = load_model(model_dir).encode(texts, batch_size=64, convert_to_numpy=True, show_progress_bar=False)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors.astype(np.float32))
    print(f"  {label}: {len(texts)} queries encoded in {time.perf_counter() - t0:.1f} s")
    return vectors.astype(np.float32)


def synthesise(x, n: int, seed: int):
    import numpy as np

    rng = np.random.default_rng(seed)
    v = x[rng.choice(len(x), n)] + rng.normal(0, 0.01, (n, x.shape[1])).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def detection(args, sci, bank, methods) -> None:
    import numpy as np

    from embgov.monitor import drift

    rng = np.random.default_rng(0)
    order = rng.permutation(len(sci))
    ref, pool = sci[order[:args.reference]], sci[order[args.reference:]]
    if len(pool) < args.window:
        sys.exit(f"only {len(pool)} SciFact queries left for windows of {args.window}: lower --reference or --window")
    same = [pool[rng.choice(len(pool), args.window, replace=False)] for _ in range(args.windows)]
    shifts = [bank[rng.choice(len(bank), args.window, replace=False)] for _ in range(args.windows)]
    n_bank = int(round(args.mix * args.window))
    mixes = [np.vstack([w[n_bank:], s[:n_bank]]) for w, s in zip(same, shifts)]
    print(f"\nDetection: reference {len(ref)} SciFact queries; windows of {args.window}; {args.windows} same-distribution "
          f"windows from the other {len(pool)} SciFact queries; Banking77 windows; {args.mix:.0%} Banking77 mixes")
    print(f"{'method':<9}{'threshold':>10} {'null med/max':>17} {'Banking77 x1':>14} {'detect':>8} {'mix':>6} "
          f"{'false alarms':>13} {'calib s':>8} | {'Evidently default':>17} {'detect':>7} {'mix':>6} {'false alarms':>13}")
    for name in methods:
        cache: dict = {}
        one = drift.detect(name, ref, shifts[0], min_window=args.window, resamples=args.resamples, cache=cache)
        if one.drifted is None:
            print(f"{name:<9} no decision: {one.reason}")
            continue
        runs = {label: [drift.detect(name, ref, w, min_window=args.window, resamples=args.resamples, cache=cache)
                        for w in group] for label, group in (("shift", shifts), ("mix", mixes), ("same", same))}
        rate = {k: sum(bool(r.drifted) for r in v) for k, v in runs.items()}
        default = DEFAULTS[name]
        d_shift = sum(r.score > default for r in runs["shift"])
        d_same = sum(r.score > default for r in runs["same"])
        d_mix = sum(r.score > default for r in runs["mix"])
        cal = one.calibration
        print(f"{name:<9}{one.threshold:>10.4f} {cal.null_median:>8.4f}/{cal.null_max:<8.4f} "
              f"{'detected' if one.drifted else 'MISSED':>9} {one.score:>4.2f} {rate['shift']:>5}/{args.windows} "
              f"{rate['mix']:>3}/{args.windows} {rate['same']:>10}/{args.windows} {cal.seconds:>8.2f} | "
              f"{default:>17g} {d_shift:>4}/{args.windows} {d_mix:>3}/{args.windows} {d_same:>10}/{args.windows}")
        scores = sorted(r.score for r in runs["same"])
        print(f"{'':<9}same-distribution scores {scores[0]:.4f}..{scores[-1]:.4f}; Banking77 "
              f"{min(r.score for r in runs['shift']):.4f}..{max(r.score for r in runs['shift']):.4f}; mix "
              f"{min(r.score for r in runs['mix']):.4f}..{max(r.score for r in runs['mix']):.4f}")


def timing(args, sci, bank, methods, report_methods, home: Path) -> None:
    from embgov.monitor import check_window, drift
    from embgov.monitor.report import build_snapshot
    from embgov.monitor.stats import centroid, window_stats
    from embgov.spec.models import MonitoringSection

    ref, win = synthesise(sci, args.big, 1), synthesise(bank, args.big, 2)
    t0 = time.perf_counter()
    window_stats(win, centroid(ref))
    stats_s = time.perf_counter() - t0
    print(f"\nTiming: {args.big} x {ref.shape[1]} windows, synthesised by resampling real embeddings with N(0, 0.01) "
          f"noise (SciFact reference, Banking77 window); statistics {stats_s:.3f} s. Decision: best of 3; "
          f"full report: Report.run + save_html, t-SNE on one OpenMP thread (embgov's default)")
    print(f"{'method':<9}{'decision s':>11} {'score':>8} {'rows used':>12} {'calibration s':>14} {'check s':>8} "
          f"{'full report s':>14} {'report/decision':>16}  goal <= {GOAL_S:g} s")
    for name in methods:
        threshold, cal = drift.calibrate(name, ref, len(win), resamples=args.resamples)
        best = None
        for _ in range(3):  # the machine is shared: the least disturbed of three runs
            t0 = time.perf_counter()
            score, drifted, rows = drift.run_method(name, ref, win, threshold)
            best = min(best or 1e9, time.perf_counter() - t0)
        mon = MonitoringSection(min_window=200, drift={"method": name, "threshold": threshold})
        t0 = time.perf_counter()
        event = check_window(ref, win, mon, model="bench", version=1)
        check_s = time.perf_counter() - t0
        report_s = ratio = None
        if name in report_methods:
            t0 = time.perf_counter()
            build_snapshot(ref, win, event).save_html(str(home / f"report-{name}.html"))
            report_s = time.perf_counter() - t0
            ratio = report_s / best
        used = "x".join(map(str, rows)) if rows else "all"
        print(f"{name:<9}{best:>11.3f} {score:>8.4f} {used:>12} {cal.seconds:>14.2f} {check_s:>8.2f} "
              f"{report_s if report_s is not None else float('nan'):>14.1f} "
              f"{(f'{ratio:.0f}x') if ratio else '-':>16}  {'met' if best <= GOAL_S else 'MISSED'}"
              f"{'' if drifted else ' (no drift flagged!)'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scifact", type=Path, default=ROOT.parent / "shared/data/scifact")
    ap.add_argument("--banking77", type=Path, default=ROOT.parent / "shared/data/banking77")
    ap.add_argument("--reference", type=int, default=600)
    ap.add_argument("--window", type=int, default=300)
    ap.add_argument("--windows", type=int, default=20)
    ap.add_argument("--mix", type=float, default=0.3)
    ap.add_argument("--resamples", type=int, default=20)
    ap.add_argument("--big", type=int, default=5000)
    ap.add_argument("--methods", default="model,ratio,mmd,distance")
    ap.add_argument("--report-methods", default="model,ratio,mmd,distance")
    args = ap.parse_args()
    home = ROOT / ".embgov" / "bench-drift"
    os.environ["EMBGOV_HOME"] = str(home)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    warnings.filterwarnings("ignore")
    home.mkdir(parents=True, exist_ok=True)
    methods = [m for m in args.methods.split(",") if m]
    report_methods = [] if args.report_methods == "none" else args.report_methods.split(",")

    sci_texts = [json.loads(line)["text"] for line in (args.scifact / "queries.jsonl").open(encoding="utf-8")]
    with (args.banking77 / "test.csv").open(encoding="utf-8", newline="") as fh:
        bank_texts = [row["text"] for row in csv.DictReader(fh)]
    print(f"drift bench: all-MiniLM-L6-v2, {os.cpu_count()} CPU(s), OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')}")
    t0 = time.perf_counter()
    sci = encode(sci_texts, "scifact-queries", home / "cache")
    bank = encode(bank_texts, "banking77-test", home / "cache")
    print(f"  encoding/loading took {time.perf_counter() - t0:.1f} s")
    detection(args, sci, bank, methods)
    timing(args, sci, bank, methods, report_methods, home)


if __name__ == "__main__":
    main()
