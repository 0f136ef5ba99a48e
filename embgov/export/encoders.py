"""Encoders for exported model directories: the saved tokenizer plus onnxruntime or TorchScript.

No sentence-transformers, no transformers: only `tokenizers`, numpy and the runtime, so index and
monitor processes can embed with an exported model cheaply. Batching mirrors
SentenceTransformer.encode (sorted by length, padded to the longest in the batch, truncated at the
model's max_seq_length), which keeps padding, and so speed, comparable.
"""

from __future__ import annotations

import json
from pathlib import Path

from embgov.errors import ExportError

CONFIG_FILE = "embgov_export.json"
TOKENIZER_FILE = "tokenizer.json"
# Rows x padded length per batch. Long texts go in smaller batches: onnxruntime materialises the
# attention scores (batch x heads x seq x seq), and at 256 tokens 8 rows ran ~10 % faster than 32
# on 2 cores; short texts still fill batch_size.
MAX_BATCH_TOKENS = 2048


def read_config(directory: str | Path) -> dict:
    path = Path(directory, CONFIG_FILE)
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ExportError(f"not an embgov export directory ({type(exc).__name__})", where=str(path),
                          fix="export the model first: embgov export MODEL_DIR --format onnx") from None


class _Encoder:
    """Tokenisation and batching shared by the ONNX and TorchScript encoders."""

    def __init__(self, directory: str | Path, batch_size: int = 32, max_batch_tokens: int | None = MAX_BATCH_TOKENS):
        from tokenizers import Tokenizer

        self.directory = Path(directory)
        self.config = read_config(self.directory)
        self.inputs: list[str] = self.config["inputs"]
        self.dimension: int = self.config["dimension"]
        self.batch_size, self.max_batch_tokens = batch_size, max_batch_tokens
        self.tokenizer = Tokenizer.from_file(str(self.directory / TOKENIZER_FILE))
        self.tokenizer.no_padding()  # padded per batch below, to the longest text in it
        self.tokenizer.enable_truncation(self.config["max_seq_length"])

    def _feeds(self, texts: list[str]):
        """(row indices, {input name: int64 array}) per batch, longest texts first."""
        import numpy as np

        if self.config.get("do_lower_case"):
            texts = [t.lower() for t in texts]
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        pad_id = self.config["pad_id"]
        start = 0
        while start < len(order):
            width = len(encodings[order[start]].ids)  # the longest of this batch: sorted longest first
            size = self.batch_size
            if self.max_batch_tokens:
                size = max(1, min(size, self.max_batch_tokens // max(width, 1)))
            rows, start = order[start:start + size], start + size
            arrays = {"input_ids": np.full((len(rows), width), pad_id, dtype=np.int64),
                      "attention_mask": np.zeros((len(rows), width), dtype=np.int64),
                      "token_type_ids": np.zeros((len(rows), width), dtype=np.int64)}
            for r, i in enumerate(rows):
                enc = encodings[i]
                arrays["input_ids"][r, :len(enc.ids)] = enc.ids
                arrays["attention_mask"][r, :len(enc.ids)] = 1
                arrays["token_type_ids"][r, :len(enc.ids)] = enc.type_ids
            yield rows, {name: arrays[name] for name in self.inputs}

    def encode(self, texts: list[str] | str):
        """L2-normalised float32 embeddings, shape (len(texts), dimension), in input order."""
        import numpy as np

        texts = [texts] if isinstance(texts, str) else list(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for rows, feed in self._feeds(texts):
            out[rows] = self._run(feed)
        return out

    def _run(self, feed: dict):  # pragma: no cover - abstract
        raise NotImplementedError


class OnnxEncoder(_Encoder):
    """Embed with an exported ONNX directory (`onnx` or `onnx-int8`) on onnxruntime.

    threads: onnxruntime's intra-op threads (None: its default, all cores). batch_size rows per
    run, fewer for long texts (max_batch_tokens; None: always batch_size)."""

    def __init__(self, directory: str | Path, *, threads: int | None = None, batch_size: int = 32,
                 max_batch_tokens: int | None = MAX_BATCH_TOKENS, providers: list[str] | None = None):
        super().__init__(directory, batch_size, max_batch_tokens)
        try:
            import onnxruntime as ort
        except ImportError:
            raise ExportError("onnxruntime is not installed", fix="pip install onnxruntime") from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or 0
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(self.directory / self.config["model_file"]), options,
                                            providers=providers or ["CPUExecutionProvider"])

    def _run(self, feed: dict):
        return self.session.run([self.config["output"]], feed)[0]


class TorchScriptEncoder(_Encoder):
    """Embed with an exported TorchScript directory (inputs passed positionally, in config order)."""

    def __init__(self, directory: str | Path, *, batch_size: int = 32, max_batch_tokens: int | None = MAX_BATCH_TOKENS):
        import warnings

        import torch

        super().__init__(directory, batch_size, max_batch_tokens)
        with warnings.catch_warnings():  # torch 2.13 deprecates TorchScript; loading still works
            warnings.simplefilter("ignore", DeprecationWarning)
            self.module = torch.jit.load(str(self.directory / self.config["model_file"]), map_location="cpu").eval()

    def _run(self, feed: dict):
        import torch

        with torch.inference_mode():
            return self.module(*(torch.from_numpy(feed[name]) for name in self.inputs)).numpy()


def open_encoder(directory: str | Path, **kwargs) -> _Encoder:
    """The right encoder for an export directory, by the format its config names."""
    fmt = read_config(directory)["format"]
    if fmt == "torchscript":
        kwargs.pop("threads", None)
        return TorchScriptEncoder(directory, **kwargs)
    return OnnxEncoder(directory, **kwargs)
