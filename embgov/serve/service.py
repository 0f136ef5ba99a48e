"""The serving core, framework-free: registry -> pool -> router -> batcher, telemetry and metrics.

`Service` is what the HTTP app (embgov.serve.app), uvicorn and Ray Serve replicas share. Tests may
pass `registry` and `open_version` fakes; the defaults read embgov's registry and load real models.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from embgov.errors import ConfigError
from embgov.serve.auth import Authenticator
from embgov.serve.batching import Batcher
from embgov.serve.config import ServeConfig, is_loopback
from embgov.serve.metrics import Metrics
from embgov.serve.pool import Pool
from embgov.serve.refs import Ref, Registry, VersionInfo
from embgov.serve.router import Router
from embgov.serve.sampling import Sampler

log = logging.getLogger("embgov.serve")


def check_exposure(config: ServeConfig) -> None:
    """Closed by default: without tokens the server may only listen on loopback."""
    if config.tokens_file is None and not is_loopback(config.host):
        raise ConfigError(f"binding {config.host} without tokens would let anyone who reaches it use every model",
                          where="host", fix="make tokens (embgov serve-token NAME --models MODEL --file tokens.yaml) "
                                            "and pass --tokens tokens.yaml, or bind 127.0.0.1")


class Service:
    def __init__(self, config: ServeConfig, *, registry=None, open_version: Callable | None = None,
                 write_telemetry: Callable | None = None):
        self.config = config
        self.registry = registry if registry is not None else Registry()
        self.metrics = Metrics()
        if open_version is None:
            from embgov.serve.loader import Loader, open_version as open_real, release_memory

            loader = Loader(prefer_onnx=config.prefer_onnx, share_adapters=config.share_adapters, threads=config.threads)
            def unload(backend):
                loader.forget(backend)
                release_memory()

            self.pool = Pool(lambda info: open_real(loader, self.registry, info), config.memory_mb * 2**20, on_unload=unload)
        else:
            self.pool = Pool(open_version, config.memory_mb * 2**20)
        self.router = Router(self.registry, self.pool, names=config.models, on_switch=self._switched)
        self.auth = Authenticator(config.tokens_file)
        self.telemetry = Sampler(config.telemetry_sample, config.telemetry_flush_rows, config.telemetry_flush_seconds,
                                 write=write_telemetry, on_written=self.metrics.telemetry.inc)
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="embgov-infer")
        self.batcher = Batcher(self._work, self.executor, max_batch=config.max_batch,
                               max_wait_s=config.max_wait_ms / 1000, on_batch=self.metrics.batch.observe)
        self.started = False
        self.load_errors: dict[str, str] = {}

    def _switched(self, key: str, info: VersionInfo, previous: VersionInfo | None) -> None:
        self.metrics.version.labels(key).set(info.record.version)
        if previous is not None and previous.label != info.label:
            self.metrics.promotions.labels(key).inc()

    def _work(self, ref: Ref, texts: list[str]):
        """One batch, on the inference thread: resolve the version now, embed, sample telemetry."""
        loaded = self.router.serving(ref)
        before = loaded.backend.swaps
        vectors, tokens = loaded.encode(texts)
        if loaded.backend.swaps > before:
            self.metrics.swaps.inc(loaded.backend.swaps - before)
        self.metrics.texts.labels(loaded.label).inc(len(texts))
        self.telemetry.offer(loaded.info.record.name, loaded.info.record.version, vectors)
        return loaded.info, vectors, tokens

    def start(self) -> None:
        """Load the configured models' production versions, then follow the registry (call within a running loop)."""
        if self.config.threads:
            import torch

            torch.set_num_threads(self.config.threads)
        for name in self.config.models or []:
            try:
                self.router.prepare(Ref(name))
            except Exception as exc:  # noqa: BLE001 - not ready for that model; /readyz says which and why
                self.load_errors[name] = getattr(exc, "what", type(exc).__name__)
                self.router.pending[Ref(name).key()] = Ref(name)
                log.warning("model %s not loaded: %s", name, self.load_errors[name])
        self.batcher.start()
        self.router.start(self.config.poll_seconds)
        self.telemetry.start()
        self.started = True

    async def stop(self) -> None:
        await self.batcher.stop()
        self.router.stop()
        self.telemetry.close()
        self.executor.shutdown(wait=False, cancel_futures=True)

    def ready(self) -> tuple[bool, dict]:
        missing = [n for n in self.config.models or [] if Ref(n).key() not in self.router.current]
        served = {k: v.label for k, v in self.router.current.items()}
        return self.started and not missing, {"serving": served, "missing": missing,
                                               "errors": {n: self.load_errors.get(n, "") for n in missing}}

    def refresh_gauges(self) -> None:
        self.metrics.loaded_bytes.set(self.pool.total_bytes())
        self.metrics.loaded.set(len(self.pool.entries))
