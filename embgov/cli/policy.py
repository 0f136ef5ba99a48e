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
        r, t = status.record, status.tally
        click.echo(f"ok    {path}  {status.loaded.policy.name} {status.loaded.policy.version}  "
                   f"sha256={status.loaded.content_hash[:16]}  approved by {', '.join(t.signers)} at {r.approved_at}  "
                   f"({status.approvals_text}{', weakening change' if t.weakening else ''}; signatures verified)")
        for c in status.rejected:  # forged or stale entries beside valid ones: worth a reviewer's look
            click.echo(f"note  does not count: {c.describe('approvals.yaml')}", err=True)
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
@click.option("--by", "by", required=True, callback=check_by,
              help="Your principal in the deployment's allowed_signers (e.g. dana@example.org).")
@click.option("--key", "key", required=True, type=click.Path(dir_okay=False),
              help="Your SSH private key (e.g. ~/.ssh/id_ed25519); its public key is listed for --by in allowed_signers.")
@json_option
def approve(path: str, by: str, key: str, as_json: bool) -> None:
    """Sign an approval of the policy's current content hash with your SSH key: appends to approvals.yaml
    beside it and the audit log.

    Refused (exit 1) when the key is not listed in $EMBGOV_ALLOWED_SIGNERS as --by, or when you already
    approved that exact content. A change that weakens protection needs a second approver (two-person rule).
    """
    from embgov.policy.approvals import approval_status, approvals_path, approve as approve_policy

    record = approve_policy(path, by, key=key)
    where, status = approvals_path(path), approval_status(path)
    state = "in force" if status.approved else "not yet in force: another listed approver must approve"
    if as_json:
        emit_json({**record.model_dump(exclude={"signature", "policy_json"}), "approvals_file": str(where),
                   "approvals": len(status.tally.signers), "required": status.tally.required, "approved": status.approved})
    else:
        click.echo(f"approved {record.name} {record.version} (sha256={record.content_hash[:16]}) by "
                   f"{record.approved_by} at {record.approved_at}, signed; recorded in {where} and the audit log; "
                   f"{status.approvals_text}, {state}")
