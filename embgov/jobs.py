"""Jobs: submission (checks first, then one durable record and an audit event) and the execution of
one claimed attempt through the pipeline, with its outcome mapped onto the queue's states.

Outcomes: succeeded (registered; promoted when the promotion rules hold, else kept a candidate with
the reasons: a decision, not an error); blocked (the policy is unapproved or changed, or the gate
refused the data); failed (anything else, a missing input file or this host's configuration included;
retried, resuming from the last completed stage, while the spec's `resources.retries` allow and the
error is not one a retry cannot fix); cancelled (`embgov jobs cancel`, or Ctrl-C in `embgov run`: the
running attempt notices within seconds, see StopWatch, and stops, aborting a Ray Train run).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import traceback
from pathlib import Path
from typing import Any

from embgov.errors import EmbgovError, InputError, SpecError, StoreError
from embgov.spec.loader import LoadedSpec
from embgov.store.queue import Job
from embgov import Say

CRASH_AFTER_STAGE = "EMBGOV_TEST_CRASH_AFTER_STAGE"  # test hook: the attempt's process dies when this stage ends


class LeaseLost(Exception):
    """This worker no longer holds the job (it was cancelled, or its lease expired and was reaped)."""


class Cancelled(LeaseLost):
    """The job was cancelled while this attempt ran; the attempt stopped."""


STOP_POLL_SECONDS = 1.0  # how often a running attempt reads its job's row
INTERRUPT_AFTER_SECONDS = 10.0  # a stage with no stop hook (gate, evaluation) is interrupted after this


class StopWatch:
    """Reads the job's row while an attempt runs. Once the job is cancelled or no longer held by this
    owner, `should_stop()` turns true: the pipeline stops at the next stage, and the train stage aborts
    its Ray run (embgov.train.stop). A stage without a hook is interrupted (KeyboardInterrupt in the
    main thread) when the attempt has not ended `grace` seconds later."""

    def __init__(self, job_id: str, owner: str, *, poll: float = STOP_POLL_SECONDS,
                 grace: float = INTERRUPT_AFTER_SECONDS, ctrl_c: threading.Event | None = None):
        self.job_id, self.owner, self.poll, self.grace = job_id, owner, poll, grace
        self.ctrl_c = ctrl_c  # set by `embgov run`'s SIGINT handler (worker.ctrl_c_marks)
        self.state: str | None = None  # the job's state when the watch fired ("interrupted": Ctrl-C)
        self.interrupted = False
        self._fired, self._done, self._lock = threading.Event(), threading.Event(), threading.Lock()
        self._main = threading.current_thread() is threading.main_thread()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="embgov-stop-watch")

    def should_stop(self) -> bool:
        return self._fired.is_set()

    def _watch(self) -> None:
        from embgov.store.queue import get_job

        while not self._done.wait(self.poll):
            if self.ctrl_c is not None and self.ctrl_c.is_set():
                # Ctrl-C was pressed. Its KeyboardInterrupt normally stops the attempt at once; this is for
                # when a library swallowed it (one raised inside a __del__ is only printed): stop anyway.
                self.state = "interrupted"
            else:
                try:
                    job = get_job(self.job_id)
                except Exception:  # noqa: BLE001 - a database hiccup is not a cancel; the lease decides that
                    continue
                if job.state == "running" and job.lease_owner == self.owner:
                    continue
                self.state = job.state
            self._fired.set()
            if self._main and not self._done.wait(self.grace):
                with self._lock:
                    if not self._done.is_set():
                        self.interrupted = True
                        # A real SIGINT to the main thread (not _thread.interrupt_main): it also wakes a
                        # blocking call (a sleep, a wait on a pool) with EINTR, so KeyboardInterrupt is raised now.
                        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
            return

    def error(self) -> BaseException:
        if self.state == "interrupted":
            return KeyboardInterrupt()  # `embgov run` cancels the job with the Ctrl-C reason
        if self.state == "cancelled":
            return Cancelled(self.job_id)
        return LeaseLost(self.job_id)

    def __enter__(self) -> "StopWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._done.set()


def submit(loaded: LoadedSpec, *, trigger: str, actor: str, idempotency_key: str | None = None,
           priority: int = 0) -> tuple[Job, bool]:
    """Check the spec's policy is approved and unchanged, then record the job and an audit event.
    Nothing is recorded when a check fails. Returns (job, created): an idempotency key that was
    already used returns its job and created=False."""
    from embgov.hashing import sha256_text
    from embgov.policy.approvals import require_approved
    from embgov.preflight import check_host
    from embgov.store.names import check_actor, check_key
    from embgov.store.queue import enqueue, new_job_id

    check_actor(actor)
    if idempotency_key is not None:
        check_key(idempotency_key)
    policy = require_approved(loaded.resolve(loaded.spec.policy))
    check_host(loaded, policy.policy)  # the hash key, the model packages: refused now, not 0.5 s into the job
    job_id, spec_json = new_job_id(), loaded.to_json()
    # spec_json_sha256 covers what spec_hash does not (base_dir, source): the worker checks both.
    payload = {"name": loaded.spec.name, "spec_hash": loaded.hash, "trigger": trigger,
               "policy_hash": policy.content_hash, "idempotency_key": idempotency_key,
               "spec_json_sha256": sha256_text(spec_json)}
    return enqueue(name=loaded.spec.name, spec_hash=loaded.hash, spec_json=spec_json, trigger=trigger,
                   idempotency_key=idempotency_key, max_attempts=loaded.spec.resources.retries + 1, priority=priority,
                   job_id=job_id, audit=(actor, payload))


def check_inputs(loaded: LoadedSpec) -> None:
    """Every file the spec names is there before a stage runs. A missing one is an InputError, so the job
    fails; found later by the gate, it would surface as a GateError and block the job like a rule."""
    from embgov.spec.checks import file_problems

    problems = [f"{'.'.join(map(str, loc))}: {message}" for loc, message in file_problems(loaded.spec, loaded.base_dir)]
    if problems:
        raise InputError("; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""),
                         where=loaded.source, fix="restore the file, or submit a spec that names files that exist")


def internal_error(exc: BaseException) -> str:
    """An unexpected exception, described by type and location only: library messages can quote input."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = next((f for f in reversed(frames) if "/embgov/" in f.filename), frames[-1] if frames else None)
    at = f" at {Path(where.filename).name}:{where.lineno} ({where.name})" if where else ""
    return f"internal error: {type(exc).__name__}{at}; see `embgov jobs logs` for the stage it was in"


def log_traceback(exc: BaseException, say: Say) -> None:
    """Frames without the exception's message, for the job log."""
    say(f"{type(exc).__name__} (message withheld: it may quote record text)")
    for frame in traceback.extract_tb(exc.__traceback__):
        say(f"  {frame.filename}:{frame.lineno} in {frame.name}")


def outputs_of(out: dict[str, Any], run_dir: Path) -> dict[str, Any]:
    """What the job record keeps: ids, counts, metrics and reasons; never text."""
    from embgov.contracts import GateReceipt

    version, report = out["version"], out["report"]
    gate = {}
    for receipt_path in sorted((run_dir / "gate").glob("*/receipt.json")):
        r = GateReceipt.model_validate_json(receipt_path.read_text())
        gate[receipt_path.parent.name] = {"records_in": r.records_in, "records_out": r.records_out,
                                          "quarantined": len(r.quarantined), "entities": r.entity_counts}
    return {"run_dir": str(run_dir), "model": f"{version.name}:{version.version}", "status": version.status,
            "parent_version": version.parent_version, "promoted": out["promoted"],
            "promotion": out.get("promotion"),
            "metrics": report.metrics if report else {},
            "eval_max_seq_length": report.heldout.get("max_seq_length") if report else None, "reasons": report.decision.reasons if report and report.decision else [],
            "gate": gate, "exports": [e.format for e in out["exports"]]}


def execute(job: Job, owner: str, *, say: Say, watch: StopWatch | None = None) -> dict[str, Any]:
    """Run one claimed attempt. Returns {state, error, outputs, retry} for `queue.finish`. Raises
    Cancelled (the job was cancelled meanwhile), LeaseLost (another worker may hold it now) or
    KeyboardInterrupt (Ctrl-C) once the attempt has stopped: nothing is to be recorded then."""
    watch = watch or StopWatch(job.id, owner)
    try:
        with watch:
            return _attempt(job, owner, say, watch)
    except KeyboardInterrupt:
        if watch.interrupted:  # the watch's own interrupt, after the grace period (Ctrl-C's stays a KeyboardInterrupt)
            raise watch.error() from None
        raise


def _attempt(job: Job, owner: str, say: Say, watch: StopWatch) -> dict[str, Any]:
    from embgov.audit import append
    from embgov.audit.evidence import queued_spec_problem
    from embgov.pipeline import run_job
    from embgov.preflight import check_host
    from embgov.store.queue import set_stage

    crash_after, current = os.environ.get(CRASH_AFTER_STAGE), [None]

    def stage(name: str) -> None:
        if crash_after and current[0] == crash_after:
            say(f"test hook: the attempt dies after stage {crash_after}")
            os._exit(70)
        if watch.should_stop() or not set_stage(job.id, owner, name, attempt=job.attempts):
            raise LeaseLost(job.id)
        current[0] = name
        say(f"== stage {name}")

    run_dir = Path(job.run_dir)
    say(f"job {job.id} ({job.name}) attempt {job.attempts}/{job.max_attempts} on {owner}")
    try:
        problem = queued_spec_problem(job)
        if problem:  # the row was edited after submission: never run it, never retry it
            append(f"worker:{owner}", "job.tampered", f"job:{job.id}", {"reason": problem, "spec_hash": job.spec_hash})
            error = SpecError(f"the queued spec is not the one audited at submission: {problem}",
                              where=f"job {job.id} (jobs.spec_json)",
                              fix="submit the spec again; find who edited the job row (audit list --subject job:ID)")
            return {"state": "failed", "error": error.render(), "outputs": None, "retry": False}
        loaded = LoadedSpec.from_json(job.spec_json)
        check_inputs(loaded)
        check_host(loaded)  # ConfigError (a SpecError): this host lacks the key or a package; failed, not retried
        out = run_job(loaded, run_dir, trigger=job.trigger, actor=f"worker:{owner}", say=say, stage=stage,
                      should_stop=watch.should_stop)
    except Exception as exc:  # noqa: BLE001 - mapped onto a state below
        if watch.should_stop():  # whatever the stop made the running stage raise
            raise watch.error() from None
        if isinstance(exc, LeaseLost):
            raise
        return _failure(exc, say)
    if watch.should_stop():
        raise watch.error()
    # A candidate the promotion rules keep is a decision recorded on the version, not an error: succeeded.
    return {"state": "succeeded", "error": None, "outputs": outputs_of(out, run_dir), "retry": False}


def _failure(exc: Exception, say: Say) -> dict[str, Any]:
    """By the error's outcome (embgov.errors): refused blocks, invalid fails, a fault fails and is retried."""
    if isinstance(exc, EmbgovError):
        if exc.outcome == "refused":
            return {"state": "blocked", "error": exc.render(), "outputs": None, "retry": False}
        if exc.outcome == "fault" and exc.__cause__ is not None:  # e.g. an analyzer crash under the gate's error
            log_traceback(exc.__cause__, say)
        return {"state": "failed", "error": exc.render(), "outputs": None, "retry": exc.outcome == "fault"}
    log_traceback(exc, say)  # recorded without its message, retried
    return {"state": "failed", "error": internal_error(exc), "outputs": None, "retry": True}


def describe_outcome(job: Job) -> list[str]:
    """How a finished attempt reads on stderr and in the job log: the state, then the reason and its fix
    (a refusal's text is the whole point: `--json` is not the only place it shows)."""
    lines = [f"job {job.id}: {job.state}"]
    outputs = job.outputs or {}
    if outputs.get("promotion"):
        lines.append(f"promotion: {outputs['promotion']}")
    if job.error:
        label = {"blocked": "refused", "cancelled": "cancelled", "queued": "will retry"}.get(job.state, "error")
        lines.append(f"{label}: " + job.error.replace("\n", "\n  "))
    return lines


def finish_attempt(job: Job, owner: str, outcome: dict[str, Any], actor: str) -> Job | None:
    """Record the outcome (conditional on still holding the lease) and its audit event, in one transaction."""
    from embgov.store.queue import finish

    outputs = outcome["outputs"] or {}
    return finish(job.id, owner, outcome["state"], error=outcome["error"], outputs=outcome["outputs"],
                  retry=outcome["retry"], actor=actor,
                  details={"model": outputs.get("model"), "promoted": outputs.get("promoted")})


def log_path(job: Job) -> Path:
    if not job.run_dir:
        raise StoreError(f"job {job.id} has no run directory yet", where=f"job {job.id}")
    return Path(job.run_dir) / "job.log"


def job_view(job: Job) -> dict[str, Any]:
    """A job as `jobs show --json` prints it: the record, its stage timings, the spec's source."""
    from embgov.store.queue import stage_timings

    view = job.to_dict()
    view["stages"] = stage_timings(job.id)
    view["spec_source"] = json.loads(job.spec_json).get("source")
    return view
