"""Queries: resolve the alias once, check the encoder is the table's model version, embed, search.

The classic failure this prevents: a service still holding model version N-1 embeds a query and
searches the table written by version N (or the reverse), getting plausible-looking but meaningless
neighbours. Every query names its encoder (model, version); a table of another version refuses it
before anything is searched. A caller that resolves first (`resolve`) and then picks the encoder for
the table it got (as `embgov index query` does) is consistent by construction, however often the
alias switches.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable

from embgov.errors import VectorIndexError
from embgov.index import catalog, lance
from embgov.index.build import vectors_of
from embgov.index.types import Encoder, Hit, IndexTable, QueryResult

if TYPE_CHECKING:
    import numpy as np

OnVectors = Callable[[IndexTable, "np.ndarray"], None]
MAX_K = 1000


def resolve(index: str) -> IndexTable:
    """The live table of `index` (one read of the state database)."""
    return catalog.resolve(index)


def check_encoder(target: IndexTable, encoder: Encoder) -> None:
    if (encoder.model, int(encoder.version)) != (target.model, target.version):
        raise VectorIndexError(
            f"index {target.index} holds embeddings of {target.label()} (table {target.table}); the query encoder is "
            f"{encoder.model}:{encoder.version}: its vectors are not comparable", where=f"index {target.index}",
            fix=f"embed the query with {target.label()} (embgov index query does), or make the index follow the model: "
                f"embgov index promote {target.index} {encoder.model}:{encoder.version}")
    if encoder.spec_hash and target.spec_hash and encoder.spec_hash != target.spec_hash:
        raise VectorIndexError(f"the encoder's spec hash {encoder.spec_hash[:12]} is not the table's {target.spec_hash[:12]}",
                               where=f"index {target.index}", fix="the registry entry changed; rebuild the index")


def search(target: IndexTable, texts: list[str] | str, encoder: Encoder, *, k: int = 10, exact: bool = False,
           on_vectors: OnVectors | None = None) -> QueryResult:
    """Embed `texts` with `encoder` (which must be the table's model version) and search `target`.
    `exact` forces a flat scan; otherwise the table's checked setting (ANN or exact) is used.
    `on_vectors(target, vectors)` sees the query embeddings (the caller logs telemetry with it)."""
    texts = [texts] if isinstance(texts, str) else list(texts)
    if not texts:
        raise VectorIndexError("no query text", where=f"index {target.index}")
    if not 1 <= k <= MAX_K:
        raise VectorIndexError(f"k must be 1..{MAX_K}, got {k}", where="-k")
    check_encoder(target, encoder)
    started = time.perf_counter()
    table = lance.open_checked(target)
    vectors = vectors_of(encoder, texts, target.dim, f"index {target.index} (query)")
    hits = search_vectors(target, table, vectors, k, exact=exact)
    seconds = time.perf_counter() - started
    if on_vectors is not None:
        on_vectors(target, vectors)
    mode = "exact" if exact or target.search != "ann" else "ann"
    return QueryResult(index=target.index, table=target.table, model=target.model, version=target.version, search=mode,
                       k=k, hits=[[Hit(id=i, score=round(s, 6)) for i, s in row] for row in hits],
                       seconds=round(seconds, 6))


def search_vectors(target: IndexTable, table, vectors: "np.ndarray", k: int, *, exact: bool = False):
    """Raw search of already-embedded vectors with the table's checked settings: [[(id, cosine)]].
    `table` None: the target's own table, opened and checked against the catalogue (cached)."""
    if table is None:
        table = lance.open_checked(target)
    if exact or target.search != "ann" or target.ann is None:
        return lance.search(table, vectors, k, exact=True)
    a = target.ann
    ef = max(a.ef, k) if a.ef else None  # HNSW needs at least k candidates
    return lance.search(table, vectors, k, exact=False, nprobes=a.nprobes, ef=ef, refine_factor=a.refine_factor)


def query(index: str, texts: list[str] | str, encoder: Encoder, **kwargs) -> QueryResult:
    """Resolve `index` once and search its live table with `encoder` (refused unless it is the table's version)."""
    return search(resolve(index), texts, encoder, **kwargs)
