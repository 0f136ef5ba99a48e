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
@click.option("--checkpoints", "checkpoints", metavar="DIR",
              help="Also prove the chain still holds every checkpoint in DIR (see `audit checkpoint`).")
@click.option("--signers", metavar="FILE", help="allowed_signers for signed checkpoints (default: $EMBGOV_ALLOWED_SIGNERS).")
@click.option("--require-signed", is_flag=True, help="With --checkpoints: an unsigned checkpoint fails.")
@json_option
def verify_(checkpoints: str | None, signers: str | None, require_signed: bool, as_json: bool) -> None:
    """Recompute the hash chain and print its head; exit 1 and name the first broken entry if it was
    tampered with, or (with --checkpoints) the first checkpoint the chain no longer holds."""
    from embgov.audit import verify

    result = verify()
    anchored = None
    if checkpoints is not None:
        from embgov.audit.checkpoint import verify_checkpoints

        anchored = verify_checkpoints(checkpoints, signers=signers, require_signed=require_signed)
    if as_json:
        emit_json({**result.to_dict(), **({"checkpoints": anchored.to_dict()} if anchored else {})})
    else:
        click.echo(f"head: entry {result.head_seq} {result.head_hash}" + ("" if result.ok else " (as recorded)"))
        if result.ok:
            click.echo(f"ok: {result.checked} audit events, chain intact")
        else:
            click.echo(f"BROKEN at entry {result.first_bad_seq}: {result.reason} "
                       f"({result.checked} entries before it verified)", err=True)
        if anchored and anchored.ok:
            click.echo(f"ok: {anchored.checked} checkpoints hold ({anchored.signed} signed)")
        elif anchored:
            click.echo(f"CHECKPOINT {anchored.first_bad} does not hold: {anchored.reason} "
                       f"({anchored.checked} checkpoints before it hold)", err=True)
    if not result.ok or (anchored and not anchored.ok):
        raise SystemExit(1)


@audit.command("checkpoint")
@click.option("--to", "to", metavar="DIR", help="Directory for checkpoints, outside the database's reach (another "
              "volume or host); default $EMBGOV_AUDIT_CHECKPOINTS, else EMBGOV_HOME/checkpoints.")
@click.option("--key", metavar="FILE", help="SSH private key that signs the checkpoint (namespace embgov-audit).")
@json_option
def checkpoint_(to: str | None, key: str | None, as_json: bool) -> None:
    """Verify the chain, then write its head (sequence, hash, time, database) to a new file in DIR."""
    from embgov.audit.checkpoint import checkpoint

    written = checkpoint(to, key=key)
    if as_json:
        emit_json(written.to_dict())
    else:
        click.echo(f"checkpoint: entry {written.seq} {written.head} -> {written.path}"
                   + (" (signed)" if written.signed else ""))
