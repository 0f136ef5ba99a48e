"""Monitoring glue at the orchestration layer: which spec watches a model version, its reference window
(captured at promotion), its probe metrics, and the check cache that makes a CLI check fast.

Here the stages meet (the monitor stage may not import the registry, gate or evaluation stages):
`capture_reference` gates the spec's reference queries, encodes them with the version's model and
records the probe metrics at promotion (embgov.promotion calls it); the daemon's `run_check`
(embgov.daemon.check) reads what this module captured.

Which spec: the caller passes the LoadedSpec (the CLI's --spec), or the version's registered `spec`
artifact is used when it has one (a LoadedSpec.to_json() file logged at registration).
"""

from __future__ import annotations

import time
from pathlib import Path

from embgov.contracts import ModelVersion
from embgov.errors import MonitorError
from embgov.spec.loader import LoadedSpec
from embgov import Say

ACTOR = "embgov:monitor"


def quiet(message: str) -> None:
    pass


def given_spec(record: ModelVersion, spec: LoadedSpec) -> LoadedSpec:
    if spec.spec.name != record.name:
        raise MonitorError(f"the spec is for {spec.spec.name!r}, not {record.name!r}", where=spec.source,
                           fix=f"pass the spec of {record.name}")
    return spec


def spec_from_text(record: ModelVersion, text: str | None) -> LoadedSpec:
    if text is None:
        raise MonitorError(f"version {record.version} of {record.name} has no registered spec artifact",
                           where=f"model {record.name}", fix="pass the job spec: --spec SPEC")
    return LoadedSpec.from_json(text)


def spec_for(record: ModelVersion, spec: LoadedSpec | None) -> LoadedSpec:
    """The spec to monitor `record` with: the one given, else the version's `spec` artifact."""
    if spec is not None:
        return given_spec(record, spec)
    from embgov.registry import registered_spec_text

    return spec_from_text(record, registered_spec_text(record))


def trained_hash(spec_text: str | None) -> str | None:
    """The hash of the spec as trained, when the registered spec records it (its paths may have been
    rewritten for a portable home, which changes the registered spec's own hash)."""
    import json

    try:
        value = json.loads(spec_text).get("trained_spec_hash") if spec_text else None
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def monitoring_of(loaded: LoadedSpec):
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


def reference_texts(loaded: LoadedSpec, size: int | None = None) -> tuple[list[str], str, str, int]:
    """(texts, label, fingerprint, judged) of the reference queries: the set's judged queries first, then
    (up to `size`, default the spec's monitoring.reference_size) the other queries of the same file in a
    seeded order. A BEIR queries file holds the training queries too, which fine-tuning may pull towards
    their positives; with a LoRA model trained as jobs/scifact-lora.yaml, windows of 100-200 unseen SciFact
    claims against 100 held-out + 400 training claims gave p > 0.01 on all 20 windows (bench/drift.py
    --model DIR prints the same check: held-out reference against training-claim windows)."""
    import numpy as np

    from embgov.evaluate import read_qrels, read_records
    from embgov.hashing import sha256_file, sha256_json

    rset, label = _reference_queries(loaded)
    monitoring = loaded.spec.monitoring
    size = size or (monitoring.reference_size if monitoring is not None else 500)
    qpath, rpath = loaded.resolve(rset.queries.path), loaded.resolve(rset.qrels.path)
    ids, texts = read_records(qpath, rset.queries, {}, "queries")
    judged_ids = read_qrels(rpath, rset.qrels)
    judged = [t for i, t in zip(ids, texts) if i in judged_ids]
    if len(judged) < 2:
        raise MonitorError(f"{len(judged)} judged queries: too few for a reference", where=str(qpath),
                           fix="check that the qrels' query ids match the queries file's ids")
    rng = np.random.default_rng(0)
    if len(judged) > size:
        judged = [judged[i] for i in sorted(rng.choice(len(judged), size, replace=False))]
    others = [t for i, t in zip(ids, texts) if i not in judged_ids]
    extra = [others[i] for i in rng.permutation(len(others))[:max(size - len(judged), 0)]]
    fingerprint = sha256_json({"queries": sha256_file(qpath), "qrels": sha256_file(rpath), "size": size})
    return judged + extra, label, fingerprint, len(judged)


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
    """Encode the spec's reference queries with `record`'s model and save them as its reference, with the
    probe metrics of this version now (at promotion). Audited as `monitor.reference`. When `record` is the
    production version per the audit log, the check cache is written beside the reference too."""
    from embgov.audit import append
    from embgov.gating import gate_sets
    from embgov.modelio import load_model
    from embgov.monitor import save_reference
    from embgov.registry import model_path

    promotion = latest_promotion(name)  # before anything else: a promotion from here on invalidates the cache
    loaded = gate_sets(loaded, actor=actor, say=say or quiet)  # a model sees only gated text
    texts, label, fingerprint, judged = reference_texts(loaded)
    model_dir = model_path(record)
    batch = loaded.spec.evaluation.batch_size if loaded.spec.evaluation else 64
    t0 = time.perf_counter()
    vectors = encode(load_model(model_dir), texts, batch)
    if say:
        say(f"reference: {len(texts)} {label} ({judged} judged, {len(texts) - judged} more from the same file) "
            f"encoded by {name}:{record.version} in {time.perf_counter() - t0:.1f} s")
    metrics = probe_metrics(loaded, model_dir, say)
    ref = save_reference(name, record.version, vectors, source=label, promotion_metrics=metrics,
                         spec_hash=loaded.hash, queries_fingerprint=fingerprint, judged=judged)
    append(actor, "monitor.reference", f"model:{name}:{record.version}", {
        "version": record.version, "count": ref.info.count, "judged": judged, "dim": ref.info.dim, "source": label,
        "spec_hash": loaded.hash, "promotion_metrics": ref.info.promotion_metrics})
    if promotion is not None and promotion.version == record.version:
        remember(name, record, promotion, model_dir=model_dir)
    return ref


def latest_promotion(name: str):
    """The audit log's last `model.promote` or `model.rollback` of `name` (a checkcache.Promotion), or None.
    An entry whose row no longer hashes to its stored hash is no evidence: None."""
    import json

    from sqlalchemy import select

    from embgov.audit.log import event_hash
    from embgov.monitor import Promotion
    from embgov.store.db import audit_events, get_engine

    t = audit_events.c
    stmt = (select(audit_events).where(t.action.in_(("model.promote", "model.rollback")),
                                       t.subject.startswith(f"model:{name}:", autoescape=True))
            .order_by(t.seq.desc()).limit(1))
    with get_engine().connect() as conn:
        row = conn.execute(stmt).first()
    if row is None:
        return None
    try:
        payload = json.loads(row.payload_json)
        version = int(row.subject.rsplit(":", 1)[1])
    except (ValueError, TypeError):
        return None
    if event_hash(row.seq, row.ts, row.actor, row.action, row.subject, payload, row.prev_hash) != row.hash:
        return None
    return Promotion(seq=int(row.seq), hash=row.hash, version=version)


def remember(name: str, record: ModelVersion, promotion, *, spec_text: str | None = None, model_dir=None) -> None:
    """Write the check cache for `record` (production under `promotion`); a failure only costs speed."""
    from embgov.errors import EmbgovError
    from embgov.monitor import write_cache

    try:
        if spec_text is None:
            from embgov.registry import registered_spec_text

            spec_text = registered_spec_text(record)
        if model_dir is None:
            from embgov.registry import model_path

            model_dir = model_path(record)
        write_cache(name, record, promotion, spec_json=spec_text, model_dir=model_dir)
    except (EmbgovError, OSError):
        pass
