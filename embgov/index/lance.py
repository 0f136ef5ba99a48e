"""LanceDB access: connections, table creation with embgov's metadata, writes, searches, drops.

Schema: `id` (string) and `vector` (fixed-size list of float32), compared by cosine distance. The
schema metadata key `embgov` holds the table's identity (index, model, version, spec hash, dimension,
corpus fingerprint, encoder), fixed when the table is created; once the build has passed its checks it
writes `embgov.complete` (and the recall figure) into the vector field's metadata. A table is never
modified after that, so processes cache open handles.
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from embgov.errors import VectorIndexError

if TYPE_CHECKING:
    import numpy as np

    from embgov.index.types import IndexTable

META_KEY = b"embgov"
COMPLETE = "embgov.complete"
_guard = threading.Lock()
_connections: dict[str, Any] = {}
_open: dict[tuple[str, str], Any] = {}


def _lancedb():
    try:
        import lancedb
    except ImportError:
        raise VectorIndexError("lancedb is not installed", fix="pip install 'lancedb>=0.20'") from None
    return lancedb


def connect(uri: str):
    with _guard:
        db = _connections.get(uri)
        if db is None:
            db = _connections[uri] = _lancedb().connect(uri)
        return db


def identity(record: "IndexTable", dim: int) -> dict:
    """What the table says about itself: enough to refuse a query from another model version without the catalogue."""
    return {"index": record.index, "table": record.table, "model": record.model, "version": record.version,
            "spec_hash": record.spec_hash, "dim": dim, "corpus_fingerprint": record.corpus_fingerprint,
            "policy_hash": record.policy_hash, "encoder": record.encoder}


def create(record: "IndexTable", dim: int):
    import pyarrow as pa

    schema = pa.schema([pa.field("id", pa.string(), nullable=False),
                        pa.field("vector", pa.list_(pa.float32(), dim), nullable=False)],
                       metadata={META_KEY: json.dumps(identity(record, dim), sort_keys=True).encode()})
    return connect(record.uri).create_table(record.table, schema=schema, mode="create")


def add(table, ids: list[str], vectors: "np.ndarray") -> None:
    import pyarrow as pa

    dim = vectors.shape[1]
    column = pa.FixedSizeListArray.from_arrays(pa.array(vectors.reshape(-1), type=pa.float32()), dim)
    table.add(pa.Table.from_arrays([pa.array(ids, type=pa.string()), column], schema=table.schema))


def mark_complete(table, info: dict[str, str]) -> None:
    table.update_field_metadata({"path": "vector", "metadata": {COMPLETE: "true", **info}})


def names(uri: str) -> list[str]:
    db, out, token = connect(uri), [], None
    while True:
        page = db.list_tables(page_token=token)
        out.extend(page.tables)
        token = page.page_token
        if not token:
            return out


def drop(uri: str, table: str) -> bool:
    """Drop `table` if it exists; True when it did."""
    with _guard:
        _open.pop((uri, table), None)
    try:
        connect(uri).drop_table(table)
        return True
    except (FileNotFoundError, ValueError):
        return False
    except Exception as exc:  # lancedb raises its own "table not found" types across versions
        if "not found" in str(exc).lower() or "does not exist" in str(exc).lower():
            return False
        raise


def open_checked(record: "IndexTable"):
    """The table of a ready record, after checking that LanceDB's own metadata agrees with the catalogue
    (identity, completion marker, row count). Cached: a ready table never changes."""
    key = (record.uri, record.table)
    with _guard:
        table = _open.get(key)
    if table is not None:
        return table
    where = f"index {record.index} table {record.table}"
    try:
        table = connect(record.uri).open_table(record.table)
    except Exception as exc:
        raise VectorIndexError(f"the table cannot be opened ({type(exc).__name__})", where=where,
                               fix="it was dropped or the LanceDB location (EMBGOV_INDEX_URI) changed; build it again") from None
    raw = (table.schema.metadata or {}).get(META_KEY)
    meta = json.loads(raw) if raw else {}
    expected = identity(record, record.dim or 0)
    if meta != expected:
        wrong = sorted(k for k in expected if meta.get(k) != expected[k])
        raise VectorIndexError(f"the table's own metadata disagrees with the catalogue on {wrong}", where=where,
                               fix="do not write to embgov's tables by hand; build the index again")
    field_meta = table.schema.field("vector").metadata or {}
    if field_meta.get(COMPLETE.encode()) != b"true":
        raise VectorIndexError("the table has no completion marker: its build did not finish", where=where,
                               fix="build it again; embgov index prune removes the leftover")
    if record.rows is not None and table.count_rows() != record.rows:
        raise VectorIndexError(f"the table holds {table.count_rows()} rows, the build wrote {record.rows}", where=where,
                               fix="build the index again")
    with _guard:
        _open[key] = table
    return table


def size_bytes(record: "IndexTable") -> int | None:
    try:
        return int(connect(record.uri).open_table(record.table).stats()["total_bytes"])
    except Exception:  # a missing or unreadable table has no size; `list` shows that instead of failing
        return None


def search(table, vectors: "np.ndarray", k: int, *, exact: bool, nprobes: int | None = None, ef: int | None = None,
           refine_factor: int | None = None) -> list[list[tuple[str, float]]]:
    """Top k (id, cosine similarity) per query row, best first; all rows in one LanceDB call."""
    query = table.search(vectors if len(vectors) > 1 else vectors[0]).distance_type("cosine").limit(k)
    query = query.select(["id", "_distance"])  # naming _distance keeps lance from warning about auto-projection
    if exact:
        query = query.bypass_vector_index()
    else:
        if nprobes:
            query = query.nprobes(nprobes)
        if ef:
            query = query.ef(ef)
        if refine_factor:
            query = query.refine_factor(refine_factor)
    result = query.to_arrow()
    ids, dist = result.column("id").to_pylist(), result.column("_distance").to_pylist()
    which = result.column("query_index").to_pylist() if "query_index" in result.column_names else [0] * len(ids)
    out: list[list[tuple[str, float]]] = [[] for _ in range(len(vectors))]
    for q, i, d in zip(which, ids, dist):
        out[q].append((i, 1.0 - float(d)))
    for hits in out:
        hits.sort(key=lambda h: -h[1])  # LanceDB orders by distance within a query; make it explicit
    return out
