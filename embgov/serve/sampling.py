"""A sample of served embeddings goes to the telemetry store (embgov.telemetry.log_embeddings).

Vectors only: this module is handed arrays, never the request, so text cannot reach the store or a
log from here. Rows are sampled independently (`sample`), buffered per model version and written as
one segment when `flush_rows` are buffered or the oldest waited `flush_seconds` (one file per request
would flood the store). The full vector is logged even when a request asked for fewer dimensions:
a version's telemetry has one dimension.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Callable

from embgov.errors import EmbgovError

log = logging.getLogger("embgov.serve")


class Sampler:
    def __init__(self, sample: float, flush_rows: int, flush_seconds: float, *, write: Callable | None = None,
                 on_written: Callable[[int], None] | None = None, seed: int | None = None):
        self.sample, self.flush_rows, self.flush_seconds = sample, flush_rows, flush_seconds
        self.write = write
        self.on_written = on_written
        self.rng = random.Random(seed)
        self.buffers: dict[tuple[str, int], list] = {}
        self.since: dict[tuple[str, int], float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def offer(self, model: str, version: int, vectors) -> None:
        if self.sample <= 0 or len(vectors) == 0:
            return
        rows = [i for i in range(len(vectors)) if self.sample >= 1 or self.rng.random() < self.sample]
        if not rows:
            return
        key = (model, int(version))
        with self._lock:
            self.buffers.setdefault(key, []).append(vectors[rows].copy())
            self.since.setdefault(key, time.monotonic())
            full = sum(len(b) for b in self.buffers[key]) >= self.flush_rows
        if full:
            self.flush(key)

    def flush(self, key: tuple[str, int] | None = None) -> None:
        import numpy as np

        with self._lock:
            keys = [key] if key is not None else list(self.buffers)
            taken = {k: self.buffers.pop(k) for k in keys if self.buffers.get(k)}
            for k in taken:
                self.since.pop(k, None)
        for (model, version), parts in taken.items():
            vectors = np.concatenate(parts).astype(np.float32)
            try:
                (self.write or _log)(model, version, vectors)
                if self.on_written is not None:
                    self.on_written(len(vectors))
            except EmbgovError as exc:  # telemetry must not take answers away; the warning names the problem
                log.warning("telemetry not written for %s:%s: %s", model, version, exc.what)

    def _due(self) -> list[tuple[str, int]]:
        now = time.monotonic()
        with self._lock:
            return [k for k, t in self.since.items() if now - t >= self.flush_seconds]

    def start(self) -> None:
        def loop():
            while not self._stop.wait(min(1.0, self.flush_seconds)):
                for key in self._due():
                    self.flush(key)

        self._thread = threading.Thread(target=loop, name="embgov-serve-telemetry", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.flush()


def _log(model: str, version: int, vectors) -> None:
    from embgov.telemetry import log_embeddings

    log_embeddings(model, version, vectors, kind="query")
