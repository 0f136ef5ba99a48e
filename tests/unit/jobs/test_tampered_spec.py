"""The worker re-checks a queued spec against its audited submission: a row whose spec_json was edited
in the database fails (not retried) with a `job.tampered` event, and no stage runs."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

import trainkit as kit
from embgov import pipeline
from embgov.audit import list_events, verify
from embgov.errors import GateError
from embgov.jobs import submit
from embgov.spec import load_spec
from embgov.spec.loader import LoadedSpec
from embgov.store import get_engine
from embgov.store import queue as q
from embgov.store.db import jobs
from embgov.worker import run_attempt
from hostkit import job_host

pytestmark = job_host


@pytest.fixture
def queued(tmp_path, db_url, monkeypatch):
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    job, _ = submit(load_spec(kit.write_job(tmp_path, "minilm-l6")), trigger="person:t", actor="t")
    assert job.max_attempts == 2  # a retry would be possible: the tampered job must not use it
    return job


def _edit(job, *, spec_json: str, spec_hash: str | None = None) -> None:
    values = {"spec_json": spec_json, **({"spec_hash": spec_hash} if spec_hash else {})}
    with get_engine().begin() as conn:
        conn.execute(update(jobs).where(jobs.c.id == job.id).values(**values))


def _owner_edit(job) -> str:
    doc = json.loads(job.spec_json)
    doc["spec"]["owner"] = "mallory"
    return json.dumps(doc)


def _base_dir_edit(job) -> str:
    doc = json.loads(job.spec_json)
    doc["base_dir"] = "/elsewhere"
    return json.dumps(doc)


def _run(tmp_path):
    claimed = q.claim("w", lease_seconds=60, runs_root=str(tmp_path / "runs"))
    return run_attempt(claimed, "w", say=lambda m: None)


@pytest.mark.parametrize("how", ["spec", "spec-and-hash-column", "base_dir", "not-json"])
def test_an_edited_spec_json_fails_the_job_with_an_event(tmp_path, queued, monkeypatch, how):
    monkeypatch.setattr(pipeline, "run_job", lambda *a, **k: pytest.fail("a tampered spec must not run"))
    if how == "spec":
        _edit(queued, spec_json=_owner_edit(queued))
    elif how == "spec-and-hash-column":  # the row made self-consistent: the audit still disagrees
        edited = _owner_edit(queued)
        _edit(queued, spec_json=edited, spec_hash=LoadedSpec.from_json(edited).hash)
    elif how == "base_dir":  # spec_hash does not cover base_dir; the audited sha256 of spec_json does
        _edit(queued, spec_json=_base_dir_edit(queued))
    else:
        _edit(queued, spec_json="{")
    done = _run(tmp_path)
    assert done.state == "failed" and done.attempts == 1  # not re-queued
    assert "not the one audited at submission" in done.error and "fix:" in done.error
    tampered = list_events(action="job.tampered", subject=f"job:{queued.id}")
    assert len(tampered) == 1 and tampered[0].actor == "worker:w" and tampered[0].payload["reason"]
    assert [e.payload["attempt"] for e in list_events(action="job.failed", subject=f"job:{queued.id}")] == [1]
    assert verify().ok


def test_a_job_without_its_submit_event_is_refused(tmp_path, db_url, monkeypatch, queued):
    monkeypatch.setattr(pipeline, "run_job", lambda *a, **k: pytest.fail("an unaudited job must not run"))
    job, _ = q.enqueue(name=queued.name, spec_hash=queued.spec_hash, spec_json=queued.spec_json, trigger="person:x")
    q.cancel(queued.id)  # leave only the unaudited row in the queue
    done = _run(tmp_path)
    assert done.id == job.id and done.state == "failed" and "no job.submit event" in done.error
    assert list_events(action="job.tampered", subject=f"job:{job.id}")


def test_an_untouched_spec_runs(tmp_path, queued, monkeypatch):
    def run_job(*a, **k):
        raise GateError("the gate blocked corpus")

    monkeypatch.setattr(pipeline, "run_job", run_job)
    assert _run(tmp_path).state == "blocked"
    assert not list_events(action="job.tampered")
