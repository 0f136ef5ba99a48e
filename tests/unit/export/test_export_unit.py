"""Export pieces that need no model: format rules, the parity sample, int8 recipes, import cost."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
pytest.importorskip("numpy")  # a stage library the code under test needs

from embgov.errors import ExportError
from embgov.export.encoders import read_config
from embgov.export.run import _formats
from embgov.export.sample import parity_sample


@pytest.mark.parametrize(("formats", "quantize", "expected"), [
    (["onnx"], False, ["onnx"]),
    (["onnx"], True, ["onnx", "onnx-int8"]),
    (["torchscript", "onnx", "onnx"], False, ["onnx", "torchscript"]),
    (["torchscript"], True, ["onnx-int8", "torchscript"]),  # int8 is built from a float graph made on the way
])
def test_formats_are_ordered_and_deduplicated(formats, quantize, expected):
    assert _formats(formats, quantize) == expected


@pytest.mark.parametrize("formats", [["onnx", "tflite"], []])
def test_unknown_or_no_format_is_refused(formats):
    with pytest.raises(ExportError, match="choose from"):
        _formats(formats, False)


def test_parity_sample_is_fixed_and_varied():
    sample = parity_sample()
    assert len(sample) == 64 and sample == parity_sample()
    assert "" in sample and any(not t.isascii() for t in sample)
    lengths = sorted(len(t.split()) for t in sample)
    assert lengths[0] == 0 and 150 < lengths[-2] < 250 and lengths[-1] > 1000  # near a 256-token limit, and past any


def test_reading_a_directory_that_is_no_export_says_how_to_make_one(tmp_path):
    with pytest.raises(ExportError) as caught:
        read_config(tmp_path)
    assert str(tmp_path) in caught.value.render() and "embgov export" in caught.value.fix


def test_int8_recipes_keep_feed_forward_matmuls_float_by_weight_shape(tmp_path):
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    from embgov.export.quantize import _ffn_nodes

    shapes = {"attn": (32, 32), "ffn_in": (32, 64), "ffn_out": (64, 32), "adapter_down": (32, 8)}
    nodes, inits, current = [], [], "x"
    for name, shape in shapes.items():
        inits.append(numpy_helper.from_array(np.zeros(shape, np.float32), f"{name}.w"))
        nodes.append(helper.make_node("MatMul", [current, f"{name}.w"], [f"{name}.y"], name=name))
        current = f"{name}.y"
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 32])],
                              [helper.make_tensor_value_info(current, onnx.TensorProto.FLOAT, [1, 8])], inits)
    path = tmp_path / "m.onnx"
    onnx.save(helper.make_model(graph), str(path))
    assert _ffn_nodes(path, "all", 64) == []
    assert _ffn_nodes(path, "ffn-output-float", 64) == ["ffn_out"]
    assert _ffn_nodes(path, "ffn-float", 64) == ["ffn_in", "ffn_out"]


def test_export_imports_only_core_and_nothing_heavy():
    probe = ("import json, sys; import embgov.export, embgov.cli.export; "
             "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('torch', 'numpy', 'onnx', 'onnxruntime', 'transformers', 'tokenizers', 'sentence_transformers') "
             "or m.split('.')[:2] in (['embgov', s] for s in ('gate', 'data', 'train', 'evaluate', 'registry', 'pipeline')))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_cli_help_lists_export():
    from embgov.cli.main import cli

    assert "export" in CliRunner().invoke(cli, ["--help"]).output
    result = CliRunner().invoke(cli, ["export", "-h"])
    assert result.exit_code == 0 and "--format" in result.output and "onnx-int8" in result.output
