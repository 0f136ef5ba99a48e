"""`embgov train SPEC`: gate -> pairs -> train for one spec, in the foreground."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, emit_json, json_option


@click.command(context_settings=CONTEXT)
@click.argument("spec_path", metavar="SPEC", type=click.Path(dir_okay=False))
@click.option("--run-dir", type=click.Path(file_okay=False),
              help="Run directory (default: EMBGOV_HOME/runs/NAME-SPECHASH). Re-running the same one resumes it.")
@click.option("--actor", default="cli", show_default=True, help="Who runs this, for the audit log.")
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
