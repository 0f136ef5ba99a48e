"""Which loaded version answers a reference, and following the registry's aliases.

An alias reference (`name`, `name@alias`) points at one loaded version at a time. The poller reads
the registry every `poll_seconds`; when an alias moved, the new version is loaded *completely* first
and only then swapped in (one assignment). Batches resolve their reference when they run, one after
another on the inference thread, so once a response came from the new version no later response
comes from the old one. A rollback is a move like any other: the alias's new target is served.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from embgov.errors import EmbgovError, RegistryError
from embgov.serve.pool import Loaded, Pool
from embgov.serve.refs import Ref, RefError, VersionInfo, not_found

log = logging.getLogger("embgov.serve")


class Router:
    def __init__(self, registry, pool: Pool, *, names: list[str] | None = None,
                 on_switch: Callable[[str, VersionInfo, VersionInfo | None], None] | None = None):
        self.registry, self.pool, self.names = registry, pool, names
        self.on_switch = on_switch
        self.current: dict[str, VersionInfo] = {}   # alias key -> the version served for it
        self.refs: dict[str, Ref] = {}              # alias keys followed
        self.pending: dict[str, Ref] = {}           # configured aliases not resolvable yet: retried every poll
        self._infos: dict[tuple[str, int], VersionInfo] = {}
        self._follow = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check_name(self, ref: Ref) -> None:
        if self.names is not None and ref.name not in self.names:
            raise RefError(f"model {ref.name!r} is not served here (GET /v1/models lists what is)", status=404)

    def info(self, name: str, version: int) -> VersionInfo:
        key = (name, version)
        if key not in self._infos:  # a registered version never changes: read it once
            try:
                self._infos[key] = self.registry.info(name, version)
            except RegistryError:
                raise not_found(Ref(name, version)) from None
        return self._infos[key]

    def cached(self, ref: Ref) -> VersionInfo | None:
        """The version a reference resolves to without touching the registry, when known."""
        if ref.follows:
            return self.current.get(ref.key())
        info = self._infos.get((ref.name, ref.version))
        return info if info is not None and self.pool.peek(info.label) is not None else None

    def prepare(self, ref: Ref) -> VersionInfo:
        """Resolve and load `ref` (blocking: registry reads, model loading); aliases are followed from now on."""
        self.check_name(ref)
        if not ref.follows:
            info = self.info(ref.name, ref.version)
            self.pool.get(info)
            return info
        key = ref.key()
        with self._follow:
            if key in self.current:
                return self.current[key]
            number = self.registry.resolve(ref)
            if number is None:
                raise not_found(ref)
            info = self.info(ref.name, number)
            self.pool.get(info)
            self._set(key, ref, info)
            return info

    def serving(self, ref: Ref) -> Loaded:
        """The loaded version for `ref` now (called by the inference thread when a batch runs)."""
        info = self.current.get(ref.key()) if ref.follows else self.info(ref.name, ref.version)
        if info is None:
            info = self.prepare(ref)
        loaded = self.pool.peek(info.label)
        return loaded if loaded is not None else self.pool.get(info)

    def _set(self, key: str, ref: Ref, info: VersionInfo) -> None:
        previous = self.current.get(key)
        self.pool.pinned.add(info.label)
        self.refs[key] = ref
        self.current[key] = info  # the swap: one assignment, after the version is fully loaded
        if previous is not None and previous.label != info.label:
            if previous.label not in {i.label for i in self.current.values()}:
                self.pool.pinned.discard(previous.label)
        if self.on_switch is not None:
            self.on_switch(key, info, previous)

    def poll_once(self) -> list[str]:
        """Read every followed alias; load and swap in the ones that moved. Returns what switched."""
        switched = []
        for key, ref in list(self.pending.items()):
            try:
                switched.append(f"{key} -> {self.prepare(ref).label}")
                self.pending.pop(key, None)
            except Exception:  # noqa: BLE001 - still not there; /readyz keeps saying so
                pass
        for key, ref in list(self.refs.items()):
            try:
                number = self.registry.resolve(ref)
                if number is None or number == self.current[key].record.version:
                    continue
                info = self.info(ref.name, number)
                self.pool.get(info)  # fully loaded before anyone is sent to it
                with self._follow:
                    self._set(key, ref, info)
                switched.append(f"{key} -> {info.label}")
                log.info("serving %s for %s", info.label, key)
            except EmbgovError as exc:  # keep serving the version we have; say why the new one is not served
                log.warning("%s: staying on %s: %s", key, self.current[key].label, exc.what)
            except Exception as exc:  # noqa: BLE001 - a registry outage must not stop the poller
                log.warning("%s: registry poll failed (%s); staying on %s", key, type(exc).__name__, self.current[key].label)
        return switched

    def start(self, every: float) -> None:
        def loop():
            while not self._stop.wait(every):
                self.poll_once()

        self._thread = threading.Thread(target=loop, name="embgov-serve-poll", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
