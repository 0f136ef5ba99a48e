"""Exports of a tiny model (plain and with bottleneck adapters) reproduce the torch model; a failing
parity check blocks the export and leaves nothing behind; the CLI wraps it with --json."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from embgov.contracts import ExportedModel
from embgov.errors import ExportError
from embgov.export import OnnxEncoder, TorchScriptEncoder, export_model
from embgov.export.sample import parity_sample

pytestmark = pytest.mark.integration

# Not the parity sample: the exported model must generalise beyond the texts it was checked on.
TEXTS = ["kinase mutation in the liver", "a", "protein binds receptor " * 30, "insulin dose and blood sugar",
         "What is the dose?", "tumor"]


def _torch(model_dir, texts=TEXTS):
    from embgov.modelio import load_model

    return load_model(model_dir, device="cpu").encode(texts, normalize_embeddings=True)


def _cosines(a, b):
    return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_onnx_is_one_self_contained_graph_that_matches_torch(tiny_model, tmp_path):
    import onnx

    [result] = export_model(tiny_model, tmp_path / "out")
    assert result.format == "onnx" and result.passed and result.min_cosine >= 0.999 == result.required_cosine
    directory = tmp_path / "out" / "onnx"
    assert result.path == str(directory)
    assert {"model.onnx", "tokenizer.json", "embgov_export.json"} <= {p.name for p in directory.iterdir()}
    listed = [ExportedModel.model_validate(e) for e in json.loads((tmp_path / "out" / "export.json").read_text())]
    assert listed == [result]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]  # staging cleaned up

    graph = onnx.load(str(directory / "model.onnx")).graph
    assert [i.name for i in graph.input] == ["input_ids", "attention_mask", "token_type_ids"]
    assert [o.name for o in graph.output] == ["sentence_embedding"]
    for tensor in graph.input:  # batch and sequence are dynamic, not the traced example's 2 x 6
        assert [d.dim_param for d in tensor.type.tensor_type.shape.dim] == ["batch", "sequence"]
    assert max(o.version for o in onnx.load(str(directory / "model.onnx")).opset_import if o.domain in ("", "ai.onnx")) >= 17

    # Moving the directory elsewhere keeps it working: it needs nothing from the model directory.
    moved = directory.rename(tmp_path / "moved")
    got = OnnxEncoder(moved, threads=1, batch_size=4).encode(TEXTS)
    assert got.shape == (len(TEXTS), 32)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert _cosines(got, _torch(tiny_model)).min() >= 0.9999
    assert OnnxEncoder(moved).encode("tumor").shape == (1, 32) and OnnxEncoder(moved).encode([]).shape == (0, 32)
    # A small token budget splits long texts into small batches; rows still come back in input order.
    np.testing.assert_allclose(OnnxEncoder(moved, max_batch_tokens=16).encode(TEXTS), got, atol=1e-5)


def test_adapter_model_exports_with_its_adapters(tiny_model, adapter_model, tmp_path):
    results = export_model(adapter_model, tmp_path / "out", formats=["onnx", "torchscript"])
    assert [r.format for r in results] == ["onnx", "torchscript"] and all(r.passed for r in results)
    torch_adapter = _torch(adapter_model)
    effect = 1 - _cosines(torch_adapter, _torch(tiny_model))  # what the adapters change (a random model's
    assert effect.min() > 1e-4                                # embeddings all point much the same way)
    for encoder in (OnnxEncoder(tmp_path / "out" / "onnx"), TorchScriptEncoder(tmp_path / "out" / "torchscript")):
        error = 1 - _cosines(encoder.encode(TEXTS), torch_adapter)
        assert error.max() < 0.01 * effect.min()  # the exports carry the adapters, not the base model


def test_int8_and_torchscript(tiny_model, tmp_path):
    import onnx

    results = export_model(tiny_model, tmp_path / "out", formats=["torchscript"], quantize=True)
    assert [r.format for r in results] == ["onnx-int8", "torchscript"]  # int8 alone: the float graph is not shipped
    int8, script = results
    assert int8.required_cosine == 0.98 and int8.min_cosine >= 0.98 and script.min_cosine >= 0.999
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["export.json", "onnx-int8", "torchscript"]
    config = json.loads((tmp_path / "out" / "onnx-int8" / "embgov_export.json").read_text())
    assert config["quantization"] in ("all", "ffn-output-float", "ffn-float")
    ops = {n.op_type for n in onnx.load(str(tmp_path / "out" / "onnx-int8" / "model.onnx")).graph.node}
    assert {"DynamicQuantizeLinear", "MatMulInteger"} <= ops
    reference = _torch(tiny_model)
    assert _cosines(OnnxEncoder(tmp_path / "out" / "onnx-int8").encode(TEXTS), reference).min() >= 0.98
    assert _cosines(TorchScriptEncoder(tmp_path / "out" / "torchscript").encode(TEXTS), reference).min() >= 0.9999


def _corrupt_onnx_export(monkeypatch):
    """Make every ONNX export scale its word embeddings by noise: a graph that runs but is wrong."""
    import onnx
    from onnx import numpy_helper

    from embgov.export import graph

    original = graph.export_onnx

    def corrupted(module, config, path):
        original(module, config, path)
        model = onnx.load(str(path))
        rng = np.random.default_rng(0)
        for init in model.graph.initializer:
            if "word_embeddings" in init.name:
                weights = numpy_helper.to_array(init)
                init.CopyFrom(numpy_helper.from_array(weights * rng.normal(1, 2, weights.shape).astype(weights.dtype), init.name))
        onnx.save(model, str(path))

    monkeypatch.setattr(graph, "export_onnx", corrupted)


def test_failing_parity_blocks_the_export_and_leaves_nothing(tiny_model, tmp_path, monkeypatch):
    _corrupt_onnx_export(monkeypatch)
    with pytest.raises(ExportError) as caught:
        export_model(tiny_model, tmp_path / "fresh", formats=["torchscript", "onnx"])
    message = caught.value.render()
    assert "onnx export failed the parity check" in message and "nothing was written" in message
    assert not any(text and text in message for text in parity_sample())  # an index, never the text
    assert not (tmp_path / "fresh").exists()  # torchscript passed, but nothing ships unless all pass


def test_failing_parity_keeps_an_earlier_export(tiny_model, tmp_path, monkeypatch):
    out = tmp_path / "out"
    export_model(tiny_model, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _corrupt_onnx_export(monkeypatch)
    with pytest.raises(ExportError):
        export_model(tiny_model, out)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_int8_below_its_bar_tries_every_recipe_then_fails(tiny_model, tmp_path):
    with pytest.raises(ExportError) as caught:
        export_model(tiny_model, tmp_path / "out", formats=["onnx-int8"], parity_min_cosine=1.0, int8_min_cosine=1.0)
    message = caught.value.render()
    assert all(f"recipe {r}:" in message for r in ("all", "ffn-output-float", "ffn-float"))
    assert not (tmp_path / "out").exists()


def test_cli_json_and_exit_codes(tiny_model, tmp_path):
    from embgov.cli.main import cli

    result = CliRunner().invoke(cli, ["export", str(tiny_model), "--format", "onnx", "--out", str(tmp_path / "o"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)  # progress bars go to stderr
    assert report["out"] == str(tmp_path / "o") and [e["format"] for e in report["exports"]] == ["onnx"]
    assert report["exports"][0]["passed"] is True and (tmp_path / "o" / "onnx" / "model.onnx").is_file()

    failed = CliRunner().invoke(cli, ["export", str(tiny_model), "--format", "onnx-int8", "--out", str(tmp_path / "f"),
                                      "--min-cosine", "1", "--int8-min-cosine", "1"])
    assert failed.exit_code == 1 and "parity check" in failed.output and not (tmp_path / "f").exists()


def test_a_tracing_failure_is_an_export_error_and_leaves_nothing(tiny_model, tmp_path, monkeypatch):
    from embgov.export import graph

    def broken(module, config, path):
        path.write_bytes(b"half a graph")
        raise RuntimeError("shape mismatch in a traced op")

    monkeypatch.setattr(graph, "export_torchscript", broken)
    with pytest.raises(ExportError, match="torchscript tracing failed: RuntimeError"):
        export_model(tiny_model, tmp_path / "out", formats=["onnx", "torchscript"])
    assert not (tmp_path / "out").exists()


def test_modules_the_graph_would_drop_are_refused(tiny_model, tmp_path):
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.base.modules import Dense

    from embgov.modelio import load_model

    base = load_model(tiny_model, device="cpu")
    projected = SentenceTransformer(modules=[base[0], base[1], Dense(32, 16)], device="cpu")
    projected.save(str(tmp_path / "dense"))
    with pytest.raises(ExportError, match=r"unsupported module layout \['Transformer', 'Pooling', 'Dense'\]"):
        export_model(tmp_path / "dense", tmp_path / "out")
    assert not (tmp_path / "out").exists()
