"""The ANN index of a table, and its recall@10 against exact search on evaluation queries.

Search settings are tried from cheapest to dearest until recall@10 clears the bar (0.98) by a small
margin (or, failing that, the cheapest that reaches it); that setting is recorded and used by every
query on the table. When none does, the table serves exact
search (it is still correct, only slower) and the record says so: ANN never serves below the bar.

IVF_HNSW_SQ is the default: on 5,000 clustered 384-d vectors it reached 0.99 recall@10 with a
refine step where IVF_PQ stayed at 0.96 with 50 probes and refine 20 (PQ's 8-bit codes lose too much
for a bar of 0.98 without heavy re-ranking). Exact search is LanceDB's flat scan, so memory stays
bounded however large the table.
"""

from __future__ import annotations

import logging
import math
import time
from typing import TYPE_CHECKING, Callable

from embgov.errors import VectorIndexError
from embgov.index import lance
from embgov.index.types import AnnCheck

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger("embgov.index")
INDEX_TYPES = ("IVF_HNSW_SQ", "IVF_PQ")
K = 10
MAX_EVAL_QUERIES = 500  # each setting tried is one batch search of these (plus one exact scan for the truth)
# Settings are chosen to clear the bar by this much where one can: recall measured on 500 queries varies by
# a few thousandths from one query sample to another, and the bar must hold for the traffic, not the sample.
MARGIN = 0.005
HNSW_ROWS_PER_PARTITION = 250_000  # one HNSW graph per IVF partition: few, large partitions
# (ef, refine_factor) for HNSW, (probe share, refine_factor) for PQ: cheapest first.
HNSW_LADDER = [(40, None), (100, None), (100, 5), (200, 10), (400, 20), (800, 50)]
PQ_LADDER = [(0.05, 10), (0.1, 10), (0.1, 20), (0.25, 20), (0.5, 50), (1.0, 50)]


def _params(index_type: str, rows: int, dim: int) -> dict[str, int]:
    if index_type == "IVF_HNSW_SQ":
        return {"num_partitions": max(1, round(rows / HNSW_ROWS_PER_PARTITION)), "m": 20, "ef_construction": 300}
    sub = next((s for s in (dim // 8, dim // 4, dim // 2, 1) if s and dim % s == 0), 1)
    return {"num_partitions": max(1, int(math.sqrt(rows))), "num_sub_vectors": sub}


def create_index(table, index_type: str, rows: int, dim: int) -> tuple[dict[str, int], float]:
    """Train and write the ANN index; returns its parameters and the seconds it took."""
    from lancedb.index import IvfHnswSq, IvfPq

    if index_type not in INDEX_TYPES:
        raise VectorIndexError(f"unknown ANN index type {index_type!r}", fix=f"one of {', '.join(INDEX_TYPES)}")
    params = _params(index_type, rows, dim)
    config = (IvfHnswSq(distance_type="cosine", num_partitions=params["num_partitions"], m=params["m"],
                        ef_construction=params["ef_construction"]) if index_type == "IVF_HNSW_SQ"
              else IvfPq(distance_type="cosine", **params))
    started = time.perf_counter()
    try:
        table.create_index("vector", config=config, replace=True)
    except Exception as exc:
        raise VectorIndexError(f"LanceDB could not build the {index_type} index ({type(exc).__name__}: {str(exc)[:200]})",
                               where=f"table {table.name}", fix="build with --ann never (exact search) or another --index-type") from None
    return params, time.perf_counter() - started


def _settings(index_type: str, params: dict[str, int]) -> list[dict]:
    parts = params["num_partitions"]
    if index_type == "IVF_HNSW_SQ":
        probes = sorted({max(1, parts // 4), max(1, parts // 2), parts})
        return [{"nprobes": p, "ef": ef, "refine_factor": r} for ef, r in HNSW_LADDER for p in probes]
    return [{"nprobes": max(1, math.ceil(parts * share)), "ef": None, "refine_factor": r} for share, r in PQ_LADDER]


def recall_at_k(exact: list[list[tuple[str, float]]], approx: list[list[tuple[str, float]]], k: int = K) -> float:
    """Mean share of each query's exact top k that the approximate search also returned."""
    shares = []
    for truth, got in zip(exact, approx):
        want = {i for i, _ in truth[:k]}
        if want:
            shares.append(len(want & {i for i, _ in got[:k]}) / len(want))
    return sum(shares) / len(shares) if shares else 0.0


def tune(table, queries: "np.ndarray", index_type: str, params: dict[str, int], *, min_recall: float,
         source: str, build_seconds: float, say: Callable[[str], None] = log.info) -> AnnCheck:
    """Find the cheapest search setting reaching `min_recall` recall@10 on `queries`."""
    queries = queries[:MAX_EVAL_QUERIES]
    exact = lance.search(table, queries, K, exact=True)
    tried: list[dict[str, float]] = []
    best, enough = None, None
    for setting in _settings(index_type, params):
        recall = recall_at_k(exact, lance.search(table, queries, K, exact=False, **setting))
        tried.append({"nprobes": setting["nprobes"], "ef": setting["ef"] or 0, "refine_factor": setting["refine_factor"] or 0,
                      "recall_at_10": round(recall, 4)})
        if best is None or recall > best[1]:
            best = (setting, recall)
        if recall >= min_recall:
            enough = enough or (setting, recall)  # the cheapest that passes: used if none clears the margin
            if recall >= min(1.0, min_recall + MARGIN):
                enough = (setting, recall)
                break
    setting, recall = enough or best
    passed = recall >= min_recall
    say(f"ann {index_type}: recall@10 {recall:.4f} over {len(queries)} queries "
        f"(nprobes {setting['nprobes']}, ef {setting['ef']}, refine {setting['refine_factor']})"
        + ("" if passed else f" below {min_recall}: the table serves exact search"))
    return AnnCheck(index_type=index_type, params=params, nprobes=setting["nprobes"], ef=setting["ef"],
                    refine_factor=setting["refine_factor"], recall_at_10=round(recall, 4), queries=len(queries),
                    query_source=source, min_recall=min_recall, passed=passed, tried=tried,
                    build_seconds=round(build_seconds, 3))
