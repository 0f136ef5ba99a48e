"""The loop closed, for real: a job trained, evaluated and promoted (its reference captured at
promotion), drifting telemetry ingested, then two `embgov daemon` processes on one database. One
leads and checks; drift enqueues exactly one re-tuning job named by its event; the leader is killed
with SIGKILL and the standby takes over, rebuilding the schedule from the registry; a restarted daemon stays passive;
still one job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import inspect, text

import trainkit as kit

pytestmark = pytest.mark.integration
MONITORING = "monitoring: {schedule: 2s, min_window: 20, cooldown: 24h, drift: {method: distance}}\n"


def _daemon(config) -> subprocess.Popen:
    log = config.parent / f"daemon-{time.time_ns()}.log"
    proc = subprocess.Popen([sys.executable, "-m", "embgov.cli.main", "daemon", "--config", str(config)],
                            env=os.environ.copy(), stdout=log.open("wb"), stderr=subprocess.STDOUT)
    proc.log = log
    return proc


def _until(predicate, within: float, what: str):
    deadline = time.time() + within
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def _drift_jobs():
    from embgov.store.queue import list_jobs

    return [j for j in list_jobs(limit=None) if j.trigger.startswith("drift:")]


def _leader_pid() -> int | None:
    from embgov.store.leader import holder

    h = holder("embgov-daemon")
    return int(h["owner"].split(":")[1]) if h and not h["expired"] else None


def test_drift_to_one_retuning_job_across_a_killed_leader_and_a_standby(ray_local, tmp_path, tiny_model, monkeypatch):
    from embgov.cli.main import cli
    from embgov.daemon.retune import list_events
    from embgov.store import get_engine

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    spec = kit.write_job(tmp_path, tiny_model)
    spec.write_text(spec.read_text() + MONITORING)
    ran = CliRunner().invoke(cli, ["run", str(spec), "--json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["outputs"]["promoted"] is True
    assert "reference:" in ran.stderr  # captured at promotion

    # Production traffic that has moved away from the reference (the evaluation queries).
    rng = np.random.default_rng(0)
    drifted = rng.normal(size=(60, 32)).astype(np.float32) + 3.0
    np.save(tmp_path / "window.npy", drifted / np.linalg.norm(drifted, axis=1, keepdims=True))
    ingested = CliRunner().invoke(cli, ["telemetry", "ingest", "mini-run", str(tmp_path / "window.npy")])
    assert ingested.exit_code == 0, ingested.output

    config = tmp_path / "daemon.yaml"
    config.write_text("metrics_port: 0\nleader_ttl_seconds: 3\nreconcile_seconds: 2\nmisfire_grace_seconds: 60\n")
    daemons = [_daemon(config), _daemon(config)]
    try:
        first_job = _until(_drift_jobs, 180, "a re-tuning job")
        leader = _until(_leader_pid, 30, "a leader")
        [victim] = [d for d in daemons if d.pid == leader]
        standby = next(d for d in daemons if d is not victim)
        victim.send_signal(signal.SIGKILL)
        victim.wait(10)
        _until(lambda: _leader_pid() == standby.pid, 60, "the standby to take over")
        n_events = len(list_events("mini-run", limit=1000))
        _until(lambda: len(list_events("mini-run", limit=1000)) > n_events, 60, "a check by the new leader")
        restarted = _daemon(config)
        daemons.append(restarted)
        _until(lambda: "started" in restarted.log.read_text(), 60, "the restarted daemon")
        time.sleep(4)  # several leadership rounds
        assert _leader_pid() == standby.pid  # the restarted daemon waits as a standby
        assert "leader;" not in restarted.log.read_text()
    finally:
        for d in daemons:
            if d.poll() is None:
                d.send_signal(signal.SIGTERM)
        codes = [d.wait(60) for d in daemons]
    assert codes.count(-signal.SIGKILL) == 1 and codes.count(0) == 2, codes

    [job] = _drift_jobs()  # one job, however many checks and daemons saw the drift
    assert job.id == first_job[0].id and job.state == "queued" and job.name == "mini-run"
    events = list_events("mini-run", limit=1000)
    assert job.trigger == f"drift:{events[-1]['id']}" and events[-1]["action"] == f"enqueued job {job.id}"
    assert all(e["job_id"] == job.id for e in events)
    assert all(e["action"].startswith(("already-enqueued", "cooldown", "enqueued")) for e in events)
    with get_engine().connect() as conn:
        rows = conn.execute(text("SELECT model, last_run_at FROM daemon_checks")).all()
    assert [r.model for r in rows] == ["mini-run"] and rows[0].last_run_at  # the last check survived the kill, once
    assert "apscheduler_jobs" not in inspect(get_engine()).get_table_names()  # no pickled schedule, ever
    assert CliRunner().invoke(cli, ["audit", "verify"]).exit_code == 0
