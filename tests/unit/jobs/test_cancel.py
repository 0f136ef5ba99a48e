"""`embgov jobs cancel` on a running job: the attempt running it sees the change within seconds, stops
(cooperatively through `should_stop`, or by an interrupt for a stage without a hook), nothing more is
recorded, and the stage it was in reads `cancelled`; Ctrl-C writes the same `job.cancel` event."""

from __future__ import annotations

import signal
import time

import pytest
from click.testing import CliRunner

import trainkit as kit
from embgov import pipeline
from embgov.audit import list_events, verify
from embgov.cli.main import cli
from embgov.jobs import Cancelled, LeaseLost, StopWatch, execute, submit
from embgov.spec import load_spec
from embgov.store import queue as q
from hostkit import job_host

pytestmark = job_host


@pytest.fixture
def claimed(tmp_path):
    submit(load_spec(kit.write_job(tmp_path, "minilm-l6")), trigger="person:t", actor="t")
    return q.claim("w", lease_seconds=60, runs_root=str(tmp_path / "runs"))


def _cooperative(cancel_at: str = "train"):
    """A pipeline that enters gate, pairs, train; is cancelled (as by another process) in `cancel_at`,
    then waits for should_stop as the train stage's Ray abort does."""
    def run_job(loaded, run_dir, *, stage, should_stop, job_id, **kw):
        for name in ("gate", "pairs", "train"):
            stage(name)
            if name == cancel_at:
                q.cancel(job_id, actor="dana")
                deadline = time.monotonic() + 10
                while not should_stop():
                    assert time.monotonic() < deadline, "should_stop never turned true"
                    time.sleep(0.02)
                raise RuntimeError("the aborted Ray run's own error")
        pytest.fail("the pipeline went past the cancelled stage")
    return run_job


def test_the_watch_fires_within_its_poll_on_cancel_and_on_a_lost_lease(claimed):
    with StopWatch(claimed.id, "w", poll=0.05) as watch:
        time.sleep(0.2)
        assert not watch.should_stop()
        q.cancel(claimed.id, actor="dana")
        started = time.monotonic()
        while not watch.should_stop():
            assert time.monotonic() - started < 2
            time.sleep(0.01)
    assert isinstance(watch.error(), Cancelled)
    other = StopWatch(claimed.id, "someone-else", poll=0.05)  # not held by this owner: a lost lease, not a cancel
    other.state = "running"
    assert type(other.error()) is LeaseLost


def test_a_cancel_stops_the_attempt_and_closes_its_stage_as_cancelled(claimed, monkeypatch):
    fake = _cooperative()
    monkeypatch.setattr(pipeline, "run_job", lambda *a, **k: fake(*a, job_id=claimed.id, **k))
    started = time.monotonic()
    with pytest.raises(Cancelled):
        execute(claimed, "w", say=lambda m: None, watch=StopWatch(claimed.id, "w", poll=0.05))
    assert time.monotonic() - started < 5
    job = q.get_job(claimed.id)
    assert job.state == "cancelled" and job.stage == "train" and "cancelled by dana in stage train" in job.error
    assert [(s["stage"], s["state"]) for s in q.stage_timings(job.id)] == [
        ("gate", "done"), ("pairs", "done"), ("train", "cancelled")]
    shown = CliRunner().invoke(cli, ["jobs", "show", job.id])
    assert "train     cancelled" in shown.stdout and "running" not in shown.stdout.split("stage ")[-1]
    assert "cancelled:\n  cancelled by dana" in shown.stdout and "error:" not in shown.stdout
    [event] = list_events(action="job.cancel", subject=f"job:{job.id}")
    assert event.actor == "dana" and event.payload["stage"] == "train" and event.payload["from"] == "running"
    assert not list_events(action="job.cancelled") and verify().ok


def test_a_stage_without_a_hook_is_interrupted_after_the_grace(claimed, monkeypatch):
    def deaf(loaded, run_dir, *, stage, should_stop, **kw):
        stage("gate")
        q.cancel(claimed.id, actor="dana")
        time.sleep(30)  # a stage that never looks at should_stop
        pytest.fail("not interrupted")

    monkeypatch.setattr(pipeline, "run_job", deaf)
    # An attempt runs with Python's own Ctrl-C handler (a worker's child process, or `embgov run`); an
    # earlier test in this process may have left another (Ray Train's TorchTrainer.fit installs one).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        started = time.monotonic()
        with pytest.raises(Cancelled):
            execute(claimed, "w", say=lambda m: None, watch=StopWatch(claimed.id, "w", poll=0.05, grace=0.5))
        assert time.monotonic() - started < 5
    finally:
        signal.signal(signal.SIGINT, previous)


def test_embgov_run_says_the_run_directory_and_exits_4_on_cancel(tmp_path, monkeypatch):
    spec = kit.write_job(tmp_path, "minilm-l6")

    def run_job(loaded, run_dir, **kw):
        [job] = q.list_jobs()
        return _cooperative()(loaded, run_dir, job_id=job.id, **kw)

    monkeypatch.setattr(pipeline, "run_job", run_job)
    result = CliRunner().invoke(cli, ["run", str(spec)])
    [job] = q.list_jobs()
    assert result.exit_code == 4, result.output
    assert f"job {job.id}: run directory {job.run_dir}" in result.stderr and "None" not in result.stderr
    assert f"job {job.id}: cancelled while in stage train; the attempt stopped" in result.stderr
    assert result.stdout.strip().endswith(f"job {job.id}: cancelled")


def test_ctrl_c_in_run_records_job_cancel_with_its_reason(tmp_path, monkeypatch):
    spec = kit.write_job(tmp_path, "minilm-l6")

    def interrupted(loaded, run_dir, *, stage, **kw):
        stage("gate")
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run_job", interrupted)
    result = CliRunner().invoke(cli, ["run", str(spec), "--by", "ana"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # click: "Aborted!"
    [job] = q.list_jobs()
    assert job.state == "cancelled" and "Ctrl-C" in job.error
    assert f"job {job.id}: cancelled in stage gate: interrupted in the foreground (Ctrl-C)" in result.stderr
    [event] = list_events(action="job.cancel", subject=f"job:{job.id}")
    assert event.actor == "ana" and "Ctrl-C" in event.payload["reason"] and event.payload["stage"] == "gate"
    assert [s["state"] for s in q.stage_timings(job.id)] == ["cancelled"]


def test_a_ctrl_c_whose_keyboardinterrupt_was_swallowed_still_cancels(tmp_path, monkeypatch):
    """CI saw it: Ctrl-C during training, the KeyboardInterrupt lost inside a library (one raised in a
    __del__ is only printed), and the job trained on, evaluated and exited 0."""
    spec = kit.write_job(tmp_path, "minilm-l6")

    def swallowing(loaded, run_dir, *, stage, should_stop, **kw):
        stage("gate")
        stage("train")
        try:
            signal.raise_signal(signal.SIGINT)  # the person presses Ctrl-C
            time.sleep(0.1)
        except KeyboardInterrupt:
            pass  # ...and a library swallows it
        deadline = time.monotonic() + 10
        while not should_stop():  # the train stage's StopWatch: it aborts the Ray run when this turns true
            assert time.monotonic() < deadline, "the swallowed Ctrl-C never stopped the attempt"
            time.sleep(0.02)
        raise RuntimeError("the aborted Ray run's own error")

    monkeypatch.setattr(pipeline, "run_job", swallowing)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = CliRunner().invoke(cli, ["run", str(spec), "--by", "ana"])
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # `embgov run` put it back
    finally:
        signal.signal(signal.SIGINT, previous)
    assert result.exit_code == 1, result.output
    [job] = q.list_jobs()
    assert job.state == "cancelled" and job.outputs is None and "Ctrl-C" in job.error
    assert f"job {job.id}: cancelled in stage train: interrupted in the foreground (Ctrl-C)" in result.stderr
    [event] = list_events(action="job.cancel", subject=f"job:{job.id}")
    assert event.actor == "ana" and "Ctrl-C" in event.payload["reason"]
    assert [(s["stage"], s["state"]) for s in q.stage_timings(job.id)] == [("gate", "done"), ("train", "cancelled")]
