"""From a drift event to at most one re-tuning job: idempotency per (model version, window), the
cooldown, nothing for no-drift or insufficient windows, and every step recorded and audited."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
np = pytest.importorskip("numpy")

import trainkit as kit
from embgov.audit import list_events
from embgov.daemon.retune import describe, handle, idempotency_key, list_events as drift_events
from embgov.monitor.window_check import check_window
from embgov.spec import load_spec
from embgov.store.queue import list_jobs


@pytest.fixture(autouse=True)
def _configured_host(hash_key):  # submission checks the host can run the job (embgov.preflight)
    return hash_key


MONITORING = "monitoring: {{schedule: 1h, min_window: 50, cooldown: {cooldown}, drift: {{method: mmd}}}}\n"


def _spec(tmp_path, cooldown="24h"):
    path = kit.write_job(tmp_path, "minilm-l6")
    path.write_text(path.read_text() + MONITORING.format(cooldown=cooldown))
    return load_spec(path)


def _event(loaded, *, shift: float, end: datetime, size: int = 200):
    rng = np.random.default_rng(0)
    ref = rng.normal(size=(400, 16)).astype(np.float32)
    win = (rng.normal(size=(size, 16)) + shift).astype(np.float32)
    event = check_window(ref, win, loaded.spec.monitoring, model="mini-run", version=1)
    return event.model_copy(update={"window_start": (end - timedelta(hours=1)).isoformat().replace("+00:00", "Z"),
                                    "window_end": end.isoformat().replace("+00:00", "Z")})


def test_drift_enqueues_one_job_named_by_the_event(tmp_path):
    loaded = _spec(tmp_path)
    event = _event(loaded, shift=2.0, end=datetime.now(timezone.utc))
    assert event.decision == "drift"
    outcome = handle(event, loaded)
    [job] = list_jobs()
    assert outcome == {"action": "enqueued", "job_id": job.id, "existing_job_id": None}
    assert describe(outcome) == f"enqueued job {job.id}"
    assert job.trigger == f"drift:{event.event_id}" and job.idempotency_key == idempotency_key(event)
    [recorded] = drift_events("mini-run")
    assert recorded["id"] == event.event_id and recorded["job_id"] == job.id and recorded["decision"] == "drift"
    audit = [e for e in list_events() if e.action == "drift.event"]
    assert audit[0].payload["job_id"] == job.id and audit[0].payload["action"] == "enqueued"
    assert [e.actor for e in list_events() if e.action == "job.submit"] == ["embgov:daemon"]


def test_the_same_window_checked_twice_makes_one_job(tmp_path):
    loaded = _spec(tmp_path, cooldown="1s")  # the cooldown is not what stops the second job here
    end = datetime.now(timezone.utc).replace(minute=30)
    first = handle(_event(loaded, shift=2.0, end=end), loaded)
    again = handle(_event(loaded, shift=2.0, end=end + timedelta(minutes=5)), loaded)  # same hourly slot
    assert first["action"] == "enqueued"
    assert again == {"action": "already-enqueued", "job_id": None, "existing_job_id": first["job_id"]}
    assert len(list_jobs()) == 1 and len(drift_events()) == 2


def test_cooldown_holds_back_a_second_window(tmp_path):
    loaded = _spec(tmp_path, cooldown="24h")
    end = datetime.now(timezone.utc)
    first = handle(_event(loaded, shift=2.0, end=end - timedelta(hours=3)), loaded)
    later_event = _event(loaded, shift=2.0, end=end)
    later = handle(later_event, loaded)
    [job] = list_jobs()
    # the old job is named as what it is, never under `job_id` (which only ever names a job enqueued now)
    assert later["action"] == "cooldown" and later["job_id"] is None and later["existing_job_id"] == first["job_id"]
    assert later["existing_enqueued_at"] == job.created_at and later["cooldown"] == "24h"
    text = describe(later)
    assert text.startswith(f"cooldown: no new job; existing job {job.id} was enqueued at") and "(cooldown 24h)" in text
    newest = drift_events()[0]
    assert newest["id"] == later_event.event_id and newest["job_id"] is None
    assert newest["action"].startswith(f"cooldown: no new job; existing job {job.id}")
    [audited] = [e for e in list_events() if e.action == "drift.event" and e.payload["event_id"] == later_event.event_id]
    assert audited.payload["action"] == "cooldown" and audited.payload["existing_job_id"] == job.id
    assert "job_id" not in audited.payload


@pytest.mark.parametrize("shift, size, decision", [(0.0, 200, "no_drift"), (2.0, 10, "insufficient")])
def test_no_job_without_drift(tmp_path, shift, size, decision):
    loaded = _spec(tmp_path)
    event = _event(loaded, shift=shift, end=datetime.now(timezone.utc), size=size)
    assert event.decision == decision
    assert handle(event, loaded) == {"action": "none", "job_id": None, "existing_job_id": None}
    assert list_jobs() == [] and drift_events() == []
