"""IR metrics by name (ndcg@10, mrr@10, recall@100, precision@5, map), computed by pytrec_eval.

pytrec_eval (trec_eval's C code, what BEIR reports with) rather than ranx: same figures for these
measures, but no numba compilation on first use (ranx took 6-40 s per fresh process here).

Conventions, stated because they move the figures:
- queries are those with at least one relevant document; a query the run lacks scores 0 (trec_eval
  itself would silently skip it, which flatters a model that returns nothing);
- gains are the qrels' integer grades (linear, as trec_eval and BEIR); grades <= 0 are not relevant;
- `map` is average precision over the whole run, whose depth is `run_depth(metrics)` (1000 when
  MAP is asked for, the TREC convention); `mrr@k` is reciprocal rank on the run cut at k;
- ties are broken as trec_eval breaks them (higher score first, then document id descending).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from embgov.errors import EvalError

MAP_DEPTH = 1000


@dataclass(frozen=True)
class MetricKind:
    """How one metric family maps to trec_eval's measure; `cut` truncates the run first (mrr@k)."""

    measure: Callable[[int | None], str]  # k -> trec_eval measure ("ndcg_cut.10")
    key: Callable[[int | None], str]      # k -> key in pytrec_eval's result ("ndcg_cut_10")
    needs_k: bool
    cut: bool
    doc: str


METRICS: dict[str, MetricKind] = {
    "ndcg": MetricKind(lambda k: f"ndcg_cut.{k}", lambda k: f"ndcg_cut_{k}", True, False,
                       "normalised discounted cumulative gain of the top k (graded relevance)"),
    "mrr": MetricKind(lambda k: "recip_rank", lambda k: "recip_rank", True, True,
                      "reciprocal rank of the first relevant document in the top k, 0 if none"),
    "recall": MetricKind(lambda k: f"recall.{k}", lambda k: f"recall_{k}", True, False,
                         "share of a query's relevant documents found in the top k"),
    "precision": MetricKind(lambda k: f"P.{k}", lambda k: f"P_{k}", True, False,
                            "share of the top k that is relevant"),
    "map": MetricKind(lambda k: "map", lambda k: "map", False, False,
                      f"mean average precision over the run (depth {MAP_DEPTH})"),
}

_NAME = re.compile(r"^([a-z]+)(?:@([1-9][0-9]*))?$")


def parse_metric(name: str) -> tuple[str, int | None]:
    """'ndcg@10' -> ('ndcg', 10); 'map' -> ('map', None). Raises EvalError on anything else."""
    m = _NAME.match(name.strip().lower())
    kind = METRICS.get(m.group(1)) if m else None
    k = int(m.group(2)) if m and m.group(2) else None
    if kind is None or kind.needs_k != (k is not None):
        known = ", ".join(f"{n}@K" if v.needs_k else n for n, v in METRICS.items())
        raise EvalError(f"unknown metric {name!r}", where="metrics", fix=f"use one of {known}, e.g. ndcg@10")
    return m.group(1), k


def run_depth(metrics: Iterable[str]) -> int:
    """How many documents per query a run must hold for these metrics."""
    depth = 1
    for name in metrics:
        family, k = parse_metric(name)
        depth = max(depth, MAP_DEPTH if family == "map" else k)
    return depth


def _ranked(docs: dict[str, float]) -> list[tuple[str, float]]:
    # trec_eval's order: score descending, then document id descending.
    return sorted(docs.items(), key=lambda item: (item[1], item[0]), reverse=True)


def per_query(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]],
              metrics: Iterable[str]) -> dict[str, dict[str, float]]:
    """metric -> query id -> value, over every query in `qrels` with a relevant document."""
    try:
        import pytrec_eval
    except ImportError:
        raise EvalError("pytrec_eval is not installed", fix="pip install pytrec-eval-terrier") from None

    qrels = {q: {d: int(g) for d, g in rels.items()} for q, rels in qrels.items() if any(g > 0 for g in rels.values())}
    run = {q: {d: float(s) for d, s in docs.items()} for q, docs in run.items() if q in qrels and docs}
    names = list(dict.fromkeys(metrics))
    out: dict[str, dict[str, float]] = {}
    plain = {n: parse_metric(n) for n in names}
    whole = {METRICS[f].measure(k) for f, k in plain.values() if not METRICS[f].cut}
    results = pytrec_eval.RelevanceEvaluator(qrels, whole).evaluate(run) if whole and run else {}
    for name, (family, k) in plain.items():
        kind = METRICS[family]
        if kind.cut:
            cut = {q: dict(_ranked(docs)[:k]) for q, docs in run.items()}
            scored = pytrec_eval.RelevanceEvaluator(qrels, {kind.measure(k)}).evaluate(cut) if cut else {}
        else:
            scored = results
        out[name] = {q: float(scored.get(q, {}).get(kind.key(k), 0.0)) for q in qrels}
    return out


def compute_metrics(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]],
                    metrics: Iterable[str]) -> dict[str, float]:
    """metric -> mean over the judged queries (those with a relevant document)."""
    values = per_query(qrels, run, metrics)
    return {name: (sum(v.values()) / len(v) if v else 0.0) for name, v in values.items()}
