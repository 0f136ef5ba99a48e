"""`embgov audit`: read and verify the hash-chained audit log."""

from __future__ import annotations

import json

import click

from embgov.cli.common import CONTEXT, Group, emit_json, json_option


@click.group(cls=Group, context_settings=CONTEXT)
def audit() -> None:
    """Read and verify the audit log (submissions, approvals, gate verdicts, promotions, drift)."""


@audit.command("list")
@click.option("-n", "--limit", type=click.IntRange(min=0), default=50, show_default=True, help="Newest N events; 0 for all.")
@click.option("--action", help="Only events with this action, e.g. policy.approve.")
@click.option("--subject", help="Only events about this subject, e.g. a job id.")
@json_option
def list_(limit: int, action: str | None, subject: str | None, as_json: bool) -> None:
    """List audit events, oldest first."""
    from embgov.audit import list_events

    events = list_events(limit=limit or None, action=action, subject=subject)
    if as_json:
        emit_json([e.to_dict() for e in events])
        return
    if not events:
        click.echo("(no audit events)")
    for e in events:
        click.echo(f"{e.seq:>6}  {e.ts}  {e.actor:<20} {e.action:<22} {e.subject}  "
                   f"{json.dumps(e.payload, sort_keys=True)}  {e.hash[:12]}")


@audit.command("verify")
@json_option
def verify_(as_json: bool) -> None:
    """Recompute the hash chain; exit 1 and name the first broken entry if it was tampered with."""
    from embgov.audit import verify

    result = verify()
    if as_json:
        emit_json(result.to_dict())
    elif result.ok:
        click.echo(f"ok: {result.checked} audit events, chain intact")
    else:
        click.echo(f"BROKEN at entry {result.first_bad_seq}: {result.reason} "
                   f"({result.checked} entries before it verified)", err=True)
    if not result.ok:
        raise SystemExit(1)
