"""The worker's supervision of an attempt (a child process): success, a crashed attempt, cancellation,
a graceful stop, and `kill -9` of the worker itself (its attempt dies with it; the lease runs out and
another worker takes the job). The attempt is a stand-in here; tests/integration/jobs runs the real one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from embgov.store import queue as q
from embgov.worker import Worker, runs_root

FAKE = Path(__file__).with_name("fake_attempt.py")


def _fake(mode: str):
    return lambda job, owner: [sys.executable, str(FAKE), job.id, owner, mode]


def _run(job) -> Path:
    return Path(runs_root()) / job.id


def _job(max_attempts=2) -> q.Job:
    job, _ = q.enqueue(name="fake", spec_hash="h", spec_json="{}", trigger="person:t", max_attempts=max_attempts)
    return job


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.time() + within
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _wait_for(path: Path, within: float = 30.0) -> str:
    deadline = time.time() + within
    while time.time() < deadline:
        if path.is_file() and path.read_text():
            return path.read_text()
        time.sleep(0.1)
    raise AssertionError(f"{path} never appeared")


def test_a_successful_attempt():
    job = _job()
    assert Worker(lease_seconds=2, say=lambda m: None, child_argv=_fake("ok")).run(once=True) == 1
    done = q.get_job(job.id)
    assert done.state == "succeeded" and done.outputs == {"model": "fake:1"} and done.attempts == 1
    assert "fake attempt ok" in (_run(job) / "job.log").read_text()


def test_once_on_an_empty_queue_returns_at_once():
    assert Worker(say=lambda m: None).run(once=True) == 0


@pytest.mark.parametrize("attempts, state", [(2, "queued"), (1, "failed")])
def test_an_attempt_that_dies_is_retried_while_attempts_remain(attempts, state):
    job = _job(max_attempts=attempts)
    Worker(lease_seconds=2, say=lambda m: None, child_argv=_fake("crash")).run(once=True)
    done = q.get_job(job.id)
    assert done.state == state and "exited with code 9" in done.error


def _when_running(job, action) -> threading.Thread:
    """Call `action` once the attempt's process is up (it writes its pid first)."""
    thread = threading.Thread(target=lambda: (_wait_for(_run(job) / "attempt.pid"), action()))
    thread.start()
    return thread


def test_cancel_stops_the_running_attempt():
    job = _job()
    waiter = _when_running(job, lambda: q.cancel(job.id))
    Worker(lease_seconds=1, say=lambda m: None, child_argv=_fake("hang"), stop_grace=0.5).run(once=True)
    waiter.join()
    pid = int((_run(job) / "attempt.pid").read_text())
    assert _gone(pid) and q.get_job(job.id).state == "cancelled"


def test_a_stopping_worker_hands_the_job_back():
    job = _job()
    worker = Worker(lease_seconds=1, say=lambda m: None, child_argv=_fake("hang"))
    waiter = _when_running(job, worker.request_stop)
    worker.run(once=True)
    waiter.join()
    pid = int((_run(job) / "attempt.pid").read_text())
    back = q.get_job(job.id)
    assert _gone(pid) and back.state == "queued" and back.attempts == 0 and back.lease_owner is None


SUPERVISOR = """
import sys
sys.path.insert(0, {here!r})
from test_worker import _fake
from embgov.worker import Worker, runs_root
Worker(lease_seconds=1, say=print, child_argv=_fake("hang")).run(once=True)
"""


def test_kill_9_of_the_worker_requeues_after_the_lease_and_another_worker_finishes():
    job = _job()
    worker = subprocess.Popen([sys.executable, "-c", SUPERVISOR.format(here=str(Path(__file__).parent))], env=os.environ.copy())
    try:
        pid = int(_wait_for(_run(job) / "attempt.pid"))
        assert q.get_job(job.id).state == "running"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        assert _gone(pid), "the attempt outlived its worker"
    finally:
        worker.kill()
    time.sleep(1.2)  # the lease runs out
    Worker(lease_seconds=2, say=lambda m: None, child_argv=_fake("ok")).run(once=True)
    done = q.get_job(job.id)
    assert done.state == "succeeded" and done.attempts == 2
