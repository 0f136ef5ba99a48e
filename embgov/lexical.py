"""BM25 text analysis shared by the data stage (hard negatives, pseudo-query ambiguity) and the
evaluation stage (the BM25 baseline): English stop words and the Snowball English stemmer, so a
negative mined in training and the baseline it is compared with see the same terms.

PyStemmer is a dependency (pyproject); the fallback without it (no stemming) exists for a
stripped-down install and is named in reports (`stemmer_name()`), since it scores lower.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import Sequence


@lru_cache(maxsize=1)
def stemmer():
    """PyStemmer's English stemmer, or None when it is missing."""
    if importlib.util.find_spec("Stemmer") is None:
        return None
    import Stemmer

    return Stemmer.Stemmer("english")


def stemmer_name() -> str:
    return "snowball-english" if stemmer() is not None else "none"


def bm25s_module(error: type):
    """bm25s, or `error` (the caller's stage error class) with the install hint."""
    try:
        import bm25s
    except ImportError:
        raise error("bm25s is not installed", fix="pip install bm25s") from None
    return bm25s


def tokenize(texts: Sequence[str], error: type) -> list[list[str]]:
    """Each text's terms: lower case, English stop words out, stemmed."""
    return bm25s_module(error).tokenize(list(texts), stopwords="en", stemmer=stemmer(), return_ids=False,
                                        show_progress=False)
