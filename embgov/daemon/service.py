"""`embgov daemon`: an APScheduler 3 BlockingScheduler that checks every monitored production model
on its spec's schedule and enqueues re-tuning when a check fires.

- Leadership: a lease row in the embgov database (`embgov.store.leader`), renewed every third of its
  TTL by a job in the scheduler's in-memory store. Only the leader attaches the persistent
  `SQLAlchemyJobStore` (table `apscheduler_jobs` in the same database) and so runs checks; a second
  daemon on the same database stays passive until the leader's lease expires.
- The schedule lives in that job store: one job `check:NAME` per monitored model, with `coalesce`,
  `max_instances=1` and a misfire grace, so a restart (even after kill -9) resumes it as it was.
  A reconcile job adds checks for newly promoted models and drops those no longer monitored; an
  unchanged trigger is left alone (re-adding would push its next run back each time).
- SIGTERM/SIGINT: the scheduler stops after running checks finish and the lease is released.
- Prometheus metrics on --metrics-host:--metrics-port (127.0.0.1:9464 by default: loopback unless
  asked): checks run, last drift score per model, events, jobs enqueued, failures, leadership.
"""

from __future__ import annotations

import logging
import signal
from datetime import datetime, timezone
from typing import Any, Callable

from pydantic import BaseModel, ConfigDict, Field

from embgov.store.db import process_owner

log = logging.getLogger("embgov.daemon")
LEADER = "embgov-daemon"
STORE = "checks"
_runtime: dict[str, Any] = {}  # the running daemon, for the scheduled functions (stored by reference)


class DaemonConfig(BaseModel):
    """`embgov daemon --config FILE` (YAML); every field has a default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metrics_port: int = Field(9464, ge=0, le=65535, description="Port of the Prometheus /metrics endpoint; 0 turns it off.")
    metrics_host: str = Field("127.0.0.1", min_length=1, max_length=253, pattern=r"^[A-Za-z0-9.:_-]+$",
                              description="Address the /metrics endpoint binds to. Loopback by default: only this host "
                                          "can read it; 0.0.0.0 (or ::) when a Prometheus elsewhere scrapes it, e.g. "
                                          "inside a Kubernetes pod behind its Service.")
    leader_ttl_seconds: float = Field(30, ge=1, le=3600, description="Leadership lease; renewed every third of it. A standby takes over within this after the leader dies.")
    reconcile_seconds: float = Field(60, ge=1, le=86400, description="How often the registry is read for production models to monitor.")
    misfire_grace_seconds: int = Field(600, ge=1, description="A check that missed its time (daemon down) still runs if it is at most this late; missed runs coalesce into one.")
    report: bool = Field(False, description="Also write Evidently's HTML report and a workspace snapshot per check (slow: seconds to minutes).")
    models: list[str] | None = Field(None, description="Only monitor these model names; default: every production model whose spec has monitoring enabled.")
    threads: int = Field(2, ge=1, le=64, description="Checks that may run at once (different models).")


def load_config(path: str | None) -> DaemonConfig:
    if path is None:
        return DaemonConfig()
    from pathlib import Path

    from embgov.spec.validation import parse_model
    from embgov.spec.yamlsrc import read_text

    config, _ = parse_model(read_text(Path(path), what="daemon config"), str(path), DaemonConfig, "daemon config")
    return config


def trigger_for(schedule: str):
    """A spec's `monitoring.schedule` (15m, 1h, or five-field cron) as an APScheduler trigger, in UTC."""
    import re

    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    from embgov.spec.models import DURATION_PATTERN, duration_seconds

    if re.match(DURATION_PATTERN, schedule):
        return IntervalTrigger(seconds=duration_seconds(schedule), timezone="UTC")
    return CronTrigger.from_crontab(schedule, timezone="UTC")


def monitored(config: DaemonConfig) -> dict[str, str]:
    """Model name -> schedule, for production versions whose registered spec has monitoring enabled."""
    from embgov.daemon.check import spec_for
    from embgov.errors import EmbgovError
    from embgov.registry import list_versions, production

    found: dict[str, str] = {}
    for name in sorted({v.name for v in list_versions()}):
        if config.models is not None and name not in config.models:
            continue
        record = production(name)
        if record is None:
            continue
        try:
            monitoring = spec_for(record, None).spec.monitoring
        except EmbgovError as exc:
            log.warning("not monitoring %s: %s", name, exc.what)
            continue
        if monitoring is not None and monitoring.enabled:
            found[name] = monitoring.schedule
    return found


def scheduled_check(name: str) -> dict[str, Any]:
    """One check of `name` and its consequence; what the scheduler runs (referenced by name)."""
    from embgov.daemon.check import run_check, spec_for
    from embgov.daemon.retune import handle
    from embgov.errors import EmbgovError
    from embgov.registry import production

    daemon: Daemon = _runtime["daemon"]
    metrics = daemon.metrics
    try:
        record = production(name)
        if record is None:  # demoted since the schedule was made; the next reconcile drops the check
            return {"action": "none", "job_id": None}
        loaded = spec_for(record, None)  # read once: the check and the re-tuning job use the same spec
        event = run_check(name, spec=loaded, report=daemon.config.report, say=daemon.say)
        outcome = handle(event, loaded)
    except EmbgovError as exc:
        metrics["failures"].labels(name).inc()
        daemon.say(f"check {name}: failed: {exc.what}")
        return {"action": "failed"}
    except Exception as exc:  # noqa: BLE001 - a check must never take the daemon down
        metrics["failures"].labels(name).inc()
        daemon.say(f"check {name}: internal error {type(exc).__name__}")
        return {"action": "failed"}
    metrics["checks"].labels(name, event.decision).inc()
    if event.score is not None:
        metrics["score"].labels(name, event.method).set(event.score)
    if event.decision in ("drift", "degraded"):
        metrics["events"].labels(name, event.decision).inc()
    if outcome["action"] == "enqueued":
        metrics["enqueued"].labels(name).inc()
    daemon.say(f"check {name}:{event.version}: {event.decision} (score {event.score}, threshold {event.threshold}, "
               f"window {event.window_size}) -> {outcome['action']} {outcome['job_id'] or ''}".rstrip())
    return outcome


def _lead() -> None:
    _runtime["daemon"].lead()


def _reconcile() -> None:
    daemon = _runtime["daemon"]
    if daemon.leading:
        daemon.reconcile()


def _metrics(registry) -> dict[str, Any]:
    from prometheus_client import Counter, Gauge

    return {
        "checks": Counter("embgov_monitor_checks", "Monitoring checks run", ["model", "decision"], registry=registry),
        "score": Gauge("embgov_drift_score", "Last drift score per model", ["model", "method"], registry=registry),
        "events": Counter("embgov_drift_events", "Checks that found drift or degradation", ["model", "decision"], registry=registry),
        "enqueued": Counter("embgov_retune_jobs_enqueued", "Re-tuning jobs enqueued", ["model"], registry=registry),
        "failures": Counter("embgov_monitor_failures", "Checks that failed", ["model"], registry=registry),
        "leader": Gauge("embgov_daemon_leader", "1 while this daemon is the active one", registry=registry),
    }


def preload(report: bool) -> None:
    """Import what checks use once, in the main thread, before they run in the scheduler's threads:
    two threads importing mlflow at once trip over its circular imports ("partially initialized
    module 'mlflow'", seen when the leader's reconcile and a check started together)."""
    import mlflow  # noqa: F401
    import pandas  # noqa: F401
    import sentence_transformers  # noqa: F401
    from evidently.legacy.metrics.data_drift import embedding_drift_methods  # noqa: F401

    import embgov.daemon.check  # noqa: F401
    import embgov.evaluate  # noqa: F401
    import embgov.registry  # noqa: F401
    if report:
        import embgov.monitor.report as report_module

        report_module._imports()


class Daemon:
    def __init__(self, config: DaemonConfig, *, owner: str | None = None, say: Callable[[str], None] = print):
        from apscheduler.executors.pool import ThreadPoolExecutor
        from apscheduler.jobstores.memory import MemoryJobStore
        from apscheduler.schedulers.blocking import BlockingScheduler
        from prometheus_client import CollectorRegistry

        self.config, self.owner, self.say = config, owner or process_owner(), say
        self.leading = self.stopping = False
        self.registry = CollectorRegistry()
        self.metrics = _metrics(self.registry)
        self.scheduler = BlockingScheduler(
            jobstores={"default": MemoryJobStore()}, executors={"default": ThreadPoolExecutor(config.threads + 2)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": config.misfire_grace_seconds},
            timezone="UTC")
        self.scheduler.add_job(_lead, "interval", seconds=config.leader_ttl_seconds / 3, id="leadership",
                               next_run_time=datetime.now(timezone.utc))
        self.scheduler.add_job(_reconcile, "interval", seconds=config.reconcile_seconds, id="reconcile")

    def lead(self) -> None:
        """Take or renew leadership; attach or detach the persistent schedule accordingly."""
        from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

        from embgov.audit import append
        from embgov.store import get_engine
        from embgov.store.leader import acquire

        try:
            leading = acquire(LEADER, self.owner, self.config.leader_ttl_seconds)
        except Exception as exc:  # noqa: BLE001 - the database is away: stop acting until it is back
            self.say(f"leadership: cannot reach the database ({type(exc).__name__}); standing by")
            leading = False
        if leading and not self.leading:
            self.scheduler.add_jobstore(SQLAlchemyJobStore(engine=get_engine()), STORE)
            self.leading = True
            self.say(f"daemon {self.owner}: leader; checks run from here")
            append(self.owner, "daemon.leader", "daemon", {"owner": self.owner})
            # Reconciling reads the registry (seconds): in its own job, so renewals stay on time.
            self.scheduler.modify_job("reconcile", next_run_time=datetime.now(timezone.utc))
        elif not leading and self.leading:
            self.scheduler.remove_jobstore(STORE, shutdown=True)  # the jobs stay in the database
            self.leading = False
            self.say(f"daemon {self.owner}: lost leadership; standing by")
        self.metrics["leader"].set(1 if self.leading else 0)

    def reconcile(self) -> dict[str, str]:
        """Make the persistent schedule match the monitored models; unchanged jobs are left alone."""
        wanted = monitored(self.config)
        existing = {job.id: job for job in self.scheduler.get_jobs(jobstore=STORE)}
        for name, schedule in wanted.items():
            trigger, job_id = trigger_for(schedule), f"check:{name}"
            job = existing.pop(job_id, None)
            if job is not None and str(job.trigger) == str(trigger):
                continue
            self.scheduler.add_job("embgov.daemon.service:scheduled_check", trigger, args=[name], id=job_id,
                                   name=f"check {name} every {schedule}", jobstore=STORE, replace_existing=True)
            self.say(f"schedule: {name} {schedule}")
        for job_id in existing:
            self.scheduler.remove_job(job_id, jobstore=STORE)
            self.say(f"schedule: removed {job_id} (no longer a monitored production model)")
        return wanted

    def stop(self, signum=None, _frame=None) -> None:
        self.say(f"daemon {self.owner}: stopping (signal {signum})")
        self.stopping = True
        if self.scheduler.running:
            # Not wait=True: blocking inside the signal handler hung a stop in testing. A running check
            # still finishes: the interpreter waits for the executor's threads before it exits.
            self.scheduler.shutdown(wait=False)

    def run_once(self) -> dict[str, dict[str, Any]]:
        """One round, now: check every monitored model and act on what each check finds (cron, demos)."""
        preload(self.config.report)
        _runtime["daemon"] = self
        return {name: scheduled_check(name) for name in monitored(self.config)}

    def run(self) -> None:
        """Blocks until SIGTERM/SIGINT."""
        from embgov.store.leader import release

        signal.signal(signal.SIGTERM, self.stop)  # first: a stop during the slow imports is clean too
        signal.signal(signal.SIGINT, self.stop)
        preload(self.config.report)
        if self.stopping:
            return
        _runtime["daemon"] = self
        if self.config.metrics_port:
            from prometheus_client import start_http_server

            host = self.config.metrics_host
            start_http_server(self.config.metrics_port, addr=host, registry=self.registry)
            self.say(f"metrics: http://{f'[{host}]' if ':' in host else host}:{self.config.metrics_port}/metrics")
        self.say(f"daemon {self.owner}: started")
        try:
            self.scheduler.start()
        finally:
            if self.leading:
                release(LEADER, self.owner)
            self.say(f"daemon {self.owner}: stopped")
