"""Export a trained model as ONNX (float or int8) or TorchScript, proven against the torch model.

    export_model(model_dir, out_dir, formats=["onnx"], quantize=False, parity_min_cosine=0.999)
    OnnxEncoder(out_dir / "onnx", threads=2).encode(texts)  # normalised numpy embeddings

Heavy libraries (torch, onnx, onnxruntime, numpy, tokenizers) are imported inside the functions.
"""

from embgov.formats import EXPORT_FILE, FORMATS, INT8_MIN_COSINE

# The rest loads on first use (PEP 562): `embgov --help` needs only the constants above.
_LAZY = {"OnnxEncoder": "encoders", "TorchScriptEncoder": "encoders", "open_encoder": "encoders",
         "export_model": "run"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"embgov.export.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'embgov.export' has no attribute {name!r}")


__all__ = ["EXPORT_FILE", "FORMATS", "INT8_MIN_COSINE", "OnnxEncoder", "TorchScriptEncoder", "export_model", "open_encoder"]
