"""`embgov submit`: checks first, then exactly one job and one audit event; nothing on refusal;
200 concurrent submissions (threads and processes) make 200 jobs on SQLite and on Postgres."""

from __future__ import annotations

import json
import multiprocessing as mp
import threading

import pytest
from click.testing import CliRunner

import trainkit as kit
from embgov.audit import list_events
from embgov.cli.main import cli
from embgov.store import dispose_all
from embgov.store.queue import list_jobs
from hostkit import job_host

pytestmark = job_host


def _submit_many(spec: str, n: int, out) -> None:
    from embgov.jobs import submit
    from embgov.spec import load_spec

    loaded = load_spec(spec)
    for _ in range(n):
        job, _ = submit(loaded, trigger="person:load", actor="load")
        out.put(job.id)
    dispose_all()


def test_submit_records_a_job_and_an_audit_event(tmp_path):
    spec = kit.write_job(tmp_path, "minilm-l6")
    result = CliRunner().invoke(cli, ["submit", str(spec), "--by", "ana", "--json"])
    assert result.exit_code == 0, result.output
    job = json.loads(result.stdout)
    assert job["state"] == "queued" and job["trigger"] == "person:ana" and job["created"] is True
    assert job["max_attempts"] == 2 and job["run_dir"] is None  # the claiming worker's EMBGOV_HOME decides
    [event] = [e for e in list_events() if e.action == "job.submit"]
    assert event.subject == f"job:{job['id']}" and event.actor == "ana" and event.payload["spec_hash"] == job["spec_hash"]
    listed = json.loads(CliRunner().invoke(cli, ["jobs", "list", "--json"]).stdout)
    assert [(j["id"], j["name"], j["state"], j["trigger"]) for j in listed] == [(job["id"], "mini-run", "queued", "person:ana")]


def test_same_idempotency_key_returns_the_first_job(tmp_path):
    spec = kit.write_job(tmp_path, "minilm-l6")
    first = CliRunner().invoke(cli, ["submit", str(spec), "--idempotency-key", "k1"])
    second = CliRunner().invoke(cli, ["submit", str(spec), "--idempotency-key", "k1"])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout and "nothing new was queued" in second.stderr
    assert len(list_jobs()) == 1 and len([e for e in list_events() if e.action == "job.submit"]) == 1


@pytest.mark.parametrize("break_it, message", [
    ("unapproved", "approve"),
    ("changed", "changed since"),
    ("bad spec", "learning_rate"),
])
def test_a_refused_submission_records_nothing(tmp_path, break_it, message):
    spec = kit.write_job(tmp_path, "minilm-l6")
    if break_it == "unapproved":
        (tmp_path / "approvals.yaml").unlink()
    elif break_it == "changed":
        policy = tmp_path / "policy.yaml"
        policy.write_text(policy.read_text().replace("max_quarantine_rate: 0.1", "max_quarantine_rate: 0.2"))
    else:
        spec.write_text(spec.read_text().replace("learning_rate: 1.0e-3", "learning_rate: -1"))
    result = CliRunner().invoke(cli, ["submit", str(spec)])
    assert result.exit_code == 1 and message in result.output.lower()
    assert list_jobs() == [] and not [e for e in list_events() if e.action == "job.submit"]


@pytest.mark.slow  # ~30-40 s per database
@pytest.mark.postgres
def test_200_concurrent_submissions_make_200_jobs(tmp_path, db_url, monkeypatch):
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    spec = str(kit.write_job(tmp_path, "minilm-l6"))
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_submit_many, args=(spec, 25, out)) for _ in range(4)]
    threads = [threading.Thread(target=_submit_many, args=(spec, 10, out)) for _ in range(10)]
    [p.start() for p in procs]
    [t.start() for t in threads]
    [t.join() for t in threads]
    ids = [out.get(timeout=120) for _ in range(200)]
    [p.join(60) for p in procs]
    assert len(set(ids)) == 200
    assert sorted(j.id for j in list_jobs(limit=None)) == sorted(ids)
    submits = [e for e in list_events(limit=None) if e.action == "job.submit"]
    assert sorted(e.subject for e in submits) == sorted(f"job:{i}" for i in ids)
