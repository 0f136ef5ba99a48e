"""Adapter versions share one base in memory and still embed exactly as their own merged models:
LoRA (peft, several adapters on one PeftModel) and bottleneck adapters; another base, or a version
whose weights do not match the shared base, loads on its own; unloading one adapter leaves the others."""

from __future__ import annotations

import numpy as np
import pytest

import servekit
import trainkit

pytestmark = pytest.mark.integration
TEXTS = ["protein binds the receptor", "gene therapy dose in trial 4", "x"]


def _reference(model_dir):
    from embgov.modelio import load_model

    return load_model(model_dir, device="cpu").encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True)


def _cos(a, b) -> float:
    return float((a * b).sum(1).min())


def test_lora_versions_share_one_base(tiny_model, tmp_path):
    from embgov.serve.backends import LoraBase
    from embgov.serve.loader import Loader

    loader = Loader()
    versions = [servekit.make_lora(tiny_model, tmp_path / f"l{i}", seed=i,
                                   targets=("query", "value") if i < 2 else ("query", "key", "value", "dense"))
                for i in range(3)]
    loaded = [loader.load("lora", m, a) for m, a in versions]
    assert all(isinstance(b, LoraBase) for b, _ in loaded) and len({id(b) for b, _ in loaded}) == 1
    base, _ = loaded[0]
    got = {}
    for _ in range(2):  # switch back and forth: every switch gives that version's exact embeddings
        for (model_dir, _), (backend, slot) in zip(versions, loaded):
            vectors, tokens = backend.encode(TEXTS, slot)
            assert _cos(vectors, _reference(model_dir)) >= 0.9999
            assert tokens[2] == 3  # [CLS] x [SEP]
            got[slot] = vectors
    assert np.abs(got["s1"] - got["s2"]).max() > 0.05 and base.swaps >= 5
    assert base.nbytes("s1") < base.total_bytes() / 10  # a slot is its adapter only: the base is held once

    assert not base.drop("s2")  # unloading one adapter keeps the base and the others
    assert _cos(base.encode(TEXTS, "s3")[0], _reference(versions[2][0])) >= 0.9999

    other_base = trainkit.make_tiny_model(tmp_path / "other", layers=1)
    m, a = servekit.make_lora(other_base, tmp_path / "lo", seed=9)
    backend, slot = loader.load("lora", m, a)
    assert backend is not base and _cos(backend.encode(TEXTS, slot)[0], _reference(m)) >= 0.9999


def test_a_lora_version_that_does_not_match_the_base_loads_alone(tiny_model, tmp_path):
    import torch

    from embgov.modelio import load_model
    from embgov.serve.backends import LoraBase, TorchBackend
    from embgov.serve.loader import Loader

    loader = Loader()
    first = servekit.make_lora(tiny_model, tmp_path / "a", seed=1)
    loader.load("lora", *first)
    model_dir, adapter = servekit.make_lora(tiny_model, tmp_path / "b", seed=2)
    tampered = load_model(model_dir, device="cpu")  # same embeddings (same key), another layer-0 weight
    with torch.no_grad():
        tampered[0].auto_model.encoder.layer[0].intermediate.dense.weight.add_(0.1)
    tampered.save(str(model_dir))
    backend, slot = loader.load("lora", model_dir, adapter)
    assert type(backend) is TorchBackend and slot is None
    assert _cos(backend.encode(TEXTS)[0], _reference(model_dir)) >= 0.9999
    assert isinstance(next(iter(loader.bases.values())), LoraBase) and len(loader.bases) == 1


def test_bottleneck_versions_share_one_base(tiny_model, tmp_path):
    from embgov.serve.backends import BottleneckBase
    from embgov.serve.loader import Loader

    loader = Loader()
    dirs = [servekit.make_bottleneck(tiny_model, tmp_path / f"b{i}", seed=i) for i in range(2)]
    loaded = [loader.load("adapter", d) for d in dirs]
    assert all(isinstance(b, BottleneckBase) for b, _ in loaded) and loaded[0][0] is loaded[1][0]
    for _ in range(2):
        for d, (backend, slot) in zip(dirs, loaded):
            assert _cos(backend.encode(TEXTS, slot)[0], _reference(d)) >= 0.9999
    a, b = (backend.encode(TEXTS, slot)[0] for backend, slot in loaded)
    assert np.abs(a - b).max() > 0.05


def test_full_versions_prefer_their_onnx_export(tiny_model, tmp_path):
    from embgov.export import export_model
    from embgov.serve.backends import OnnxBackend, TorchBackend
    from embgov.serve.loader import Loader

    export_model(tiny_model, tmp_path / "export", formats=["onnx"])
    backend, slot = Loader().load("full", tiny_model, None, tmp_path / "export" / "onnx")
    assert isinstance(backend, OnnxBackend) and slot is None
    assert _cos(backend.encode(TEXTS)[0], _reference(tiny_model)) >= 0.999
    assert isinstance(Loader(prefer_onnx=False).load("full", tiny_model, None, tmp_path / "export" / "onnx")[0], TorchBackend)
