"""The daemon layer's monitoring calls: capture a version's reference window, run one check.

Here the stages meet (the monitor stage may not import the registry or evaluation stages):
`capture_reference` encodes the spec's queries with the version's model and records the probe metrics
at promotion; `run_check` reads the production version, its spec, the latest telemetry window and the
reference, evaluates the probe set, and has the monitor stage decide. It enqueues nothing (the
scheduler does that from the returned DriftEvent) and audits `monitor.check` with figures only.

Which spec: the caller passes the LoadedSpec (the CLI's --spec), or the version's registered `spec`
artifact is used when it has one (a LoadedSpec.to_json() file logged at registration). The spec's
hash is compared with the version's; a mismatch (monitoring settings edited since training) is noted
in the event's reasons, not refused.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Callable

from embgov.contracts import DriftEvent, ModelVersion
from embgov.errors import MonitorError
from embgov.spec.loader import LoadedSpec

ACTOR = "embgov:monitor"
# A window larger than this is checked on a uniform, deterministic sample: 10,000 x 384 keeps every
# method near or under the 2 s decision goal, and a sample that size already shows any shift that matters.
MAX_WINDOW_ROWS = 10_000
Say = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


def spec_for(record: ModelVersion, spec: LoadedSpec | None) -> LoadedSpec:
    """The spec to monitor `record` with: the one given, else the version's `spec` artifact."""
    if spec is not None:
        if spec.spec.name != record.name:
            raise MonitorError(f"the spec is for {spec.spec.name!r}, not {record.name!r}", where=spec.source,
                               fix=f"pass the spec of {record.name}")
        return spec
    if "spec" not in record.artifacts:
        raise MonitorError(f"version {record.version} of {record.name} has no registered spec artifact",
                           where=f"model {record.name}", fix="pass the job spec: --spec SPEC")
    from embgov.registry import model_path

    path = model_path(record, "spec")
    path = path / "spec.json" if path.is_dir() else path
    return LoadedSpec.from_json(path.read_text())


def _monitoring(loaded: LoadedSpec):
    if loaded.spec.monitoring is None:
        raise MonitorError("the spec has no monitoring section", where=f"{loaded.source}: monitoring",
                           fix="add monitoring: {drift: {method: model}} to the spec")
    return loaded.spec.monitoring


def _reference_queries(loaded: LoadedSpec):
    """(retrieval set, label): the evaluation held-out set, else the probe set."""
    spec = loaded.spec
    if spec.evaluation is not None:
        return spec.evaluation.heldout, "eval-queries"
    if spec.monitoring is not None and spec.monitoring.probe is not None:
        return spec.monitoring.probe.probe, "probe-queries"
    raise MonitorError("the spec has neither evaluation.heldout nor monitoring.probe: no queries for a reference",
                       where=loaded.source, fix="add an evaluation section (its held-out queries become the reference)")


def reference_texts(loaded: LoadedSpec) -> tuple[list[str], str, str]:
    """(texts, label, fingerprint) of the judged queries of the reference set. Only the judged ones: a
    BEIR queries file also holds the training queries, whose embeddings a fine-tuned model has pulled
    towards their positives, so they would not look like fresh production queries."""
    from embgov.evaluate.sets import read_qrels, read_records
    from embgov.hashing import sha256_file, sha256_json

    rset, label = _reference_queries(loaded)
    qpath, rpath = loaded.resolve(rset.queries.path), loaded.resolve(rset.qrels.path)
    ids, texts = read_records(qpath, rset.queries, {}, "queries")
    judged = read_qrels(rpath, rset.qrels)
    texts = [t for i, t in zip(ids, texts) if i in judged]
    if len(texts) < 2:
        raise MonitorError(f"{len(texts)} judged queries: too few for a reference", where=str(qpath),
                           fix="check that the qrels' query ids match the queries file's ids")
    return texts, label, sha256_json({"queries": sha256_file(qpath), "qrels": sha256_file(rpath)})


def encode(model, texts: list[str], batch_size: int = 64):
    import numpy as np

    # The model's own pipeline (with its Normalize module, if any): what a production service logs.
    vectors = model.encode(texts, batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def probe_metrics(loaded: LoadedSpec, model_dir: Path, say: Say | None = None) -> dict[str, float] | None:
    """The probe metric of `model_dir` on the spec's probe set, or None without a probe check."""
    monitoring = loaded.spec.monitoring
    if monitoring is None or monitoring.probe is None:
        return None
    from embgov.evaluate import evaluate_models

    # Corpus embeddings cached by model and corpus content: a check re-encodes only when the probe corpus changed.
    scores = evaluate_models(monitoring.probe.probe, {"production": model_dir}, [monitoring.probe.metric],
                             base_dir=loaded.base_dir, cached={"production"}, say=say)
    return {k: float(v) for k, v in scores["production"].items()}


def capture_reference(name: str, record: ModelVersion, loaded: LoadedSpec, *, say: Say | None = None,
                      actor: str = ACTOR):
    """Encode the spec's judged reference queries with `record`'s model and save them as its reference, with
    the probe metrics of this version now (at promotion). Audited as `monitor.reference`."""
    from embgov.audit import append
    from embgov.gating import gate_sets
    from embgov.modelio import load_model
    from embgov.monitor.reference import save_reference
    from embgov.registry import model_path

    loaded = gate_sets(loaded, actor=actor, say=say or _quiet)  # a model sees only gated text
    texts, label, fingerprint = reference_texts(loaded)
    model_dir = model_path(record)
    batch = loaded.spec.evaluation.batch_size if loaded.spec.evaluation else 64
    t0 = time.perf_counter()
    vectors = encode(load_model(model_dir), texts, batch)
    if say:
        say(f"reference: {len(texts)} {label} encoded by {name}:{record.version} in {time.perf_counter() - t0:.1f} s")
    metrics = probe_metrics(loaded, model_dir, say)
    ref = save_reference(name, record.version, vectors, source=label, promotion_metrics=metrics,
                         spec_hash=loaded.hash, queries_fingerprint=fingerprint)
    append(actor, "monitor.reference", f"model:{name}:{record.version}", {
        "version": record.version, "count": ref.info.count, "dim": ref.info.dim, "source": label,
        "spec_hash": loaded.hash, "promotion_metrics": ref.info.promotion_metrics})
    return ref


def run_check(name: str, *, spec: LoadedSpec | None = None, now: datetime | None = None, report: bool = False,
              kind: str = "query", max_rows: int = MAX_WINDOW_ROWS, say: Say | None = None,
              actor: str = ACTOR) -> DriftEvent:
    """One check of `name`'s production version on its latest telemetry window."""
    from embgov.audit import append
    from embgov.gating import gate_sets
    from embgov.monitor import check_window, has_reference, latest_window, load_reference
    from embgov.registry import model_path, production

    t0 = time.perf_counter()
    record = production(name)
    if record is None:
        raise MonitorError(f"{name} has no production version to monitor", where=f"model {name}",
                           fix="promote a version first: embgov models promote NAME VERSION")
    loaded = gate_sets(spec_for(record, spec), actor=actor, say=say or _quiet)
    monitoring = _monitoring(loaded)
    notes = []
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
    probe = probe_metrics(loaded, model_path(record), say) if monitoring.probe else None
    event = check_window(reference, window, monitoring, probe, reference.info.promotion_metrics)
    if loaded.hash != record.spec_hash:
        notes.append("the spec's hash differs from the version's (edited since training?): its monitoring settings were used")
    update = {"reasons": [*event.reasons, *notes]}
    if report and event.score is not None:  # no decision, nothing to report
        from embgov.monitor.report import write_report

        html, snapshot = write_report(reference.vectors, window.vectors, event)
        update.update(report=str(html), snapshot_id=snapshot)
    update["seconds"] = round(time.perf_counter() - t0, 3)
    event = event.model_copy(update=update)
    append(actor, "monitor.check", f"model:{name}:{record.version}", {
        "event_id": event.event_id, "version": event.version, "kind": kind, "window_size": event.window_size,
        "window_end": event.window_end, "method": event.method, "score": event.score, "threshold": event.threshold,
        "decision": event.decision, "probe_drop": event.probe.drop if event.probe else None})
    return event
