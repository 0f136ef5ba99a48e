"""The ANN tuning rule, with LanceDB's answers scripted: the cheapest setting that clears the bar with
margin, else the cheapest that reaches it, else exact search; and recall@k itself."""

from __future__ import annotations

import pytest
np = pytest.importorskip("numpy")

from embgov.index import ann


def _truth(n: int = 10) -> list[tuple[str, float]]:
    return [(f"d{i}", 1.0 - i / 100) for i in range(n)]


def _scripted(monkeypatch, recalls: list[float]) -> list[dict]:
    """lance.search answers: exact truth first, then one answer per setting with the given recall."""
    calls, answers = [], iter(recalls)

    def search(table, vectors, k, *, exact, **setting):
        if exact:
            return [_truth()]
        calls.append(setting)
        hit = round(next(answers) * 10)
        return [_truth()[:hit] + [(f"x{i}", 0.0) for i in range(10 - hit)]]

    monkeypatch.setattr(ann.lance, "search", search)
    return calls


def _tune(min_recall=0.98):
    return ann.tune(None, np.zeros((1, 4), np.float32), "IVF_HNSW_SQ", {"num_partitions": 1, "m": 20, "ef_construction": 300},
                    min_recall=min_recall, source="queries", build_seconds=0.0, say=lambda m: None)


# Recall on one scripted query moves in steps of 0.1: a bar of 0.9 is reached by 0.9, cleared with margin by 1.0.
@pytest.mark.parametrize("recalls, tried, chosen, passed", [
    ([0.8, 1.0, 1.0], 2, 1, True),                   # stops at the first that clears the bar with margin
    ([0.5, 0.9, 0.9, 0.9, 0.9, 0.9], 6, 1, True),    # the bar, never the margin: the cheapest that reaches it
    ([0.5, 0.8, 0.7, 0.6, 0.5, 0.4], 6, 1, False),   # never: the best is recorded, and the table serves exact
], ids=["margin", "bar-only", "never"])
def test_tuning_picks_the_cheapest_setting_that_holds(monkeypatch, recalls, tried, chosen, passed):
    calls = _scripted(monkeypatch, recalls)
    check = _tune(min_recall=0.9)
    assert len(check.tried) == len(calls) == tried
    assert check.passed is passed and check.recall_at_10 == recalls[chosen]
    assert (check.ef, check.refine_factor) == ann.HNSW_LADDER[chosen]


def test_recall_at_k():
    truth = [[("a", 1.0), ("b", 0.9)], [("c", 1.0)]]
    assert ann.recall_at_k(truth, [[("a", 1.0), ("z", 0.5)], [("c", 1.0)]], k=2) == pytest.approx(0.75)
    assert ann.recall_at_k([], []) == 0.0
