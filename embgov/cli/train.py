"""`embgov train SPEC`: gate -> pairs -> train for one spec, in the foreground."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, check_by, emit_json, json_option


@click.command(context_settings=CONTEXT)
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option("--run-dir", type=click.Path(file_okay=False),
              help="Run directory (default: EMBGOV_HOME/runs/NAME-SPECHASH). Re-running the same one resumes it.")
@click.option("--actor", default="cli", show_default=True, callback=check_by, help="Who runs this, for the audit log.")
@json_option
def train(spec_path, run_dir, actor, as_json) -> None:
    """Redact the spec's data under its approved policy, build pairs, and train on Ray.

    Prints each stage as it finishes; the model lands in RUN_DIR/train/model. Exit 1 when the
    policy is unapproved, the gate blocks the data, or training fails.
    """
    from pathlib import Path

    from embgov.pipeline import prepare_and_train
    from embgov.settings import get_settings
    from embgov.spec import load_spec

    loaded = load_spec(spec_path)
    run = Path(run_dir) if run_dir else get_settings().ensure_home() / "runs" / f"{loaded.spec.name}-{loaded.hash[:12]}"
    trained = prepare_and_train(loaded, run, actor=actor, say=lambda m: click.echo(m, err=True))
    if as_json:
        emit_json({"run_dir": str(run), **trained.model_dump()})
        return
    click.echo(f"model: {trained.model_dir}")
    if trained.adapter_dir:
        click.echo(f"adapter: {trained.adapter_dir}")
    share = 100 * trained.trainable_params / trained.total_params if trained.total_params else 0
    click.echo(f"method: {trained.method}, {trained.steps} steps on {trained.workers} worker(s), "
               f"{trained.samples_per_s} samples/s, trainable {trained.trainable_params:,} of {trained.total_params:,} ({share:.2f} %)")
    if trained.loss_curve:
        click.echo(f"loss: {trained.loss_curve[0][1]:.4f} -> {trained.loss_curve[-1][1]:.4f}")
    click.echo(f"time: {trained.train_seconds:.1f} s training, {trained.startup_seconds:.1f} s start-up; restarts: {trained.restarts}")


@click.command(context_settings=CONTEXT)
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option("--by", "actor", default="cli", show_default=True, callback=check_by, help="Who runs this (the job's trigger is person:BY).")
@json_option
def run(spec_path, actor, as_json) -> None:
    """Run a whole job now, in the foreground: it is recorded as a job (so `embgov jobs` and the audit
    log see it), then gate, pairs, train, evaluate, export, register and the promotion decision run
    here with progress on stderr.

    Exit 0 succeeded; 1 failed (or refused at submission); 3 blocked: the gate or the policy refused
    the data, or the promotion rules kept the model a candidate (it is registered, with the reasons).
    """
    from embgov.cli.summary import echo_outputs
    from embgov.jobs import submit
    from embgov.spec import load_spec
    from embgov.worker import run_now

    job, _ = submit(load_spec(spec_path), trigger=f"person:{actor}", actor=actor)
    click.echo(f"job {job.id}: run directory {job.run_dir}", err=True)
    done = run_now(job, say=lambda m: click.echo(m, err=True), actor=actor)
    if as_json:
        emit_json(done.to_dict())
    else:
        click.echo(f"job {done.id}: {done.state}")
        if done.outputs:
            echo_outputs(done.outputs)
        if done.error:
            click.echo(done.error, err=True)
    raise SystemExit({"succeeded": 0, "blocked": 3}.get(done.state, 1))
