"""The daemon's scheduler logic without a registry: leadership between two daemons on one database
(SQLite and Postgres), the schedule's reconciliation and what survives a restart, no pickles, triggers from spec schedules."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
pytest.importorskip("apscheduler")  # a stage library the code under test needs

from embgov.daemon import service
from embgov.daemon.service import Daemon, DaemonConfig, load_config, trigger_for
from embgov.errors import SpecError


@pytest.fixture
def wanted(monkeypatch):
    models: dict[str, str] = {}
    monkeypatch.setattr(service, "monitored", lambda config: dict(models))
    return models


@pytest.fixture(autouse=True)
def background(monkeypatch):
    """A BackgroundScheduler started paused stands in for the BlockingScheduler (which would block the
    test): same job stores and jobs, and nothing fires."""
    import apscheduler.schedulers.blocking as blocking
    from apscheduler.schedulers.background import BackgroundScheduler

    monkeypatch.setattr(blocking, "BlockingScheduler", BackgroundScheduler)
    started: list = []
    yield started
    for d in started:
        d.scheduler.shutdown(wait=False)


@pytest.fixture
def make(background):
    def _daemon(owner: str, ttl: float = 30) -> Daemon:
        d = Daemon(DaemonConfig(metrics_port=0, leader_ttl_seconds=ttl), owner=owner, say=lambda m: None)
        d.scheduler.start(paused=True)
        background.append(d)
        return d
    return _daemon


def test_one_leader_and_a_standby_that_takes_over(db_url, monkeypatch, wanted, make):
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    a, b = make("a", ttl=1), make("b", ttl=1)
    a.lead()
    b.lead()
    assert a.leading and not b.leading
    assert a.metrics["leader"]._value.get() == 1 and b.metrics["leader"]._value.get() == 0
    time.sleep(1.2)  # a stops renewing (as if killed); its lease runs out
    b.lead()
    assert b.leading
    a.lead()  # a comes back: it finds it lost leadership and detaches the schedule
    assert not a.leading and service.STORE not in a.scheduler._jobstores


def test_reconcile_adds_keeps_changes_and_removes(db_url, monkeypatch, wanted, make):
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    d = make("a")
    wanted["m1"] = "1h"
    d.lead()
    assert d.scheduler.get_job("reconcile").next_run_time is not None  # asked to run at once
    d.reconcile()
    [job] = d.scheduler.get_jobs(jobstore=service.STORE)
    assert job.id == "check:m1" and job.args == ("m1",) and str(job.trigger) == str(trigger_for("1h"))
    d.reconcile()  # unchanged: the same job, not replaced
    assert [j.id for j in d.scheduler.get_jobs(jobstore=service.STORE)] == ["check:m1"]
    wanted["m1"], wanted["m2"] = "15m", "0 */6 * * *"
    d.reconcile()
    jobs = {j.id: str(j.trigger) for j in d.scheduler.get_jobs(jobstore=service.STORE)}
    assert jobs == {"check:m1": str(trigger_for("15m")), "check:m2": str(trigger_for("0 */6 * * *"))}
    wanted.clear()
    d.reconcile()
    assert d.scheduler.get_jobs(jobstore=service.STORE) == []


def test_the_last_check_survives_a_restart_in_plain_columns(db_url, monkeypatch, wanted, make):
    """A new leader (a new process, a new owner) rebuilds the schedule from the registry, and its first run
    follows the last check the old leader recorded: a check missed in between is caught up."""
    from apscheduler.events import EVENT_JOB_EXECUTED, JobExecutionEvent
    from sqlalchemy import select

    from embgov.store import get_engine
    from embgov.store.db import daemon_checks

    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    wanted["m1"] = "1h"
    first = make("a", ttl=1)
    first.lead()
    first.reconcile()
    ran = datetime.now(timezone.utc) - timedelta(hours=2)
    first._ran(JobExecutionEvent(EVENT_JOB_EXECUTED, "check:m1", service.STORE, ran, retval={"action": "none"}))
    time.sleep(1.2)
    second = make("b", ttl=1)
    second.lead()
    assert second.scheduler.get_jobs(jobstore=service.STORE) == []  # nothing read back from the database
    second.reconcile()
    [job] = second.scheduler.get_jobs(jobstore=service.STORE)
    assert job.id == "check:m1" and job.next_run_time == ran + timedelta(hours=1)  # overdue: runs at once
    with get_engine().connect() as conn:
        [row] = conn.execute(select(daemon_checks)).all()
    assert (row.model, row.schedule, row.last_outcome, row.updated_by) == ("m1", "1h", "none", "b")
    assert datetime.fromisoformat(row.last_run_at.replace("Z", "+00:00")) == ran
    wanted.clear()
    second.reconcile()
    with get_engine().connect() as conn:
        assert conn.execute(select(daemon_checks)).all() == []  # no longer monitored: forgotten


class _Marker:
    """Unpickling this writes a file: stands for any code a pickle can run."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_a_pickle_in_the_database_is_never_executed(db_url, monkeypatch, wanted, make, tmp_path):
    import pickle

    from apscheduler.jobstores.memory import MemoryJobStore
    from sqlalchemy import Column, Float, LargeBinary, MetaData, String, Table, select

    from embgov.store import get_engine

    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    pickle.loads(pickle.dumps(_Marker(str(tmp_path / "control"))))
    assert (tmp_path / "control").exists()  # the payload does run when unpickled
    marker = tmp_path / "pwned"
    table = Table("apscheduler_jobs", MetaData(), Column("id", String(191), primary_key=True),
                  Column("next_run_time", Float, index=True), Column("job_state", LargeBinary, nullable=False))
    engine = get_engine()
    with engine.begin() as conn:  # as APScheduler's SQLAlchemyJobStore lays it out, with a job due now
        table.create(conn, checkfirst=True)
        conn.execute(table.insert().values(id="check:m1", next_run_time=time.time() - 1,
                                           job_state=pickle.dumps(_Marker(str(marker)))))
    wanted["m1"] = "1h"
    d = make("a")
    monkeypatch.setitem(service._runtime, "daemon", d)  # for the leadership job once resumed
    d.lead()
    d.reconcile()
    d.scheduler.resume()
    d.scheduler.wakeup()
    time.sleep(1.5)
    assert d.leading and not marker.exists()
    assert all(isinstance(store, MemoryJobStore) for store in d.scheduler._jobstores.values())
    with engine.connect() as conn:
        assert conn.execute(select(table.c.id)).scalars().all() == ["check:m1"]  # never read, so never removed


def test_scheduled_checkpoints(db_url, monkeypatch, wanted, background, tmp_path):
    from embgov.audit import append
    from embgov.audit.checkpoint import verify_checkpoints

    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    plain = Daemon(DaemonConfig(metrics_port=0), owner="p", say=lambda m: None)
    assert plain.scheduler.get_job("checkpoint") is None  # off without a directory
    d = Daemon(DaemonConfig(metrics_port=0, checkpoint_dir=str(tmp_path / "cp"), checkpoint_every=60),
               owner="a", say=lambda m: None)
    assert d.scheduler.get_job("checkpoint").trigger.interval.total_seconds() == 60
    append("alice", "job.submit", "job:1", {})
    d.lead()
    d.checkpoint()
    assert verify_checkpoints(tmp_path / "cp").checked == 1
    assert d.metrics["checkpoints"].labels("written")._value.get() == 1


def test_triggers_and_config(tmp_path):
    assert trigger_for("90s").interval.total_seconds() == 90
    assert "cron" in str(trigger_for("*/5 * * * *"))
    path = tmp_path / "daemon.yaml"
    path.write_text("metrics_port: 0\nleader_ttl_seconds: 5\nmodels: [a]\n")
    assert load_config(str(path)) == DaemonConfig(metrics_port=0, leader_ttl_seconds=5, models=["a"])
    path.write_text("metric_port: 1\n")
    with pytest.raises(SpecError, match="metric_port"):
        load_config(str(path))


def test_metrics_endpoint(make, db_url, monkeypatch, wanted):
    import socket
    import urllib.request

    from prometheus_client import start_http_server

    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    d = make("a")
    d.lead()
    d.metrics["checks"].labels("m1", "drift").inc()
    d.metrics["score"].labels("m1", "model").set(0.93)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server, thread = start_http_server(port, addr="127.0.0.1", registry=d.registry)
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    finally:
        server.shutdown()
    assert "embgov_daemon_leader 1.0" in body
    assert 'embgov_monitor_checks_total{decision="drift",model="m1"} 1.0' in body
    assert 'embgov_drift_score{method="model",model="m1"} 0.93' in body
