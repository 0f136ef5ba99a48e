"""How a finished job's outputs are printed: gate counts per entity, the metrics table against the
baselines, the model version and its lineage. Counts, ids and metrics only."""

from __future__ import annotations

from typing import Any

import click

METRIC_ORDER = ["ndcg", "mrr", "recall", "precision", "map"]  # the article's order; job records store keys sorted


def echo_outputs(outputs: dict[str, Any]) -> None:
    for role, g in (outputs.get("gate") or {}).items():
        entities = ", ".join(f"{k} {v}" for k, v in sorted(g["entities"].items(), key=lambda kv: -kv[1])) or "none"
        click.echo(f"gate {role}: {g['records_out']}/{g['records_in']} records passed, {g['quarantined']} quarantined; "
                   f"redacted: {entities}")
    metrics = outputs.get("metrics") or {}
    if metrics:
        length = outputs.get("eval_max_seq_length")
        if length:
            click.echo(f"evaluation: every model at max_seq_length {length} tokens")
        names = sorted(next(iter(metrics.values())), key=lambda m: (METRIC_ORDER.index(m.split("@")[0])
                                                                    if m.split("@")[0] in METRIC_ORDER else 9, m))
        click.echo(f"{'model':<12}" + "".join(f"{m:>12}" for m in names))
        for model in sorted(metrics, key=lambda m: (m != "candidate", m)):
            values = metrics[model]
            click.echo(f"{model:<12}" + "".join(f"{values.get(m, float('nan')):>12.4f}" for m in names))
    if outputs.get("model"):
        click.echo(f"model version: {outputs['model']} ({outputs['status']}), parent version "
                   f"{outputs.get('parent_version') or '-'}, exports: {', '.join(outputs.get('exports') or []) or '-'}")
    if outputs.get("promotion"):  # the decision in one line (a kept candidate is not an error)
        click.echo(f"promotion: {outputs['promotion']}")
    for reason in outputs.get("reasons") or []:
        click.echo(f"  {reason}")

