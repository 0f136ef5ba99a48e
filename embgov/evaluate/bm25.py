"""The BM25 baseline (bm25s), with the terms embgov.lexical gives (stop words out, Snowball-stemmed).

Its model name always contains `bm25` (BM25_NAME), so reports and scripts can find it.
"""

from __future__ import annotations

from embgov import lexical
from embgov.errors import EvalError

BM25_NAME = "bm25"
stemmer_name = lexical.stemmer_name


def bm25_run(eset, *, k: int) -> dict[str, dict[str, float]]:
    """{query id: {doc id: score}}: each query's top k documents with a positive score.

    Documents sharing no term with the query score 0 and are left out: they were not retrieved."""
    bm25s = lexical.bm25s_module(EvalError)

    def tokenize(texts):
        return lexical.tokenize(texts, EvalError)

    retriever = bm25s.BM25()
    retriever.index(tokenize(eset.doc_texts), show_progress=False)
    k = min(k, len(eset.doc_ids))
    if k <= 0 or not eset.query_ids:
        return {q: {} for q in eset.query_ids}
    idx, scores = retriever.retrieve(tokenize(eset.query_texts), k=k, show_progress=False)
    ids = eset.doc_ids
    return {qid: {ids[int(j)]: float(s) for j, s in zip(row_i, row_s) if s > 0}
            for qid, row_i, row_s in zip(eset.query_ids, idx, scores)}
