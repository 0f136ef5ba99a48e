"""`embgov train SPEC`: gate -> pairs -> train for one spec, in the foreground."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, check_by, emit_json, json_option


def stderr_say(as_json: bool = False):
    """`say` for stages run here: progress (training, gate, encoding) redraws one line on a terminal, is a
    plain line otherwise, and is left out under --json (the job log still gets every line)."""
    import shutil
    import sys

    from embgov.progress import ProgressLine

    tty, pending = sys.stderr.isatty(), [False]

    def say(message: str) -> None:
        if isinstance(message, ProgressLine):
            if as_json:
                return
            if tty:  # one line, redrawn; cut to the width so it never wraps
                width = shutil.get_terminal_size().columns - 1
                click.echo("\r\033[K" + message[:width], err=True, nl=False)
                pending[0] = True
                return
        if pending[0]:  # keep the last progress line above the next message
            click.echo("", err=True)
            pending[0] = False
        click.echo(message, err=True)

    return say


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
    trained = prepare_and_train(loaded, run, actor=actor, say=stderr_say(as_json))
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
    v = trained.extra.get("validation")
    if v and v.get("best") is not None:
        click.echo(f"validation: {v['metric']} {v['start']:.4f} before training -> best {v['best']:.4f} at step "
                   f"{v['best_step']} (kept){', stopped early' if v.get('stopped_early') else ''}")
    click.echo(f"time: {trained.train_seconds:.1f} s training, {trained.startup_seconds:.1f} s start-up; restarts: {trained.restarts}")


@click.command(context_settings=CONTEXT)
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option("--by", "actor", default="cli", show_default=True, callback=check_by, help="Who runs this (the job's trigger is person:BY).")
@json_option
def run(spec_path, actor, as_json) -> None:
    """Run a whole job now, in the foreground: it is recorded as a job (so `embgov jobs` and the audit
    log see it), then gate, pairs, train, evaluate, export, register and the promotion decision run
    here with progress on stderr, ending with the outcome and, for a refusal, its reason and fix.

    Refused before anything is queued (exit 1) when the spec is invalid, its policy unapproved, or this
    host lacks what the job needs (the hash key, the model packages). A model the promotion rules keep
    a candidate is a decision, not a failure: the job succeeded (`promoted: false`, and the reasons).

    Exit 0 succeeded (promoted or kept a candidate); 1 failed (or refused at submission); 3 blocked: the
    gate or the policy refused the data; 4 cancelled (`embgov jobs cancel` stopped it).
    """
    from embgov.cli.summary import echo_outputs
    from embgov.jobs import submit
    from embgov.spec import load_spec
    from embgov.worker import run_now

    job, _ = submit(load_spec(spec_path), trigger=f"person:{actor}", actor=actor)
    done = run_now(job, say=lambda m: click.echo(m, err=True), actor=actor)  # says the run directory once claimed
    if as_json:
        emit_json(done.to_dict())
    else:
        click.echo(f"job {done.id}: {done.state}")
        if done.outputs:
            echo_outputs(done.outputs)
    raise SystemExit(EXIT_CODES.get(done.state, 1))


EXIT_CODES = {"succeeded": 0, "blocked": 3, "cancelled": 4}  # failed (and anything else): 1
