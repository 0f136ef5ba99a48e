"""`embgov data ...`: the data stage from the command line (vocabulary coverage)."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, emit_json, json_option


@click.group(cls=Group, context_settings=CONTEXT)
def data() -> None:
    """Training data: vocabulary coverage of a corpus under the base model's tokenizer."""


@data.command("vocab")
@click.option("--model", required=True, help="Base model: an alias (minilm-l6) or a local model directory.")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--reference", type=click.Path(exists=True, dir_okay=False), help="General-domain text to compare with.")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=0), help="Most fragmented frequent terms to list.")
@click.option("--min-count", default=2, show_default=True, type=click.IntRange(min=1), help="Occurrences a listed term needs.")
@click.option("--text-field", default="text", show_default=True, help="jsonl field / csv column with the text.")
@click.option("--title-field", default="title", show_default=True, help="jsonl field / csv column with a title (prepended when present).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "text"]), help="CORPUS format (default: from the suffix; .jsonl, .csv, else text).")
@click.option("--max-words", default=200_000, show_default=True, type=click.IntRange(min=1), help="Words per file; bigger files are sampled (seeded).")
@json_option
def vocab(model, corpus, reference, top, min_count, text_field, title_field, fmt, max_words, as_json) -> None:
    """How the MODEL's tokenizer splits CORPUS's words: subword tokens per word, the share of words
    split into 3 or more pieces, and the most fragmented frequent terms; with --reference, the same
    figures for general text and the difference."""
    from pathlib import Path

    from embgov.contracts import GateReceipt
    from embgov.data import vocab_report
    from embgov.errors import GateError

    try:  # the report lists terms: from gate output they cannot be identifiers the policy covers
        GateReceipt.accept(Path(corpus).parent)
    except GateError:
        click.echo("warning: CORPUS has no passing gate receipt beside it; the terms listed may include "
                   "identifiers. Run it on gate output (e.g. RUN_DIR/gate/corpus/...).", err=True)
    report = vocab_report(model, corpus, reference=reference, top=top, min_count=min_count, text_field=text_field,
                          title_field=title_field or None, fmt=fmt, max_words=max_words)
    if as_json:
        emit_json(report)
        return
    d, r, diff = report["domain"], report["reference"], report["difference"]
    click.echo(f"model {report['model']} ({'uncased' if report['lowercase'] else 'cased'} tokenizer)")
    click.echo(f"{'':<28}{'domain':>12}" + (f"{'reference':>12}{'difference':>12}" if r else ""))
    rows = [("words", "words", "{:d}"), ("distinct words", "unique_words", "{:d}"),
            ("subword tokens per word", "tokens_per_word", "{:.3f}"),
            (f"split into >= {report['fragmented_at']} pieces", "fragmented_share", "{:.2%}"),
            ("kept as one token", "single_token_share", "{:.2%}")]
    for label, key, fmt_ in rows:
        line = f"{label:<28}{fmt_.format(d[key]):>12}"
        if r:
            delta = diff.get(key)
            signed = "" if delta is None else ("+" if delta >= 0 else "") + fmt_.format(delta)
            line += f"{fmt_.format(r[key]):>12}{signed:>12}"
        click.echo(line)
    for name, fig in (("domain", d), ("reference", r)):
        if fig and fig["sampled"]:
            click.echo(f"({name}: {fig['words']} of {fig['words_in_file']} words, sampled with a fixed seed)")
    if not r:
        click.echo(f"({report['note']})")
    if report["top_fragmented"]:
        click.echo("most fragmented frequent terms (occurrences x extra pieces):")
        for t in report["top_fragmented"]:
            ref = f"  reference {t['reference_count']}" if "reference_count" in t else ""
            click.echo(f"  {t['word']:<28}{t['pieces']:>3} pieces {t['count']:>7}x{ref}  {' '.join(t['tokens'])}")
