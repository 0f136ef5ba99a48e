"""`embgov`: the root command. Sub-command groups live in sibling modules and import lazily."""

from __future__ import annotations

import click

from embgov import __version__
from embgov.cli.common import CONTEXT, Group, emit_json, json_option


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="embgov")
def cli() -> None:
    """Declarative, compliance-aware fine-tuning of embedding models.

    Write a job spec (jobs/*.yaml), have its policy approved, submit it; a worker runs the
    redaction gate, training on Ray, evaluation, export and registration; the daemon watches
    production embeddings and re-tunes on drift. State lives in EMBGOV_HOME (default .embgov/).
    """


@cli.command()
@json_option
def version(as_json: bool) -> None:
    """Print the embgov version and where its state lives."""
    from embgov.settings import get_settings, hide_password

    s = get_settings()
    info = {"version": __version__, "home": str(s.home), "database": hide_password(s.db_url),
            "mlflow": hide_password(s.mlflow_uri), "ray_address": s.ray_address}
    if as_json:
        emit_json(info)
    else:
        click.echo(f"embgov {__version__}")
        for key in ("home", "database", "mlflow", "ray_address"):
            click.echo(f"  {key:<12} {info[key] or '(local)'}")


@cli.command()
@click.argument("specs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--no-files", is_flag=True, help="Skip checking that the files the spec names exist.")
@click.option("--no-host", is_flag=True,
              help="Skip checking this host's configuration (hash key, model packages), e.g. where jobs do not run.")
@json_option
def validate(specs: tuple[str, ...], no_files: bool, no_host: bool, as_json: bool) -> None:
    """Validate job specs: schema, cross-field rules, referenced files, and what this host needs to run
    them (the policy's keyed-hash secret, the base model's and spaCy's model packages).

    Exit 0 when every spec is valid, 1 otherwise, with each problem located as file:line field.
    """
    from embgov.preflight import validate_specs

    results = validate_specs(specs, check_files=not no_files, check_env=not no_host)
    if as_json:
        emit_json(results)
    else:
        for r in results:
            if r["valid"]:
                click.echo(f"ok    {r['path']}  name={r['name']}  sha256={r['hash'][:16]}")
            else:
                click.echo(f"FAIL  {r['error']}", err=True)
    if not all(r["valid"] for r in results):
        raise SystemExit(1)


@cli.command()
@click.argument("what", type=click.Choice(["job", "policy"]), default="job")
def schema(what: str) -> None:
    """Print the JSON Schema of a document kind (for editors and review)."""
    import json

    if what == "policy":
        from embgov.policy.document import RedactionPolicy as model
    else:
        from embgov.spec.jobspec import JobSpec as model

    click.echo(json.dumps(model.model_json_schema(by_alias=True), indent=2))


def _register() -> None:
    from embgov.cli import export
    from embgov.cli import audit, data, gate, train
    from embgov.cli import evaluate
    from embgov.cli import daemon, index, jobs, models, monitor, policy

    cli.add_command(audit.audit)
    cli.add_command(policy.policy)
    cli.add_command(gate.redact)
    cli.add_command(gate.gate)
    cli.add_command(data.data)
    cli.add_command(train.train)
    cli.add_command(train.run)
    cli.add_command(evaluate.evaluate)
    cli.add_command(models.models)
    cli.add_command(export.export)
    cli.add_command(jobs.submit)
    cli.add_command(jobs.worker)
    cli.add_command(jobs.jobs)
    cli.add_command(monitor.telemetry)
    cli.add_command(monitor.monitor)
    monitor.monitor.add_command(daemon.events)
    cli.add_command(daemon.daemon)
    cli.add_command(index.index)
    from embgov.cli import serve

    cli.add_command(serve.serve)
    cli.add_command(serve.token)
    from embgov.cli import home

    cli.add_command(home.home)
    cli.add_command(home.backup)
    cli.add_command(home.restore)


_register()


def main() -> None:
    from embgov.settings import get_settings, private_umask, tighten

    # Private by default: everything embgov writes (database, runs, gate output, job logs, models) is 0600/0700,
    # in this process and those it starts (the worker's attempts, a local Ray's workers).
    private_umask()
    tighten(get_settings().home)
    cli(prog_name="embgov")


if __name__ == "__main__":
    main()
