"""export_model: build each requested format, prove it against the torch model, ship all or nothing.

Everything is built in a staging directory inside out_dir and checked on the fixed parity sample
(embgov.export.sample). Only when every format passes are the directories moved into place and
`export.json` written; a failing check raises ExportError and leaves out_dir as it was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from embgov.contracts import ExportedModel
from embgov.errors import EmbgovError, ExportError
from embgov.export import graph
from embgov.export.encoders import OnnxEncoder, TorchScriptEncoder
from embgov.formats import EXPORT_FILE, FORMATS, INT8_MIN_COSINE, MODEL_FILES
from embgov.export.quantize import quantize_with_parity
from embgov.export.sample import parity_sample



def _formats(formats, quantize: bool) -> list[str]:
    wanted = list(dict.fromkeys([*formats, *(["onnx-int8"] if quantize else [])]))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ExportError(f"unknown or no export format(s) {unknown}", where="formats", fix=f"choose from {list(FORMATS)}")
    return sorted(wanted, key=FORMATS.index)  # onnx before onnx-int8: the int8 graph is made from it


def _min_cosine(got, reference) -> tuple[float, int]:
    import numpy as np

    norms = np.linalg.norm(got, axis=1) * np.linalg.norm(reference, axis=1)
    cos = np.nan_to_num((got * reference).sum(1) / np.maximum(norms, 1e-12), nan=-1.0)
    worst = int(cos.argmin())
    return float(cos[worst]), worst


def _check(fmt: str, directory: Path, final: Path, sample: list[str], reference, bar: float):
    """(ExportedModel, index of the worst sample item) for the built directory."""
    encoder = TorchScriptEncoder(directory) if fmt == "torchscript" else OnnxEncoder(directory)
    start = time.perf_counter()
    got = encoder.encode(sample)
    seconds = time.perf_counter() - start
    low, worst = _min_cosine(got, reference)
    result = ExportedModel(format=fmt, path=str(final), min_cosine=round(low, 6), required_cosine=bar,
                           passed=low >= bar, sentences_per_s=round(len(sample) / max(seconds, 1e-9), 1))
    return result, worst


def _fail(fmt: str, checks: list[tuple[str, tuple]], where: str, fix: str) -> ExportError:
    # the worst item is named by its index in the sample, never by its text
    detail = "; ".join(f"{label}min cosine {r.min_cosine:.6f} < {r.required_cosine} (worst: sample item {worst})"
                       for label, (r, worst) in checks)
    return ExportError(f"{fmt} export failed the parity check against the torch model: {detail}", where=where,
                       fix=f"nothing was written. {fix}")


def _trace(build, fmt: str, where: str, *args) -> None:
    """Run an exporter; a tracing failure becomes an ExportError (its message holds shapes, no text)."""
    try:
        build(*args)
    except EmbgovError:
        raise
    except Exception as exc:  # noqa: BLE001 - torch raises many types while tracing
        raise ExportError(f"{fmt} tracing failed: {type(exc).__name__}: {str(exc)[:300]}", where=where,
                          fix="nothing was written; the model has a module the exporter cannot trace") from exc


def _replace(src: Path, dst: Path, trash: Path) -> None:
    if dst.exists():
        dst.rename(trash / dst.name)
    src.rename(dst)


def export_model(model_dir: str | Path, out_dir: str | Path, *, formats=("onnx",), quantize: bool = False,
                 parity_min_cosine: float = 0.999, int8_min_cosine: float = INT8_MIN_COSINE,
                 sample: list[str] | None = None) -> list[ExportedModel]:
    """Export model_dir (a sentence-transformers directory) as out_dir/<format>/ for each format.

    formats: onnx, onnx-int8, torchscript; quantize=True adds onnx-int8 (the spec's ExportSection
    fields map one to one: `export_model(d, out, **spec.export.model_dump())`). Each directory holds
    the graph, the tokenizer and embgov_export.json. Float formats must reach parity_min_cosine on
    the parity sample, int8 min(int8_min_cosine, parity_min_cosine); ExportError otherwise, and
    then nothing is written. Returns the ExportedModel list also written to out_dir/export.json."""
    from embgov.modelio import load_model

    wanted = _formats(formats, quantize)
    sample = parity_sample() if sample is None else list(sample)
    if not sample:
        raise ExportError("the parity sample is empty", where="sample", fix="pass some texts, or None for the built-in sample")
    where = str(model_dir)
    model = load_model(model_dir, device="cpu")
    reference = model.encode(sample, normalize_embeddings=True, convert_to_numpy=True, batch_size=32)
    module, config = graph.pooled_module(model, where)

    out = Path(out_dir).resolve()
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    except OSError as exc:
        raise ExportError(f"cannot write the export ({type(exc).__name__})", where=str(out),
                          fix="choose a writable output directory (--out DIR)") from None
    done = False
    try:
        results = []
        for fmt in wanted:
            build = staging / fmt
            build.mkdir()
            model_file = build / MODEL_FILES[fmt]
            if fmt == "torchscript":
                _trace(graph.export_torchscript, fmt, where, module, config, model_file)
            elif fmt == "onnx":
                _trace(graph.export_onnx, fmt, where, module, config, model_file)
            if fmt != "onnx-int8":
                graph.write_tokenizer(model, build, config, fmt, model_file.name)
                result, worst = _check(fmt, build, out / fmt, sample, reference, parity_min_cosine)
                if not result.passed:
                    raise _fail(fmt, [("", (result, worst))], where, "the graph does not reproduce the model: an untraceable "
                                "module or hook? Report it with the model's modules.json.")
                results.append(result)
                continue
            float_onnx = staging / "onnx" / MODEL_FILES["onnx"]
            if not float_onnx.is_file():  # int8 alone: the float graph is built, used, not shipped
                float_onnx = staging / "float.onnx"
                _trace(graph.export_onnx, "onnx", where, module, config, float_onnx)
            bar = min(int8_min_cosine, parity_min_cosine)

            def check(recipe, build=build, model_file=model_file, bar=bar):
                graph.write_tokenizer(model, build, config, "onnx-int8", model_file.name, quantization=recipe)
                checked = _check("onnx-int8", build, out / "onnx-int8", sample, reference, bar)
                return checked[0].passed, checked

            recipe, outcome = quantize_with_parity(float_onnx, model_file, config.get("intermediate_size"), check)
            if recipe is None:
                raise _fail("onnx-int8", [(f"recipe {name}: ", checked) for name, checked in outcome], where,
                            "lower the int8 bar (--int8-min-cosine) if this loss is acceptable, or ship float ONNX only.")
            results.append(outcome[0])
        trash = staging / ".replaced"
        trash.mkdir()
        for fmt in wanted:
            _replace(staging / fmt, out / fmt, trash)
        (out / EXPORT_FILE).write_text(json.dumps([r.model_dump() for r in results], indent=2))
        done = True
        return results
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not done and created and not any(out.iterdir()):
            out.rmdir()
