"""The train stage refuses data that did not pass the gate, before Ray or a model is touched."""

from __future__ import annotations

import json

import pytest

import trainkit as kit
from embgov.errors import GateError
from embgov.spec.loader import load_spec_text


@pytest.fixture
def spec(tmp_path):
    return load_spec_text(kit.SPEC.format(model=tmp_path / "no-model", adaptation="{method: full}", workers=1,
                                          training="batch_size: 8"), base_dir=tmp_path, check_files=False)


def _refused(spec, pairs_dir, tmp_path, match):
    from embgov.train import train_model

    with pytest.raises(GateError, match=match):
        train_model(spec, pairs_dir, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_raw_pairs_without_a_manifest_are_refused(spec, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "pairs.jsonl").write_text(json.dumps({"anchor": "a", "positive": "b"}) + "\n")
    _refused(spec, raw, tmp_path, "no valid pairs manifest")


def test_pairs_edited_after_they_were_built_are_refused(spec, tmp_path):
    pairs = kit.write_gated_pairs(tmp_path, kit.make_rows(8))
    with (pairs / "pairs.jsonl").open("a") as f:
        f.write(json.dumps({"anchor": "John Smith", "positive": "555-0100", "negative_1": "x"}) + "\n")
    _refused(spec, pairs, tmp_path, "changed after it was built")


def test_gate_output_edited_after_the_gate_ran_is_refused(spec, tmp_path):
    pairs = kit.write_gated_pairs(tmp_path, kit.make_rows(8))
    (tmp_path / "gate" / "pairs-0" / "pairs.jsonl").write_text("unredacted\n")
    _refused(spec, pairs, tmp_path, "fingerprint mismatch")


def test_a_blocked_receipt_is_refused(spec, tmp_path):
    pairs = kit.write_gated_pairs(tmp_path, kit.make_rows(8))
    receipt = tmp_path / "gate" / "pairs-0" / "receipt.json"
    receipt.write_text(receipt.read_text().replace('"verdict":"passed"', '"verdict":"blocked"'))
    _refused(spec, pairs, tmp_path, "blocked")


def test_pairs_from_another_policy_version_are_refused(spec, tmp_path):
    from embgov.train import train_model

    pairs = kit.write_gated_pairs(tmp_path, kit.make_rows(8))
    with pytest.raises(GateError, match="another version of the policy"):
        train_model(spec, pairs, tmp_path / "out", policy_hash="q" * 64)
