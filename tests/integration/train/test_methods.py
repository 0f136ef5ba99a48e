"""Each adaptation method trains a tiny model inside a real local Ray and changes exactly the
parameters it should; the saved model directory loads and embeds to unit vectors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

import trainkit as kit

pytestmark = pytest.mark.integration


def _weights(model_dir) -> dict[str, torch.Tensor]:
    from embgov.modelio import load_model

    return {k: v.detach().clone() for k, v in load_model(model_dir)[0].auto_model.state_dict().items()}


def _changed(before: dict, after: dict) -> set[str]:
    return {k for k in before if k in after and not torch.equal(before[k], after[k])}


def _train(tiny_spec, tmp_path, adaptation, training="", rows=48, negatives=1, workers=1):
    from embgov.train import train_model

    pairs = kit.write_gated_pairs(tmp_path, kit.make_rows(rows, negatives))
    return train_model(tiny_spec(adaptation, training, workers), pairs, tmp_path / "out")


def _embeds_unit_vectors(model_dir):
    from embgov.modelio import load_model

    vectors = load_model(model_dir).encode(["a protein binds a receptor", "insulin dose"], convert_to_tensor=True)
    assert vectors.shape == (2, 32)
    assert torch.allclose(vectors.norm(dim=1), torch.ones(2), atol=1e-5)  # mean pooling + L2 normalisation
    return vectors


def test_full_changes_every_parameter_but_the_unused_pooler(ray_local, tiny_model, tiny_spec, tmp_path):
    # also exercises CachedMNRL with a Matryoshka wrapper and two hard-negative columns
    trained = _train(tiny_spec, tmp_path, "{method: full}",
                     "batch_size: 8, epochs: 1, loss: cached_mnrl, mini_batch_size: 4, matryoshka_dims: [32, 16]",
                     negatives=2)
    changed = _changed(_weights(tiny_model), _weights(trained.model_dir))
    params = {k for k in _weights(tiny_model) if "position_ids" not in k}
    assert {k for k in params if not k.startswith("pooler.")} - changed == set()
    assert not any(k.startswith("pooler.") for k in changed)
    assert trained.steps == 6 and trained.method == "full" and trained.adapter_dir is None
    assert trained.trainable_params == trained.total_params - 32 * 32 - 32  # all but the pooler
    assert trained.loss_curve and trained.samples_per_s > 0
    _embeds_unit_vectors(trained.model_dir)


def test_layer_selective_leaves_embeddings_and_lower_layers_alone(ray_local, tiny_model, tiny_spec, tmp_path):
    trained = _train(tiny_spec, tmp_path, "{method: layer_selective, freeze_lower_layers: 1}")
    changed = _changed(_weights(tiny_model), _weights(trained.model_dir))
    assert changed and all(k.startswith("encoder.layer.1.") for k in changed)
    assert {k for k in _weights(tiny_model) if k.startswith("encoder.layer.1.")} == changed


def test_lora_trains_only_the_adapter_and_ships_it_portable(ray_local, tiny_model, tiny_spec, tmp_path):
    trained = _train(tiny_spec, tmp_path, "{method: lora, r: 4, alpha: 8, merge: true}")
    assert trained.trainable_params / trained.total_params < 0.02
    changed = _changed(_weights(tiny_model), _weights(trained.model_dir))  # merged: B·A folded into the weights
    assert changed and all(k.endswith(".weight") and ("attention" in k or ".dense." in k) for k in changed)
    assert not any("LayerNorm" in k or "embeddings" in k or k.startswith("pooler.") for k in changed)
    adapter = json.loads((Path(trained.adapter_dir) / "adapter_config.json").read_text())
    assert adapter["r"] == 4 and adapter["base_model_name_or_path"] is None  # no absolute path baked in
    assert "pooler.dense" not in json.dumps(adapter.get("target_modules"))


def test_bottleneck_adapter_trains_adapters_and_layer_norms_only(ray_local, tiny_model, tiny_spec, tmp_path):
    trained = _train(tiny_spec, tmp_path, "{method: adapter, reduction_factor: 4}")
    base, after = _weights(tiny_model), _weights(trained.model_dir)
    added = set(after) - set(base)
    assert added and all(".embgov_adapter." in k for k in added)
    assert len({k.rsplit(".embgov_adapter.", 1)[0] for k in added}) == 4  # houlsby: 2 sites x 2 layers
    assert all("LayerNorm" in k for k in _changed(base, after))
    assert any(after[k].abs().sum() > 0 for k in added if ".up." in k)  # the zero-initialised up-projection learned
    assert trained.adapter_dir and trained.trainable_params / trained.total_params < 0.02
    # The reloaded model applies its adapters: it does not embed like the base model.
    from embgov.modelio import load_model

    _embeds_unit_vectors(trained.model_dir)
    text = ["kinase mutation in the liver"]
    assert not torch.allclose(load_model(tiny_model).encode(text, convert_to_tensor=True),
                              load_model(trained.model_dir).encode(text, convert_to_tensor=True))


def test_mlm_alone_adapts_the_encoder(ray_local, tiny_model, tiny_spec, tmp_path):
    trained = _train(tiny_spec, tmp_path, "{method: mlm, epochs: 1}")
    changed = _changed(_weights(tiny_model), _weights(trained.model_dir))
    assert any(k.startswith("encoder.layer.") for k in changed)
    assert trained.method == "mlm" and trained.extra["mlm_steps"] > 0 and trained.extra["mlm_texts"] > 0
    _embeds_unit_vectors(trained.model_dir)
