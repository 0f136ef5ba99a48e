"""Read embeddings from a file for `embgov telemetry ingest`: .npy, .parquet or .jsonl.

- .npy: an (n, dim) numeric array (never unpickled);
- .parquet: the column named by `column`, else `embedding` or `vector`, else the only list column
  (each value one vector); or, when every column is numeric, the table itself as (rows, columns).
  Only that column is read: other columns (ids, text) never leave the file;
- .jsonl: one vector per line, as a JSON array or an object with an `embedding` (or `vector`) key.

Errors name the file, line or column; never a value from the file.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from embgov.errors import TelemetryError

if TYPE_CHECKING:
    import numpy as np

KEYS = ("embedding", "vector")
FIX = "write the vectors as .npy, .parquet (a list column) or .jsonl (one JSON array per line)"


def read_vectors(path: str | Path, *, column: str | None = None) -> "np.ndarray":
    """The vectors in `path` as a validated float32 (n, dim) array."""
    from embgov.monitor.telemetry_store import validate

    path = Path(path)
    if not path.is_file():
        raise TelemetryError("no such file", where=str(path))
    suffix = path.suffix.lower()
    readers = {".npy": _npy, ".parquet": _parquet, ".jsonl": _jsonl}
    if suffix not in readers:
        raise TelemetryError(f"not a vector file ({suffix or 'no extension'})", where=str(path), fix=FIX)
    return validate(readers[suffix](path, column), where=str(path))


def _npy(path: Path, column: str | None):
    import numpy as np

    try:
        return np.load(path, allow_pickle=False)
    except ValueError:
        raise TelemetryError("the .npy file holds Python objects (text?), not numbers", where=str(path), fix=FIX) from None
    except OSError as exc:
        raise TelemetryError(f"not a readable .npy file ({type(exc).__name__})", where=str(path), fix=FIX) from None


def _parquet(path: Path, column: str | None):
    import numpy as np

    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise TelemetryError("reading parquet needs pyarrow", where=str(path), fix="pip install pyarrow") from None

    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as exc:
        raise TelemetryError(f"not a readable parquet file ({type(exc).__name__})", where=str(path), fix=FIX) from None
    lists = [f.name for f in schema if pa.types.is_list(f.type) or pa.types.is_large_list(f.type)
             or pa.types.is_fixed_size_list(f.type)]
    if column is None:
        column = next((k for k in KEYS if k in schema.names), None) or (lists[0] if len(lists) == 1 else None)
    if column is None:
        if all(pa.types.is_integer(f.type) or pa.types.is_floating(f.type) for f in schema):
            return pq.read_table(path).to_pandas().to_numpy()
        raise TelemetryError(f"cannot tell which column holds the vectors (list columns: {lists or 'none'})",
                             where=str(path), fix="name a column `embedding`, or pass --column")
    if column not in schema.names:
        raise TelemetryError(f"no column {column!r}", where=str(path), fix=f"columns: {', '.join(schema.names)}")
    values = pq.read_table(path, columns=[column]).column(column).to_pylist()
    if any(not isinstance(v, list) for v in values):
        raise TelemetryError(f"column {column!r} does not hold a list of numbers in every row", where=str(path), fix=FIX)
    return np.asarray(values) if values else np.zeros((0, 0))


def _jsonl(path: Path, column: str | None):
    rows = []
    keys = (column,) if column else KEYS
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except ValueError:
                raise TelemetryError("not JSON", where=f"{path}:{n}", fix=FIX) from None
            if isinstance(obj, dict):
                obj = next((obj[k] for k in keys if k in obj), None)
            if not isinstance(obj, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in obj):
                raise TelemetryError(f"not a vector (a JSON array of numbers, or an object with {' or '.join(map(repr, keys))})",
                                     where=f"{path}:{n}", fix=FIX)
            if rows and len(obj) != len(rows[0]):
                raise TelemetryError(f"{len(obj)} values where earlier lines have {len(rows[0])}", where=f"{path}:{n}")
            rows.append(obj)
    return rows


def ingest_file(model: str, version: int, path: str | Path, *, kind: str = "query", column: str | None = None,
                at: datetime | None = None) -> tuple[Path, int]:
    """Read `path` and log its vectors as one segment. Returns (segment path, rows)."""
    from embgov.monitor.telemetry_store import append

    vectors = read_vectors(path, column=column)
    return append(model, version, vectors, kind=kind, at=at), int(vectors.shape[0])
