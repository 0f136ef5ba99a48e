"""Jobs: submission (checks first, then one durable record and an audit event) and the execution of
one claimed attempt through the pipeline, with its outcome mapped onto the queue's states.

Outcomes: succeeded (registered, and promoted when the spec has promotion rules); blocked (the
policy is unapproved or changed, the gate refused the data, or the promotion rules refused the
model); failed (anything else, a missing input file included; retried, resuming from the last
completed stage, while the spec's `resources.retries` allow and the error is not one a retry cannot
fix); cancelled.
"""

from __future__ import annotations

import json
import os
import traceback
from pathlib import Path
from typing import Any, Callable

from embgov.errors import DataError, EmbgovError, GateError, InputError, PolicyError, SpecError, StoreError
from embgov.spec.loader import LoadedSpec
from embgov.store.queue import Job

Say = Callable[[str], None]
# Input that a retry cannot fix: fail at once instead of burning attempts.
NOT_RETRIED = (SpecError, DataError)
CRASH_AFTER_STAGE = "EMBGOV_TEST_CRASH_AFTER_STAGE"  # test hook: the attempt's process dies when this stage ends


class LeaseLost(Exception):
    """This worker no longer holds the job (it was cancelled, or its lease expired and was reaped)."""


def submit(loaded: LoadedSpec, *, trigger: str, actor: str, idempotency_key: str | None = None,
           priority: int = 0) -> tuple[Job, bool]:
    """Check the spec's policy is approved and unchanged, then record the job and an audit event.
    Nothing is recorded when a check fails. Returns (job, created): an idempotency key that was
    already used returns its job and created=False."""
    from embgov.hashing import sha256_text
    from embgov.policy.approvals import require_approved
    from embgov.store.names import check_actor, check_key
    from embgov.store.queue import enqueue, new_job_id

    check_actor(actor)
    if idempotency_key is not None:
        check_key(idempotency_key)
    policy = require_approved(loaded.resolve(loaded.spec.policy))
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
            "metrics": report.metrics if report else {}, "reasons": report.decision.reasons if report and report.decision else [],
            "gate": gate, "exports": [e.format for e in out["exports"]]}


def execute(job: Job, owner: str, *, say: Say) -> dict[str, Any]:
    """Run one claimed attempt. Returns {state, error, outputs, retry} for `queue.finish`."""
    from embgov.audit import append
    from embgov.audit.evidence import queued_spec_problem
    from embgov.pipeline import run_job
    from embgov.store.queue import set_stage

    crash_after, current = os.environ.get(CRASH_AFTER_STAGE), [None]

    def stage(name: str) -> None:
        if crash_after and current[0] == crash_after:
            say(f"test hook: the attempt dies after stage {crash_after}")
            os._exit(70)
        if not set_stage(job.id, owner, name, attempt=job.attempts):
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
        out = run_job(loaded, run_dir, trigger=job.trigger, actor=f"worker:{owner}", say=say, stage=stage)
    except LeaseLost:
        raise
    except (GateError, PolicyError) as exc:
        return {"state": "blocked", "error": exc.render(), "outputs": None, "retry": False}
    except EmbgovError as exc:  # InputError among them: a DataError, failed and not retried
        return {"state": "failed", "error": exc.render(), "outputs": None, "retry": not isinstance(exc, NOT_RETRIED)}
    except Exception as exc:  # noqa: BLE001 - recorded without its message, retried
        log_traceback(exc, say)
        return {"state": "failed", "error": internal_error(exc), "outputs": None, "retry": True}
    outputs = outputs_of(out, run_dir)
    report = out["report"]
    if report is not None and report.decision is not None and not report.decision.promote:
        return {"state": "blocked", "error": "the promotion rules kept the model a candidate: "
                + "; ".join(report.decision.reasons), "outputs": outputs, "retry": False}
    return {"state": "succeeded", "error": None, "outputs": outputs, "retry": False}


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
