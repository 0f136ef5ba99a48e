"""`embgov daemon`: the monitoring service; `embgov monitor events`: what it found and did."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, emit_json, json_option


@click.command(context_settings=CONTEXT)
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True),
              help="YAML daemon settings (metrics_port, metrics_host, leader_ttl_seconds, reconcile_seconds, misfire_grace_seconds, "
                   "report, models, threads, checkpoint_dir, checkpoint_every, checkpoint_key); see `embgov daemon --print-config`.")
@click.option("--metrics-port", type=click.IntRange(0, 65535), help="Prometheus /metrics port (overrides the config; 0: off).")
@click.option("--metrics-host", help="Address /metrics binds to (overrides the config; default 127.0.0.1, this host only; "
                                     "0.0.0.0 to let another host scrape it).")
@click.option("--print-config", is_flag=True, help="Print the effective settings as JSON and exit.")
@click.option("--once", is_flag=True, help="Check every monitored model now, act on the results, print them and exit "
                                           "(no scheduler, no leadership: re-tuning stays idempotent per window). "
                                           "--json: per model {action, job_id: the job enqueued now or null, "
                                           "existing_job_id: the job already there (cooldown, same window) or null}.")
@json_option
def daemon(config_path, metrics_port, metrics_host, print_config, once, as_json) -> None:
    """Watch every monitored production model on its spec's schedule; enqueue re-tuning on drift.

    One daemon per database is active (a leadership lease); start more on other hosts as standbys.
    The schedule is kept in the database, so a restart resumes it. Stops cleanly on SIGTERM/Ctrl-C.
    """
    from embgov.daemon.service import Daemon, load_config

    config = load_config(config_path)
    overrides = {k: v for k, v in (("metrics_port", metrics_port), ("metrics_host", metrics_host)) if v is not None}
    if overrides:  # validated like the file's values
        from pydantic import ValidationError

        try:
            config = type(config).model_validate({**config.model_dump(), **overrides})
        except ValidationError as exc:
            raise click.BadParameter(exc.errors()[0]["msg"], param_hint="--metrics-host") from None
    if print_config:
        emit_json(config.model_dump())
        return
    service = Daemon(config, say=lambda m: click.echo(m, err=True))
    if not once:
        service.run()
        return
    outcomes = service.run_once()
    if as_json:
        emit_json(outcomes)
        return
    if not outcomes:
        click.echo("no monitored production models (a production version whose spec has monitoring enabled)")
    from embgov.daemon.retune import describe

    for name, outcome in outcomes.items():
        click.echo(f"{name}: {describe(outcome)}")


@click.command("events", context_settings=CONTEXT)
@click.argument("model", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
def events(model, limit, as_json) -> None:
    """Drift events (checks that found drift or degradation), newest first, with the job each enqueued."""
    from embgov.daemon.retune import list_events

    found = list_events(model, limit)
    if as_json:
        emit_json(found)
        return
    if not found:
        click.echo("no drift events")
    for e in found:
        click.echo(f"{e['created_at'][:19]}  {e['model']}:{e['version']}  {e['decision']:<9} {e['method']} "
                   f"score {e['score']} > {e['threshold']}  window {e['window_size']}  {e['action']}  [{e['id']}]")
