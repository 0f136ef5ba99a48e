"""BM25 and exact dense search on tiny inputs."""

from __future__ import annotations

import pytest
pytest.importorskip("bm25s")  # a stage library the code under test needs

from embgov.evaluate.bm25 import bm25_run
from embgov.evaluate.sets import EvalSet

DOCS = {"cats": "Cats purr and chase mice around the barn.",
        "insulin": "Insulin lowers blood glucose by moving sugar into cells.",
        "markets": "Stock markets fell sharply after the bank raised rates.",
        "volcano": "The volcano erupted, covering the valley in ash."}
QUERIES = {"q1": "how does insulin affect glucose in the blood", "q2": "why did stock markets fall",
           "q3": "zebra xylophone"}  # shares no word with any document


def eset() -> EvalSet:
    return EvalSet(doc_ids=list(DOCS), doc_texts=list(DOCS.values()), query_ids=list(QUERIES),
                   query_texts=list(QUERIES.values()), qrels={"q1": {"insulin": 1}, "q2": {"markets": 1}},
                   fingerprint="f", corpus_fingerprint="c")


def test_bm25_ranks_the_obvious_document_first():
    run = bm25_run(eset(), k=10)
    assert max(run["q1"], key=run["q1"].get) == "insulin"
    assert max(run["q2"], key=run["q2"].get) == "markets"
    # Documents sharing no term score 0: they were not retrieved, so they are not in the run.
    assert run["q3"] == {} and "volcano" not in run["q1"]


def test_bm25_depth_is_capped_by_k():
    assert all(len(docs) <= 1 for docs in bm25_run(eset(), k=1).values())


@pytest.mark.parametrize("k, query_chunk, doc_chunk", [(3, 2, 4), (5, 7, 3), (50, 1, 1)])
def test_chunked_search_equals_full_ranking(k, query_chunk, doc_chunk):
    torch = pytest.importorskip("torch")
    from embgov.evaluate.dense import search

    g = torch.Generator().manual_seed(0)
    queries, docs = torch.randn(9, 8, generator=g), torch.randn(23, 8, generator=g)
    scores, idx = search(queries, docs, k, query_chunk=query_chunk, doc_chunk=doc_chunk)
    full_s, full_i = torch.topk(queries @ docs.T, min(k, 23), dim=1)
    assert idx.shape == (9, min(k, 23))
    assert torch.equal(idx, full_i) and torch.allclose(scores, full_s, atol=1e-6)
