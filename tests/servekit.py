"""Helpers for serve tests: tiny versions of one base saved the way training saves them (LoRA: the
peft adapter plus the merged model; bottleneck adapters: the model with its adapter files), with
non-zero adapter weights so that every version embeds differently."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace


def make_lora(base: Path, out: Path, seed: int, r: int = 4, targets=("query", "value")) -> tuple[Path, Path]:
    """(model_dir, adapter_dir) of a LoRA version of `base` with random (non-identity) adapters."""
    import torch

    from embgov.modelio import load_model
    from embgov.train.methods import METHODS

    model = load_model(base, device="cpu")
    cfg = SimpleNamespace(r=r, alpha=2 * r, dropout=0.0, target_modules=list(targets))
    METHODS["lora"].prepare(model, cfg)
    torch.manual_seed(seed)
    with torch.no_grad():
        for name, p in model[0].auto_model.named_parameters():
            if "lora_B" in name or "lora_A" in name:
                p.normal_(std=0.3)
    out.mkdir(parents=True, exist_ok=True)
    adapter = METHODS["lora"].save(model, cfg, out)
    return out / "model", Path(adapter)


def make_bottleneck(base: Path, out: Path, seed: int) -> Path:
    """A bottleneck-adapter version of `base` (adapters and layer norms changed): its model directory."""
    import torch

    from embgov.modelio import load_model
    from embgov.train.bottleneck import adapt

    model = load_model(base, device="cpu")
    added = adapt(model, {"reduction_factor": 4, "non_linearity": "relu", "placement": "houlsby"})
    torch.manual_seed(seed)
    with torch.no_grad():
        for adapter in added:
            adapter.down.weight.normal_(std=0.5)
            adapter.up.weight.normal_(std=0.5)
        for name, p in model[0].auto_model.named_parameters():
            if "LayerNorm.weight" in name:
                p.mul_(1.0 + 0.1 * torch.rand_like(p))
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out / "model"))
    return out / "model"
