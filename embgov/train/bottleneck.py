"""Houlsby/Pfeiffer bottleneck adapters, in-project.

Why not AdapterHub's `adapters`: its 1.3 release pins transformers ~=4.57 while sentence-transformers
6 needs transformers >= 5, so the two cannot share an environment (see STACK.md); peft has no
bottleneck adapter. The module here is the textbook one: h + up(act(down(h))), inserted after the
attention output projection and the feed-forward output projection (houlsby) or the latter only
(pfeiffer), before the residual add and layer norm. The up-projection starts at zero, so an
untrained adapter is the identity and training starts from the base model exactly.

Adapters are submodules named `embgov_adapter` beside each `dense`, applied by a forward hook, so
the base weights keep their names and a plain BERT loader still reads them. `AdapterTransformer`
re-inserts the adapters when sentence-transformers loads a saved model directory.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from sentence_transformers.base.modules.transformer import Transformer
from torch import nn

ADAPTER_CONFIG = "embgov_adapter.json"
ADAPTER_WEIGHTS = "embgov_adapter.safetensors"
CLASS_REF = "embgov.train.bottleneck.AdapterTransformer"
_ACTIVATIONS = {"relu": nn.ReLU, "gelu": nn.GELU, "swish": nn.SiLU}


class Bottleneck(nn.Module):
    def __init__(self, hidden: int, reduction_factor: int, non_linearity: str):
        super().__init__()
        size = max(1, hidden // reduction_factor)
        self.down = nn.Linear(hidden, size)
        self.act = _ACTIVATIONS[non_linearity]()
        self.up = nn.Linear(size, hidden)
        nn.init.normal_(self.down.weight, std=1e-2)
        nn.init.zeros_(self.down.bias)
        nn.init.zeros_(self.up.weight)
        nn.init.zeros_(self.up.bias)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return h + self.up(self.act(self.down(h)))


def _hook(module: nn.Module, _inputs, output):
    return module._embgov_parent.embgov_adapter(output)


def adapter_sites(encoder: nn.Module, placement: str) -> list[nn.Module]:
    """The BERT-family modules whose `dense` output gets an adapter."""
    layers = encoder.encoder.layer
    sites = [layer.output for layer in layers]
    if placement == "houlsby":
        sites = [s for layer in layers for s in (layer.attention.output, layer.output)]
    return sites


def insert_adapters(encoder: nn.Module, config: dict) -> list[nn.Module]:
    """Insert adapters into a BERT-family encoder; returns the adapter modules."""
    if not hasattr(encoder, "encoder") or not hasattr(encoder.encoder, "layer"):
        raise TypeError("bottleneck adapters need a BERT-family encoder (encoder.layer[i].output.dense)")
    hidden = encoder.config.hidden_size
    added = []
    for site in adapter_sites(encoder, config["placement"]):
        site.embgov_adapter = Bottleneck(hidden, config["reduction_factor"], config["non_linearity"])
        object.__setattr__(site.dense, "_embgov_parent", site)  # not a submodule: no cycle in state_dict
        site.dense.register_forward_hook(_hook)
        added.append(site.embgov_adapter)
    encoder.embgov_adapter_config = dict(config)
    return added


def adapter_state(encoder: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().cpu().contiguous() for k, v in encoder.state_dict().items() if ".embgov_adapter." in k}


class AdapterTransformer(Transformer):
    """A sentence-transformers Transformer module whose encoder carries bottleneck adapters."""

    def save(self, output_path: str, *args, safe_serialization: bool = True, **kwargs) -> None:
        from safetensors.torch import save_file

        super().save(output_path, *args, safe_serialization=safe_serialization, **kwargs)
        Path(output_path, ADAPTER_CONFIG).write_text(json.dumps(self.auto_model.embgov_adapter_config, indent=2))
        save_file(adapter_state(self.auto_model), str(Path(output_path, ADAPTER_WEIGHTS)))

    @classmethod
    def load(cls, model_name_or_path: str, subfolder: str = "", **kwargs) -> "AdapterTransformer":
        from safetensors.torch import load_file

        module = super().load(model_name_or_path, subfolder=subfolder, **kwargs)
        directory = Path(model_name_or_path, subfolder)
        insert_adapters(module.auto_model, json.loads((directory / ADAPTER_CONFIG).read_text()))
        missing = set(adapter_state(module.auto_model))
        weights = load_file(str(directory / ADAPTER_WEIGHTS))
        if set(weights) != missing:
            raise ValueError(f"adapter weights do not match the adapter layout in {directory}")
        module.auto_model.load_state_dict(weights, strict=False)
        return module


def adapt(model, config: dict) -> list[nn.Module]:
    """Turn module 0 of a SentenceTransformer into an AdapterTransformer with fresh adapters."""
    first = model[0]
    added = insert_adapters(first.auto_model, config)
    first.__class__ = AdapterTransformer  # same state; only save/load differ
    return added
