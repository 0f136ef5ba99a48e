"""`embgov redact` and `embgov gate eval`: the redaction gate from the command line."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, emit_json, json_option


@click.command(context_settings=CONTEXT)
@click.option("--policy", "policy_path", required=True, type=click.Path(dir_okay=False), help="Approved policy file.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="New directory for the redacted files and receipt.json.")
@click.option("--field", "fields", multiple=True, help="Text field/column to redact (repeatable); other fields are dropped. Default: every text field.")
@click.option("--id-field", help="Field/column holding the record id (default: _id or id, else the line number).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes (default: up to 2; Ray actors when RAY_ADDRESS is set).")
@click.option("--actor", default="cli", show_default=True, help="Who runs this, for the audit log.")
@json_option
def redact(policy_path, inputs, out_dir, fields, id_field, workers, actor, as_json) -> None:
    """Redact INPUT files (jsonl, csv, tsv or text) under an approved POLICY.

    Exit 0 when the verdict is passed, 1 when the gate blocked the data or could not run.
    """
    from embgov.gate.run import run_gate

    import sys

    done = [0]

    def progress(n: int) -> None:  # the total is unknown while streaming: show a running count
        done[0] += n
        if sys.stderr.isatty():
            click.echo(f"\rredacting: {done[0]} records", err=True, nl=False)

    receipt = run_gate(policy_path, list(inputs), out_dir, fields=list(fields) or None, id_field=id_field,
                       workers=workers, actor=actor, progress=progress)
    if sys.stderr.isatty():
        click.echo(err=True)
    if as_json:
        emit_json(receipt.model_dump())
    else:
        click.echo(f"verdict: {receipt.verdict.upper()} - {receipt.verdict_reason}")
        click.echo(f"policy: {receipt.policy_name} {receipt.policy_version} ({receipt.policy_hash[:16]})")
        click.echo(f"records: {receipt.records_in} in, {receipt.records_out} out, {len(receipt.quarantined)} quarantined "
                   f"({receipt.records_per_s} records/s on {receipt.workers} worker(s))")
        for entity, n in sorted(receipt.entity_counts.items(), key=lambda kv: -kv[1]):
            click.echo(f"  {entity:<24} {n:>7}")
        reasons: dict[str, int] = {}
        for q in receipt.quarantined:
            reasons[q.reason] = reasons.get(q.reason, 0) + 1
        for reason, n in sorted(reasons.items()):
            click.echo(f"  quarantined: {reason:<14} {n:>5}")
        click.echo(f"receipt: {out_dir}/receipt.json")
    if receipt.verdict != "passed":
        raise SystemExit(1)


@click.group(cls=Group, context_settings=CONTEXT)
def gate() -> None:
    """Measure the redaction gate."""


@gate.command("eval")
@click.option("--policy", "policy_path", required=True, type=click.Path(dir_okay=False), help="Policy file.")
@click.option("--labeled", required=True, type=click.Path(dir_okay=False), help="Labeled spans (Presidio research format).")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N documents.")
@json_option
def eval_(policy_path, labeled, limit, as_json) -> None:
    """Entity-level precision and recall against labeled spans, overall and per entity."""
    from embgov.gate.evaluate import evaluate_policy

    result = evaluate_policy(policy_path, labeled, limit=limit)
    if as_json:
        emit_json(result)
        return
    o = result["overall"]
    click.echo(f"{result['documents']} documents, {result['docs_per_s']} docs/s")
    click.echo(f"overall  precision {o['precision']:.3f}  recall {o['recall']:.3f}  F2 {o['f2']:.3f}")
    click.echo(f"{'entity':<24} {'precision':>9} {'recall':>7} {'support':>8}")
    for name, e in result["entities"].items():
        p, r = (f"{v:.3f}" if v is not None else "-" for v in (e["precision"], e["recall"]))
        click.echo(f"{name:<24} {p:>9} {r:>7} {e['support']:>8}")
