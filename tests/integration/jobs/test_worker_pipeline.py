"""Real workers (`embgov worker` processes) running the real pipeline on the tiny model: a worker
killed with SIGKILL mid-training loses nothing (the job is re-queued when its lease runs out and the
next worker resumes it), and an attempt that dies between stages resumes from the next stage."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import trainkit as kit
from embgov.jobs import submit
from embgov.spec import load_spec
from embgov.store.queue import get_job

pytestmark = pytest.mark.integration


def _worker(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "embgov.cli.main", "worker", "--poll", "0.5", *args],
                            env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _submit(tmp_path, tiny_model):
    job, _ = submit(load_spec(kit.write_job(tmp_path, tiny_model)), trigger="person:test", actor="test")
    return job


def _log(job) -> str:
    return (Path(job.run_dir) / "job.log").read_text()


def test_kill_9_mid_training_requeues_and_another_worker_resumes(tmp_path, tiny_model, monkeypatch):
    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    job = _submit(tmp_path, tiny_model)
    first = _worker("--once", "--lease", "3")
    deadline = time.time() + 300
    while get_job(job.id).stage != "train":
        assert time.time() < deadline and first.poll() is None, first.stderr.read().decode()[-2000:]
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert get_job(job.id).state == "running"  # until the lease runs out
    second = _worker("--max-jobs", "1", "--lease", "3")
    assert second.wait(600) == 0, second.stderr.read().decode()[-2000:]
    done = get_job(job.id)
    assert done.state == "succeeded" and done.attempts == 2, done.error
    log = _log(done)
    assert "attempt 2/2" in log and "gate corpus: reused" in log and "pairs: reused" in log


def test_an_attempt_that_dies_between_stages_resumes_from_the_next_stage(tmp_path, tiny_model, monkeypatch):
    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    job = _submit(tmp_path, tiny_model)
    first = _worker("--once", env={"EMBGOV_TEST_CRASH_AFTER_STAGE": "evaluate"})
    assert first.wait(600) == 0, first.stderr.read().decode()[-2000:]
    failed = get_job(job.id)
    assert failed.state == "queued" and failed.attempts == 1 and "in stage evaluate" in failed.error
    second = _worker("--once")
    assert second.wait(600) == 0, second.stderr.read().decode()[-2000:]
    done = get_job(job.id)
    assert done.state == "succeeded" and done.attempts == 2 and done.outputs["model"] == "mini-run:1"
    second_attempt = _log(done).split("attempt 2/2")[1]
    assert "train: reused" in second_attempt and "evaluate: reused" in second_attempt
    assert "export onnx" in second_attempt  # the stage that had not run, runs now


def test_a_policy_changed_after_submission_blocks_the_job_without_retry(tmp_path, tiny_model, monkeypatch):
    from embgov.worker import Worker

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    job = _submit(tmp_path, tiny_model)
    policy = tmp_path / "policy.yaml"
    policy.write_text(policy.read_text().replace("max_quarantine_rate: 0.1", "max_quarantine_rate: 0.3"))
    Worker(lease_seconds=10, say=lambda m: None).run(once=True)
    done = get_job(job.id)
    assert done.state == "blocked" and done.attempts == 1 and done.stage == "gate"
    assert "changed since it was approved" in done.error and done.finished_at
    assert not (Path(done.run_dir) / "gate" / "corpus").exists()  # nothing passed the gate
