"""The telemetry store: production embeddings (vectors only, never text) in time partitions.

Layout under EMBGOV_HOME::

    telemetry/<model>/v<version>/dim.json                      dimension, fixed by the first write
    telemetry/<model>/v<version>/<kind>/<YYYYMMDDTHH>/<segment>.npy

Each call to `append` writes one new segment file (float32 .npy) into the UTC hour it belongs to:
written under a dot-name and moved into place with os.replace, so readers never see half a file and
concurrent writers (threads, processes, hosts on a shared disk) never touch each other's files.
Nothing is ever appended to an existing file. A segment's name carries its time and row count, so
windows are selected by name and pruning is a directory removal.

Hour partitions are only storage; a *window* is any [since, until) interval. `latest_window` reads
the last EMBGOV_TELEMETRY_WINDOW (default 1h) before now; `prune` drops partitions older than
EMBGOV_TELEMETRY_RETENTION (default 30d).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embgov.errors import TelemetryError
from embgov.settings import get_settings
from embgov.spec.jobspec import DURATION_PATTERN, NAME_PATTERN, duration_seconds

if TYPE_CHECKING:
    import numpy as np

WINDOW_ENV = "EMBGOV_TELEMETRY_WINDOW"
RETENTION_ENV = "EMBGOV_TELEMETRY_RETENTION"
DEFAULT_WINDOW = "1h"
DEFAULT_RETENTION = "30d"
KIND_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"
MAX_DIM = 65536
_HOUR = "%Y%m%dT%H"
_STAMP = "%Y%m%dT%H%M%S%fZ"
_SEGMENT = re.compile(r"^(\d{8}T\d{12}Z)-[0-9a-f]+-(\d+)\.npy$")


@dataclass(frozen=True)
class Window:
    """The vectors logged for one model version and kind in [start, end)."""

    model: str
    version: int
    kind: str
    start: datetime
    end: datetime
    vectors: "np.ndarray"
    segments: int
    total: int  # rows in the window before any max_rows sampling

    @property
    def size(self) -> int:
        return int(self.vectors.shape[0])


def root() -> Path:
    return get_settings().home / "telemetry"


def _duration(env: str, default: str) -> timedelta:
    value = os.environ.get(env) or default
    if not re.match(DURATION_PATTERN, value):
        raise TelemetryError(f"not a duration: {value!r}", where=env, fix="use e.g. 15m, 1h or 30d")
    return timedelta(seconds=duration_seconds(value))


def window_length() -> timedelta:
    """How much recent traffic one check looks at (EMBGOV_TELEMETRY_WINDOW, default 1h)."""
    return _duration(WINDOW_ENV, DEFAULT_WINDOW)


def retention() -> timedelta:
    """How long telemetry is kept (EMBGOV_TELEMETRY_RETENTION, default 30d)."""
    return _duration(RETENTION_ENV, DEFAULT_RETENTION)


def utc(value: datetime | None = None) -> datetime:
    """Aware UTC time; naive datetimes are taken as UTC."""
    value = value or datetime.now(timezone.utc)
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def check_names(model: str, version: int | str, kind: str | None = None) -> tuple[str, int]:
    """Names become path segments: check them so nothing can point outside the store."""
    if not isinstance(model, str) or not re.match(NAME_PATTERN, model):
        raise TelemetryError(f"not a model name: {model!r}", where="model",
                             fix="lower case letters, digits, '.', '_' and '-' (the job's name)")
    try:
        number = int(version)
    except (TypeError, ValueError):
        number = 0
    if isinstance(version, bool) or number < 1:
        raise TelemetryError(f"not a model version: {version!r}", where="version", fix="a version number, from 1")
    if kind is not None and (not isinstance(kind, str) or not re.match(KIND_PATTERN, kind)):
        raise TelemetryError(f"not a telemetry kind: {kind!r}", where="kind",
                             fix="a short lower-case name such as query or document")
    return model, number


def version_dir(model: str, version: int | str) -> Path:
    model, number = check_names(model, version)
    return root() / model / f"v{number}"


def validate(vectors: Any, *, where: str = "vectors") -> "np.ndarray":
    """A 2-D, finite, non-empty float32 array, or TelemetryError. Strings are refused outright:
    the store holds numbers only, so text can never reach it by mistake."""
    import numpy as np

    if isinstance(vectors, (str, bytes)):
        raise TelemetryError("got text, not vectors", where=where, fix="pass embeddings (numbers); telemetry never stores text")
    try:
        array = np.asarray(vectors)
    except (ValueError, TypeError):
        raise TelemetryError("not a rectangular array of numbers (rows of different lengths?)", where=where,
                             fix="pass an (n, dim) array: one embedding per row") from None
    if array.dtype.kind in "USO" or array.dtype.kind not in "fiu":
        raise TelemetryError(f"not numbers (dtype {array.dtype})", where=where,
                             fix="pass embeddings as floats; telemetry never stores text")
    if array.ndim == 1 and array.size:
        raise TelemetryError(f"a 1-D array of {array.shape[0]} values; one embedding must still be a row", where=where,
                             fix="reshape to (1, dim): vectors[None, :]")
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] == 0:
        raise TelemetryError(f"expected an (n, dim) array with n, dim >= 1, got shape {array.shape}", where=where)
    if array.shape[1] > MAX_DIM:
        raise TelemetryError(f"dimension {array.shape[1]} is larger than {MAX_DIM}", where=where,
                             fix="is the array transposed? rows are embeddings")
    with np.errstate(over="ignore"):  # overflow becomes inf, reported below with its row
        array = array.astype(np.float32, copy=False)
    bad = ~np.isfinite(array).all(axis=1)
    if bad.any():
        raise TelemetryError(f"{int(bad.sum())} row(s) hold NaN or infinite values (first: row {int(bad.argmax())}); "
                             f"float32 overflows above 3.4e38", where=where, fix="drop or fix those embeddings before logging")
    return np.ascontiguousarray(array)


def _atomic_write(path: Path, write) -> Path:
    tmp = path.parent / f".{uuid.uuid4().hex}.tmp"
    try:
        with open(tmp, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _check_dim(vdir: Path, dim: int, where: str) -> None:
    """The first writer fixes the version's dimension; later writers must match it. os.link fails when
    the file exists, so two first writers with different dimensions cannot both win."""
    meta = vdir / "dim.json"
    if not meta.exists():
        vdir.mkdir(parents=True, exist_ok=True)
        tmp = vdir / f".{uuid.uuid4().hex}.tmp"
        tmp.write_text(json.dumps({"dim": dim}))
        try:
            os.link(tmp, meta)
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    known = int(json.loads(meta.read_text())["dim"])
    if known != dim:
        raise TelemetryError(f"dimension {dim} differs from the {known} already logged for this model version",
                             where=where, fix="log the embeddings of this model version's encoder only")


def dimension(model: str, version: int | str) -> int | None:
    meta = version_dir(model, version) / "dim.json"
    return int(json.loads(meta.read_text())["dim"]) if meta.exists() else None


def append(model: str, version: int | str, vectors: Any, *, kind: str = "query", at: datetime | None = None) -> Path:
    """Store `vectors` as one new segment stamped `at` (default now). Returns the segment path."""
    import numpy as np

    model, number = check_names(model, version, kind)
    where = f"telemetry {model}:{number} {kind}"
    array = validate(vectors, where=where)
    vdir = version_dir(model, number)
    _check_dim(vdir, array.shape[1], where)
    stamp = utc(at)
    part = vdir / kind / stamp.strftime(_HOUR)
    part.mkdir(parents=True, exist_ok=True)
    name = f"{stamp.strftime(_STAMP)}-{uuid.uuid4().hex[:12]}-{array.shape[0]}.npy"
    return _atomic_write(part / name, lambda fh: np.save(fh, array, allow_pickle=False))


def _segments(model: str, version: int, kind: str, since: datetime, until: datetime) -> list[tuple[datetime, Path, int]]:
    base = version_dir(model, version) / kind
    if not base.is_dir():
        return []
    out = []
    for part in base.iterdir():
        try:
            hour = datetime.strptime(part.name, _HOUR).replace(tzinfo=timezone.utc)
        except ValueError:
            continue  # not a partition (a stray file)
        if hour >= until or hour + timedelta(hours=1) <= since:
            continue
        for seg in part.iterdir():
            match = _SEGMENT.match(seg.name)  # dot-files (writes in progress) never match
            if match:
                ts = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=timezone.utc)
                if since <= ts < until:
                    out.append((ts, seg, int(match.group(2))))
    return sorted(out)


def _load(path: Path, dim: int | None) -> "np.ndarray":
    import numpy as np

    try:
        array = np.load(path, allow_pickle=False)  # never unpickle: a segment is data, not code
    except (OSError, ValueError) as exc:
        raise TelemetryError(f"unreadable segment ({type(exc).__name__})", where=str(path),
                             fix="remove the file; segments are written whole, so it did not come from embgov") from None
    if array.ndim != 2 or (dim is not None and array.shape[1] != dim):
        raise TelemetryError(f"segment has shape {array.shape}, expected (n, {dim})", where=str(path), fix="remove the file")
    return array


def read_window(model: str, version: int | str, kind: str = "query", since: datetime | None = None,
                until: datetime | None = None, *, max_rows: int | None = None, seed: int = 0) -> "np.ndarray":
    """Vectors logged in [since, until) (default: everything up to now), oldest first. With
    `max_rows`, a uniform sample of that many rows (deterministic for a seed)."""
    return _window(model, version, kind, since, until, max_rows=max_rows, seed=seed).vectors


def latest_window(model: str, version: int | str, kind: str = "query", *, now: datetime | None = None,
                  length: timedelta | None = None, max_rows: int | None = None, seed: int = 0) -> Window:
    """The last `length` (default: the window setting) of traffic before `now`."""
    end = utc(now)
    return _window(model, version, kind, end - (length or window_length()), end, max_rows=max_rows, seed=seed)


def _window(model, version, kind, since, until, *, max_rows, seed) -> Window:
    import numpy as np

    model, number = check_names(model, version, kind)
    since = utc(since) if since else datetime(1970, 1, 1, tzinfo=timezone.utc)
    until = utc(until)
    dim = dimension(model, number)
    segments = _segments(model, number, kind, since, until)
    parts = [_load(path, dim) for _, path, _ in segments]
    vectors = np.concatenate(parts) if parts else np.zeros((0, dim or 0), dtype=np.float32)
    total = int(vectors.shape[0])
    if max_rows is not None and total > max_rows:
        keep = np.sort(np.random.default_rng(seed).choice(total, max_rows, replace=False))
        vectors = vectors[keep]
    return Window(model, number, kind, since, until, vectors, len(segments), total)


def prune(older_than: datetime | timedelta | None = None, *, now: datetime | None = None) -> int:
    """Remove every hour partition that ends at or before the cut-off (a time, an age, or by default
    the retention setting). Returns the number of segments removed."""
    cutoff = utc(older_than) if isinstance(older_than, datetime) else utc(now) - (older_than or retention())
    removed = 0
    base = root()
    if not base.is_dir():
        return 0
    for part in base.glob("*/v*/*/*"):
        try:
            hour = datetime.strptime(part.name, _HOUR).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
        if part.is_dir() and hour + timedelta(hours=1) <= cutoff:
            removed += sum(1 for seg in part.iterdir() if _SEGMENT.match(seg.name))
            shutil.rmtree(part, ignore_errors=True)
    return removed
