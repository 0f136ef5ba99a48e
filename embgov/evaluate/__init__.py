"""Evaluation stage: dense and BM25 retrieval, IR metrics (pytrec_eval), forgetting check, promotion.

Imports only core (spec, contracts, errors, hashing, settings, modelio); heavy libraries (torch,
sentence-transformers, bm25s, pytrec_eval, matplotlib) load inside the functions that use them.
"""

from embgov.evaluate.decision import decide
from embgov.evaluate.metrics import METRICS, compute_metrics, parse_metric, run_depth
from embgov.evaluate.runner import MIN_PAIRS, evaluate, evaluate_models, evaluate_spec
from embgov.evaluate.report import plot, render
from embgov.evaluate.sets import EvalSet, load_set, read_qrels, read_records

__all__ = ["METRICS", "MIN_PAIRS", "EvalSet", "compute_metrics", "decide", "evaluate", "evaluate_models",
           "evaluate_spec", "load_set", "parse_metric", "plot", "read_qrels", "read_records", "render", "run_depth"]
