"""What embeds a batch: an ONNX export, a torch model, or one base model carrying many adapters.

Every backend returns L2-normalised float32 vectors and the token count of each text. A shared base
(`LoraBase`, `BottleneckBase`) holds one base model and a *slot* per adapter version; `encode(texts,
slot)` switches to that slot first (a swap is counted when the slot changes). Callers serialise
calls per backend (`lock`): switching an adapter and encoding must not interleave.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from embgov.errors import EmbgovError

BATCH = 32


def _normalise(vectors):
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def module_bytes(module) -> int:
    seen, total = set(), 0
    for t in [*module.parameters(), *module.buffers()]:
        if t.data_ptr() not in seen:
            seen.add(t.data_ptr())
            total += t.numel() * t.element_size()
    return total


class Backend:
    kind = "base"

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.swaps = 0
        self.active: str | None = None

    def encode(self, texts: list[str], slot: str | None = None):  # pragma: no cover - abstract
        raise NotImplementedError

    def nbytes(self, slot: str | None = None) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def drop(self, slot: str | None) -> bool:
        """Unload `slot`; True when the backend holds nothing any more (the caller forgets it)."""
        return True

    def _switch(self, slot: str | None, apply: Callable[[str], None]) -> None:
        if slot != self.active:
            apply(slot)
            if self.active is not None:
                self.swaps += 1
            self.active = slot


class OnnxBackend(Backend):
    """An exported ONNX directory on onnxruntime (embgov.export.OnnxEncoder's tokenisation and batching)."""

    kind = "onnx"

    def __init__(self, directory: str | Path, threads: int | None = None):
        super().__init__()
        from embgov.export import OnnxEncoder

        self.encoder = OnnxEncoder(directory, threads=threads)
        self.size = Path(directory, self.encoder.config["model_file"]).stat().st_size
        self.dimension = self.encoder.dimension

    def encode(self, texts, slot=None):
        import numpy as np

        from embgov.serve.packing import plan

        enc = self.encoder
        texts = [t.lower() for t in texts] if enc.config.get("do_lower_case") else list(texts)
        encodings = enc.tokenizer.encode_batch(texts)
        tokens = [len(e.ids) for e in encodings]
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        pad_id = enc.config["pad_id"]
        # runs cut by length (embgov.serve.packing): a batch of whatever is in flight pads like a sorted corpus
        for rows in plan(tokens, max_rows=enc.batch_size, max_tokens=enc.max_batch_tokens):
            width = max(tokens[i] for i in rows)
            arrays = {"input_ids": np.full((len(rows), width), pad_id, dtype=np.int64),
                      "attention_mask": np.zeros((len(rows), width), dtype=np.int64),
                      "token_type_ids": np.zeros((len(rows), width), dtype=np.int64)}
            for r, i in enumerate(rows):
                ids = encodings[i]
                arrays["input_ids"][r, :tokens[i]] = ids.ids
                arrays["attention_mask"][r, :tokens[i]] = 1
                arrays["token_type_ids"][r, :tokens[i]] = ids.type_ids
            out[rows] = enc._run({name: arrays[name] for name in enc.inputs})
        return _normalise(out), tokens

    def nbytes(self, slot=None) -> int:
        return self.size


class TorchBackend(Backend):
    """A sentence-transformers model directory (a full, layer-selective or merged version)."""

    kind = "torch"

    def __init__(self, directory: str | Path, model=None):
        super().__init__()
        from embgov.modelio import load_model

        self.model = model if model is not None else load_model(directory, device="cpu")
        self.model.eval()
        self.dimension = self.model.get_embedding_dimension()

    def _tokens(self, texts) -> list[int]:
        tok = self.model.tokenizer
        ids = tok(list(texts), truncation=True, max_length=self.model.max_seq_length, add_special_tokens=True)["input_ids"]
        return [len(i) for i in ids]

    def encode(self, texts, slot=None):
        vectors = self.model.encode(list(texts), batch_size=BATCH, normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)
        return _normalise(vectors), self._tokens(texts)

    def nbytes(self, slot=None) -> int:
        return module_bytes(self.model)


class SharedBase(TorchBackend):
    """One base model, one slot per adapter version."""

    def __init__(self, model, key: str):
        super().__init__(None, model=model)
        self.key = key
        self.slots: dict[str, int] = {}  # slot -> bytes of its adapter

    def encode(self, texts, slot=None):
        if slot not in self.slots:
            raise EmbgovError(f"adapter {slot} is not loaded on base {self.key[:12]}")
        self._switch(slot, self._apply)
        return super().encode(texts)

    def nbytes(self, slot=None) -> int:
        return self.slots.get(slot, 0) if slot is not None else self.base_bytes()

    def base_bytes(self) -> int:
        return module_bytes(self.model) - sum(self.slots.values())

    def total_bytes(self) -> int:
        return module_bytes(self.model)

    def drop(self, slot) -> bool:
        self.slots.pop(slot, None)
        self._remove(slot)
        if self.active == slot:
            self.active = None
        return not self.slots

    def _apply(self, slot: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _remove(self, slot: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class LoraBase(SharedBase):
    """A peft PeftModel over the base encoder; each LoRA version is a named adapter, chosen by set_adapter."""

    kind = "lora"

    def _apply(self, slot):
        self.model[0].auto_model.set_adapter(slot)

    def _remove(self, slot):
        peft_model = self.model[0].auto_model
        if slot in peft_model.peft_config and len(peft_model.peft_config) > 1:
            if peft_model.active_adapter == slot:
                other = next(n for n in peft_model.peft_config if n != slot)
                peft_model.set_adapter(other)
                self.active = other
            peft_model.delete_adapter(slot)


class BottleneckBase(SharedBase):
    """A base encoder with bottleneck-adapter hooks; each version brings its adapter modules and layer norms."""

    kind = "adapter"

    def __init__(self, model, key: str):
        super().__init__(model, key)
        self.states: dict[str, dict] = {}  # slot -> {"adapters": [modules per site], "norms": {name: tensor}}

    def _sites(self):
        from embgov.train import adapter_sites

        encoder = self.model[0].auto_model
        return adapter_sites(encoder, encoder.embgov_adapter_config["placement"])

    def _apply(self, slot):
        import torch

        state = self.states[slot]
        for site, adapter in zip(self._sites(), state["adapters"]):
            site.embgov_adapter = adapter
        params = dict(self.model[0].auto_model.named_parameters())
        with torch.no_grad():
            for name, tensor in state["norms"].items():
                params[name].copy_(tensor)

    def total_bytes(self) -> int:  # the inactive versions' adapters are held outside the model
        return module_bytes(self.model) + sum(n for s, n in self.slots.items() if s != self.active)

    def _remove(self, slot):
        self.states.pop(slot, None)
