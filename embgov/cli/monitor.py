"""`embgov telemetry ingest|prune` and `embgov monitor check|reference`: production embeddings and drift.

Exit codes: 0 when the command ran (a check's decision is reported, not an exit status: read
`decision` from --json); 1 on an embgov error (bad vectors, no production version, no reference,
no monitoring section); 2 on bad usage.
"""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, emit_json, json_option

say = (lambda message: click.echo(message, err=True))


@click.group(cls=Group, context_settings=CONTEXT)
def telemetry() -> None:
    """Production embeddings (vectors only, never text) in time windows under EMBGOV_HOME/telemetry.

    Services log with embgov.telemetry.log_embeddings(model, version, vectors); files come in with
    `ingest`. EMBGOV_TELEMETRY_WINDOW (default 1h) is how much recent traffic a check reads;
    EMBGOV_TELEMETRY_RETENTION (default 30d) how long `prune` keeps it.
    """


def _production_version(model: str) -> int:
    from embgov.errors import MonitorError
    from embgov.registry import production

    record = production(model)
    if record is None:
        raise MonitorError(f"{model} has no production version", where=f"model {model}",
                           fix="pass --version, or promote a version first")
    return record.version


@telemetry.command()
@click.argument("model")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--version", "version", type=click.IntRange(1), help="Model version that produced the vectors (default: the production version).")
@click.option("--kind", default="query", show_default=True, help="Telemetry stream, e.g. query or document.")
@click.option("--column", help="Parquet column or JSONL key holding the vectors (default: embedding, vector, or the only list column).")
@json_option
def ingest(model, file, version, kind, column, as_json) -> None:
    """Log the vectors in FILE (.npy; .parquet with a list column; .jsonl with one JSON array, or
    {"embedding": [...]}, per line) as MODEL's telemetry, stamped now. Only the vector column is read."""
    from embgov.monitor import ingest_file

    version = version or _production_version(model)
    segment, rows = ingest_file(model, version, file, kind=kind, column=column)
    if as_json:
        emit_json({"model": model, "version": version, "kind": kind, "rows": rows, "segment": str(segment)})
    else:
        click.echo(f"{rows} {kind} vectors logged for {model}:{version} ({segment.name})")


@telemetry.command()
@click.option("--older-than", metavar="DURATION", help="Remove telemetry older than this (e.g. 7d); default: EMBGOV_TELEMETRY_RETENTION (30d).")
@json_option
def prune(older_than, as_json) -> None:
    """Remove telemetry past its retention (whole hour partitions)."""
    import re
    from datetime import timedelta

    from embgov.monitor import prune as run_prune
    from embgov.spec.jobspec import DURATION_PATTERN, duration_seconds

    if older_than is not None and not re.match(DURATION_PATTERN, older_than):
        raise click.BadParameter("a duration such as 12h or 7d", param_hint="--older-than")
    removed = run_prune(timedelta(seconds=duration_seconds(older_than)) if older_than else None)
    if as_json:
        emit_json({"segments_removed": removed})
    else:
        click.echo(f"{removed} segment(s) removed")


@click.group(cls=Group, context_settings=CONTEXT)
def monitor() -> None:
    """Drift checks of production models: statistics, Evidently drift, probe-set metrics."""


def _spec(path: str | None):
    if not path:
        return None
    from embgov.spec import load_spec

    return load_spec(path)


def _print_event(event) -> None:
    click.echo(f"{event.model}:{event.version}  {event.kind} window {event.window_start or '-'} .. {event.window_end or '-'}: "
               f"{event.window_size} vectors (min {event.min_window}); reference {event.reference_size} ({event.reference_source})")
    click.echo(f"decision: {event.decision}")
    for reason in event.reasons:
        click.echo(f"  {reason}")
    if event.score is not None:
        click.echo(f"  decision time {event.decision_seconds:.3f} s; check {event.seconds:.1f} s")
    if event.report:
        from embgov.monitor import workspace_dir

        click.echo(f"report: {event.report}")
        click.echo(f"history: evidently ui --workspace {workspace_dir()}")


@monitor.command()
@click.argument("model")
@click.option("--spec", "spec_path", type=click.Path(dir_okay=False), help="The model's job spec (its monitoring section); default: the version's registered spec.")
@click.option("--kind", default="query", show_default=True, help="Telemetry stream to check.")
@click.option("--report", is_flag=True, help="Also write the Evidently HTML report and a workspace snapshot (slow: t-SNE).")
@click.option("--no-cache", is_flag=True, help="Ask the registry for the production version instead of the check cache "
                                               "(written at promotion and by the daemon, valid until the next promotion or rollback).")
@json_option
def check(model, spec_path, kind, report, no_cache, as_json) -> None:
    """Check MODEL's production version now on its latest telemetry window and print the decision
    (drift, no_drift, insufficient or degraded) with its figures. Audited as monitor.check.

    The production version, its registered spec and model directory come from the check cache beside
    the reference when the audit log's last promotion of MODEL is the one the cache was written under
    (and the reference's hash matches); otherwise from the registry, which rewrites the cache."""
    from embgov.daemon.check import run_check

    event = run_check(model, spec=_spec(spec_path), report=report, kind=kind, say=None if as_json else say,
                      use_cache=not no_cache)
    if as_json:
        emit_json(event.model_dump())
    else:
        _print_event(event)


@monitor.command()
@click.argument("ref", metavar="MODEL[:VERSION]")
@click.option("--spec", "spec_path", required=True, type=click.Path(dir_okay=False), help="The model's job spec (its held-out or probe queries are encoded).")
@json_option
def reference(ref, spec_path, as_json) -> None:
    """Capture the reference window of MODEL (the production version, or VERSION) by hand: the spec's
    held-out queries (else its probe queries) encoded by that version, plus its probe metrics."""
    from embgov.monitoring import capture_reference, spec_for
    from embgov.registry import get_version

    name, _, version = ref.partition(":")
    record = get_version(name, version or None)
    loaded = spec_for(record, _spec(spec_path))
    saved = capture_reference(name, record, loaded, say=None if as_json else say)
    if as_json:
        emit_json({**saved.info.model_dump(), "path": str(saved.path)})
    else:
        click.echo(f"reference of {name}:{record.version}: {saved.info.count} x {saved.info.dim} from {saved.info.source}"
                   + (f"; at promotion {saved.info.promotion_metrics}" if saved.info.promotion_metrics else ""))
