"""The job queue: durable records in the state database, atomic claims, leases.

States: queued -> running -> succeeded | failed | blocked | cancelled; a running job whose lease
ran out (its worker died) goes back to queued while attempts remain, else to failed.

A claim is one transaction. On SQLite the transaction holds the write lock from its start
(BEGIN IMMEDIATE), so two workers cannot both see the same queued row; on Postgres the row is
taken with `FOR UPDATE SKIP LOCKED`, so concurrent claimers on any host pass over each other's
rows instead of waiting. Every later write by a worker is conditional on still holding the lease
(`lease_owner = me AND state = 'running'`): a worker that lost its lease can change nothing.

Every state change (claim, lease expiry, finish, release, cancel) appends its audit event inside the
same transaction, so the change and its record commit or roll back together. Job rows are locked
before the audit chain's lock is taken, always in that order, so writers cannot deadlock on them.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Engine, and_, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from embgov.errors import StoreError
from embgov.settings import from_home, to_home
from embgov.store.db import get_engine, jobs, runs, utc_in, utcnow
from embgov.store.names import COLUMN_MAX, check_actor, check_key, check_line

STATES = ("queued", "running", "succeeded", "failed", "blocked", "cancelled")
FINAL = ("succeeded", "failed", "blocked", "cancelled")


@dataclass(frozen=True)
class Job:
    id: str
    name: str
    spec_hash: str
    spec_json: str
    state: str
    stage: str | None
    trigger: str
    idempotency_key: str | None
    priority: int
    attempts: int
    max_attempts: int
    created_at: str
    updated_at: str
    started_at: str | None
    finished_at: str | None
    lease_owner: str | None
    lease_expires_at: str | None
    run_dir: str | None
    error: str | None
    outputs: dict[str, Any] | None

    def to_dict(self, *, spec: bool = False) -> dict[str, Any]:
        out = asdict(self)
        if not spec:
            out.pop("spec_json")
        return out


def _job(row) -> Job:
    data = dict(row._mapping)
    raw = data.pop("outputs_json")
    data["outputs"] = json.loads(raw) if raw else None
    if data.get("run_dir"):  # recorded relative to EMBGOV_HOME when it lies there (a moved home follows)
        data["run_dir"] = str(from_home(data["run_dir"]))
    if data["outputs"] and data["outputs"].get("run_dir"):
        data["outputs"]["run_dir"] = str(from_home(data["outputs"]["run_dir"]))
    return Job(**data)


def new_job_id() -> str:
    """Sortable by creation time (to the second), unique by its random tail."""
    return datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


def enqueue(*, name: str, spec_hash: str, spec_json: str, trigger: str, idempotency_key: str | None = None,
            max_attempts: int = 1, priority: int = 0, job_id: str | None = None, run_dir: str | None = None,
            audit: tuple[str, dict] | None = None, engine: Engine | None = None) -> tuple[Job, bool]:
    """Record a queued job, and its audit event (actor, payload) in the same transaction. Returns
    (job, created); with an idempotency key already used, the job that holds it and created=False:
    the same key never makes a second job."""
    from embgov.audit.log import append_in

    if idempotency_key is not None:
        check_key(idempotency_key)
    check_line(trigger, what="trigger", where="trigger", limit=COLUMN_MAX, error=StoreError,
               fix="person:NAME with a shorter --by")
    if audit is not None:
        check_actor(audit[0])
    engine = engine or get_engine()
    now, job_id = utcnow(), job_id or new_job_id()
    try:
        with engine.begin() as conn:
            if idempotency_key:
                found = conn.execute(select(jobs).where(jobs.c.idempotency_key == idempotency_key)).first()
                if found:
                    return _job(found), False
            conn.execute(insert(jobs).values(
                id=job_id, name=name, spec_hash=spec_hash, spec_json=spec_json, state="queued", trigger=trigger,
                idempotency_key=idempotency_key, priority=priority, attempts=0, max_attempts=max_attempts,
                created_at=now, updated_at=now, run_dir=run_dir))
            if audit is not None:
                append_in(conn, audit[0], "job.submit", f"job:{job_id}", audit[1])
    except IntegrityError:
        # Two submitters raced on one key (Postgres, where the read above does not lock): the
        # unique constraint let exactly one insert through; answer with that one.
        if not idempotency_key:
            raise
        return get_job_by_key(idempotency_key, engine=engine), False
    return get_job(job_id, engine=engine), True


def get_job(job_id: str, *, engine: Engine | None = None) -> Job:
    with (engine or get_engine()).connect() as conn:
        row = conn.execute(select(jobs).where(jobs.c.id == job_id)).first()
    if row is None:
        raise StoreError(f"no job {job_id!r}", where="jobs", fix="embgov jobs list shows the job ids")
    return _job(row)


def get_job_by_key(key: str, *, engine: Engine | None = None) -> Job:
    with (engine or get_engine()).connect() as conn:
        row = conn.execute(select(jobs).where(jobs.c.idempotency_key == key)).first()
    if row is None:
        raise StoreError(f"no job with idempotency key {key!r}", where="jobs")
    return _job(row)


def list_jobs(*, state: str | None = None, name: str | None = None, limit: int | None = 50,
              engine: Engine | None = None) -> list[Job]:
    """Newest first."""
    stmt = select(jobs).order_by(jobs.c.created_at.desc(), jobs.c.id.desc())
    if state:
        stmt = stmt.where(jobs.c.state == state)
    if name:
        stmt = stmt.where(jobs.c.name == name)
    if limit:
        stmt = stmt.limit(limit)
    with (engine or get_engine()).connect() as conn:
        return [_job(r) for r in conn.execute(stmt)]


def _actor(owner: str) -> str:
    return f"worker:{owner}"[:COLUMN_MAX]


def reap_expired(conn, actor: str) -> None:
    """Jobs whose worker stopped renewing its lease: back to the queue, or failed when out of attempts,
    each with a `job.lease_expired` event by `actor` (who noticed) in the caller's transaction."""
    from embgov.audit.log import append_in

    now = utcnow()
    # Locked in id order, so two claimers reaping at once take the rows in the same order.
    expired = conn.execute(select(jobs.c.id, jobs.c.attempts, jobs.c.max_attempts, jobs.c.lease_owner, jobs.c.stage)
                           .where(jobs.c.state == "running", jobs.c.lease_expires_at < now)
                           .order_by(jobs.c.id).with_for_update()).all()
    for row in expired:
        if row.attempts < row.max_attempts:
            values = dict(state="queued", error="the worker stopped renewing its lease (it died or lost the database); re-queued")
        else:
            values = dict(state="failed", finished_at=now, error="the worker stopped renewing its lease and no attempts are left")
        conn.execute(update(jobs).where(jobs.c.id == row.id).values(lease_owner=None, lease_expires_at=None,
                                                                    updated_at=now, **values))
        _close_stage(conn, row.id, "expired", now)
        append_in(conn, actor, "job.lease_expired", f"job:{row.id}",
                  {"state": values["state"], "attempt": row.attempts, "owner": row.lease_owner, "stage": row.stage})


def claim(owner: str, *, lease_seconds: float, job_id: str | None = None, runs_root: str | None = None,
          engine: Engine | None = None) -> Job | None:
    """Take the next queued job (or the one named) for `owner`, with a lease; None when there is none.
    `runs_root`: the claiming worker's directory of run directories; the job runs in RUNS_ROOT/ID
    (the same path on every host when EMBGOV_HOME is shared storage, so a retry elsewhere resumes)."""
    from embgov.audit.log import append_in

    engine = engine or get_engine()
    with engine.begin() as conn:
        reap_expired(conn, _actor(owner))
        stmt = select(jobs.c.id).where(jobs.c.state == "queued")
        stmt = stmt.where(jobs.c.id == job_id) if job_id else stmt.order_by(jobs.c.priority.desc(), jobs.c.created_at, jobs.c.id)
        found = conn.execute(stmt.limit(1).with_for_update(skip_locked=True)).scalar()
        if found is None:
            return None
        now = utcnow()
        done = conn.execute(update(jobs).where(jobs.c.id == found, jobs.c.state == "queued").values(
            state="running", lease_owner=owner, lease_expires_at=utc_in(lease_seconds), attempts=jobs.c.attempts + 1,
            started_at=func.coalesce(jobs.c.started_at, now), updated_at=now, error=None,
            run_dir=to_home(f"{runs_root.rstrip('/')}/{found}") if runs_root else jobs.c.run_dir))
        if done.rowcount != 1:  # cannot happen under the locks above; refuse rather than double-run
            return None
        job = _job(conn.execute(select(jobs).where(jobs.c.id == found)).first())
        append_in(conn, _actor(owner), "job.claim", f"job:{found}", {"attempt": job.attempts, "owner": owner})
        return job


def _held(job_id: str, owner: str):
    return and_(jobs.c.id == job_id, jobs.c.lease_owner == owner, jobs.c.state == "running")


def heartbeat(job_id: str, owner: str, *, lease_seconds: float, engine: Engine | None = None) -> bool:
    """Renew the lease. False when it is no longer ours (cancelled, or reaped after it expired)."""
    with (engine or get_engine()).begin() as conn:
        done = conn.execute(update(jobs).where(_held(job_id, owner)).values(
            lease_expires_at=utc_in(lease_seconds), updated_at=utcnow()))
        return done.rowcount == 1


def set_stage(job_id: str, owner: str, stage: str, *, attempt: int, engine: Engine | None = None) -> bool:
    """Record that the job entered `stage`: closes the previous stage's timing row, opens one for this."""
    now = utcnow()
    with (engine or get_engine()).begin() as conn:
        if conn.execute(update(jobs).where(_held(job_id, owner)).values(stage=stage, updated_at=now)).rowcount != 1:
            return False
        conn.execute(update(runs).where(runs.c.job_id == job_id, runs.c.attempt == attempt, runs.c.state == "running")
                     .values(state="done", finished_at=now))
        conn.execute(insert(runs).values(job_id=job_id, attempt=attempt, stage=stage, state="running", worker=owner,
                                         started_at=now))
    return True


def finish(job_id: str, owner: str, state: str, *, error: str | None = None, outputs: dict | None = None,
           retry: bool = False, actor: str | None = None, details: dict | None = None,
           engine: Engine | None = None) -> Job | None:
    """End the attempt. `retry` puts a failed job back in the queue when attempts remain. Returns the
    job, or None when the lease was no longer ours (nothing is changed then). The change and its audit
    event (job.STATE, or job.retry when re-queued; by `actor`, with `details`) commit together."""
    from embgov.audit.log import append_in

    if state not in FINAL:
        raise ValueError(f"not a final state: {state}")
    now = utcnow()
    with (engine or get_engine()).begin() as conn:
        row = conn.execute(select(jobs.c.attempts, jobs.c.max_attempts, jobs.c.stage)
                           .where(_held(job_id, owner)).with_for_update()).first()
        if row is None:
            return None
        requeue = retry and state == "failed" and row.attempts < row.max_attempts
        values = dict(state="queued" if requeue else state, lease_owner=None, lease_expires_at=None, updated_at=now,
                      error=error, finished_at=None if requeue else now)
        if outputs is not None:
            if outputs.get("run_dir"):
                outputs = {**outputs, "run_dir": to_home(outputs["run_dir"])}
            values["outputs_json"] = json.dumps(outputs, sort_keys=True, default=str)
        conn.execute(update(jobs).where(_held(job_id, owner)).values(**values))
        conn.execute(update(runs).where(runs.c.job_id == job_id, runs.c.attempt == row.attempts, runs.c.state == "running")
                     .values(state="failed" if state != "succeeded" else "done", finished_at=now))
        append_in(conn, actor or _actor(owner), "job.retry" if requeue else f"job.{state}", f"job:{job_id}",
                  {"attempt": row.attempts, "stage": row.stage, **(details or {})})
    return get_job(job_id, engine=engine)


def release(job_id: str, owner: str, *, engine: Engine | None = None) -> bool:
    """Hand a job back untouched (a worker asked to stop): queued again, the attempt not counted."""
    from embgov.audit.log import append_in

    with (engine or get_engine()).begin() as conn:
        done = conn.execute(update(jobs).where(_held(job_id, owner)).values(
            state="queued", lease_owner=None, lease_expires_at=None, attempts=jobs.c.attempts - 1, updated_at=utcnow()))
        if done.rowcount == 1:
            _close_stage(conn, job_id, "released", utcnow())
            append_in(conn, _actor(owner), "job.release", f"job:{job_id}", {"owner": owner})
        return done.rowcount == 1


def _close_stage(conn, job_id: str, state: str, now: str) -> None:
    """The stage row an attempt left open, closed as `state`: `jobs show` must not list a stage running
    after its attempt was stopped."""
    conn.execute(update(runs).where(runs.c.job_id == job_id, runs.c.state == "running").values(state=state, finished_at=now))


def cancel(job_id: str, *, actor: str = "cli", details: dict | None = None, engine: Engine | None = None) -> Job:
    """Cancel a queued or running job (the attempt running it sees the change within seconds and stops,
    see embgov.jobs.StopWatch); its open stage row is closed as `cancelled`. The `job.cancel` event by
    `actor` (with `details`, e.g. Ctrl-C's reason) commits with it; Ctrl-C in `embgov run` comes here too."""
    from embgov.audit.log import append_in

    check_actor(actor)
    now = utcnow()
    with (engine or get_engine()).begin() as conn:
        row = conn.execute(select(jobs.c.state, jobs.c.stage).where(jobs.c.id == job_id).with_for_update()).first()
        done = conn.execute(update(jobs).where(jobs.c.id == job_id, jobs.c.state.in_(("queued", "running"))).values(
            state="cancelled", lease_owner=None, lease_expires_at=None, updated_at=now, finished_at=now,
            error=(details or {}).get("reason") or f"cancelled by {actor}" + (f" in stage {row.stage}" if row and row.stage else "")))
        if done.rowcount == 1:
            _close_stage(conn, job_id, "cancelled", now)
            append_in(conn, actor, "job.cancel", f"job:{job_id}", {"stage": row.stage, "from": row.state, **(details or {})})
    job = get_job(job_id, engine=engine)
    if done.rowcount != 1:
        raise StoreError(f"job {job_id} is {job.state}; only queued or running jobs can be cancelled", where=f"job {job_id}")
    return job


def stage_timings(job_id: str, *, engine: Engine | None = None) -> list[dict[str, Any]]:
    """One row per (attempt, stage): worker, state, start and end."""
    stmt = select(runs).where(runs.c.job_id == job_id).order_by(runs.c.id)
    with (engine or get_engine()).connect() as conn:
        return [{k: v for k, v in r._mapping.items() if k not in ("id", "job_id", "details_json")} for r in conn.execute(stmt)]
