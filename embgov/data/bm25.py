"""A small deterministic wrapper over bm25s (terms as embgov.lexical analyses them, the same as the
evaluation's BM25 baseline): full score vectors and a stable ranking (ties go to the lower document index), so the
same inputs always give the same candidates."""

from __future__ import annotations

from typing import Sequence

from embgov import lexical
from embgov.errors import DataError

stemmer_name = lexical.stemmer_name


class Bm25Index:
    """BM25 over a fixed list of texts; scores() returns one float per text."""

    def __init__(self, texts: Sequence[str]):
        bm25s = lexical.bm25s_module(DataError)
        self.size = len(texts)
        self._retriever = bm25s.BM25()
        self._retriever.index(self._tokenize(list(texts)), show_progress=False)

    @staticmethod
    def _tokenize(texts: list[str]) -> list[list[str]]:
        return lexical.tokenize(texts, DataError)

    def scores(self, query: str):
        import numpy as np

        tokens = [t for t in self._tokenize([query])[0] if t]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def scores_many(self, queries: Sequence[str]):
        """Scores for several queries (tokenized in one call): an iterator of score vectors."""
        import numpy as np

        for tokens in self._tokenize(list(queries)):
            tokens = [t for t in tokens if t]
            yield (np.asarray(self._retriever.get_scores(tokens), dtype=np.float32) if tokens
                   else np.zeros(self.size, dtype=np.float32))


def word_sets(texts: Sequence[str]) -> list[frozenset[str]]:
    """Each text's content words as BM25 sees them (lower case, stop words out, stemmed when PyStemmer is there)."""
    if not texts:
        return []
    return [frozenset(t for t in tokens if t) for tokens in Bm25Index._tokenize(list(texts))]


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def ranking(scores, k: int) -> list[int]:
    """Indices of the k best scores, best first; ties broken by index; zero scores left out."""
    import numpy as np

    k = min(k, len(scores))
    if k <= 0:
        return []
    if k < len(scores):
        # Take every index that ties the k-th score, so the stable sort below decides ties, not argpartition.
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        idx = np.flatnonzero(scores >= kth)
    else:
        idx = np.arange(len(scores))
    order = idx[np.lexsort((idx, -scores[idx]))]
    return [int(i) for i in order[:k] if scores[i] > 0]
