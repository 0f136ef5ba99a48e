"""The daemon layer's check: one drift check of a model's production version.

`run_check` reads the production version, its spec, the latest telemetry window and the reference
(captured at promotion by embgov.monitoring), evaluates the probe set, and has the monitor stage decide.
It enqueues nothing (the scheduler does that from the returned DriftEvent) and audits `monitor.check`
with figures only. The spec's hash is compared with the one the version was trained under; a mismatch
(monitoring settings edited since training) is noted in the event's reasons, not refused.

Fast checks (`use_cache`): the registry look-up (MLflow: seconds of imports and queries) is answered by
the check cache beside the reference (embgov.monitor.checkcache), valid only while the audit log's last
promotion or rollback of the model is the one it was written under. Capture at promotion, the daemon and
every uncached check write it. Retrieval sets go through the gate only when a check needs their text
(a reference to capture, a probe to evaluate), and the default drift method needs neither Evidently nor
scikit-learn, so a cached check imports numpy, pydantic and SQLAlchemy only.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from embgov.contracts import DriftEvent
from embgov.errors import MonitorError
from embgov.monitoring import (ACTOR, quiet, capture_reference, given_spec, latest_promotion, monitoring_of,
                               probe_metrics, remember, spec_from_text, trained_hash)
from embgov.spec.loader import LoadedSpec
from embgov import Say

__all__ = ["MAX_WINDOW_ROWS", "run_check"]
# A window larger than this is checked on a uniform, deterministic sample: 10,000 x 384 keeps every
# method near or under the 2 s decision goal, and a sample that size already shows any shift that matters.
MAX_WINDOW_ROWS = 10_000


def _production(name: str, use_cache: bool, notes: list[str]):
    """(record, registered spec text or None, model dir or None, promotion, cache written?) of `name`'s
    production version: from the check cache when allowed and valid, else from the registry."""
    from embgov.monitor import describe_cache, read_cache

    promotion = latest_promotion(name)  # read before the registry: a promotion in between is caught below
    if use_cache and promotion is not None:
        cache = read_cache(name, promotion)
        if cache is not None:
            notes.append(describe_cache(cache))
            model_dir = cache.model_dir if cache.model_dir and Path(cache.model_dir).is_dir() else None
            return cache.record, cache.spec_json, model_dir, promotion, True
    from embgov.registry import production, registered_spec_text

    record = production(name)
    if record is None:
        raise MonitorError(f"{name} has no production version to monitor", where=f"model {name}",
                           fix="promote a version first: embgov models promote NAME VERSION")
    return record, registered_spec_text(record), None, promotion, False


def run_check(name: str, *, spec: LoadedSpec | None = None, now: datetime | None = None, report: bool = False,
              kind: str = "query", max_rows: int = MAX_WINDOW_ROWS, say: Say | None = None,
              actor: str = ACTOR, use_cache: bool = False) -> DriftEvent:
    """One check of `name`'s production version on its latest telemetry window. `use_cache`: take the
    production version from the check cache when it is valid (the CLI); the daemon asks the registry."""
    from embgov.audit import append
    from embgov.monitor import check_window, has_reference, latest_window, load_reference

    t0 = time.perf_counter()
    notes: list[str] = []
    record, spec_text, model_dir, promotion, cached = _production(name, use_cache, notes)
    loaded = given_spec(record, spec) if spec is not None else spec_from_text(record, spec_text)
    monitoring = monitoring_of(loaded)

    def local_model():
        if model_dir is not None:
            return Path(model_dir)
        from embgov.registry import model_path

        return model_path(record)

    if not has_reference(name, record.version):
        # The reference belongs to promotion; a version promoted without one gets it on its first check.
        capture_reference(name, record, loaded, say=say, actor=actor)
        notes.append(f"reference captured during this check (none was captured when {record.version} was promoted)")
    reference = load_reference(name, record.version)
    window = latest_window(name, record.version, kind, now=now, max_rows=max_rows)
    if window.total > window.size:
        notes.append(f"window sampled: {window.size} of its {window.total} vectors (uniform, seed 0)")
    if say:
        say(f"window: {window.size} {kind} vectors in [{window.start:%Y-%m-%d %H:%M}, {window.end:%Y-%m-%d %H:%M}) UTC; "
            f"reference: {reference.info.count} ({reference.info.source})")
    probe = None
    if monitoring.probe:
        from embgov.gating import gate_sets

        # The probe set's text reaches a model: through the gate first (reused from its cache when unchanged).
        probe = probe_metrics(gate_sets(loaded, actor=actor, say=say or quiet), local_model(), say)
    event = check_window(reference, window, monitoring, probe, reference.info.promotion_metrics)
    # A spec given by the caller may differ from the one trained (the registered one is that spec by construction).
    if spec is not None and loaded.hash not in (trained_hash(spec_text), record.spec_hash):
        notes.append("the spec's hash differs from the version's (edited since training?): its monitoring settings were used")
    if not cached and promotion is not None and promotion.version == record.version:
        remember(name, record, promotion, spec_text=spec_text, model_dir=model_dir)
    update = {"reasons": [*event.reasons, *notes]}
    if report and event.score is not None:  # no decision, nothing to report
        from embgov.monitor import write_report

        html, snapshot = write_report(reference.vectors, window.vectors, event)
        update.update(report=str(html), snapshot_id=snapshot)
    update["seconds"] = round(time.perf_counter() - t0, 3)
    event = event.model_copy(update=update)
    append(actor, "monitor.check", f"model:{name}:{record.version}", {
        "event_id": event.event_id, "version": event.version, "kind": kind, "window_size": event.window_size,
        "window_end": event.window_end, "method": event.method, "score": event.score, "threshold": event.threshold,
        "decision": event.decision, "probe_drop": event.probe.drop if event.probe else None,
        "cached_lookup": cached})
    return event
