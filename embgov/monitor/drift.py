"""Embedding drift decisions from Evidently's drift methods, called directly on pandas frames.

The HTML report (report.py) runs the same methods inside a Report, plus a t-SNE plot that takes
tens of seconds; the decision needs only the method's score, which takes 0.01-1 s.

Thresholds. When the spec sets none, the threshold is calibrated on the reference itself: the
reference is split at random into a pseudo-window of k rows and a pseudo-reference (the rest),
`resamples` times; each split is scored by the same method, giving scores for two samples of the
same distribution (a null distribution), and the threshold is null max + (null max - null median):
the largest chance score plus the spread of the null's upper half. Not mean + k sd: MMD's scores are
clipped at 0 (half the null is exactly 0, so the sd understates its tail), and the nulls of MMD and
the ratio are skewed; the max-median spread follows whatever shape the tail has. For a normal null
it lands near 3.7 sd above the mean.
Evidently's fixed defaults are not usable as they are. On 300-query MiniLM windows against 600 SciFact
queries (bench/drift.py): the ratio method's 0.2 fired on 20 of 20 windows of the reference's own
distribution, and MMD's 0.015 and distance's 0.2 missed 20 of 20 windows with 30 % Banking77 queries
that the calibrated thresholds caught (all four, calibrated: Banking77 20/20, false alarms 0/20).

k = min(window size, half the reference), rounded down to 2^j or 1.5 * 2^j. Scores of the same
distribution shrink as samples grow, so pseudo-samples no larger than the live ones give a null no
lower than the live check's: the threshold errs towards fewer false alarms. The rounding lets the
calibration be cached beside the reference and reused by later checks with similar window sizes.
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
MIN_PSEUDO = 8  # below this a pseudo-window says nothing (and the model method cannot split it)
# MMD builds an (m + n)^2 kernel matrix: 5,000 + 5,000 rows take 3.3 s and 800 MB here, 2,000 + 2,000
# take 0.8 s, so both sides are capped by a deterministic sample (Evidently itself sets its kernel
# width from 1,000 rows). The other methods are linear in the rows and see everything.
MAX_ROWS: dict[str, int] = {"mmd": 2000}
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
    "mmd": "Unbiased squared maximum mean discrepancy with an RBF kernel (median-distance width).",
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


def get_method(name: str, threshold: float | None = None):
    if name not in METHODS:
        raise MonitorError(f"unknown drift method {name!r}", where="monitoring.drift.method",
                           fix=f"one of {', '.join(METHODS)}")
    return METHODS[name](threshold)


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
    """(score, Evidently's verdict at `threshold`, rows used when sampled)."""
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


def detect(name: str, reference: "np.ndarray", window: "np.ndarray", *, min_window: int, threshold: float | None = None,
           resamples: int = RESAMPLES, seed: int = 0, cache: Cache | None = None) -> DriftResult:
    """The drift decision on one window. Below `min_window` rows: no decision (drifted None), said so."""
    get_method(name)  # an unknown name fails before anything else
    if reference.ndim != 2 or window.ndim != 2 or (len(window) and reference.shape[1] != window.shape[1]):
        raise MonitorError(f"reference {reference.shape} and window {window.shape} do not have the same dimension",
                           where="drift check", fix="compare embeddings of the same model version")
    if len(window) < min_window:
        return DriftResult(name, None, None, None, None, 0.0,
                           f"insufficient: the window has {len(window)} vectors, fewer than min_window {min_window}; no drift decision")
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
