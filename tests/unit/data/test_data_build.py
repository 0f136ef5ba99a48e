"""build_pairs end to end: determinism, cap, general mix, receipts refused, load_pairs re-verification."""

from __future__ import annotations

import json

from pathlib import Path

import pytest
pytest.importorskip("bm25s")  # a stage library the code under test needs

from embgov.contracts import PairSet
from embgov.data import build_pairs, load_pairs
from embgov.data import manifest
from embgov.errors import GateError

LABELED = {"method": "labeled", "hard_negatives": {"miner": "bm25", "per_query": 2}}
GENERAL = {"path": "general.jsonl", "negative_field": "negative"}


def _with_general(kit, mini, tmp_path):
    return {**mini, "general": kit.gate_dir(tmp_path, "general", kit.FIX / "general.jsonl")}


def test_same_inputs_and_seed_give_identical_bytes(kit, mini, tmp_path):
    pairs = {**LABELED, "general_mix": {"source": GENERAL, "fraction": 0.1}}
    gated = _with_general(kit, mini, tmp_path)
    a = build_pairs(kit.make_spec(kit.MINI, pairs=pairs), gated, tmp_path / "a")
    b = build_pairs(kit.make_spec(kit.MINI, pairs=pairs), gated, tmp_path / "b")
    assert (tmp_path / "a/pairs.jsonl").read_bytes() == (tmp_path / "b/pairs.jsonl").read_bytes()
    assert (tmp_path / "a/pairs.json").read_bytes() == (tmp_path / "b/pairs.json").read_bytes()
    assert a == b and a.seed == 42
    c = build_pairs(kit.make_spec(kit.MINI, pairs=pairs, seed=7), gated, tmp_path / "c")
    assert c.sha256 != a.sha256 and c.pairs == a.pairs
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["pairs.json", "pairs.jsonl"]  # no temp files left


def test_manifest_matches_the_file(kit, mini, tmp_path):
    ps = build_pairs(kit.make_spec(kit.MINI, pairs=LABELED), mini, tmp_path / "out")
    on_disk = PairSet.model_validate_json((tmp_path / "out/pairs.json").read_text())
    assert on_disk == ps and ps.path == "pairs.jsonl"
    rows = kit.read_rows(tmp_path / "out")
    assert len(rows) == ps.pairs == 26 and ps.negatives == 52
    assert all(list(r) == ["anchor", "positive", "negative_1", "negative_2"] for r in rows)
    # Relative to the manifest: the run directory can move as a whole.
    assert {r: (tmp_path / "out" / d).resolve() for r, d in ps.receipts.items()} == {
        "corpus": mini["corpus"].resolve(), "queries": mini["queries"].resolve(), "qrels": mini["qrels"].resolve()}
    assert not any(Path(d).is_absolute() for d in ps.receipts.values())
    assert ps.policy_hash == kit.POLICY and set(ps.receipt_fingerprints) == {"corpus", "queries", "qrels"}


@pytest.mark.parametrize("fraction", [0.05, 0.1, 0.15, 0.3])
def test_general_mix_share_of_the_final_set(kit, mini, tmp_path, fraction):
    pairs = {**LABELED, "general_mix": {"source": GENERAL, "fraction": fraction}}
    ps = build_pairs(kit.make_spec(kit.MINI, pairs=pairs), _with_general(kit, mini, tmp_path), tmp_path / "out")
    assert ps.domain_pairs == 26 and ps.pairs == ps.domain_pairs + ps.mixed_pairs
    assert abs(ps.mixed_pairs - fraction * ps.pairs) <= 1
    general = [json.loads(l) for l in (kit.FIX / "general.jsonl").read_text().splitlines()]
    positives = {g["positive"] for g in general}
    mixed = [r for r in kit.read_rows(tmp_path / "out") if r["positive"] in positives]
    assert len(mixed) == ps.mixed_pairs
    for r in mixed:  # negatives of general rows come from the general source: other positives (or its own negative)
        assert r["negative_1"] != r["positive"] and r["negative_2"] != r["positive"]
        assert {r["negative_1"], r["negative_2"]} <= positives | {g.get("negative") for g in general}


def test_general_source_too_small_is_resampled_and_counted(kit, mini, tmp_path):
    pairs = {**LABELED, "general_mix": {"source": GENERAL, "fraction": 0.5}}
    ps = build_pairs(kit.make_spec(kit.MINI, pairs=pairs), _with_general(kit, mini, tmp_path), tmp_path / "out")
    assert ps.mixed_pairs == 26 and ps.stats["general_resampled"] == 26 - 12 and ps.stats["general_source_rows"] == 12


def test_max_pairs_caps_the_whole_file(kit, mini, tmp_path):
    ps = build_pairs(kit.make_spec(kit.MINI, pairs={**LABELED, "max_pairs": 10}), mini, tmp_path / "a")
    assert (ps.pairs, ps.stats["capped"]) == (10, 16)
    pairs = {**LABELED, "max_pairs": 10, "general_mix": {"source": GENERAL, "fraction": 0.1}}
    ps = build_pairs(kit.make_spec(kit.MINI, pairs=pairs), _with_general(kit, mini, tmp_path), tmp_path / "b")
    assert (ps.pairs, ps.domain_pairs, ps.mixed_pairs) == (10, 9, 1)


def _refused(kit, gated, tmp_path, match, **kw):
    with pytest.raises(GateError, match=match):
        build_pairs(kit.make_spec(kit.MINI, pairs=LABELED), gated, tmp_path / "out", **kw)
    assert not (tmp_path / "out").exists()


def test_refuses_a_directory_without_receipt(kit, mini, tmp_path):
    (mini["corpus"] / "receipt.json").unlink()
    _refused(kit, mini, tmp_path, "no valid gate receipt")


def test_refuses_a_tampered_file(kit, mini, tmp_path):
    with (mini["corpus"] / "corpus.jsonl").open("a") as f:
        f.write('{"_id": "x", "text": "un-gated text"}\n')
    _refused(kit, mini, tmp_path, "fingerprint mismatch")


def test_refuses_a_blocked_receipt(kit, mini, tmp_path):
    mini["queries"] = kit.gate_dir(tmp_path / "b", "queries", kit.MINI / "queries.jsonl", verdict="blocked")
    _refused(kit, mini, tmp_path, "the gate blocked this dataset")


def test_refuses_mixed_policy_hashes(kit, mini, tmp_path):
    mini["queries"] = kit.gate_dir(tmp_path / "b", "queries", kit.MINI / "queries.jsonl", policy_hash="cd" * 32)
    _refused(kit, mini, tmp_path, r"different policies \(corpus=abababababab, qrels=abababababab, queries=cdcdcdcdcdcd\)")


def test_refuses_another_policy_than_the_approved_one(kit, mini, tmp_path):
    _refused(kit, mini, tmp_path, "another version of the policy", policy_hash="ef" * 32)


def test_refuses_missing_unexpected_and_unknown_roles(kit, mini, tmp_path):
    _refused(kit, {"corpus": mini["corpus"]}, tmp_path, "no gate output for: qrels, queries")
    _refused(kit, {**mini, "general": mini["corpus"]}, tmp_path, "not in the spec: general")
    _refused(kit, {**mini, "pairs-x": mini["corpus"]}, tmp_path, "unknown role: pairs-x")


def test_refuses_a_receipt_that_does_not_cover_the_named_file(kit, mini, tmp_path):
    mini["queries"] = kit.gate_dir(tmp_path / "b", "queries", kit.FIX / "general.jsonl")
    _refused(kit, mini, tmp_path, "does not cover a file named 'queries.jsonl'")


def test_load_pairs_round_trip_and_tampering(kit, mini, tmp_path):
    out = tmp_path / "out"
    ps = build_pairs(kit.make_spec(kit.MINI, pairs=LABELED), mini, out)
    loaded, rows = load_pairs(out, policy_hash=kit.POLICY)
    assert loaded == ps and rows == kit.read_rows(out)
    with pytest.raises(GateError, match="another version of the policy"):
        load_pairs(out, policy_hash="ef" * 32)
    data = (out / "pairs.jsonl").read_bytes()
    (out / "pairs.jsonl").write_bytes(data.replace(b'"anchor":"', b'"anchor":"x', 1))
    with pytest.raises(GateError, match="sha256 mismatch"):
        load_pairs(out)
    (out / "pairs.jsonl").write_bytes(data)
    assert load_pairs(out)[0] == ps


def test_load_pairs_rechecks_the_sources(kit, mini, tmp_path):
    out = tmp_path / "out"
    build_pairs(kit.make_spec(kit.MINI, pairs=LABELED), mini, out)
    # the gate output replaced by another passing one: its fingerprint is not the one the pairs came from
    regated = kit.gate_dir(tmp_path / "again", "corpus", kit.FIX / "general.jsonl")
    (mini["corpus"] / "receipt.json").write_bytes((regated / "receipt.json").read_bytes())
    (mini["corpus"] / "general.jsonl").write_bytes((regated / "general.jsonl").read_bytes())
    with pytest.raises(GateError, match="not the one the pairs were built from"):
        load_pairs(out)
    (mini["corpus"] / "general.jsonl").write_text("edited\n")
    with pytest.raises(GateError, match="fingerprint mismatch"):
        load_pairs(out)
    with pytest.raises(GateError, match="no valid pairs manifest"):
        load_pairs(tmp_path / "nowhere")


def test_a_failed_write_leaves_nothing_half_written(kit, mini, tmp_path, monkeypatch):
    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(manifest.os, "replace", broken)
    with pytest.raises(OSError):
        build_pairs(kit.make_spec(kit.MINI, pairs=LABELED), mini, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_the_contract_check_accepts_what_build_pairs_writes(kit, mini, tmp_path):
    """The train stage may check through PairSet.accept instead of load_pairs: both must agree."""
    pairs = {**LABELED, "general_mix": {"source": GENERAL, "fraction": 0.1}}
    out = tmp_path / "out"
    build_pairs(kit.make_spec(kit.MINI, pairs=pairs), _with_general(kit, mini, tmp_path), out)
    assert PairSet.accept(out, kit.POLICY) == load_pairs(out, kit.POLICY)
