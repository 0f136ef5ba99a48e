"""Export a trained model as ONNX (float or int8) or TorchScript, proven against the torch model.

    export_model(model_dir, out_dir, formats=["onnx"], quantize=False, parity_min_cosine=0.999)
    OnnxEncoder(out_dir / "onnx", threads=2).encode(texts)  # normalised numpy embeddings

Heavy libraries (torch, onnx, onnxruntime, numpy, tokenizers) are imported inside the functions.
"""

from embgov.export.encoders import OnnxEncoder, TorchScriptEncoder, open_encoder
from embgov.export.run import EXPORT_FILE, FORMATS, INT8_MIN_COSINE, export_model

__all__ = ["EXPORT_FILE", "FORMATS", "INT8_MIN_COSINE", "OnnxEncoder", "TorchScriptEncoder", "export_model", "open_encoder"]
