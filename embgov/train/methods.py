"""Adaptation methods: name -> how to prepare the model for training and how to save it.

Each method decides which parameters train. `prepare(model, cfg)` runs on every Ray worker before
the trainer is built; `save(model, cfg, out)` runs once, on rank 0, after training.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

log = logging.getLogger("embgov.train")

MODEL_DIR = "model"
ADAPTER_DIR = "adapter"


@dataclass(frozen=True)
class Method:
    prepare: Callable  # (model, cfg) -> None; may wrap the encoder
    save: Callable     # (model, cfg, out: Path) -> adapter_dir | None; writes out/model
    doc: str


def _encoder(model):
    return model[0].auto_model


def _freeze_pooler(model) -> None:
    # BERT's pooler is never used by mean pooling: frozen, DDP needs no find_unused_parameters.
    pooler = getattr(_encoder(model), "pooler", None)
    if pooler is not None:
        pooler.requires_grad_(False)


def _prepare_full(model, cfg) -> None:
    model.requires_grad_(True)
    _freeze_pooler(model)


def _prepare_layer_selective(model, cfg) -> None:
    enc = _encoder(model)
    model.requires_grad_(True)
    layers = enc.encoder.layer
    if cfg.freeze_lower_layers > len(layers):
        raise ValueError(f"freeze_lower_layers={cfg.freeze_lower_layers} but the model has {len(layers)} layers")
    if cfg.freeze_embeddings:
        enc.embeddings.requires_grad_(False)
    for layer in layers[: cfg.freeze_lower_layers]:
        layer.requires_grad_(False)
    _freeze_pooler(model)


def _prepare_lora(model, cfg) -> None:
    from peft import LoraConfig, TaskType, get_peft_model

    # SentenceTransformer.add_adapter needs peft >= 0.22; wrapping the inner model works today.
    peft_cfg = LoraConfig(task_type=TaskType.FEATURE_EXTRACTION, r=cfg.r, lora_alpha=cfg.alpha,
                          lora_dropout=cfg.dropout, target_modules=list(cfg.target_modules),
                          exclude_modules=["pooler.dense"])  # "dense" would match the unused pooler too
    first = model[0]
    first.model = get_peft_model(first.auto_model, peft_cfg)


def _prepare_adapter(model, cfg) -> None:
    from embgov.train.bottleneck import adapt

    model.requires_grad_(False)
    adapt(model, {"reduction_factor": cfg.reduction_factor, "non_linearity": cfg.non_linearity,
                  "placement": cfg.placement})
    for name, p in _encoder(model).named_parameters():
        # Houlsby et al. train the adapters and the layer norms; everything else stays frozen.
        p.requires_grad = ".embgov_adapter." in name or "LayerNorm" in name


def _save_plain(model, cfg, out: Path) -> None:
    model.save(str(out / MODEL_DIR), create_model_card=False)
    return None


def _save_lora(model, cfg, out: Path) -> str | None:
    first = model[0]
    peft_model = first.auto_model
    adapter = out / ADAPTER_DIR
    peft_model.save_pretrained(str(adapter))
    (adapter / "README.md").unlink(missing_ok=True)  # peft's empty model-card template
    # adapter_config.json records the base model's absolute path: keep the artifact portable.
    conf = adapter / "adapter_config.json"
    data = json.loads(conf.read_text())
    data["base_model_name_or_path"] = None
    conf.write_text(json.dumps(data, indent=2))
    # The model directory is always a plain sentence-transformers model with the adapter folded in
    # (exact to ~1e-7): evaluation, export and indexing need weights; `merge` decides what ships.
    first.model = peft_model.merge_and_unload()
    model.save(str(out / MODEL_DIR), create_model_card=False)
    first.model = peft_model
    return str(adapter)


def _save_adapter(model, cfg, out: Path) -> str:
    from embgov.train.bottleneck import ADAPTER_CONFIG, ADAPTER_WEIGHTS

    model.save(str(out / MODEL_DIR), create_model_card=False)
    adapter = out / ADAPTER_DIR
    adapter.mkdir(parents=True, exist_ok=True)
    for name in (ADAPTER_CONFIG, ADAPTER_WEIGHTS):
        (adapter / name).write_bytes((out / MODEL_DIR / name).read_bytes())
    return str(adapter)


METHODS: dict[str, Method] = {
    "full": Method(_prepare_full, _save_plain, "every parameter trains (the pooler, unused by mean pooling, stays frozen)"),
    "layer_selective": Method(_prepare_layer_selective, _save_plain, "embeddings and the lower N layers frozen"),
    "lora": Method(_prepare_lora, _save_lora, "peft LoRA on the named projections; adapter saved, merged model for serving"),
    "adapter": Method(_prepare_adapter, _save_adapter, "bottleneck adapters (+ layer norms) train in a frozen encoder"),
}


def count_params(model) -> tuple[int, int]:
    """(trainable, total) parameters of the model, adapters included."""
    params = list(model.parameters())
    return sum(p.numel() for p in params if p.requires_grad), sum(p.numel() for p in params)
