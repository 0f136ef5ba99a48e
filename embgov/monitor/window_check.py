"""One monitoring check: statistics + drift decision + probe comparison -> a DriftEvent.

Pure computation on arrays and figures: the caller (the daemon layer) reads the telemetry window
and the reference, and computes the probe metrics (monitor may not import the evaluation stage).
"""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING

from embgov.contracts import DriftEvent, ProbeResult
from embgov.errors import MonitorError
from embgov.spec.jobspec import MonitoringSection

if TYPE_CHECKING:
    import numpy as np

    from embgov.monitor.reference import Reference
    from embgov.monitor.telemetry_store import Window


def _iso(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def compare_probe(monitoring: MonitoringSection, probe_metrics: dict | None,
                  promotion_metrics: dict | None) -> tuple[ProbeResult | None, str | None]:
    """The probe figure now against the one at promotion; (None, why) when either is missing."""
    if monitoring.probe is None:
        return None, None
    metric = monitoring.probe.metric
    if probe_metrics is None or metric not in probe_metrics:
        return None, f"probe: {metric} was not evaluated in this check"
    if not promotion_metrics or metric not in promotion_metrics:
        return None, f"probe: no {metric} recorded at promotion (capture the reference again with the spec's probe set)"
    now, then = float(probe_metrics[metric]), float(promotion_metrics[metric])
    drop = then - now
    result = ProbeResult(metric=metric, value=now, at_promotion=then, drop=drop, max_drop=monitoring.probe.max_drop,
                         degraded=drop > monitoring.probe.max_drop)
    verdict = "degraded" if result.degraded else "ok"
    return result, (f"probe {verdict}: {metric} {now:.4f} now, {then:.4f} at promotion, drop {drop:+.4f} "
                    f"({'>' if result.degraded else '<='} max_drop {result.max_drop})")


def check_window(reference: "Reference | np.ndarray", window: "Window | np.ndarray", monitoring: MonitoringSection,
                 probe_metrics: dict | None = None, promotion_metrics: dict | None = None, *, model: str | None = None,
                 version: int | None = None, kind: str = "query", resamples: int | None = None, seed: int = 0,
                 cache=None) -> DriftEvent:
    """Decide on one window. `reference` and `window` are arrays or the store's objects (which also
    name the model, version and time span); `promotion_metrics` defaults to the reference's."""
    import numpy as np

    from embgov.monitor import drift
    from embgov.monitor.stats import centroid, window_stats
    from embgov.monitor.telemetry_store import utc

    t0 = time.perf_counter()
    info = getattr(reference, "info", None)
    ref = np.asarray(getattr(reference, "vectors", reference), dtype=np.float32)
    win = np.asarray(getattr(window, "vectors", window), dtype=np.float32)
    model = model or getattr(window, "model", None) or (info.model if info else None)
    version = version or getattr(window, "version", None) or (info.version if info else None)
    if model is None or version is None:
        raise MonitorError("check_window needs the model name and version", where="check_window",
                           fix="pass model= and version=, or the store's Window / Reference objects")
    if win.ndim != 2 or ref.ndim != 2 or len(ref) < 2:
        raise MonitorError(f"reference {ref.shape} and window {win.shape} must be (n, dim) arrays (reference n >= 2)",
                           where=f"check {model}:{version}")
    if promotion_metrics is None and info is not None:
        promotion_metrics = info.promotion_metrics
    if cache is None and info is not None:
        cache = reference.calibration
    kind = getattr(window, "kind", kind)

    spec = monitoring.drift
    result = drift.detect(spec.method, ref, win, min_window=monitoring.min_window, threshold=spec.threshold,
                          resamples=resamples or drift.RESAMPLES, seed=seed, cache=cache, significance=spec.significance)
    ref_centroid = centroid(ref)
    stats = window_stats(win, ref_centroid) if len(win) else None
    ref_stats = window_stats(ref, ref_centroid)
    reasons = [result.reason]
    if stats is not None and ref_stats.mean_pairwise_cosine is not None and stats.mean_pairwise_cosine is not None:
        reasons.append(f"statistics: mean pairwise cosine {stats.mean_pairwise_cosine:.4f} (reference "
                       f"{ref_stats.mean_pairwise_cosine:.4f}), cosine to reference centroid "
                       f"{stats.mean_cosine_to_reference_centroid or 0:.4f} (reference "
                       f"{ref_stats.mean_cosine_to_reference_centroid or 0:.4f}), variance "
                       f"{stats.inter_query_variance:.4f} (reference {ref_stats.inter_query_variance:.4f})")
    probe, probe_line = compare_probe(monitoring, probe_metrics, promotion_metrics)
    if probe_line:
        reasons.append(probe_line)
    if probe is not None and probe.degraded:
        decision = "degraded"  # quality loss measured directly outranks a distribution signal
    elif result.drifted:
        decision = "drift"
    elif result.drifted is None:
        decision = "insufficient"
    else:
        decision = "no_drift"
    return DriftEvent(
        event_id=uuid.uuid4().hex, model=model, version=int(version), kind=kind,
        window_start=_iso(getattr(window, "start", None)), window_end=_iso(getattr(window, "end", None)),
        window_size=int(len(win)), min_window=monitoring.min_window, reference_size=int(len(ref)),
        reference_source=info.source if info else None, statistics=stats, reference_statistics=ref_stats,
        method=spec.method, score=result.score, threshold=result.threshold, threshold_source=result.threshold_source,
        calibration=result.calibration, drifted=result.drifted,
        rows_used=list(result.rows_used) if result.rows_used else None, decision_seconds=result.seconds,
        probe=probe, decision=decision, reasons=reasons, seconds=round(time.perf_counter() - t0, 4),
        created_at=_iso(utc()))
