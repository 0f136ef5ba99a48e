"""`embgov eval MODEL`: retrieval metrics of a model against BM25 and baselines, or as a spec says."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, emit_json, json_option


def _model(value: str, where: str):
    """An alias (minilm-l6) or a local directory -> its path; errors name the option, not `base_model`."""
    from pathlib import Path

    from embgov.errors import EvalError, SpecError
    from embgov.spec.loader import resolve_model

    try:
        return resolve_model(value, Path.cwd())
    except SpecError as exc:
        raise EvalError(exc.what, where=f"{where} {value}", fix=exc.fix) from None


def _baselines(values: tuple[str, ...]) -> dict:
    from pathlib import Path

    out = {}
    for value in values:
        name, sep, target = value.partition("=")
        if not sep:
            name, target = Path(value.rstrip("/")).name or value, value
        if not name or name in out:
            raise click.UsageError(f"--baseline {value!r}: give each baseline a distinct name (NAME=DIR)")
        out[name] = _model(target, "--baseline")
    return out


def _record_source(path: str):
    from embgov.spec.jobspec import RecordSource

    return RecordSource(path=path, format="csv" if path.lower().endswith(".csv") else "jsonl")


@click.command("eval", context_settings=CONTEXT)
@click.argument("model")
@click.option("--spec", "spec_path", type=click.Path(dir_okay=False),
              help="Evaluate as the spec's evaluation section says (sets, metrics, baselines, promotion rules).")
@click.option("--corpus", type=click.Path(dir_okay=False), help="Documents (jsonl: _id, title, text; or csv).")
@click.option("--queries", type=click.Path(dir_okay=False), help="Queries (jsonl: _id, text; or csv).")
@click.option("--qrels", type=click.Path(dir_okay=False), help="Judgements, BEIR tsv ('query-id corpus-id score' header).")
@click.option("--policy", "policy_path", type=click.Path(dir_okay=False),
              help="Approved policy the --corpus/--queries/--qrels files pass the gate under (a model sees only gated text).")
@click.option("--baseline", "baselines", multiple=True, metavar="NAME=DIR|ALIAS",
              help="A dense baseline (repeatable), e.g. base=minilm-l6 or a model directory.")
@click.option("--no-bm25", is_flag=True, help="Leave out the BM25 baseline.")
@click.option("--metric", "metrics", multiple=True, metavar="M",
              help="Metric (repeatable): ndcg@K, mrr@K, recall@K, precision@K, map. Default: ndcg@10 mrr@10 recall@100 map.")
@click.option("--batch-size", type=click.IntRange(1), default=64, show_default=True, help="Encoding batch size.")
@click.option("--plot", type=click.Path(dir_okay=False), metavar="FILE.png", help="Write a bar chart of the held-out figures.")
@json_option
def evaluate(model, spec_path, corpus, queries, qrels, policy_path, baselines, no_bm25, metrics, batch_size, plot, as_json) -> None:
    """Retrieval metrics of MODEL (an alias such as minilm-l6, or a model directory) on a test set,
    beside BM25 and any --baseline, in one run; or, with --spec, as the spec's evaluation section
    says, with the forgetting check and the promotion decision.

    The decision is reported, not an exit status: exit 0 whenever the evaluation ran (read
    `decision.promote` from --json); exit 1 on an unreadable set, model or metric.
    """
    from embgov.evaluate import evaluate as run_eval, evaluate_spec
    from embgov.evaluate import plot as draw, render

    say = (lambda m: click.echo(m, err=True))
    candidate = _model(model, "MODEL")
    if spec_path:
        extra = [o for o, v in (("--corpus", corpus), ("--queries", queries), ("--qrels", qrels), ("--policy", policy_path),
                                ("--baseline", baselines), ("--no-bm25", no_bm25), ("--metric", metrics)) if v]
        if extra:
            raise click.UsageError(f"{', '.join(extra)}: not with --spec (the spec's evaluation section decides)")
        from embgov.gating import gate_sets
        from embgov.spec import load_spec

        report = evaluate_spec(gate_sets(load_spec(spec_path), actor="cli", say=say), candidate, say=say)
    else:
        missing = [o for o, v in (("--corpus", corpus), ("--queries", queries), ("--qrels", qrels),
                                  ("--policy", policy_path)) if not v]
        if missing:
            raise click.UsageError(f"missing {', '.join(missing)} (or use --spec SPEC)")
        from embgov.gating import gate_files_set
        from embgov.spec.jobspec import QrelsSource, RetrievalSet

        heldout = gate_files_set(policy_path, RetrievalSet(corpus=_record_source(corpus), queries=_record_source(queries),
                                                           qrels=QrelsSource(path=qrels)), actor="cli", say=say)
        named = _baselines(baselines)
        if not no_bm25:
            named["bm25"] = "bm25"
        report = run_eval(candidate, heldout, baselines=named, batch_size=batch_size,
                          metrics=list(metrics) or ["ndcg@10", "mrr@10", "recall@100", "map"],
                          cached=set(named), say=say)
    if plot:
        draw(report, plot)
    if as_json:
        data = report.model_dump(mode="json")
        out = {"models": data.pop("metrics"), **{k: v for k, v in data.items() if v is not None}}
        if plot:
            out["plot"] = plot
        emit_json(out)
        return
    click.echo(f"model: {report.model_dir}")
    click.echo(render(report))
    if plot:
        click.echo(f"plot: {plot}")
