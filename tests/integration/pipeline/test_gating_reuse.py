"""A held-out set drawn from the training files is gated once: evaluation reuses the run's training gate
output (copied into the sets' cache and checked like any reuse), and a file that differs is gated anew."""

from __future__ import annotations

from pathlib import Path

import pytest

import trainkit as kit
from embgov.contracts import GateReceipt
from embgov.gating import gate_sets, gate_sources
from embgov.spec import load_spec

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("hash_key")]


@pytest.fixture
def counted(monkeypatch):
    import embgov.gate.run as gate_run

    calls: list[str] = []
    real = gate_run.run_gate

    def run_gate(policy, paths, out, **kw):
        calls.append(Path(paths[0]).name)
        return real(policy, paths, out, **kw)

    monkeypatch.setattr(gate_run, "run_gate", run_gate)
    return calls


def test_the_heldout_set_reuses_the_training_gate(tmp_path, counted):
    loaded = load_spec(kit.write_job(tmp_path, "minilm-l6"))
    run = tmp_path / "run"
    gated, policy_hash = gate_sources(loaded, run, actor="test", say=lambda m: None)
    assert sorted(counted) == ["corpus.jsonl", "qrels.tsv", "queries.jsonl"]
    said: list[str] = []
    sets = gate_sets(loaded, actor="test", say=said.append, root=tmp_path / "gated", run_dir=run)
    assert len(counted) == 3, "nothing gated twice"
    assert sorted(said) == [f"gate eval-heldout-{p}: reused ({n} records)" for p, n in
                            sorted((p, GateReceipt.accept(gated[p]).records_out) for p in ("corpus", "qrels", "queries"))]
    heldout = sets.spec.evaluation.heldout
    for part in ("corpus", "queries", "qrels"):
        out = Path(getattr(heldout, part).path).parent
        assert out.parent == (tmp_path / "gated").resolve()
        assert GateReceipt.accept(out, policy_hash) == GateReceipt.accept(gated[part], policy_hash)


def test_a_heldout_file_the_training_gate_did_not_read_is_gated(tmp_path, counted):
    spec = kit.write_job(tmp_path, "minilm-l6")
    (tmp_path / "data" / "test-queries.jsonl").write_bytes((tmp_path / "data" / "queries.jsonl").read_bytes())
    text = spec.read_text().replace("    queries: {path: data/queries.jsonl}", "    queries: {path: data/test-queries.jsonl}")
    spec.write_text(text)
    loaded = load_spec(spec)
    gate_sources(loaded, tmp_path / "run", actor="test", say=lambda m: None)
    gate_sets(loaded, actor="test", say=lambda m: None, root=tmp_path / "gated", run_dir=tmp_path / "run")
    assert counted[3:] == ["test-queries.jsonl"]
