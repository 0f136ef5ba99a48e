"""Loaded versions, least recently used first out, under a ceiling on loaded weights.

A version is one `Loaded`: its backend and, for adapter versions, its slot on a shared base. The
ceiling counts each backend once (a shared base once, plus its adapters). Versions the router serves
for an alias are pinned: past the ceiling they stay, and the least recently used others go.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from embgov.serve.backends import Backend
from embgov.serve.refs import VersionInfo


@dataclass
class Loaded:
    info: VersionInfo
    backend: Backend
    slot: str | None
    loaded_at: float = field(default_factory=time.time)

    @property
    def label(self) -> str:
        return self.info.label

    def encode(self, texts: list[str]):
        with self.backend.lock:
            return self.backend.encode(texts, self.slot)


Open = Callable[[VersionInfo], tuple[Backend, "str | None"]]


class Pool:
    def __init__(self, open_version: Open, ceiling_bytes: int, on_unload: Callable[[Backend], None] | None = None):
        self.open, self.ceiling, self.on_unload = open_version, ceiling_bytes, on_unload
        self.entries: OrderedDict[str, Loaded] = OrderedDict()
        self.pinned: set[str] = set()
        self._lock = threading.Lock()       # the entries table
        self._loading = threading.Lock()    # one load at a time: loads are CPU-bound and touch shared bases
        self.evictions = 0

    def peek(self, label: str) -> Loaded | None:
        with self._lock:
            return self.entries.get(label)

    def get(self, info: VersionInfo) -> Loaded:
        """The loaded version, loading it (and unloading LRU versions past the ceiling) when needed."""
        with self._lock:
            found = self.entries.get(info.label)
            if found is not None:
                self.entries.move_to_end(info.label)
                return found
        with self._loading:
            with self._lock:
                found = self.entries.get(info.label)
            if found is not None:
                return found
            backend, slot = self.open(info)
            loaded = Loaded(info, backend, slot)
            with self._lock:
                self.entries[info.label] = loaded
                self._evict(keep=info.label)
            return loaded

    def backends(self) -> list[Backend]:
        unique: dict[int, Backend] = {}
        for entry in self.entries.values():
            unique[id(entry.backend)] = entry.backend
        return list(unique.values())

    def total_bytes(self) -> int:
        with self._lock:
            return sum(b.nbytes() if getattr(b, "slots", None) is None else b.total_bytes() for b in self.backends())

    def _evict(self, keep: str) -> None:
        def total():
            return sum(b.nbytes() if getattr(b, "slots", None) is None else b.total_bytes() for b in self.backends())

        for label in list(self.entries):
            if total() <= self.ceiling:
                return
            if label == keep or label in self.pinned:
                continue
            self._drop(label)

    def _drop(self, label: str) -> None:
        entry = self.entries.pop(label)
        self.evictions += 1
        with entry.backend.lock:
            empty = entry.backend.drop(entry.slot)
        if empty and self.on_unload is not None and all(e.backend is not entry.backend for e in self.entries.values()):
            self.on_unload(entry.backend)

    def snapshot(self) -> list[dict]:
        with self._lock:
            return [{"model": e.label, "backend": e.backend.kind, "slot": e.slot, "pinned": e.label in self.pinned}
                    for e in self.entries.values()]
