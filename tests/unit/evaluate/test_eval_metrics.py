"""Metrics against figures worked out by hand, and the metric registry."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
pytest.importorskip("pytrec_eval")  # a stage library the code under test needs

from embgov.errors import EvalError
from embgov.evaluate.metrics import MAP_DEPTH, METRICS, compute_metrics, parse_metric, per_query, run_depth
from embgov.spec import jobspec

README = (Path(__file__).resolve().parents[3] / "README.md").read_text()

QRELS = {"q1": {"d1": 1, "d2": 1, "d3": 0},  # d3 judged, not relevant
         "q2": {"d4": 1},
         "q3": {"d5": 1},                     # the run has nothing for q3
         "q4": {"d9": 0}}                     # no relevant document: not evaluated
RUN = {"q1": {"d3": 0.9, "d1": 0.8, "d7": 0.7, "d2": 0.6},          # relevant at ranks 2 and 4
       "q2": {**{f"n{i}": 1.0 - i / 100 for i in range(10)}, "d4": 0.5},  # relevant at rank 11
       "q9": {"d1": 1.0}}                                            # not judged: ignored


def test_hand_checked_run():
    got = compute_metrics(QRELS, RUN, ["ndcg@10", "mrr@10", "recall@100", "map", "recall@10"])
    log2 = math.log2
    ndcg_q1 = (1 / log2(3) + 1 / log2(5)) / (1 / log2(2) + 1 / log2(3))
    # q2's only relevant document sits at rank 11: outside nDCG@10 and MRR@10, inside recall@100.
    assert got["ndcg@10"] == pytest.approx((ndcg_q1 + 0 + 0) / 3)
    assert got["mrr@10"] == pytest.approx((1 / 2 + 0 + 0) / 3)
    assert got["recall@100"] == pytest.approx((1 + 1 + 0) / 3)
    assert got["recall@10"] == pytest.approx((1 + 0 + 0) / 3)
    assert got["map"] == pytest.approx(((1 / 2 + 2 / 4) / 2 + 1 / 11 + 0) / 3)


def test_graded_relevance_uses_linear_gain():
    got = compute_metrics({"q": {"a": 2, "b": 1}}, {"q": {"b": 0.9, "a": 0.8}}, ["ndcg@10"])
    assert got["ndcg@10"] == pytest.approx((1 + 2 / math.log2(3)) / (2 + 1 / math.log2(3)))


def test_missing_queries_count_as_zero_and_unjudged_queries_are_ignored():
    values = per_query(QRELS, RUN, ["ndcg@10"])["ndcg@10"]
    assert set(values) == {"q1", "q2", "q3"} and values["q3"] == 0.0
    assert compute_metrics(QRELS, {}, ["ndcg@10", "mrr@10"]) == {"ndcg@10": 0.0, "mrr@10": 0.0}


def test_perfect_run_scores_one():
    run = {"q1": {"d1": 2.0, "d2": 1.0}, "q2": {"d4": 1.0}, "q3": {"d5": 1.0}}
    got = compute_metrics(QRELS, run, ["ndcg@10", "mrr@10", "recall@100", "map", "precision@1"])
    assert got == pytest.approx({"ndcg@10": 1.0, "mrr@10": 1.0, "recall@100": 1.0, "map": 1.0, "precision@1": 1.0})


def test_mrr_cut_follows_trec_tie_order():
    # Equal scores: trec_eval ranks the higher document id first, and the cut must agree with it.
    got = compute_metrics({"q": {"a": 1}}, {"q": {"a": 1.0, "b": 1.0}}, ["mrr@1", "mrr@2"])
    assert got == {"mrr@1": 0.0, "mrr@2": 0.5}


@pytest.mark.parametrize("names, depth", [(["ndcg@10"], 10), (["ndcg@10", "recall@100"], 100),
                                          (["mrr@10", "map"], MAP_DEPTH)])
def test_run_depth(names, depth):
    assert run_depth(names) == depth


@pytest.mark.parametrize("bad", ["ndcg", "map@10", "bleu@4", "ndcg@0", "recall@x"])
def test_unknown_metric_is_an_error(bad):
    with pytest.raises(EvalError, match="unknown metric"):
        parse_metric(bad)


def test_every_metric_the_spec_accepts_is_registered_and_documented():
    pattern = jobspec.METRIC_PATTERN
    families = set(re.findall(r"[a-z]+", pattern.split("@")[0])) | {"map"}
    assert families == set(METRICS)
    for name in ("ndcg@10", "mrr@10", "recall@100", "precision@5", "map"):
        assert re.match(pattern, name) and parse_metric(name)
    for family in METRICS:
        assert f"`{family}" in README, family
    assert all(kind.doc for kind in METRICS.values())
