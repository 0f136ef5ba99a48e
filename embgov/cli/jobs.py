"""`embgov submit`, `embgov worker` and `embgov jobs list|show|cancel|logs`: the queue from the shell."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, check_by, check_idempotency_key, emit_json, json_option


@click.command(context_settings=CONTEXT)
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option("--by", "actor", default="cli", show_default=True, callback=check_by, help="Who submits (the job's trigger is person:BY).")
@click.option("--idempotency-key", callback=check_idempotency_key, help="Submitting the same key again returns the first job instead of a new one.")
@click.option("--priority", type=int, default=0, show_default=True, help="Higher runs first.")
@json_option
def submit(spec_path, actor, idempotency_key, priority, as_json) -> None:
    """Queue a job: validate the spec, check its policy is approved and unchanged, record the job.

    Prints the job id. Nothing is recorded when a check fails (exit 1). A worker
    (`embgov worker`) runs it; `embgov jobs show ID` follows it.
    """
    from embgov.jobs import submit as submit_job
    from embgov.spec import load_spec

    job, created = submit_job(load_spec(spec_path), trigger=f"person:{actor}", actor=actor,
                              idempotency_key=idempotency_key, priority=priority)
    if as_json:
        emit_json({**job.to_dict(), "created": created})
    else:
        click.echo(job.id)
        if not created:
            click.echo(f"(idempotency key already used: job {job.id} is {job.state}; nothing new was queued)", err=True)


@click.command(context_settings=CONTEXT)
@click.option("--once", is_flag=True, help="Run at most one job, then exit (exit at once when the queue is empty).")
@click.option("--max-jobs", type=click.IntRange(min=1), help="Exit after this many jobs.")
@click.option("--poll", type=click.FloatRange(min=0.1), default=5.0, show_default=True, help="Seconds between polls of an empty queue.")
@click.option("--lease", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Lease in seconds, renewed every quarter; a job whose worker dies is re-queued when it runs out.")
def worker(once, max_jobs, poll, lease) -> None:
    """Claim queued jobs and run them, one at a time, until stopped (SIGTERM/Ctrl-C hands a running
    job back to the queue). Any number of workers, on any hosts sharing the database, may run."""
    from embgov.worker import Worker

    Worker(lease_seconds=lease, poll_seconds=poll, say=lambda m: click.echo(m, err=True)).run(once=once, max_jobs=max_jobs)


@click.group(cls=Group, context_settings=CONTEXT)
def jobs() -> None:
    """List, inspect, cancel and read the logs of queued and finished jobs."""


@jobs.command("list")
@click.option("--state", type=click.Choice(["queued", "running", "succeeded", "failed", "blocked", "cancelled"]))
@click.option("--name", help="Only jobs of this spec name.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@json_option
def list_cmd(state, name, limit, as_json) -> None:
    """Newest first: id, name, state, stage, trigger, attempts, created."""
    from embgov.store.queue import list_jobs

    found = list_jobs(state=state, name=name, limit=limit)
    if as_json:
        emit_json([j.to_dict() for j in found])
        return
    if not found:
        click.echo("no jobs")
        return
    click.echo(f"{'id':<23} {'name':<24} {'state':<10} {'stage':<9} {'try':<5} {'trigger':<28} created")
    for j in found:
        click.echo(f"{j.id:<23} {j.name[:24]:<24} {j.state:<10} {(j.stage or '-'):<9} {j.attempts}/{j.max_attempts:<3} "
                   f"{j.trigger[:28]:<28} {j.created_at[:19]}")


@jobs.command()
@click.argument("job_id", metavar="ID")
@json_option
def show(job_id, as_json) -> None:
    """One job: state, stage timings, error, outputs (model version, metrics, gate counts)."""
    from embgov.jobs import job_view
    from embgov.store.queue import get_job
    from embgov.train import format_progress, read_progress

    view = job_view(get_job(job_id))
    view["train_progress"] = read_progress(view.get("run_dir"))  # latest training progress, or None
    if as_json:
        emit_json(view)
        return
    for key in ("id", "name", "state", "stage", "trigger", "attempts", "max_attempts", "created_at", "started_at",
                "finished_at", "lease_owner", "run_dir", "spec_hash", "idempotency_key"):
        if view.get(key) is not None:
            click.echo(f"{key:<16} {view[key]}")
    if view["train_progress"]:
        click.echo(f"{'progress':<16} {format_progress(view['train_progress'])}")
    for s in view["stages"]:
        click.echo(f"  attempt {s['attempt']} {s['stage']:<9} {s['state']:<8} {s['started_at'][11:19]} -> "
                   f"{(s['finished_at'] or '')[11:19]}  {s['worker']}")
    if view["error"]:  # labelled by what it is: a refusal or a cancel is not an error
        label = {"blocked": "refused", "cancelled": "cancelled", "queued": "last attempt"}.get(view["state"], "error")
        click.echo(f"{label}:\n  " + view["error"].replace("\n", "\n  "))
    if view["outputs"]:
        from embgov.cli.summary import echo_outputs

        echo_outputs(view["outputs"])


@jobs.command()
@click.argument("job_id", metavar="ID")
@json_option
def cancel(job_id, as_json) -> None:
    """Cancel a queued job, or stop a running one: the attempt running it (`embgov worker` or
    `embgov run`) notices within seconds, aborts its Ray Train run and exits; the stage it was in is
    recorded as cancelled."""
    from embgov.store.queue import cancel as cancel_job

    job = cancel_job(job_id, actor="cli")  # the job.cancel event commits with the change
    if as_json:
        emit_json(job.to_dict())
    else:
        click.echo(f"job {job.id}: cancelled")


@jobs.command()
@click.argument("job_id", metavar="ID")
@click.option("--tail", type=click.IntRange(min=1), help="Only the last N lines.")
@click.option("-f", "--follow", is_flag=True, help="Keep printing new lines (training progress among them) until the job ends.")
@json_option
def logs(job_id, tail, follow, as_json) -> None:
    """Print the job's log (stages, counts, metrics, training progress; never record text). It lives
    in the run directory on the host that ran the job."""
    from embgov.errors import StoreError
    from embgov.jobs import log_path
    from embgov.store.queue import get_job

    path = log_path(get_job(job_id))
    if follow and not as_json and path.is_file():
        _follow(job_id, path, tail)
        return
    if not path.is_file():
        raise StoreError("no log here yet", where=str(path),
                         fix="the job has not started, or it ran on another host: read the log there")
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    lines = lines[-tail:] if tail else lines
    if as_json:
        emit_json({"id": job_id, "path": str(path), "lines": lines})
    else:
        click.echo("\n".join(lines))


def _follow(job_id: str, path, tail: int | None) -> None:
    """Print the log, then its new lines as they come, until the job is neither queued nor running."""
    import time

    from embgov.store.queue import get_job

    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines(keepends=True)
        partial = lines.pop() if lines and not lines[-1].endswith("\n") else ""
        for line in lines[-tail:] if tail else lines:
            click.echo(line.rstrip("\n"))
        while True:
            chunk = f.readline()
            if chunk:
                partial += chunk
                if partial.endswith("\n"):
                    click.echo(partial.rstrip("\n"))
                    partial = ""
                continue
            if get_job(job_id).state not in ("queued", "running"):
                rest = partial + f.read()  # written between the last read and the state change
                if rest:
                    click.echo(rest.rstrip("\n"))
                return
            time.sleep(1.0)
