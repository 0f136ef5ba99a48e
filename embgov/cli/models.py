"""`embgov models list|show|promote|rollback`: the registry from the command line."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, check_by, emit_json, json_option


@click.group(cls=Group, context_settings=CONTEXT)
def models() -> None:
    """Registered model versions, their lineage, and the production alias."""


def _ref(ref: str) -> tuple[str, str | None]:
    name, _, version = ref.partition(":")
    return name, version or None


@models.command("list")
@click.argument("name", required=False)
@json_option
def list_(name, as_json) -> None:
    """Versions of NAME (or of every model), oldest first."""
    from embgov.registry import list_versions

    records = list_versions(name)
    if as_json:
        emit_json([r.model_dump() for r in records])
        return
    if not records:
        click.echo("no registered models" + (f" named {name}" if name else ""))
    for r in records:
        ndcg = r.metrics.get("candidate", {}).get("ndcg@10")
        click.echo(f"{r.name}:{r.version:<4} {r.status:<10} {r.method:<16} trigger={r.trigger:<24} "
                   f"parent={r.parent_version or '-':<4} ndcg@10={ndcg if ndcg is not None else '-'}  {r.created_at}")


@models.command()
@click.argument("ref", metavar="NAME[:VERSION]")
@json_option
def show(ref, as_json) -> None:
    """One version with its lineage (the production one when VERSION is left out)."""
    from embgov.registry import get_version

    name, version = _ref(ref)
    r = get_version(name, version)
    if as_json:
        emit_json(r.model_dump())
        return
    click.echo(f"{r.name}:{r.version}  {r.status}  ({r.method}, registered {r.created_at})")
    click.echo(f"  trigger: {r.trigger}   parent version: {r.parent_version or '-'}")
    click.echo(f"  spec {r.spec_hash[:16]}  policy {r.policy_hash[:16]}  pairs {r.pairs_sha256[:16]}")
    for role, fp in sorted(r.receipts.items()):
        click.echo(f"  gate receipt {role}: {fp[:16]}")
    for model, values in r.metrics.items():
        click.echo(f"  {model:<10} " + "  ".join(f"{k} {v:.4f}" for k, v in values.items()))
    if r.decision:
        click.echo(f"  decision: {'promote' if r.decision.promote else 'keep as candidate'}")
        for reason in r.decision.reasons:
            click.echo(f"    {reason}")
    for kind, uri in sorted(r.artifacts.items()):
        click.echo(f"  artifact {kind}: {uri}")


@models.command()
@click.argument("name")
@click.argument("version", type=int)
@click.option("--by", "actor", required=True, callback=check_by, help="Who decides, for the audit log.")
@click.option("--reason", required=True, help="Why (recorded in the audit log).")
@json_option
def promote(name, version, actor, reason, as_json) -> None:
    """Make VERSION of NAME production, overriding the automatic decision. Audited."""
    from embgov.promotion import promote as do

    r = do(name, version, actor=f"person:{actor}", reason=reason, say=lambda m: click.echo(m, err=True))
    emit_json(r.model_dump()) if as_json else click.echo(f"{r.name}:{r.version} is production")


@models.command()
@click.argument("name")
@click.option("--by", "actor", required=True, callback=check_by, help="Who decides, for the audit log.")
@click.option("--reason", required=True, help="Why (recorded in the audit log).")
@json_option
def rollback(name, actor, reason, as_json) -> None:
    """Put the previous production version of NAME back. Audited."""
    from embgov.promotion import rollback as do

    r = do(name, actor=f"person:{actor}", reason=reason, say=lambda m: click.echo(m, err=True))
    emit_json(r.model_dump()) if as_json else click.echo(f"{r.name}:{r.version} is production again")
