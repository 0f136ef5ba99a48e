"""The promotion decision, as a table of cases: one reason line per rule, failing closed."""

from __future__ import annotations

import pytest

from embgov.evaluate.decision import decide
from embgov.spec.jobspec import PromotionRules


def m(cand=None, base=None, bm25=None, metric="ndcg@10"):
    out = {}
    for name, value in (("candidate", cand), ("base", base), ("bm25", bm25)):
        if value is not None:
            out[name] = {metric: value}
    return out


RULES = PromotionRules(min_gain_over_base=0.01, min_gain_over_bm25=0.0, max_general_drop=0.02)

CASES = [
    # id, held-out, general, promote, gain_base, gain_bm25, general_drop, verdicts per rule
    ("all-pass", m(0.70, 0.645, 0.68), m(0.50, 0.51), True, 0.055, 0.02, 0.01, ["pass", "pass", "pass"]),
    ("below-base", m(0.65, 0.645, 0.60), m(0.50, 0.50), False, 0.005, 0.05, 0.0, ["fail", "pass", "pass"]),
    ("below-bm25", m(0.70, 0.60, 0.71), None, False, 0.10, -0.01, None, ["pass", "fail", "not checked"]),
    ("forgetting", m(0.75, 0.645, 0.68), m(0.45, 0.50), False, 0.105, 0.07, 0.05, ["pass", "pass", "fail"]),
    ("general-gain", m(0.75, 0.645, 0.68), m(0.55, 0.50), True, 0.105, 0.07, -0.05, ["pass", "pass", "pass"]),
    ("no-general-set", m(0.70, 0.60, 0.60), None, True, 0.10, 0.10, None, ["pass", "pass", "not checked"]),
    ("base-not-run", m(0.70, None, 0.60), None, False, None, 0.10, None, ["fail", "pass", "not checked"]),
    ("bm25-not-run", m(0.70, 0.60, None), None, False, 0.10, None, None, ["pass", "fail", "not checked"]),
    ("general-lacks-base", m(0.70, 0.60, 0.60), m(0.50, None), False, 0.10, 0.10, None, ["pass", "pass", "fail"]),
    ("exactly-at-threshold", m(0.655, 0.645, 0.655), m(0.48, 0.50), True, 0.01, 0.0, 0.02, ["pass", "pass", "pass"]),
]


@pytest.mark.parametrize("held, general, promote, g_base, g_bm25, drop, verdicts", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_decision_table(held, general, promote, g_base, g_bm25, drop, verdicts):
    d = decide(RULES, held, general)
    assert d.promote is promote
    assert d.primary_metric == "ndcg@10"
    for got, want in ((d.gain_over_base, g_base), (d.gain_over_bm25, g_bm25), (d.general_drop, drop)):
        assert got == (None if want is None else pytest.approx(want))
    assert len(d.reasons) == 3
    for reason, verdict in zip(d.reasons, verdicts):
        assert (verdict in reason) if verdict == "not checked" else reason.endswith(f": {verdict}"), reason
    assert d.reasons[0].startswith("gain over base on ndcg@10") and d.reasons[1].startswith("gain over bm25")


def test_primary_metric_is_the_rules_own():
    rules = PromotionRules(primary_metric="recall@100")
    held = {"candidate": {"ndcg@10": 0.1, "recall@100": 0.9}, "base": {"ndcg@10": 0.5, "recall@100": 0.8},
            "bm25": {"ndcg@10": 0.5, "recall@100": 0.85}}
    d = decide(rules, held, None)
    assert d.promote and d.primary_metric == "recall@100"
    assert d.gain_over_base == pytest.approx(0.1) and d.gain_over_bm25 == pytest.approx(0.05)


def test_missing_metric_fails_closed():
    d = decide(RULES, {"candidate": {"map": 0.9}, "base": {"map": 0.1}, "bm25": {"map": 0.1}}, None)
    assert not d.promote and "not measured" in d.reasons[0]


def test_reasons_carry_the_figures_and_thresholds():
    d = decide(RULES, m(0.70, 0.645, 0.68), m(0.50, 0.51))
    assert "+0.0550" in d.reasons[0] and ">= +0.0100" in d.reasons[0]
    assert "+0.0100" in d.reasons[2] and "<= 0.0200" in d.reasons[2]
