"""Public telemetry API for production services: log the embeddings a model produced (never text).

    from embgov.telemetry import log_embeddings
    log_embeddings("scifact-lora", 3, query_vectors)            # an (n, dim) float array

Import-light on purpose (a service imports it at start-up): the store loads on first call.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any


def log_embeddings(model: str, version: int | str, vectors: Any, kind: str = "query", *,
                   at: datetime | None = None) -> Path:
    """Append `vectors` ((n, dim), finite numbers) to the telemetry of `model` version `version`.

    Writes one new segment file atomically under EMBGOV_HOME/telemetry; safe from many threads and
    processes at once. Raises embgov.errors.TelemetryError (with where/fix) on text, NaN, a 1-D array
    or a dimension other than the one already logged for that version. Returns the segment's path."""
    from embgov.monitor import append

    return append(model, version, vectors, kind=kind, at=at)


__all__ = ["log_embeddings"]
