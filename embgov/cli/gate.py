"""`embgov redact`, `embgov gate eval` and `embgov gate review`: the redaction gate from the command line."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, check_by, emit_json, json_option


@click.command(context_settings=CONTEXT)
@click.option("--policy", "policy_path", required=True, type=click.Path(dir_okay=False), help="Approved policy file.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="New directory for the redacted files and receipt.json.")
@click.option("--field", "fields", multiple=True, help="Text field/column to redact (repeatable); only these and the id leave the gate. Default: text (and title, when present).")
@click.option("--id-field", help="Field/column holding the record id (default: _id or id, else the line number).")
@click.option("--workers", type=click.IntRange(min=1), help="Processes (default: up to 2; Ray actors when RAY_ADDRESS is set).")
@click.option("--actor", default="cli", show_default=True, callback=check_by, help="Who runs this, for the audit log.")
@json_option
def redact(policy_path, inputs, out_dir, fields, id_field, workers, actor, as_json) -> None:
    """Redact INPUT files (jsonl, csv, tsv or text) under an approved POLICY.

    Exit 0 when the verdict is passed, 1 when the gate blocked the data or could not run.
    """
    from embgov.gate import run_gate

    import sys

    done = [0]

    def progress(n: int) -> None:  # the total is unknown while streaming: show a running count
        done[0] += n
        if sys.stderr.isatty():
            click.echo(f"\rredacting: {done[0]} records", err=True, nl=False)

    _check_inputs(policy_path, inputs)
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


def _check_inputs(policy_path: str, inputs: tuple[str, ...]) -> None:
    """INPUTs must resolve inside the working directory's tree or EMBGOV_DATA_ROOTS, and be no
    secrets file: what these commands read, they copy out (redact) or print (review)."""
    from pathlib import Path

    from embgov.errors import GateError
    from embgov.policy.load import load_policy
    from embgov.safeio import confine, data_roots, refuse_secret

    loaded = load_policy(policy_path)
    key_file = loaded.policy.hash_key.file
    secrets = [loaded.path.parent / Path(key_file).expanduser()] if key_file else []  # as read_hash_key finds it
    roots = data_roots(Path.cwd())
    for value in inputs:
        confine(value, roots, error=GateError)
        refuse_secret(value, secrets, error=GateError)


@click.group(cls=Group, context_settings=CONTEXT)
def gate() -> None:
    """Measure the redaction gate and review what it removes."""


@gate.command("eval")
@click.option("--policy", "policy_path", required=True, type=click.Path(dir_okay=False), help="Policy file.")
@click.option("--labeled", required=True, type=click.Path(dir_okay=False), help="Labeled spans (Presidio research format).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the first N documents.")
@click.option("--label-map", type=click.Path(dir_okay=False), metavar="FILE",
              help="YAML/JSON file {DATASET_LABEL: POLICY_ENTITY_ID | null} mapping the data set's labels "
                   "(null: not an identifier, ignored); overrides the built-in map.")
@click.option("--strict", is_flag=True, help="Exit 1 when a label has no mapping to the policy (unmapped).")
@click.option("--misses", type=click.IntRange(min=1), metavar="N",
              help="Print the N most frequent missed values (record text: to this terminal only, never to a file or log).")
@json_option
def eval_(policy_path, labeled, limit, label_map, strict, misses, as_json) -> None:
    """Entity-level precision and recall against labeled spans, overall and per entity.

    Every labeled span is accounted for: scored under the policy entity its label maps to,
    `ignored` (a label that is not an identifier under the policy, with the reason), or
    `unmapped` (a label the policy does not cover: not scored; --strict makes it an error).
    """
    from embgov.gate import evaluate_policy

    result = evaluate_policy(policy_path, labeled, limit=limit, label_map=label_map, strict=strict, misses=misses or 0)
    if as_json:
        emit_json(result)
        return
    o = result["overall"]
    click.echo(f"{result['documents']} documents, {result['docs_per_s']} docs/s")
    click.echo(f"overall  precision {o['precision']:.3f}  recall {o['recall']:.3f}  F2 {o['f2']:.3f}")
    click.echo(f"{'entity':<24} {'precision':>9} {'recall':>7} {'support':>8} {'missed':>7}")
    for name, e in result["entities"].items():
        p, r = (f"{v:.3f}" if v is not None else "-" for v in (e["precision"], e["recall"]))
        click.echo(f"{name:<24} {p:>9} {r:>7} {e['support']:>8} {e['missed']:>7}")
    for label, n in result["unmapped"].items():
        click.echo(f"unmapped: {label} {n}")
    if result["unmapped"]:
        click.echo("  (not scored: map these labels with --label-map FILE; --strict fails on them)")
    for label, item in result["ignored"].items():
        click.echo(f"ignored: {label} {item['count']} ({item['reason']})")
    if misses:
        click.echo("\nmost frequent missed values (record text: keep it on this terminal)")
        click.echo(f"{'count':>7}  {'entity':<24} value")
        for m in result["misses"]:
            click.echo(f"{m['count']:>7}  {m['entity']:<24} {m['value']}")


@gate.command("review")
@click.option("--policy", "policy_path", required=True, type=click.Path(dir_okay=False),
              help="Policy file (approval not needed: nothing is written).")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--field", "fields", multiple=True, metavar="F", help="Text field/column to read (repeatable). Default: every text field.")
@click.option("--min-records", type=click.IntRange(min=1), metavar="K",
              help="List only terms found in at least K distinct records. Default: the policy's review_min_records, else 20.")
@click.option("--top", type=click.IntRange(min=1), default=20, metavar="N", show_default=True, help="Terms listed per entity.")
@click.option("--entity", "entities", multiple=True, metavar="E", help="Only this policy entity (repeatable). Default: all.")
@json_option
def review(policy_path, inputs, fields, min_records, top, entities, as_json) -> None:
    """The terms POLICY's detectors remove from INPUT files (jsonl, csv, tsv or text) in the most records.

    An identifier of one patient does not recur across 20 patients' records: what recurs is the
    domain's own vocabulary (drug names, gene symbols, eponyms). Per entity, lists each matched term
    (exact text, grouped regardless of case) found in at least K distinct records, with its records
    and occurrences. Terms wrongly removed can go into the policy's allow_list, a policy change that
    needs a new approval (embgov policy diff, then embgov policy approve). When one person has many
    records (visits, events), choose K above the most records any one person has.

    The list is record text: it is printed here only, never written to a file, a receipt, a log or
    the audit log. Exit 0.
    """
    import sys

    from embgov.gate import review_terms

    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        if sys.stderr.isatty():
            click.echo(f"\rreviewing: {done[0]} records", err=True, nl=False)

    _check_inputs(policy_path, inputs)
    result = review_terms(policy_path, list(inputs), fields=list(fields) or None, min_records=min_records, top=top,
                          entities=list(entities) or None, progress=progress)
    if sys.stderr.isatty():
        click.echo(err=True)
    if as_json:
        emit_json(result)
        return
    k = result["min_records"]
    click.echo(f"policy {result['policy']} {result['policy_version']}: terms found in at least {k} distinct records "
               f"(top {result['top']} per entity)")
    quiet = []
    for entity, e in result["entities"].items():
        if not e["terms"]:
            if e["findings"] or entity in entities:
                quiet.append(entity)
            continue
        click.echo(f"\n{entity} ({e['findings']} findings)")
        click.echo(f"  {'records':>7}  {'occurrences':>11}  term")
        for t in e["terms"]:
            click.echo(f"  {t['records']:>7}  {t['occurrences']:>11}  {t['term']}")
            for v in t["variants"]:
                click.echo(f"  {v['records']:>7}  {v['occurrences']:>11}    = {v['text']}")
        if e["more"]:
            click.echo(f"  ... {e['more']} more (raise --top)")
    if quiet:
        click.echo(f"\nno term in at least {k} records: {', '.join(quiet)}")
    bad = result["unreadable"]
    skipped = f" ({sum(bad.values())} unreadable, skipped: {', '.join(f'{r} {n}' for r, n in bad.items())})" if bad else ""
    click.echo(f"\nread {result['records']} records from {result['files']} file(s){skipped}; {result['findings']} findings")
    if k < result["default_min_records"]:
        click.echo(f"note: K={k} is below the policy's default ({result['default_min_records']}): terms in few records "
                   "may be one person's identifiers; keep this list on this terminal")
    click.echo(f"To keep a term, add its exact text to allow_list in {result['policy_path']}, compare with "
               "`embgov policy diff OLD NEW`, run this review again, then `embgov policy approve`: "
               "an allow-list change needs a new approval.")
