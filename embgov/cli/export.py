"""`embgov export MODEL_DIR`: ONNX / int8 ONNX / TorchScript with a parity check."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, emit_json, json_option
from embgov.formats import FORMATS, INT8_MIN_COSINE  # light: the heavy libraries load inside export_model


@click.command(context_settings=CONTEXT)
@click.argument("model", metavar="MODEL_DIR")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS), default=("onnx",), show_default=True,
              help="Format to export; repeat for several.")
@click.option("--out", type=click.Path(file_okay=False), help="Output directory (default: MODEL_DIR's sibling `export`; for an alias, EMBGOV_HOME/exports/ALIAS).")
@click.option("--min-cosine", type=click.FloatRange(0, 1), default=0.999, show_default=True,
              help="Parity bar for onnx and torchscript: lowest cosine to the torch model on the fixed sample.")
@click.option("--int8-min-cosine", type=click.FloatRange(0, 1), default=INT8_MIN_COSINE, show_default=True,
              help="Parity bar for onnx-int8 (never above --min-cosine).")
@json_option
def export(model, formats, out, min_cosine, int8_min_cosine, as_json) -> None:
    """Export MODEL_DIR (a model directory, or an alias such as minilm-l6) for serving.

    Each format lands in OUT/FORMAT (graph + tokenizer + embgov_export.json) with OUT/export.json
    listing them. Every format is checked against the torch model on a fixed sample of 64 texts;
    exit 1 when one misses its bar, and then nothing is written.
    """
    from pathlib import Path

    from embgov.export import export_model
    from embgov.settings import get_settings
    from embgov.spec.loader import resolve_model

    from embgov.spec.jobspec import MODEL_ALIASES

    model_dir = resolve_model(model, Path.cwd())
    if out:
        target = Path(out)
    elif model in MODEL_ALIASES:  # never write into an installed package
        target = get_settings().ensure_home() / "exports" / model
    else:
        target = model_dir.parent / "export"
    results = export_model(model_dir, target, formats=formats, parity_min_cosine=min_cosine,
                           int8_min_cosine=int8_min_cosine)
    if as_json:
        emit_json({"model_dir": str(model_dir), "out": str(target.resolve()), "exports": [r.model_dump() for r in results]})
        return
    for r in results:
        click.echo(f"{r.format:<12} min cosine {r.min_cosine:.6f} >= {r.required_cosine}  "
                   f"{r.sentences_per_s} sentences/s on the sample  {r.path}")
