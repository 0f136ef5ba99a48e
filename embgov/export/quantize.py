"""int8 dynamic quantisation of an exported float ONNX graph, in recipes from fastest to safest.

What was tried on all-MiniLM-L6-v2 (2 threads, SciFact texts; bench/export.py): per-channel
weights are what moved parity (per-tensor: min cosine ≈ 0.90 on 1,000 queries; per-channel ≈ 0.98);
reduce_range, asymmetric or uint8 weights did not move it; a SmoothQuant-style rescaling calibrated
on the parity sample moved it little (0.977 -> 0.982 there at alpha 0.8, worse at 0.5); onnxruntime's offline transformer optimizer (fused Attention, SkipLayerNorm) made no
measurable difference to speed, the session's own graph optimisations already do what matters. The
remaining error is spread over all layers (no single MatMul dominates); keeping the feed-forward
MatMuls in float is what removes it, at a cost in speed, hence the recipes:

    all               every MatMul with a constant weight in int8 (fastest)
    ffn-output-float  the feed-forward output projection stays float
    ffn-float         both feed-forward projections stay float (attention projections in int8)

`quantize_with_parity` tries them in that order and keeps the first that reaches the bar. Activations
are quantised per batch at run time (uint8, per tensor), so results depend slightly on batching.
"""

from __future__ import annotations

import logging
from pathlib import Path

from embgov.errors import ExportError

RECIPES = ("all", "ffn-output-float", "ffn-float")


def _ffn_nodes(model_path: Path, recipe: str, intermediate: int | None) -> list[str]:
    """MatMul nodes to keep float: found by weight shape (in, out) against the FFN width."""
    if recipe == "all":
        return []
    if not intermediate:
        raise ExportError(f"int8 recipe {recipe!r} needs the model's intermediate_size", where=str(model_path))
    import onnx

    graph = onnx.load(str(model_path), load_external_data=False).graph
    shapes = {init.name: tuple(init.dims) for init in graph.initializer}
    keep = []
    for node in graph.node:
        shape = shapes.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) > 1 else None
        if not shape or len(shape) != 2 or shape[0] == shape[1]:  # square: attention (or FFN as wide as hidden)
            continue
        ffn_out = shape[0] == intermediate  # intermediate -> hidden
        ffn_in = shape[1] == intermediate   # hidden -> intermediate
        if ffn_out or (recipe == "ffn-float" and ffn_in):
            keep.append(node.name)
    return keep


def quantize(src: Path, dst: Path, recipe: str, intermediate: int | None) -> None:
    """Dynamic int8: per-channel symmetric int8 weights, activations quantised per batch at run time."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        raise ExportError("onnxruntime's quantization tools are not installed", fix="pip install onnxruntime") from None
    exclude = _ffn_nodes(src, recipe, intermediate)
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)  # its "consider pre-processing" hint is about static quantisation
    try:
        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"], nodes_to_exclude=exclude)
    finally:
        logging.disable(previous)


def quantize_with_parity(src: Path, dst: Path, intermediate: int | None, check, recipes=RECIPES):
    """Quantise src into dst with each recipe in turn until check(recipe) -> (passed, result) passes.

    Returns (recipe, result) of the first passing recipe, or (None, results of every attempt)."""
    attempts = []
    for recipe in recipes:
        quantize(src, dst, recipe, intermediate)
        passed, result = check(recipe)
        if passed:
            return recipe, result
        attempts.append((recipe, result))
    return None, attempts
