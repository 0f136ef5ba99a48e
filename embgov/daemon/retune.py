"""From a check's DriftEvent to (at most) one re-tuning job: record the event, respect the cooldown,
submit the model's own spec with trigger `drift:EVENT_ID` and an idempotency key per (model version,
window), audit every step. The same window checked twice, or by two daemons, makes one job."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from embgov.contracts import DriftEvent
from embgov.spec.loader import LoadedSpec

ACTOR = "embgov:daemon"
FIRES = ("drift", "degraded")


def idempotency_key(event: DriftEvent) -> str:
    """Per (model version, window). Checks read a sliding window (the last hour, say), so the window is
    named by the slot of its length that its end falls in: checks of the same traffic slot, by this
    daemon or another, share a key."""
    if not (event.window_start and event.window_end):
        return f"retune:{event.model}:{event.version}:{event.kind}:{event.event_id}"
    start, end = (datetime.fromisoformat(t.replace("Z", "+00:00")) for t in (event.window_start, event.window_end))
    length = max(int((end - start).total_seconds()), 1)
    return f"retune:{event.model}:{event.version}:{event.kind}:{length}s:{int(end.timestamp()) // length}"


def _record(event: DriftEvent, action: str, job_id: str | None) -> None:
    from sqlalchemy import insert

    from embgov.store.db import drift_events, get_engine

    with get_engine().begin() as conn:
        conn.execute(insert(drift_events).values(
            id=event.event_id, model=event.model, version=event.version, decision=event.decision, method=event.method,
            score=None if event.score is None else repr(event.score),
            threshold=None if event.threshold is None else repr(event.threshold),
            window_start=event.window_start, window_end=event.window_end, window_size=event.window_size,
            event_json=event.model_dump_json(), job_id=job_id, action=action, created_at=event.created_at))


def _job_with_key(key: str) -> str | None:
    from embgov.errors import StoreError
    from embgov.store.queue import get_job_by_key

    try:
        return get_job_by_key(key).id
    except StoreError:
        return None


def recent_retune(model: str, cooldown_s: int) -> Any | None:
    """The newest automatic (drift-triggered) job of `model` submitted within the cooldown, if any."""
    from sqlalchemy import select

    from embgov.store.db import get_engine, jobs, utc_in

    since = utc_in(-cooldown_s)
    stmt = (select(jobs.c.id, jobs.c.created_at).where(jobs.c.name == model, jobs.c.trigger.like("drift:%"),
                                                       jobs.c.created_at >= since)
            .order_by(jobs.c.created_at.desc()).limit(1))
    with get_engine().connect() as conn:
        return conn.execute(stmt).first()


def outcome(action: str, job_id: str | None = None, existing_job_id: str | None = None, **extra: Any) -> dict[str, Any]:
    """What a check led to. `job_id` is only ever a job this check enqueued; a job that was already there
    (for this window, or within the cooldown) is `existing_job_id`, so no reader takes it for a new one."""
    return {"action": action, "job_id": job_id, "existing_job_id": existing_job_id, **extra}


def describe(result: dict[str, Any]) -> str:
    """One line for people: `enqueued job X`, `cooldown: no new job; existing job X ...`, `none`."""
    action = result.get("action", "none")
    if action == "enqueued":
        return f"enqueued job {result['job_id']}"
    if action == "already-enqueued":
        return f"already-enqueued: no new job; existing job {result['existing_job_id']} covers this window"
    if action == "cooldown":
        return (f"cooldown: no new job; existing job {result['existing_job_id']} was enqueued at "
                f"{result.get('existing_enqueued_at') or '?'} (cooldown {result.get('cooldown') or '?'})")
    return action


def handle(event: DriftEvent, loaded: LoadedSpec, *, actor: str = ACTOR) -> dict[str, Any]:
    """Act on one check. Returns outcome(): action none|cooldown|enqueued|already-enqueued, `job_id` (the job
    enqueued now, else None) and `existing_job_id` (the job that made a new one unnecessary, else None)."""
    from embgov.audit import append
    from embgov.jobs import submit
    from embgov.spec.jobspec import duration_seconds

    if event.decision not in FIRES:
        return outcome("none")
    subject = f"model:{event.model}:{event.version}"
    figures = {"event_id": event.event_id, "decision": event.decision, "method": event.method, "score": event.score,
               "threshold": event.threshold, "window_size": event.window_size, "window_start": event.window_start}
    key = idempotency_key(event)
    existing = _job_with_key(key)
    if existing is not None:  # this window already has its job (an earlier check, or another daemon)
        _record(event, f"already-enqueued job {existing}", existing)
        append(actor, "drift.event", subject, {**figures, "action": "already-enqueued", "existing_job_id": existing})
        return outcome("already-enqueued", existing_job_id=existing)
    window = loaded.spec.monitoring.cooldown if loaded.spec.monitoring else None
    cooldown = duration_seconds(window) if window else 0
    previous = recent_retune(event.model, cooldown) if cooldown else None
    if previous is not None:
        action = f"cooldown: no new job; existing job {previous.id} was enqueued at {previous.created_at} (cooldown {window})"
        _record(event, action, None)
        append(actor, "drift.event", subject, {**figures, "action": "cooldown", "existing_job_id": previous.id})
        return outcome("cooldown", existing_job_id=previous.id, existing_enqueued_at=previous.created_at, cooldown=window)
    job, created = submit(loaded, trigger=f"drift:{event.event_id}", actor=actor, idempotency_key=key)
    if not created:  # another daemon submitted the same window's job a moment ago
        _record(event, f"already-enqueued job {job.id}", job.id)
        append(actor, "drift.event", subject, {**figures, "action": "already-enqueued", "existing_job_id": job.id})
        return outcome("already-enqueued", existing_job_id=job.id)
    _record(event, f"enqueued job {job.id}", job.id)
    append(actor, "drift.event", subject, {**figures, "action": "enqueued", "job_id": job.id})
    return outcome("enqueued", job_id=job.id)


def list_events(model: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Recorded drift events, newest first (figures and the job they enqueued)."""
    from sqlalchemy import select

    from embgov.store.db import drift_events, get_engine

    stmt = select(drift_events).order_by(drift_events.c.created_at.desc()).limit(limit)
    if model:
        stmt = stmt.where(drift_events.c.model == model)
    with get_engine().connect() as conn:
        rows = conn.execute(stmt).all()
    return [{**{k: v for k, v in r._mapping.items() if k != "event_json"},
             "reasons": json.loads(r.event_json).get("reasons", [])} for r in rows]
