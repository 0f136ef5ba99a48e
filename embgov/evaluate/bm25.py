"""The BM25 baseline (bm25s): English stop words, the Snowball stemmer only when PyStemmer is installed.

Its model name always contains `bm25` (BM25_NAME), so reports and scripts can find it.
"""

from __future__ import annotations

import importlib.util

from embgov.errors import EvalError

BM25_NAME = "bm25"


def stemmer():
    """PyStemmer's English stemmer, or None: it is optional (not an embgov dependency)."""
    if importlib.util.find_spec("Stemmer") is None:
        return None
    import Stemmer

    return Stemmer.Stemmer("english")


def stemmer_name() -> str:
    return "snowball-english" if importlib.util.find_spec("Stemmer") is not None else "none"


def bm25_run(eset, *, k: int) -> dict[str, dict[str, float]]:
    """{query id: {doc id: score}}: each query's top k documents with a positive score.

    Documents sharing no term with the query score 0 and are left out: they were not retrieved."""
    try:
        import bm25s
    except ImportError:
        raise EvalError("bm25s is not installed", fix="pip install bm25s") from None

    stem = stemmer()

    def tokenize(texts):
        return bm25s.tokenize(list(texts), stopwords="en", stemmer=stem, return_ids=False, show_progress=False)

    retriever = bm25s.BM25()
    retriever.index(tokenize(eset.doc_texts), show_progress=False)
    k = min(k, len(eset.doc_ids))
    if k <= 0 or not eset.query_ids:
        return {q: {} for q in eset.query_ids}
    idx, scores = retriever.retrieve(tokenize(eset.query_texts), k=k, show_progress=False)
    ids = eset.doc_ids
    return {qid: {ids[int(j)]: float(s) for j, s in zip(row_i, row_s) if s > 0}
            for qid, row_i, row_s in zip(eset.query_ids, idx, scores)}
