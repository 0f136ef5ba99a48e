"""What the daemon prints when a check fires: a new job under `job_id`; a job that was already there (the
cooldown holds, or the window has its job) only as `existing_job_id`, in the JSON and in the text."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
pytest.importorskip("prometheus_client")  # a stage library the code under test needs
pytest.importorskip("apscheduler")  # a stage library the code under test needs

from embgov.daemon import service
from embgov.daemon.retune import outcome

COOLDOWN = outcome("cooldown", existing_job_id="job-old", existing_enqueued_at="2026-12-07T03:00:00Z", cooldown="24h")


@pytest.fixture
def fake_check(monkeypatch):
    """scheduled_check with the registry, the check and the re-tuning decision replaced by stand-ins."""
    import embgov.daemon.check as check
    import embgov.monitoring as monitoring
    import embgov.daemon.retune as retune
    import embgov.registry as registry
    from prometheus_client import CollectorRegistry

    event = SimpleNamespace(version=3, decision="drift", score=0.03, threshold=0.002, window_size=120, method="mmd")
    monkeypatch.setattr(registry, "production", lambda name: SimpleNamespace(version=3))
    monkeypatch.setattr(monitoring, "spec_for", lambda record, spec: None)
    monkeypatch.setattr(check, "run_check", lambda name, **kw: event)
    said: list[str] = []
    monkeypatch.setitem(service._runtime, "daemon", SimpleNamespace(
        metrics=service._metrics(CollectorRegistry()), say=said.append, config=SimpleNamespace(report=False)))

    def returning(result):
        monkeypatch.setattr(retune, "handle", lambda event, loaded: result)
        return said
    return returning


def test_cooldown_names_the_existing_job_never_as_job_id(fake_check):
    said = fake_check(COOLDOWN)
    result = service.scheduled_check("mini")
    assert result["action"] == "cooldown" and result["job_id"] is None and result["existing_job_id"] == "job-old"
    assert said == ["check mini:3: drift (score 0.03, threshold 0.002, window 120) -> cooldown: no new job; "
                    "existing job job-old was enqueued at 2026-12-07T03:00:00Z (cooldown 24h)"]


def test_a_new_job_is_named_as_enqueued(fake_check):
    said = fake_check(outcome("enqueued", job_id="job-new"))
    assert service.scheduled_check("mini") == {"action": "enqueued", "job_id": "job-new", "existing_job_id": None}
    assert said[-1].endswith("-> enqueued job job-new")


def test_once_prints_the_cooldown_as_existing_in_text_and_json(monkeypatch):
    from embgov.cli.daemon import daemon

    results = {"mini": COOLDOWN, "other": outcome("already-enqueued", existing_job_id="job-w"),
               "third": outcome("enqueued", job_id="job-new"), "quiet": outcome("none")}
    monkeypatch.setattr(service.Daemon, "__init__", lambda self, config, say=None, owner=None: None)
    monkeypatch.setattr(service.Daemon, "run_once", lambda self: results)
    text = CliRunner().invoke(daemon, ["--once"])
    assert text.exit_code == 0, text.output
    assert text.output.splitlines() == [
        "mini: cooldown: no new job; existing job job-old was enqueued at 2026-12-07T03:00:00Z (cooldown 24h)",
        "other: already-enqueued: no new job; existing job job-w covers this window",
        "third: enqueued job job-new",
        "quiet: none"]
    as_json = CliRunner().invoke(daemon, ["--once", "--json"])
    data = json.loads(as_json.stdout)
    assert data["mini"]["job_id"] is None and data["mini"]["existing_job_id"] == "job-old"
    assert data["third"]["job_id"] == "job-new" and data["other"]["job_id"] is None
