"""The daemon's scheduler logic without a registry: leadership between two daemons on one database
(SQLite and Postgres), the persistent schedule's reconciliation, triggers from spec schedules."""

from __future__ import annotations

import time

import pytest

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


def test_the_schedule_persists_in_the_database(db_url, monkeypatch, wanted, make):
    """A restarted daemon (a new process, a new owner) finds the schedule where the old one left it."""
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    wanted["m1"] = "1h"
    first = make("a", ttl=1)
    first.lead()
    first.reconcile()
    time.sleep(1.2)
    wanted.clear()  # the registry is unreachable at restart: nothing to reconcile against
    second = make("b", ttl=1)
    second.lead()
    assert [j.id for j in second.scheduler.get_jobs(jobstore=service.STORE)] == ["check:m1"]


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
