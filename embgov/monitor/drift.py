"""Embedding drift decisions: MMD with a permutation test (numpy, embgov.monitor.mmd), and Evidently's
drift methods (model, ratio, distance) called directly on pandas frames.

The default, `mmd` with no threshold in the spec: the unbiased squared MMD of reference and window, and a
permutation test at the live sizes; drift when p <= the spec's `significance` (0.001: the score beats
all 999 relabellings of the pooled rows). Measured (bench/drift.py, MiniLM, reference 500, windows of
100-200 rows): a window with 30 % of its queries from another domain fires 20 of 20 times for
SciFact->Banking77, SciFact->clinical notes and Banking77->SciFact, and none of 20 windows of the
reference's own distribution does. See the README's table for the share each method detects per size.

The other methods, with no threshold in the spec, are calibrated on the reference itself: the reference
is split at random into a pseudo-window of k rows and a pseudo-reference (the rest), `resamples` times;
each split is scored by the same method, giving scores for two samples of the same distribution (a null
distribution), and the threshold is null max + (null max - null median): the largest chance score plus
the spread of the null's upper half (not mean + k sd: the nulls are skewed or clipped). k = min(window
size, half the reference), rounded down to 2^j or 1.5 * 2^j, so the calibration can be cached beside the
reference and reused by later checks with similar window sizes; pseudo-samples no larger than the live
ones err towards fewer false alarms, at a cost in power. The classifier (`model`) cannot exceed an AUC of
about 0.5 + p/2 on a window where a share p moved, so it needs large shifts or large windows.
Evidently's fixed default thresholds are not usable as they are (the ratio method's 0.2 fired on 20 of
20 same-distribution windows; MMD's 0.015 and distance's 0.2 missed 30 % mixes): bench/drift.py.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol

from embgov.contracts import DriftCalibration
from embgov.errors import MonitorError

if TYPE_CHECKING:
    import numpy as np

RESAMPLES = 20
RULE = "null max + (null max - null median)"
SIGNIFICANCE = 0.001
PERMUTATION_RULE = ("permutation test at the live sizes: the score exceeds all but alpha (B + 1) - 1 of B = {b} "
                    "relabelled scores (p <= {alpha:g})")
MIN_PSEUDO = 8  # below this a pseudo-window says nothing (and the model method cannot split it)
# MMD builds an (m + n)^2 kernel matrix and permutes it 999 times: both sides are capped by a deterministic
# sample (1,000 + 1,000 rows: about 0.2 s). The other methods are linear in the rows and see everything.
MAX_ROWS: dict[str, int] = {"mmd": 1000}  # embgov.monitor.mmd.MAX_ROWS
# Scores that cannot exceed 1: a calibrated threshold at or above it means the method's chance scores
# already reach its ceiling at this window size (the ratio method on small windows: each component's
# Wasserstein test at 0.1 std fires by chance), so it could never fire. That is no decision, said so.
MAX_SCORE: dict[str, float] = {"model": 1.0, "ratio": 1.0}


def _model(threshold: float | None):
    from evidently.legacy.metrics.data_drift.embedding_drift_methods import ModelDriftMethod

    return ModelDriftMethod() if threshold is None else ModelDriftMethod(threshold=threshold)


def _ratio(threshold: float | None):
    from evidently.legacy.metrics.data_drift.embedding_drift_methods import RatioDriftMethod

    return RatioDriftMethod() if threshold is None else RatioDriftMethod(threshold=threshold)


def _mmd(threshold: float | None):
    # Evidently's own MMD (kernel width from the window too), for the HTML report's plot; decisions use
    # embgov.monitor.mmd, whose width comes from the reference alone (see report.py).
    from evidently.legacy.metrics.data_drift.embedding_drift_methods import MMDDriftMethod

    return MMDDriftMethod() if threshold is None else MMDDriftMethod(threshold=threshold)


def _distance(threshold: float | None):
    from evidently.legacy.metrics.data_drift.embedding_drift_methods import DistanceDriftMethod

    return DistanceDriftMethod() if threshold is None else DistanceDriftMethod(threshold=threshold)


# name -> factory(threshold or None for Evidently's default) -> an Evidently DriftMethod.
METHODS: dict[str, Callable] = {"model": _model, "ratio": _ratio, "mmd": _mmd, "distance": _distance}
DESCRIPTIONS: dict[str, str] = {
    "model": "ROC AUC of a classifier (SGD, log loss) telling reference from window rows; 0.5 = indistinguishable.",
    "ratio": "Share of embedding components whose Wasserstein distance (in reference std units) exceeds 0.1.",
    "mmd": "Unbiased squared maximum mean discrepancy, Gaussian kernel with the reference's median distance as width; "
           "threshold by a permutation test (the default).",
    "distance": "Euclidean distance between the reference and window centroids.",
}


class Cache(Protocol):
    def get(self, key: str) -> dict | None: ...
    def __setitem__(self, key: str, value: dict) -> None: ...


@dataclass(frozen=True)
class DriftResult:
    method: str
    score: float | None
    threshold: float | None
    threshold_source: str | None  # "spec" | "calibrated" | None when no decision
    drifted: bool | None
    seconds: float
    reason: str
    rows_used: tuple[int, int] | None = None
    calibration: DriftCalibration | None = None
    p_value: float | None = None


def get_method_name(name: str) -> str:
    if name not in METHODS:
        raise MonitorError(f"unknown drift method {name!r}", where="monitoring.drift.method",
                           fix=f"one of {', '.join(METHODS)}")
    return name


def get_method(name: str, threshold: float | None = None):
    """Evidently's DriftMethod object for `name` (the HTML report runs it)."""
    return METHODS[get_method_name(name)](threshold)


def _sample(x: "np.ndarray", n: int | None, seed: int) -> "np.ndarray":
    import numpy as np

    if n is None or len(x) <= n:
        return x
    return x[np.sort(np.random.default_rng(seed).choice(len(x), n, replace=False))]


def _frame(x: "np.ndarray"):
    import pandas as pd

    # A fresh frame per call: ModelDriftMethod adds a `target` column to the frames it is given.
    return pd.DataFrame(x, columns=[f"e{i}" for i in range(x.shape[1])])


def run_method(name: str, reference: "np.ndarray", window: "np.ndarray", threshold: float | None = None
               ) -> tuple[float, bool, tuple[int, int] | None]:
    """(score, the verdict at `threshold`, rows used when sampled)."""
    if name == "mmd":
        from embgov.monitor import mmd

        get_method_name(name)
        score = mmd.score(reference, window)
        n, m = min(len(reference), mmd.MAX_ROWS), min(len(window), mmd.MAX_ROWS)
        rows = (n, m) if (n, m) != (len(reference), len(window)) else None
        return score, bool(threshold is not None and score > threshold), rows
    method = get_method(name, threshold)
    cap = MAX_ROWS.get(name)
    ref, win = _sample(reference, cap, 1), _sample(window, cap, 2)
    rows = (len(ref), len(win)) if (len(ref), len(win)) != (len(reference), len(window)) else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn convergence chatter on tiny pseudo-windows
        score, drifted, _ = method(_frame(win), _frame(ref))
    return float(score), bool(drifted), rows


def pseudo_window_size(reference_rows: int, window_rows: int) -> int:
    k = min(window_rows, reference_rows // 2)
    if k < 2:
        return k
    low = 2 ** int(math.log2(k))
    return int(low * 1.5) if low * 1.5 <= k else low


def calibrate(name: str, reference: "np.ndarray", window_rows: int, *, resamples: int = RESAMPLES, seed: int = 0,
              cache: Cache | None = None) -> tuple[float, DriftCalibration]:
    """A threshold for `name` on windows of about `window_rows`, from the reference alone."""
    import evidently
    import numpy as np

    k = pseudo_window_size(len(reference), window_rows)
    if k < MIN_PSEUDO:
        raise MonitorError(f"the reference has {len(reference)} vectors: too few to calibrate a threshold "
                           f"(pseudo-windows of {k} < {MIN_PSEUDO})", where="monitoring.drift.threshold",
                           fix="capture a reference of more queries, or set monitoring.drift.threshold in the spec")
    key = f"{name}:k={k}:n={len(reference)}:b={resamples}:seed={seed}:rule=max+spread:evidently={evidently.__version__}"
    hit = cache.get(key) if cache is not None else None
    if hit:
        return float(hit["threshold"]), DriftCalibration(**{**hit["calibration"], "cached": True, "seconds": 0.0})
    t0 = time.perf_counter()
    null = []
    for i in range(resamples):
        order = np.random.default_rng(seed + i).permutation(len(reference))
        null.append(run_method(name, reference[order[k:]], reference[order[:k]])[0])
    scores = np.asarray(null)
    sd = float(scores.std(ddof=1)) if len(scores) > 1 else 0.0
    top, median = float(scores.max()), float(np.median(scores))
    threshold = top + (top - median)
    cal = DriftCalibration(resamples=resamples, pseudo_window=k, null_mean=float(scores.mean()), null_std=sd,
                           null_median=median, null_max=top, rule=RULE, seconds=round(time.perf_counter() - t0, 4),
                           cached=False)
    if cache is not None:
        cache[key] = {"threshold": threshold, "calibration": cal.model_dump()}
    return threshold, cal


def permutation_test(reference: "np.ndarray", window: "np.ndarray", *, significance: float = SIGNIFICANCE,
                     seed: int = 0) -> DriftResult:
    """MMD^2 against its permutation null at the live sizes: drift when p <= significance."""
    import numpy as np

    from embgov.monitor import mmd

    t0 = time.perf_counter()
    out = mmd.test(reference, window, alpha=significance, seed=seed)
    seconds = round(time.perf_counter() - t0, 4)
    null = out["null"]
    b, m = out["permutations"], (out["rows_used"] or (len(reference), len(window)))[1]
    cal = DriftCalibration(resamples=b, pseudo_window=m, null_mean=float(null.mean()), null_std=float(null.std(ddof=1)),
                           null_median=float(np.median(null)), null_max=float(null.max()),
                           rule=PERMUTATION_RULE.format(b=b, alpha=significance), seconds=seconds, cached=False,
                           p_value=out["p_value"])
    drifted = out["score"] > out["threshold"]
    z = (out["score"] - cal.null_mean) / cal.null_std if cal.null_std > 0 else 0.0
    reason = (f"{'drift' if drifted else 'no drift'}: mmd score {out['score']:.5f} {'>' if drifted else '<='} calibrated "
              f"threshold {out['threshold']:.5f} (permutation test: p = {out['p_value']:.4f} "
              f"{'<=' if drifted else '>'} {significance:g} over {b} relabellings; {z:.1f} null sd above the null mean)")
    return DriftResult("mmd", out["score"], out["threshold"], "calibrated", drifted, seconds, reason,
                       out["rows_used"], cal, out["p_value"])


def detect(name: str, reference: "np.ndarray", window: "np.ndarray", *, min_window: int, threshold: float | None = None,
           resamples: int = RESAMPLES, seed: int = 0, cache: Cache | None = None,
           significance: float = SIGNIFICANCE) -> DriftResult:
    """The drift decision on one window. Below `min_window` rows: no decision (drifted None), said so."""
    get_method_name(name)  # an unknown name fails before anything else
    if reference.ndim != 2 or window.ndim != 2 or (len(window) and reference.shape[1] != window.shape[1]):
        raise MonitorError(f"reference {reference.shape} and window {window.shape} do not have the same dimension",
                           where="drift check", fix="compare embeddings of the same model version")
    if len(window) < min_window:
        return DriftResult(name, None, None, None, None, 0.0,
                           f"insufficient: the window has {len(window)} vectors, fewer than min_window {min_window}; no drift decision")
    if name == "mmd" and threshold is None:
        return permutation_test(reference, window, significance=significance, seed=seed)
    calibration = None
    if threshold is None:
        threshold, calibration = calibrate(name, reference, len(window), resamples=resamples, seed=seed, cache=cache)
        if threshold >= MAX_SCORE.get(name, math.inf):
            return DriftResult(name, None, threshold, "calibrated", None, 0.0,
                               f"insufficient: on pseudo-windows of {calibration.pseudo_window} rows the {name} score "
                               f"reaches {calibration.null_max:.3f} by chance (threshold {threshold:.3f} >= its maximum "
                               f"{MAX_SCORE[name]:g}): it cannot show drift at this size; raise min_window, capture a "
                               f"larger reference, or use another method", calibration=calibration)
    t0 = time.perf_counter()
    score, drifted, rows = run_method(name, reference, window, threshold)
    seconds = time.perf_counter() - t0
    source = "calibrated" if calibration else "spec"
    verdict = "drift" if drifted else "no drift"
    reason = f"{verdict}: {name} score {score:.4f} {'>' if drifted else '<='} {source} threshold {threshold:.4f}"
    if calibration:
        reason += (f" (null over {calibration.resamples} pseudo-windows of {calibration.pseudo_window}: "
                   f"median {calibration.null_median:.4f}, max {calibration.null_max:.4f})")
    return DriftResult(name, score, threshold, source, drifted, round(seconds, 4), reason, rows, calibration)
