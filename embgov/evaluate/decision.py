"""The promotion decision: a pure function of the spec's rules and the measured figures.

Fails closed: a gain that was required but could not be measured (the baseline was not evaluated,
or the metric is missing) blocks promotion. The forgetting rule applies when the spec names a
general set (the check is optional in the spec); without one it is reported as not checked.
"""

from __future__ import annotations

from embgov.contracts import PromotionDecision
from embgov.spec.jobspec import PromotionRules

CANDIDATE, BASE = "candidate", "base"
_EPS = 1e-12  # a gain of exactly the threshold passes despite float rounding


def _value(table: dict[str, dict[str, float]] | None, model: str, metric: str) -> float | None:
    value = (table or {}).get(model, {}).get(metric)
    return None if value is None else float(value)


def _gain_rule(label: str, candidate: float | None, baseline: float | None, required: float,
               metric: str) -> tuple[float | None, bool, str]:
    if candidate is None or baseline is None:
        who = "candidate" if candidate is None else label
        return None, False, (f"gain over {label} on {metric}: not measured ({who} has no {metric}); "
                             f"required >= {required:+.4f}: fail")
    gain = candidate - baseline
    ok = gain >= required - _EPS
    return gain, ok, (f"gain over {label} on {metric}: {gain:+.4f} ({candidate:.4f} vs {baseline:.4f}), "
                      f"required >= {required:+.4f}: {'pass' if ok else 'fail'}")


def decide(rules: PromotionRules, metrics: dict[str, dict[str, float]],
           general: dict[str, dict[str, float]] | None, *, bm25: str = "bm25") -> PromotionDecision:
    """Whether `metrics["candidate"]` may be promoted, with one reason line per rule.

    `metrics` and `general` map model name (candidate, base, and the BM25 baseline's `bm25`) to
    metric -> value; `general` is None when the spec names no general set."""
    m = rules.primary_metric
    cand = _value(metrics, CANDIDATE, m)
    gain_base, ok_base, why_base = _gain_rule("base", cand, _value(metrics, BASE, m), rules.min_gain_over_base, m)
    gain_bm25, ok_bm25, why_bm25 = _gain_rule(bm25, cand, _value(metrics, bm25, m), rules.min_gain_over_bm25, m)

    if general is None:
        drop, ok_general = None, True
        why_general = (f"general-set drop on {m}: not checked (no evaluation.general set in the spec); "
                       f"allowed <= {rules.max_general_drop:.4f}")
    else:
        g_cand, g_base = _value(general, CANDIDATE, m), _value(general, BASE, m)
        if g_cand is None or g_base is None:
            drop, ok_general = None, False
            why_general = (f"general-set drop on {m}: not measured (the general set lacks the "
                           f"{'candidate' if g_cand is None else 'base model'}); "
                           f"allowed <= {rules.max_general_drop:.4f}: fail")
        else:
            drop = g_base - g_cand
            ok_general = drop <= rules.max_general_drop + _EPS
            why_general = (f"general-set drop on {m}: {drop:+.4f} ({g_cand:.4f} vs base {g_base:.4f}), "
                           f"allowed <= {rules.max_general_drop:.4f}: {'pass' if ok_general else 'fail'}")

    return PromotionDecision(promote=ok_base and ok_bm25 and ok_general, primary_metric=m,
                             gain_over_base=gain_base, gain_over_bm25=gain_bm25, general_drop=drop,
                             reasons=[why_base, why_bm25, why_general])
