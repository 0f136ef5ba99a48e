"""`embgov daemon`: an APScheduler 3 BlockingScheduler that checks every monitored production model
on its spec's schedule and enqueues re-tuning when a check fires.

- Leadership: a lease row in the embgov database (`embgov.store.leader`), renewed every third of its
  TTL. Only the leader attaches the checks' job store and so runs checks; a second daemon on the same
  database stays passive until the leader's lease expires.
- Every job store is in memory: APScheduler's SQLAlchemyJobStore keeps pickles in the database, and a
  row written by anyone with database access would run as code here. The schedule is rebuilt from the
  registry (one job `check:NAME` per monitored model, `coalesce`, `max_instances=1`, a misfire grace);
  what must survive a restart, the time of each model's last check, is a plain row in `daemon_checks`
  (`embgov.daemon.state`), so a new leader (even after kill -9) catches up a missed check within the
  grace. Reconcile leaves an unchanged trigger alone (re-adding would push its next run back).
- With `checkpoint_dir`, the leader writes a checkpoint of the audit chain's head there every
  `checkpoint_every` seconds (`embgov.audit.checkpoint`).
- SIGTERM/SIGINT: the scheduler stops after running checks finish and the lease is released.
- Prometheus metrics on --metrics-host:--metrics-port (127.0.0.1:9464 by default: loopback unless
  asked): checks run, last drift score per model, events, jobs enqueued, failures, leadership.
"""

from __future__ import annotations

import logging
import signal
from datetime import datetime, timezone
from typing import Any, Callable

from embgov.daemon.config import DaemonConfig, load_config  # noqa: F401 - re-exported
from embgov.store.db import process_owner

log = logging.getLogger("embgov.daemon")
LEADER = "embgov-daemon"
STORE = "checks"
_runtime: dict[str, Any] = {}  # the running daemon, for the scheduled functions (stored by reference)


def trigger_for(schedule: str):
    """A spec's `monitoring.schedule` (15m, 1h, or five-field cron) as an APScheduler trigger, in UTC."""
    import re

    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    from embgov.spec.jobspec import DURATION_PATTERN, duration_seconds

    if re.match(DURATION_PATTERN, schedule):
        return IntervalTrigger(seconds=duration_seconds(schedule), timezone="UTC")
    return CronTrigger.from_crontab(schedule, timezone="UTC")


def monitored(config: DaemonConfig) -> dict[str, str]:
    """Model name -> schedule, for production versions whose registered spec has monitoring enabled."""
    from embgov.monitoring import spec_for
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
    from embgov.daemon.check import run_check
    from embgov.daemon.retune import describe, handle, outcome as make_outcome
    from embgov.errors import EmbgovError
    from embgov.monitoring import spec_for
    from embgov.registry import production

    daemon: Daemon = _runtime["daemon"]
    metrics = daemon.metrics
    try:
        record = production(name)
        if record is None:  # demoted since the schedule was made; the next reconcile drops the check
            return make_outcome("none")
        loaded = spec_for(record, None)  # read once: the check and the re-tuning job use the same spec
        event = run_check(name, spec=loaded, report=daemon.config.report, say=daemon.say)
        outcome = handle(event, loaded)
    except EmbgovError as exc:
        metrics["failures"].labels(name).inc()
        daemon.say(f"check {name}: failed: {exc.what}")
        return make_outcome("failed")
    except Exception as exc:  # noqa: BLE001 - a check must never take the daemon down
        metrics["failures"].labels(name).inc()
        daemon.say(f"check {name}: internal error {type(exc).__name__}")
        return make_outcome("failed")
    metrics["checks"].labels(name, event.decision).inc()
    if event.score is not None:
        metrics["score"].labels(name, event.method).set(event.score)
    if event.decision in ("drift", "degraded"):
        metrics["events"].labels(name, event.decision).inc()
    if outcome["action"] == "enqueued":
        metrics["enqueued"].labels(name).inc()
    daemon.say(f"check {name}:{event.version}: {event.decision} (score {event.score}, threshold {event.threshold}, "
               f"window {event.window_size}) -> {describe(outcome)}")
    return outcome


def _lead() -> None:
    _runtime["daemon"].lead()


def _reconcile() -> None:
    daemon = _runtime["daemon"]
    if daemon.leading:
        daemon.reconcile()


def _checkpoint() -> None:
    daemon = _runtime["daemon"]
    if daemon.leading:
        daemon.checkpoint()


def _metrics(registry) -> dict[str, Any]:
    from prometheus_client import Counter, Gauge

    return {
        "checks": Counter("embgov_monitor_checks", "Monitoring checks run", ["model", "decision"], registry=registry),
        "score": Gauge("embgov_drift_score", "Last drift score per model", ["model", "method"], registry=registry),
        "events": Counter("embgov_drift_events", "Checks that found drift or degradation", ["model", "decision"], registry=registry),
        "enqueued": Counter("embgov_retune_jobs_enqueued", "Re-tuning jobs enqueued", ["model"], registry=registry),
        "failures": Counter("embgov_monitor_failures", "Checks that failed", ["model"], registry=registry),
        "leader": Gauge("embgov_daemon_leader", "1 while this daemon is the active one", registry=registry),
        "checkpoints": Counter("embgov_audit_checkpoints", "Audit checkpoints written or failed", ["outcome"], registry=registry),
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
        from embgov.monitor import report_libraries

        report_libraries()


class Daemon:
    def __init__(self, config: DaemonConfig, *, owner: str | None = None, say: Callable[[str], None] = print):
        from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
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
        if config.checkpoint_dir:
            self.scheduler.add_job(_checkpoint, "interval", seconds=config.checkpoint_every, id="checkpoint")
        self.scheduler.add_listener(self._ran, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)

    def lead(self) -> None:
        """Take or renew leadership; attach or detach the checks' (in-memory) job store accordingly."""
        from apscheduler.jobstores.memory import MemoryJobStore

        from embgov.audit import append
        from embgov.store.leader import acquire

        try:
            leading = acquire(LEADER, self.owner, self.config.leader_ttl_seconds)
        except Exception as exc:  # noqa: BLE001 - the database is away: stop acting until it is back
            self.say(f"leadership: cannot reach the database ({type(exc).__name__}); standing by")
            leading = False
        if leading and not self.leading:
            self.scheduler.add_jobstore(MemoryJobStore(), STORE)
            self.leading = True
            self.say(f"daemon {self.owner}: leader; checks run from here")
            append(self.owner, "daemon.leader", "daemon", {"owner": self.owner})
            # Reconciling reads the registry (seconds): in its own job, so renewals stay on time.
            self.scheduler.modify_job("reconcile", next_run_time=datetime.now(timezone.utc))
        elif not leading and self.leading:
            self.scheduler.remove_jobstore(STORE, shutdown=True)  # rebuilt from the registry if we lead again
            self.leading = False
            self.say(f"daemon {self.owner}: lost leadership; standing by")
        self.metrics["leader"].set(1 if self.leading else 0)

    def reconcile(self) -> dict[str, str]:
        """Make the schedule match the monitored models; unchanged jobs are left alone. A new job's first run
        follows the model's last recorded check, so a check missed while no daemon led runs now (coalesced;
        dropped by APScheduler when later than the misfire grace)."""
        from embgov.daemon import state

        wanted = monitored(self.config)
        existing = {job.id: job for job in self.scheduler.get_jobs(jobstore=STORE)}
        last = state.last_runs() if wanted else {}
        now = datetime.now(timezone.utc)
        for name, schedule in wanted.items():
            trigger, job_id = trigger_for(schedule), f"check:{name}"
            job = existing.pop(job_id, None)
            if job is not None and str(job.trigger) == str(trigger):
                continue
            first = trigger.get_next_fire_time(last[name], now) if name in last else None
            self.scheduler.add_job("embgov.daemon.service:scheduled_check", trigger, args=[name], id=job_id,
                                   name=f"check {name} every {schedule}", jobstore=STORE, replace_existing=True,
                                   **({"next_run_time": first} if first else {}))
            state.remember(name, schedule, self.owner)
            self.say(f"schedule: {name} {schedule}" + (f" (next {first:%Y-%m-%dT%H:%M:%SZ})" if first else ""))
        for job_id in existing:
            self.scheduler.remove_job(job_id, jobstore=STORE)
            state.forget(job_id.removeprefix("check:"))
            self.say(f"schedule: removed {job_id} (no longer a monitored production model)")
        return wanted

    def _ran(self, event) -> None:
        """Record each finished check (listener, in the executor's thread): the next leader resumes from it."""
        from embgov.daemon import state

        if not event.job_id.startswith("check:"):
            return
        outcome = "error" if event.exception is not None else str((event.retval or {}).get("action", "done"))
        try:
            state.record_run(event.job_id.removeprefix("check:"), event.scheduled_run_time, outcome, self.owner)
        except Exception as exc:  # noqa: BLE001 - the database is away; the check itself is done
            self.say(f"check {event.job_id}: could not record its run ({type(exc).__name__})")

    def checkpoint(self) -> None:
        """Write one audit checkpoint to `checkpoint_dir` (scheduled on the leader)."""
        from embgov.audit.checkpoint import checkpoint
        from embgov.errors import EmbgovError

        try:
            written = checkpoint(self.config.checkpoint_dir, key=self.config.checkpoint_key)
        except EmbgovError as exc:
            self.metrics["checkpoints"].labels("failed").inc()
            self.say(f"checkpoint: failed: {exc.what}")
            return
        self.metrics["checkpoints"].labels("written").inc()
        self.say(f"checkpoint: entry {written.seq} {written.head[:12]} -> {written.path}")

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
        # first: a stop during the slow imports is clean too; restored on the way out (in-process callers)
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            self._serve()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _serve(self) -> None:
        from embgov.store.leader import release

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
