"""The reference window of each model version: what "no drift" looks like.

Captured at promotion from the embeddings of the evaluation (or probe) queries, encoded by that
version's model, and kept with the probe metrics measured then (for the probe check):

    EMBGOV_HOME/monitor/references/<model>/v<version>/vectors.npy     float32 (n, dim)
                                                     /reference.json  ReferenceInfo
                                                     /calibration.json  calibrated thresholds (a cache)
                                                     /check.json        the check cache (checkcache.py)

A reference is replaced whole (a new directory swapped in with renames), which also drops the
calibration and check caches that belonged to the old vectors.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from embgov.contracts import WindowStats
from embgov.errors import MonitorError, TelemetryError
from embgov.settings import get_settings

if TYPE_CHECKING:
    import numpy as np

VECTORS = "vectors.npy"
INFO = "reference.json"
CALIBRATION = "calibration.json"


class ReferenceInfo(BaseModel):
    """What a reference window is and where it came from. Figures and hashes only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(description="Registered model name.")
    version: int = Field(description="Model version whose encoder produced the vectors.")
    count: int = Field(description="Vectors in the reference.")
    dim: int = Field(description="Embedding dimension.")
    source: str = Field(description="What was encoded, e.g. eval-queries, probe-queries or file.")
    created_at: str = Field(description="UTC time the reference was captured.")
    spec_hash: str | None = Field(None, description="Hash of the spec the reference was captured under.")
    queries_fingerprint: str | None = Field(None, description="Fingerprint of the query set that was encoded, when it came from a spec's set.")
    judged: int | None = Field(None, description="Of `count`, the queries judged in the set's qrels; the rest were topped up from the same queries file (none: not recorded).")
    statistics: WindowStats = Field(description="Statistics of the reference vectors.")
    promotion_metrics: dict[str, float] = Field(default_factory=dict, description="Probe-set metrics of this version when the reference was captured (metric -> value); empty without a probe set.")


@dataclass(frozen=True)
class Reference:
    info: ReferenceInfo
    vectors: "np.ndarray"
    path: Path

    @property
    def calibration(self) -> "CalibrationCache":
        return CalibrationCache(self.path / CALIBRATION)


class CalibrationCache:
    """Calibrated thresholds keyed by method and pseudo-window size, kept beside the reference so a
    daemon calibrates once per reference rather than on every check. Losing an entry to a race
    between two writers only costs a recalibration."""

    def __init__(self, path: Path):
        self.path = path

    def _read(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}

    def get(self, key: str) -> dict | None:
        return self._read().get(key)

    def __setitem__(self, key: str, value: dict) -> None:
        data = self._read()
        data[key] = value
        tmp = self.path.with_name(f".{uuid.uuid4().hex}.tmp")
        tmp.write_text(json.dumps(data, sort_keys=True))
        os.replace(tmp, self.path)


def references_root() -> Path:
    return get_settings().home / "monitor" / "references"


def reference_dir(model: str, version: int) -> Path:
    from embgov.monitor.telemetry_store import check_names

    model, number = check_names(model, version)
    return references_root() / model / f"v{number}"


def save_reference(model: str, version: int, vectors: Any, *, source: str, promotion_metrics: dict[str, float] | None = None,
                   spec_hash: str | None = None, queries_fingerprint: str | None = None, created_at: str | None = None,
                   judged: int | None = None) -> Reference:
    """Store (or replace) the reference of `model` version `version`."""
    import numpy as np

    from embgov.monitor.stats import window_stats
    from embgov.monitor.telemetry_store import utc, validate

    array = validate(vectors, where=f"reference {model}:{version}")
    if array.shape[0] < 2:
        raise TelemetryError("a reference needs at least 2 vectors", where=f"reference {model}:{version}")
    final = reference_dir(model, version)
    stats = window_stats(array)
    info = ReferenceInfo(model=model, version=int(version), count=int(array.shape[0]), dim=int(array.shape[1]),
                         source=source, created_at=created_at or utc().isoformat().replace("+00:00", "Z"),
                         spec_hash=spec_hash, queries_fingerprint=queries_fingerprint, judged=judged, statistics=stats,
                         promotion_metrics={k: float(v) for k, v in (promotion_metrics or {}).items()})
    final.parent.mkdir(parents=True, exist_ok=True)
    new = final.parent / f".{final.name}-{uuid.uuid4().hex[:8]}.new"
    new.mkdir()
    np.save(new / VECTORS, array, allow_pickle=False)
    (new / INFO).write_text(info.model_dump_json(indent=2))
    # Swap the whole directory: a reader sees the old reference or the new one, never a mix.
    old = final.parent / f".{final.name}-{uuid.uuid4().hex[:8]}.old"
    if final.exists():
        os.replace(final, old)
    os.replace(new, final)
    shutil.rmtree(old, ignore_errors=True)
    return Reference(info, array, final)


def has_reference(model: str, version: int) -> bool:
    return (reference_dir(model, version) / INFO).is_file()


def load_reference(model: str, version: int) -> Reference:
    import numpy as np

    path = reference_dir(model, version)
    if not (path / INFO).is_file():
        raise MonitorError(f"no reference window for {model}:{version}", where=str(path),
                           fix=f"capture one: embgov monitor reference {model}:{version} --spec SPEC")
    try:
        info = ReferenceInfo.model_validate_json((path / INFO).read_text())
        vectors = np.load(path / VECTORS, allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise MonitorError(f"unreadable reference ({type(exc).__name__})", where=str(path),
                           fix=f"capture it again: embgov monitor reference {model}:{version} --spec SPEC") from None
    if vectors.shape != (info.count, info.dim):
        raise MonitorError(f"reference vectors have shape {vectors.shape}, its record says ({info.count}, {info.dim})",
                           where=str(path), fix="capture it again")
    return Reference(info, vectors, path)
