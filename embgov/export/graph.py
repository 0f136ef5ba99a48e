"""Build the exported artifacts: one graph from token ids to the normalised sentence embedding.

The transformer, the pooling and the L2 normalisation are traced together (legacy TorchScript-based
ONNX exporter, `dynamo=False`: the dynamo exporter needs onnxscript, which is not installed), so an
exported directory is self-contained: tokenizer + graph + a small config. Forward hooks (embgov's
bottleneck adapters) run during tracing, so they are in the graph like any other op.
"""

from __future__ import annotations

import json
import warnings
from contextlib import contextmanager
from pathlib import Path

from embgov.errors import ExportError
from embgov.export.encoders import CONFIG_FILE

OPSET = 17
OUTPUT = "sentence_embedding"
_INPUT_ORDER = ("input_ids", "attention_mask", "token_type_ids")
_SUPPORTED = {"Transformer", "AdapterTransformer", "Pooling", "Normalize"}


def _additive_mask(attention_mask):
    """The classic BERT additive mask (0 keep, dtype-min drop), shape (batch, 1, seq, seq).

    Written in the op pattern onnxruntime's transformer optimizer fuses into its Attention op;
    transformers 5 builds its own mask from a 2D one with ops that pattern-matching misses."""
    import torch

    batch, seq = attention_mask.shape
    keep = attention_mask.unsqueeze(1).unsqueeze(2).expand(batch, 1, seq, seq).to(torch.float32)
    inverted = 1.0 - keep
    return inverted.masked_fill(inverted.to(torch.bool), torch.finfo(torch.float32).min)


def pooled_module(model, where: str):
    """(torch module: inputs -> normalised embedding, config dict) for a loaded SentenceTransformer.

    Only Transformer -> Pooling (mean or cls) [-> Normalize] is supported: anything else (Dense
    layers, other poolings, prompts) would be silently dropped from the graph, so it is refused."""
    import torch

    names = [type(m).__name__ for m in model]
    if set(names) - _SUPPORTED or len(names) < 2 or names[0] not in ("Transformer", "AdapterTransformer") \
            or names[1] != "Pooling":
        raise ExportError(f"unsupported module layout {names}", where=where,
                          fix="export supports Transformer -> Pooling (mean or cls) [-> Normalize]")
    mode = model[1].pooling_mode
    if mode not in ("mean", "cls"):
        raise ExportError(f"unsupported pooling mode {mode!r}", where=where, fix="export supports mean and cls pooling")
    if getattr(model, "default_prompt_name", None):
        raise ExportError("the model prepends a default prompt, which the export would drop", where=where,
                          fix="export a model without a default prompt")
    transformer, tokenizer = model[0], model.tokenizer
    inputs = [n for n in _INPUT_ORDER if n in tokenizer.model_input_names or n == "attention_mask"]

    class Pooled(torch.nn.Module):
        def __init__(self, encoder, mask_4d: bool):
            super().__init__()
            self.encoder, self.mask_4d = encoder, mask_4d

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            mask = _additive_mask(attention_mask) if self.mask_4d else attention_mask
            kwargs = {"input_ids": input_ids, "attention_mask": mask}
            if token_type_ids is not None:
                kwargs["token_type_ids"] = token_type_ids
            hidden = self.encoder(**kwargs)[0]
            if mode == "cls":
                pooled = hidden[:, 0]
            else:
                keep = attention_mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * keep).sum(1) / keep.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    encoder = transformer.auto_model.eval()
    cfg = encoder.config
    config = {"inputs": inputs, "output": OUTPUT, "dimension": int(model[1].get_embedding_dimension()),
              "pooling": mode, "normalize": True, "max_seq_length": int(transformer.max_seq_length),
              "do_lower_case": bool(getattr(transformer, "do_lower_case", False)),
              "pad_id": int(tokenizer.pad_token_id or 0), "hidden_size": getattr(cfg, "hidden_size", None),
              "intermediate_size": getattr(cfg, "intermediate_size", None),
              "num_attention_heads": getattr(cfg, "num_attention_heads", None)}
    # Use the fusable 4D mask only where the encoder takes a prepared mask as-is (BERT family in
    # transformers 5); anything else keeps its own 2D-mask path. Checked, not assumed.
    plain, fused = Pooled(encoder, False).eval(), Pooled(encoder, True).eval()
    with torch.no_grad():
        try:
            same = torch.allclose(plain(*_example(config)), fused(*_example(config)), atol=1e-5)
        except Exception:  # noqa: BLE001 - an encoder that rejects 4D masks keeps the 2D path
            same = False
    config["mask"] = "4d" if same else "2d"
    return (fused if same else plain), config


@contextmanager
def _quiet():
    """Tracing touches every attribute of the module (transformers then warns about an unset loss
    type) and branches on shapes (tracer warnings); the parity check on varied lengths is what proves
    the graph right, so both are noise here."""
    from transformers.utils import logging as hf_logging

    level = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.set_verbosity(level)


def _example(config: dict):
    """Two rows of different lengths (one padded), so traced shapes are not mistaken for constants."""
    import torch

    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102], [101, 7592, 102, 0, 0, 0]])
    mask = (torch.arange(6) < torch.tensor([[6], [3]])).long()
    values = {"input_ids": ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(ids)}
    return tuple(values[n] for n in config["inputs"])


def write_tokenizer(model, directory: Path, config: dict, fmt: str, model_file: str, **extra) -> None:
    """The tokenizer files beside the graph (tokenizer.json set to truncate at max_seq_length and pad
    per batch, as sentence-transformers does) and embgov_export.json describing the graph."""
    model.tokenizer.save_pretrained(str(directory))
    tok_path = directory / "tokenizer.json"
    if not tok_path.is_file():
        raise ExportError("the model's tokenizer has no fast (tokenizers) version", where=str(directory),
                          fix="export a model with a tokenizer.json")
    tok = json.loads(tok_path.read_text())
    tok["truncation"] = {"direction": "Right", "max_length": config["max_seq_length"], "strategy": "LongestFirst", "stride": 0}
    tok["padding"] = {"strategy": "BatchLongest", "direction": "Right", "pad_to_multiple_of": None,
                      "pad_id": config["pad_id"], "pad_type_id": 0, "pad_token": model.tokenizer.pad_token or "[PAD]"}
    tok_path.write_text(json.dumps(tok, ensure_ascii=False))
    meta = {**config, "format": fmt, "model_file": model_file, "opset": OPSET if fmt.startswith("onnx") else None, **extra}
    (directory / CONFIG_FILE).write_text(json.dumps(meta, indent=2))


def export_onnx(module, config: dict, path: Path) -> None:
    import torch

    dynamic = {name: {0: "batch", 1: "sequence"} for name in config["inputs"]} | {OUTPUT: {0: "batch"}}
    encoder = module.encoder
    before = getattr(encoder.config, "_attn_implementation", None)
    try:
        # Eager attention exports as plain MatMul/Softmax, the pattern onnxruntime fuses; the
        # parity check compares the result with the model as loaded (usually sdpa).
        if before and before != "eager" and hasattr(encoder, "set_attn_implementation"):
            encoder.set_attn_implementation("eager")
        with _quiet(), torch.no_grad():
            torch.onnx.export(module, _example(config), str(path), input_names=config["inputs"], output_names=[OUTPUT],
                              dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=True, dynamo=False)
    finally:
        if before and before != "eager" and hasattr(encoder, "set_attn_implementation"):
            encoder.set_attn_implementation(before)


def export_torchscript(module, config: dict, path: Path) -> None:
    import torch

    with _quiet(), torch.no_grad():  # TorchScript is deprecated in torch 2.13 but still supported
        traced = torch.jit.trace(module, _example(config), check_trace=False)
        torch.jit.save(traced, str(path))
