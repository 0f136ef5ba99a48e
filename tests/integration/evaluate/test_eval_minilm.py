"""The real base model (all-MiniLM-L6-v2, packaged) on the SciFact subset: dense beats BM25 there,
each (model, set) is searched once, and the base model's corpus embeddings are cached and reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from embgov.evaluate import evaluate
from embgov.spec.loader import resolve_model
from embgov.spec.jobspec import PromotionRules

pytestmark = pytest.mark.integration

def test_minilm_against_bm25_with_cached_base(mini_set, embgov_home):
    base = resolve_model("minilm-l6", Path("."))
    said: list[str] = []
    first = evaluate(base, mini_set, baselines={"base": base, "bm25": "bm25"}, general=mini_set, base_model=base,
                     metrics=["ndcg@10", "mrr@10", "recall@100", "map"], rules=PromotionRules(),
                     cached={"base"}, say=said.append)
    m = first.metrics
    assert m["candidate"] == m["base"]
    assert m["candidate"]["ndcg@10"] > m["bm25"]["ndcg@10"] > 0.5
    assert first.decision.promote and first.decision.gain_over_base == pytest.approx(0.0)
    assert first.general["candidate"] == first.general["base"] and first.decision.general_drop == pytest.approx(0.0)
    # One encoding in all: the candidate is the base model, and the general set is the held-out set.
    assert sum("queries encoded and searched" in s for s in said) == 1
    assert len(list((embgov_home / "cache" / "embeddings").glob("*.npy"))) == 1

    said.clear()
    again = evaluate(base, mini_set, baselines={"base": base}, metrics=["ndcg@10"], cached={"base"}, say=said.append)
    assert again.metrics["base"]["ndcg@10"] == pytest.approx(m["base"]["ndcg@10"], abs=1e-6)
    assert any("(from the cache)" in s for s in said)


def test_candidate_saved_shorter_is_evaluated_at_the_base_models_length(mini_set, embgov_home, tmp_path):
    """A candidate that saved max_seq_length 32 (the base model's weights) scores exactly as the base
    model: both ran at the base model's 256. Declared 32, both run at 32, and the report says which."""
    import json
    import shutil

    base = resolve_model("minilm-l6", Path("."))
    short = tmp_path / "candidate"
    shutil.copytree(base, short, ignore=shutil.ignore_patterns("model.safetensors"))
    (short / "model.safetensors").symlink_to(Path(base) / "model.safetensors")
    cfg = short / "sentence_bert_config.json"
    cfg.write_text(json.dumps({**json.loads(cfg.read_text()), "max_seq_length": 32}))
    default = evaluate(short, mini_set, baselines={"base": base}, base_model=base, metrics=["ndcg@10"])
    assert default.heldout["max_seq_length"] == 256
    assert default.metrics["candidate"]["ndcg@10"] == pytest.approx(default.metrics["base"]["ndcg@10"], abs=1e-6)
    declared = evaluate(short, mini_set, baselines={"base": base}, base_model=base, metrics=["ndcg@10"], max_seq_length=32)
    assert declared.heldout["max_seq_length"] == 32
    assert declared.metrics["candidate"]["ndcg@10"] == pytest.approx(declared.metrics["base"]["ndcg@10"], abs=1e-6)
