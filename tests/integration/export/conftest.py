"""A tiny 2-layer random BERT on MiniLM's tokenizer, and the same with bottleneck adapters that are
not the identity (built train-free: up-projections perturbed), both saved as model directories."""

from __future__ import annotations

from pathlib import Path

import pytest

import trainkit as kit


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    return kit.make_tiny_model(tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def adapter_model(tiny_model, tmp_path_factory) -> Path:
    import torch

    from embgov.modelio import load_model
    from embgov.train.bottleneck import CLASS_REF, adapt

    model = load_model(tiny_model, device="cpu")
    added = adapt(model, {"reduction_factor": 4, "non_linearity": "relu", "placement": "houlsby"})
    torch.manual_seed(1)
    with torch.no_grad():
        for adapter in added:  # zero-initialised up-projections would make every adapter the identity
            adapter.down.weight.normal_(std=0.5)
            adapter.up.weight.normal_(std=0.5)
    out = tmp_path_factory.mktemp("adapter") / "model"
    model.save(str(out))
    assert CLASS_REF in (out / "modules.json").read_text()  # it is loaded back as an adapter model
    return out
