"""The queue on SQLite and on a real Postgres: idempotency, atomic claims under concurrency
(threads and processes), leases that expire, retries, cancellation, release, stage timings."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time

import pytest

from embgov.errors import StoreError
from embgov.store import dispose_all, get_engine
from embgov.store import queue as q


def _add(engine, n=1, **kw):
    made = []
    for i in range(n):
        job, created = q.enqueue(name=kw.get("name", "job"), spec_hash="h" * 64, spec_json="{}", trigger="person:t",
                                 max_attempts=kw.get("max_attempts", 1), priority=kw.get("priority", 0),
                                 idempotency_key=kw.get("key"), engine=engine)
        made.append(job)
    return made


def test_enqueue_get_list(db_url):
    engine = get_engine(db_url)
    a, b = _add(engine, 2)
    assert a.state == "queued" and a.attempts == 0 and a.id != b.id
    assert q.get_job(a.id, engine=engine) == a
    assert {j.id for j in q.list_jobs(engine=engine)} == {a.id, b.id}
    assert q.list_jobs(state="running", engine=engine) == []
    with pytest.raises(StoreError, match="no job"):
        q.get_job("nope", engine=engine)


def test_idempotency_key_never_makes_a_second_job(db_url):
    engine = get_engine(db_url)
    results: list = []

    def go():
        results.append(q.enqueue(name="j", spec_hash="h", spec_json="{}", trigger="drift:e1",
                                 idempotency_key="m:3:w1", engine=engine))

    threads = [threading.Thread(target=go) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len({job.id for job, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert len(q.list_jobs(engine=engine)) == 1


def test_claim_order_priority_then_age(db_url):
    engine = get_engine(db_url)
    old, = _add(engine)
    time.sleep(0.01)
    new, = _add(engine)
    urgent, = _add(engine, priority=5)
    got = [q.claim("w", lease_seconds=30, engine=engine).id for _ in range(3)]
    assert got == [urgent.id, old.id, new.id]
    assert q.claim("w", lease_seconds=30, engine=engine) is None


def _claim_all(url: str, owner: str, out) -> None:
    engine = get_engine(url)
    while (job := q.claim(owner, lease_seconds=60, engine=engine)) is not None:
        out.put(job.id)
    dispose_all()


def test_two_workers_never_claim_the_same_job(db_url):
    """6 threads and 2 processes race for 40 jobs: each is claimed exactly once."""
    engine = get_engine(db_url)
    ids = {j.id for j in _add(engine, 40)}
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_claim_all, args=(db_url, f"proc-{i}", out)) for i in range(2)]
    threads = [threading.Thread(target=_claim_all, args=(db_url, f"thread-{i}", out)) for i in range(6)]
    [p.start() for p in procs]
    [t.start() for t in threads]
    [t.join() for t in threads]
    [p.join(120) for p in procs]
    claimed = []
    while len(claimed) < 40:
        claimed.append(out.get(timeout=30))
    assert sorted(claimed) == sorted(ids)  # every job once, none twice
    assert all(j.state == "running" and j.attempts == 1 for j in q.list_jobs(engine=get_engine(db_url)))


def test_an_expired_lease_goes_back_to_the_queue_and_the_old_owner_is_shut_out(db_url):
    engine = get_engine(db_url)
    job, = _add(engine, max_attempts=2)
    first = q.claim("dead-worker", lease_seconds=0.2, engine=engine)
    assert first.id == job.id and q.claim("other", lease_seconds=30, engine=engine) is None
    time.sleep(0.4)
    second = q.claim("other", lease_seconds=30, engine=engine)
    assert second.id == job.id and second.attempts == 2 and second.lease_owner == "other"
    assert not q.heartbeat(job.id, "dead-worker", lease_seconds=30, engine=engine)
    assert q.finish(job.id, "dead-worker", "succeeded", engine=engine) is None
    assert q.heartbeat(job.id, "other", lease_seconds=30, engine=engine)
    done = q.finish(job.id, "other", "succeeded", outputs={"model": "m:1"}, engine=engine)
    assert done.state == "succeeded" and done.outputs == {"model": "m:1"} and done.finished_at


def test_an_expired_lease_without_attempts_left_fails_the_job(db_url):
    engine = get_engine(db_url)
    job, = _add(engine, max_attempts=1)
    q.claim("dead", lease_seconds=0.1, engine=engine)
    time.sleep(0.3)
    assert q.claim("other", lease_seconds=30, engine=engine) is None
    gone = q.get_job(job.id, engine=engine)
    assert gone.state == "failed" and "no attempts are left" in gone.error


def test_retry_requeues_until_attempts_run_out(db_url):
    engine = get_engine(db_url)
    job, = _add(engine, max_attempts=2)
    q.claim("w", lease_seconds=30, engine=engine)
    again = q.finish(job.id, "w", "failed", error="boom", retry=True, engine=engine)
    assert again.state == "queued" and again.error == "boom" and again.finished_at is None
    q.claim("w", lease_seconds=30, engine=engine)
    final = q.finish(job.id, "w", "failed", error="boom again", retry=True, engine=engine)
    assert final.state == "failed" and final.attempts == 2 and final.finished_at


def test_cancel_queued_running_and_finished(db_url):
    engine = get_engine(db_url)
    a, b = _add(engine, 2)
    assert q.cancel(a.id, engine=engine).state == "cancelled"
    running = q.claim("w", lease_seconds=30, engine=engine)
    assert running.id == b.id
    q.cancel(b.id, engine=engine)
    assert not q.heartbeat(b.id, "w", lease_seconds=30, engine=engine)  # the worker learns it must stop
    assert q.finish(b.id, "w", "succeeded", engine=engine) is None  # and cannot overwrite the cancellation
    assert q.get_job(b.id, engine=engine).state == "cancelled"
    with pytest.raises(StoreError, match="only queued or running"):
        q.cancel(a.id, engine=engine)


def test_release_hands_back_without_counting_the_attempt(db_url):
    engine = get_engine(db_url)
    job, = _add(engine)
    q.claim("w", lease_seconds=30, engine=engine)
    assert q.release(job.id, "w", engine=engine)
    back = q.get_job(job.id, engine=engine)
    assert back.state == "queued" and back.attempts == 0 and back.lease_owner is None


def test_stage_timings(db_url):
    engine = get_engine(db_url)
    job, = _add(engine)
    claimed = q.claim("w", lease_seconds=30, engine=engine)
    for stage in ("gate", "pairs", "train"):
        assert q.set_stage(job.id, "w", stage, attempt=claimed.attempts, engine=engine)
    assert not q.set_stage(job.id, "intruder", "evaluate", attempt=1, engine=engine)
    q.finish(job.id, "w", "failed", error="x", engine=engine)
    rows = q.stage_timings(job.id, engine=engine)
    assert [(r["stage"], r["state"]) for r in rows] == [("gate", "done"), ("pairs", "done"), ("train", "failed")]
    assert all(r["finished_at"] >= r["started_at"] for r in rows)
    assert q.get_job(job.id, engine=engine).stage == "train"
