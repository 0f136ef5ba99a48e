"""Every state change of a job commits with its audit event: claim, lease expiry (re-queue or fail),
finish, release, cancel, and Ctrl-C in `embgov run`. An audit write that fails rolls the change back."""

from __future__ import annotations

import threading
import time

import pytest

from embgov.audit import list_events, verify
from embgov.audit import log as audit_log
from embgov.errors import AuditError
from embgov.store import get_engine
from embgov.store.db import jobs as jobs_table
from embgov.store import queue as q


def _job(engine, max_attempts=1):
    return q.enqueue(name="job", spec_hash="h" * 64, spec_json="{}", trigger="person:t", max_attempts=max_attempts,
                     engine=engine)[0]


def _events(engine, job, action=None):
    return [(e.action, e.actor, e.payload) for e in list_events(subject=f"job:{job.id}", action=action, limit=None,
                                                                engine=engine)]


def _broken_audit(monkeypatch):
    def fail(*a, **k):
        raise AuditError("cannot write the audit log: disk full")

    monkeypatch.setattr(audit_log, "append_in", fail)


def test_claim_and_finish_leave_events(db_url):
    engine = get_engine(db_url)
    job = _job(engine)
    q.claim("w1", lease_seconds=30, engine=engine)
    q.finish(job.id, "w1", "succeeded", details={"model": "m:1"}, engine=engine)
    assert _events(engine, job) == [
        ("job.claim", "worker:w1", {"attempt": 1, "owner": "w1"}),
        ("job.succeeded", "worker:w1", {"attempt": 1, "stage": None, "model": "m:1"})]
    assert verify(engine=engine).ok


@pytest.mark.parametrize("max_attempts, state", [(2, "queued"), (1, "failed")])
def test_a_lease_expiry_leaves_an_event(db_url, max_attempts, state):
    engine = get_engine(db_url)
    job = _job(engine, max_attempts)
    q.claim("dead", lease_seconds=0.1, engine=engine)
    q.set_stage(job.id, "dead", "train", attempt=1, engine=engine)
    time.sleep(0.3)
    q.claim("other", lease_seconds=30, engine=engine)  # the next claim notices the expired lease
    expired = _events(engine, job, "job.lease_expired")
    assert expired == [("job.lease_expired", "worker:other",
                        {"state": state, "attempt": 1, "owner": "dead", "stage": "train"})]
    now = q.get_job(job.id, engine=engine)
    assert now.state == ("running" if state == "queued" else "failed")  # re-queued, then claimed again
    assert verify(engine=engine).ok


def test_an_audit_failure_rolls_back_the_finish(db_url, monkeypatch):
    engine = get_engine(db_url)
    job = _job(engine)
    q.claim("w", lease_seconds=30, engine=engine)
    with monkeypatch.context() as m:
        _broken_audit(m)
        with pytest.raises(AuditError):
            q.finish(job.id, "w", "succeeded", outputs={"model": "m:1"}, engine=engine)
    still = q.get_job(job.id, engine=engine)
    assert still.state == "running" and still.lease_owner == "w" and still.outputs is None
    assert not _events(engine, job, "job.succeeded")
    assert q.finish(job.id, "w", "succeeded", engine=engine).state == "succeeded"  # the retry commits both
    assert [a for a, _, _ in _events(engine, job, "job.succeeded")] == ["job.succeeded"]


def test_an_audit_failure_rolls_back_the_claim_and_the_cancel(db_url, monkeypatch):
    engine = get_engine(db_url)
    job = _job(engine)
    with monkeypatch.context() as m:
        _broken_audit(m)
        with pytest.raises(AuditError):
            q.claim("w", lease_seconds=30, engine=engine)
        with pytest.raises(AuditError):
            q.cancel(job.id, engine=engine)
    assert q.get_job(job.id, engine=engine).state == "queued" and not _events(engine, job)


def test_retry_release_and_cancel_leave_events(db_url):
    engine = get_engine(db_url)
    job = _job(engine, max_attempts=3)
    q.claim("w", lease_seconds=30, engine=engine)
    q.finish(job.id, "w", "failed", error="boom", retry=True, engine=engine)
    q.claim("w", lease_seconds=30, engine=engine)
    assert q.release(job.id, "w", engine=engine)
    q.claim("w", lease_seconds=30, engine=engine)
    q.cancel(job.id, actor="dana", engine=engine)
    assert [(a, who) for a, who, _ in _events(engine, job)] == [
        ("job.claim", "worker:w"), ("job.retry", "worker:w"), ("job.claim", "worker:w"), ("job.release", "worker:w"),
        ("job.claim", "worker:w"), ("job.cancel", "dana")]
    assert _events(engine, job, "job.cancel")[0][2] == {"stage": None, "from": "running"}
    queued = _job(engine)
    q.cancel(queued.id, engine=engine)
    assert _events(engine, queued) == [("job.cancel", "cli", {"stage": None, "from": "queued"})]
    assert verify(engine=engine).ok


def test_concurrent_claimers_reap_each_expired_lease_once(db_url):
    engine = get_engine(db_url)
    made = [_job(engine, max_attempts=2) for _ in range(6)]
    for _ in made:  # a lease long enough that no claim here reaps another under load...
        q.claim("dead", lease_seconds=60, engine=engine)
    with engine.begin() as conn:  # ...then every one of them expired, as if "dead" had died long ago
        conn.execute(jobs_table.update().where(jobs_table.c.lease_owner == "dead")
                     .values(lease_expires_at="2000-01-01T00:00:00.000000Z"))
    got: list = []

    def work(owner):
        while (job := q.claim(owner, lease_seconds=30, engine=engine)) is not None:
            got.append(job.id)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert sorted(got) == sorted(j.id for j in made)
    for job in made:
        assert len(_events(engine, job, "job.lease_expired")) == 1 and len(_events(engine, job, "job.claim")) == 2
    assert verify(engine=engine).ok


def test_ctrl_c_in_run_cancels_with_an_event(db_url, monkeypatch):
    from embgov import worker

    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    job = _job(None)

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(worker, "run_attempt", interrupted)
    with pytest.raises(KeyboardInterrupt):
        worker.run_now(job, say=lambda m: None, actor="dana")
    assert q.get_job(job.id).state == "cancelled"
    (action, actor, payload), = _events(None, job, "job.cancel")  # the same event as `embgov jobs cancel`
    assert actor == "dana" and "Ctrl-C" in payload["reason"] and payload["attempt"] == 1
    assert not _events(None, job, "job.cancelled") and verify().ok
