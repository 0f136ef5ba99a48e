"""`embgov policy`: explain, check, diff and approve redaction policies (for compliance officers).

Exit codes: 0 success; 1 invalid policy, unapproved or changed since approval (`check`), refused
approval, unreadable approvals file; 2 bad usage. `diff` is a report and exits 0.
"""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, check_by, emit_json, json_option

POLICY = click.Path(dir_okay=False)


@click.group(cls=Group, context_settings=CONTEXT)
def policy() -> None:
    """Review, diff and approve redaction policies (approvals are by content hash)."""


@policy.command()
@click.argument("path", type=POLICY)
@click.option("--format", "fmt", type=click.Choice(["table", "markdown"]), default="table", show_default=True,
              help="table for the terminal; markdown for a review document.")
@json_option
def explain(path: str, fmt: str, as_json: bool) -> None:
    """Explain what a policy removes, citing the rule, how each identifier is found and replaced."""
    from embgov.policy.approvals import approval_status
    from embgov.policy.explain import explain_rows, render_markdown, render_table
    from embgov.policy.load import load_policy

    if fmt == "markdown":
        status = approval_status(path)
        loaded = status.loaded
    else:
        status, loaded = None, load_policy(path)
    rows = explain_rows(loaded.policy)
    if as_json:
        emit_json({"name": loaded.policy.name, "version": loaded.policy.version,
                   "content_hash": loaded.content_hash, "entities": rows})
    elif fmt == "markdown":
        click.echo(render_markdown(loaded.policy, rows, status))
    else:
        click.echo(render_table(loaded.policy, rows, content_hash=loaded.content_hash))


@policy.command()
@click.argument("path", type=POLICY)
@json_option
def check(path: str, as_json: bool) -> None:
    """Is the policy valid and its current content approved? Exit 1 when invalid, unapproved or changed."""
    from embgov.errors import PolicyError
    from embgov.policy.approvals import approval_status

    try:
        status = approval_status(path)
    except PolicyError as exc:
        if not as_json:
            raise
        emit_json({"path": path, "valid": False, "approved": False, "error": exc.render()})
        raise SystemExit(1) from None
    refusal = status.refusal()
    if as_json:
        emit_json({**status.to_dict(), "valid": True, "error": refusal.render() if refusal else None})
    elif refusal is None:
        r = status.record
        click.echo(f"ok    {path}  {status.loaded.policy.name} {status.loaded.policy.version}  "
                   f"sha256={status.loaded.content_hash[:16]}  approved by {r.approved_by} at {r.approved_at}")
    else:
        click.echo(f"FAIL  {refusal.render()}", err=True)
    if refusal is not None:
        raise SystemExit(1)


@policy.command()
@click.argument("old", type=POLICY)
@click.argument("new", type=POLICY)
@json_option
def diff(old: str, new: str, as_json: bool) -> None:
    """Semantic changes from OLD to NEW; the ones that weaken protection first, marked '!'."""
    from embgov.policy.diff import diff_policies
    from embgov.policy.load import load_policy

    a, b = load_policy(old), load_policy(new)
    changes = diff_policies(a.policy, b.policy)
    if as_json:
        emit_json({"old": {"path": old, "content_hash": a.content_hash}, "new": {"path": new, "content_hash": b.content_hash},
                   "changes": [c.to_dict() for c in changes]})
        return
    weakening = sum(c.weakens for c in changes)
    click.echo(f"{old} ({a.policy.name} {a.policy.version}, {a.content_hash[:12]}) -> "
               f"{new} ({b.policy.name} {b.policy.version}, {b.content_hash[:12]})")
    if not changes:
        click.echo("no semantic changes")
        return
    click.echo(f"{len(changes)} change{'s' if len(changes) != 1 else ''}, {weakening} weakening protection")
    for c in changes:
        click.echo(f"{'!' if c.weakens else ' '} {c.description}" + ("  [WEAKENS]" if c.weakens else ""))


@policy.command()
@click.argument("path", type=POLICY)
@click.option("--by", "by", required=True, callback=check_by, help="Name of the compliance officer approving it.")
@json_option
def approve(path: str, by: str, as_json: bool) -> None:
    """Approve the policy's current content hash: appends to approvals.yaml beside it and the audit log.

    Refused (exit 1) when that exact content is already approved.
    """
    from embgov.policy.approvals import approvals_path, approve as approve_policy

    record = approve_policy(path, by)
    where = approvals_path(path)
    if as_json:
        emit_json({**record.model_dump(), "approvals_file": str(where)})
    else:
        click.echo(f"approved {record.name} {record.version} (sha256={record.content_hash[:16]}) by "
                   f"{record.approved_by} at {record.approved_at}; recorded in {where} and the audit log")
