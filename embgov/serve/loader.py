"""Turn a registered version into something that embeds, sharing one base among adapter versions.

- LoRA (`adapter` artifact, peft): the base is *recovered* from the version itself: its merged model
  minus each LoRA layer's delta (peft's get_delta_weight), so no base model path is needed and the
  served weights are the ones that were exported. Later LoRA versions of the same base (same
  embeddings and architecture) are loaded as further named adapters on that PeftModel, and only after
  a weight-by-weight check that base + their delta reproduces their merged model (else they load as
  their own model: sharing can never change an embedding).
- Bottleneck adapters: the base is the first version's model; a later version brings its adapter
  modules and layer norms (the parameters that train), checked the same way.
- Full and layer-selective versions: their ONNX export when they have one (faster on CPU), else torch.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from embgov.errors import EmbgovError
from embgov.serve.backends import Backend, BottleneckBase, LoraBase, OnnxBackend, TorchBackend, module_bytes

PEFT_PREFIX = "base_model.model."
ATOL, RTOL = 1e-5, 1e-4  # float32 rounding of W0 + delta - delta; a wrong base differs by orders more


def family(method: str) -> str:
    """lora, adapter or full (full, layer_selective, and mlm+... by their last step)."""
    last = method.split("+")[-1]
    return last if last in ("lora", "adapter") else "full"


def base_key(auto_model) -> str:
    """Identity of a base: architecture and the embedding tables (which neither LoRA nor adapters train)."""
    h = hashlib.sha256()
    cfg = auto_model.config
    h.update(json.dumps({k: getattr(cfg, k, None) for k in ("model_type", "hidden_size", "num_hidden_layers",
                                                             "num_attention_heads", "intermediate_size", "vocab_size")},
                        sort_keys=True).encode())
    for name, tensor in sorted(auto_model.state_dict().items()):
        if name.endswith(("word_embeddings.weight", "position_embeddings.weight", "token_type_embeddings.weight")):
            h.update(name.encode())
            h.update(tensor.detach().cpu().numpy().tobytes())
    return h.hexdigest()


def _plain_name(peft_name: str) -> str:
    name = peft_name[len(PEFT_PREFIX):] if peft_name.startswith(PEFT_PREFIX) else peft_name
    return name.replace(".base_layer.", ".")


def _lora_layers(peft_model, slot: str):
    from peft.tuners.lora import LoraLayer

    for name, module in peft_model.named_modules():
        if isinstance(module, LoraLayer) and slot in getattr(module, "lora_A", {}):
            yield _plain_name(name), module


def _shareable_lora(adapter_dir: Path) -> bool:
    try:
        conf = json.loads((adapter_dir / "adapter_config.json").read_text())
    except (OSError, ValueError):
        return False
    return conf.get("peft_type") == "LORA" and not conf.get("use_dora") and not conf.get("modules_to_save")


def _mismatch(expected: dict, merged: dict) -> str | None:
    """The first parameter where `expected` differs from the version's merged weights, or None."""
    import torch

    if set(expected) != set(merged):
        return f"parameter names differ ({len(set(expected) ^ set(merged))})"
    for name, tensor in merged.items():
        if tensor.shape != expected[name].shape or not torch.allclose(expected[name], tensor, atol=ATOL, rtol=RTOL):
            return name
    return None


def _params(module) -> dict:
    return {k: v.detach() for k, v in module.named_parameters()}


class Loader:
    """Builds backends; remembers shared bases by key so adapter versions of one base land on it."""

    def __init__(self, *, prefer_onnx: bool = True, share_adapters: bool = True, threads: int | None = None):
        self.prefer_onnx, self.share, self.threads = prefer_onnx, share_adapters, threads
        self.bases: dict[tuple[str, str], LoraBase | BottleneckBase] = {}
        self._slots = 0

    def _slot(self) -> str:
        self._slots += 1
        return f"s{self._slots}"

    def forget(self, backend: Backend) -> None:
        self.bases = {k: b for k, b in self.bases.items() if b is not backend}

    def load(self, family_name: str, model_dir: Path, adapter_dir: Path | None = None,
             onnx_dir: Path | None = None) -> tuple[Backend, str | None]:
        """(backend, slot) for one version; slot None for a backend of its own."""
        if family_name == "lora" and self.share and adapter_dir is not None and _shareable_lora(adapter_dir):
            return self._lora(model_dir, adapter_dir)
        if family_name == "adapter" and self.share:
            return self._bottleneck(model_dir)
        if self.prefer_onnx and onnx_dir is not None:
            return OnnxBackend(onnx_dir, threads=self.threads), None
        return TorchBackend(model_dir), None

    def _lora(self, model_dir: Path, adapter_dir: Path):
        import torch
        from peft import PeftModel

        from embgov.modelio import load_model

        merged = load_model(model_dir, device="cpu")
        first = merged[0]
        key = ("lora", base_key(first.auto_model))
        slot = self._slot()
        group = self.bases.get(key)
        if group is None:
            peft_model = PeftModel.from_pretrained(first.auto_model, str(adapter_dir), adapter_name=slot)
            layers = list(_lora_layers(peft_model, slot))
            if any(not hasattr(m, "base_layer") or not hasattr(m.base_layer, "weight") for _, m in layers):
                return TorchBackend(model_dir), None  # e.g. LoRA on embeddings: no linear base to recover
            with torch.no_grad():  # the merged weights minus the adapter's delta: the base it was trained on
                for _, module in layers:
                    module.base_layer.weight -= module.get_delta_weight(slot).to(module.base_layer.weight.dtype)
            first.model = peft_model
            group = LoraBase(merged, key[1])
            group.active = slot
            group.slots[slot] = sum(module_bytes(m.lora_A[slot]) + module_bytes(m.lora_B[slot]) for _, m in layers)
            self.bases[key] = group
            return group, slot
        with group.lock:
            peft_model = group.model[0].auto_model
            peft_model.load_adapter(str(adapter_dir), adapter_name=slot)
            layers = dict(_lora_layers(peft_model, slot))
            expected = {}
            with torch.no_grad():
                for name, tensor in _params(peft_model).items():
                    if "lora_" in name:
                        continue
                    plain = _plain_name(name)
                    owner = plain.rsplit(".", 1)[0]
                    if owner in layers and plain.endswith(".weight"):
                        tensor = tensor + layers[owner].get_delta_weight(slot)
                    expected[plain] = tensor
            problem = _mismatch(expected, _params(first.auto_model))
            if problem is not None:
                peft_model.delete_adapter(slot)
                return TorchBackend(model_dir, model=merged), None
            group.slots[slot] = sum(module_bytes(m.lora_A[slot]) + module_bytes(m.lora_B[slot]) for m in layers.values())
        return group, slot

    def _bottleneck(self, model_dir: Path):
        import torch

        from embgov.modelio import load_model

        model = load_model(model_dir, device="cpu")
        encoder = model[0].auto_model
        config = getattr(encoder, "embgov_adapter_config", None)
        if config is None:
            return TorchBackend(model_dir, model=model), None
        key = ("adapter", base_key(encoder) + config["placement"])
        slot = self._slot()
        norms = {k: v.clone() for k, v in _params(encoder).items() if "LayerNorm" in k}
        group = self.bases.get(key)
        if group is None:
            group = BottleneckBase(model, key[1])
            group.states[slot] = {"adapters": [s.embgov_adapter for s in group._sites()], "norms": norms}
            group.slots[slot] = sum(module_bytes(a) for a in group.states[slot]["adapters"])
            group.active = slot
            self.bases[key] = group
            return group, slot
        frozen = {k: v for k, v in _params(encoder).items() if ".embgov_adapter." not in k and "LayerNorm" not in k}
        with group.lock:
            shared = {k: v for k, v in _params(group.model[0].auto_model).items()
                      if ".embgov_adapter." not in k and "LayerNorm" not in k}
            if _mismatch(shared, frozen) is not None:
                return TorchBackend(model_dir, model=model), None
            from embgov.train import adapter_sites

            adapters = [s.embgov_adapter for s in adapter_sites(encoder, config["placement"])]
            with torch.no_grad():
                group.states[slot] = {"adapters": adapters, "norms": norms}
            group.slots[slot] = sum(module_bytes(a) for a in adapters)
        return group, slot


def release_memory() -> None:
    """Give freed memory back to the OS: loading an adapter version reads its whole merged model once
    (to check it against the base), and glibc keeps those pages otherwise, so RSS would grow by a
    model per version although only the adapter stays."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


def open_version(loader: Loader, registry, info) -> tuple[Backend, str | None]:
    """Load `info` (a VersionInfo) with its artifacts from the registry."""
    try:
        return _open(loader, registry, info)
    finally:
        release_memory()


def _open(loader: Loader, registry, info) -> tuple[Backend, str | None]:
    record = info.record
    kind = family(record.method)
    try:
        model_dir = registry.path(info, "model")
        adapter_dir = registry.path(info, "adapter") if kind == "lora" and "adapter" in record.artifacts else None
        merged = kind == "full" or not loader.share  # served as its own (merged) model: its export may serve it
        onnx_dir = registry.path(info, "onnx") if merged and "onnx" in record.artifacts else None
        return loader.load(kind, Path(model_dir), Path(adapter_dir) if adapter_dir else None,
                           Path(onnx_dir) if onnx_dir else None)
    except EmbgovError:
        raise
    except Exception as exc:  # noqa: BLE001 - torch/peft/onnxruntime raise many types; name it, never a traceback
        raise EmbgovError(f"cannot load {info.label} ({type(exc).__name__}: {str(exc)[:200]})",
                          where=f"model {record.name}") from exc
