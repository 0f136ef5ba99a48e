"""The validation split, its ranking metrics, the evaluation schedule and the early-stop rule."""

from __future__ import annotations

import pytest

from embgov.spec.training import ValidationSettings
from embgov.train.validation import EarlyStop, eval_every, rank_metrics, split_validation


def _rows(n_anchors: int, per_anchor: int = 1) -> list[dict]:
    return [{"anchor": f"q{i}", "positive": f"doc {i} part {k}", "negative_1": f"neg {i}"}
            for i in range(n_anchors) for k in range(per_anchor)]


def test_split_is_disjoint_by_anchor_and_keeps_every_pair_of_a_held_out_query():
    rows = _rows(400, per_anchor=2)
    train, val = split_validation(rows, ValidationSettings(), seed=7)
    held = set(val["queries"])
    assert len(held) == 40  # share 0.1 of 400 anchors
    assert held.isdisjoint(r["anchor"] for r in train)
    assert len(train) + 2 * len(held) == len(rows)  # nothing lost, nothing duplicated
    for q, rel in zip(val["queries"], val["relevant"]):
        assert sorted(val["docs"][i] for i in rel) == [f"doc {q[1:]} part 0", f"doc {q[1:]} part 1"]


def test_split_is_bounded_by_max_queries_and_the_candidate_pool():
    train, val = split_validation(_rows(5000), ValidationSettings(max_queries=50, candidates=120), seed=1)
    assert len(val["queries"]) == 50 and len(val["docs"]) == 120
    assert len(set(val["docs"])) == 120
    # positives first, then the held-out queries' hard negatives, then training positives as distractors
    assert {f"neg {q[1:]}" for q in val["queries"]} <= set(val["docs"])
    assert len(train) == 5000 - 50


def test_split_is_deterministic_by_seed_and_independent_of_row_order():
    rows = _rows(300)
    a = split_validation(rows, ValidationSettings(), seed=3)[1]
    b = split_validation(list(reversed(rows)), ValidationSettings(), seed=3)[1]
    c = split_validation(rows, ValidationSettings(), seed=4)[1]
    assert a == b
    assert set(a["queries"]) != set(c["queries"])


def test_small_sets_and_disabled_validation_train_on_every_pair():
    rows = _rows(150)  # 15 held-out queries < min_queries 20: too noisy to steer by
    assert split_validation(rows, ValidationSettings(), seed=0) == (rows, None)
    assert split_validation(_rows(1000), ValidationSettings(enabled=False), seed=0)[1] is None
    assert split_validation(rows, ValidationSettings(min_queries=5), seed=0)[1] is not None


def test_rank_metrics():
    # query 0: its positive first; query 1: second; query 2: absent from the top 10
    m = rank_metrics([[4, 1], [1, 4], [9] * 10], [[4], [4], [5]])
    assert m["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3, abs=1e-5)
    assert m["ndcg@10"] == pytest.approx((1 + 1 / 1.5849625 + 0) / 3, abs=1e-4)


def test_eval_every_spreads_evaluations_over_each_epoch():
    assert eval_every(max_steps=40, epochs=1, per_epoch=4) == 10
    assert eval_every(max_steps=80, epochs=2, per_epoch=4) == 10
    assert eval_every(max_steps=3, epochs=1, per_epoch=4) == 1


def test_early_stop_keeps_the_best_trained_step_and_stops_after_patience():
    stop = EarlyStop(patience=2, min_delta=0.01)
    seq = [(0, 0.90), (5, 0.60), (10, 0.70), (15, 0.705), (20, 0.69)]
    results = [stop.update(s, v) for s, v in seq]
    assert results == [(False, False), (True, False), (True, False), (False, False), (False, True)]
    # the start score is a reference, never the kept model; +0.005 is below min_delta
    assert (stop.start, stop.best, stop.best_step) == (0.90, 0.70, 10)
    again = EarlyStop.from_state(stop.state())  # what a resumed run reads from its checkpoint
    assert again.update(25, 0.8) == (True, False) and again.best_step == 25


def test_patience_zero_never_stops():
    stop = EarlyStop(patience=0, min_delta=0.0)
    assert not any(stop.update(s, 1.0 - s / 100)[1] for s in range(1, 30))
    assert stop.best_step == 1
