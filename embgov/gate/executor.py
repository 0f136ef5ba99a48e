"""One code path, three places to run: in this process, a local process pool, or Ray actors.

`make_pool(policy, key, workers)` returns a context manager whose `map` takes an iterator of
(batch, [(field, text)...]) and yields (batch, redacted) in input order, with a bounded number in flight.
RAY_ADDRESS set -> Ray actors on that cluster; workers > 1 -> local processes; else in-process.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Iterator

from embgov.policy.document import RedactionPolicy

_redactor = None  # one per worker process


def _init(policy_json: str, key: bytes | None) -> None:
    global _redactor
    from embgov.gate.redactor import Redactor

    _redactor = Redactor(RedactionPolicy.model_validate_json(policy_json), key)


def _init_pool_worker(policy_json: str, key: bytes | None) -> None:
    """A spawned gate process only redacts. Presidio imports transformers (and with it torch) for an
    NLP engine the gate never uses, when they are installed: half of a worker's start-up. Here they
    are marked absent, which Presidio and thinc handle; the parent process keeps them."""
    import sys

    for module in ("torch", "transformers"):
        sys.modules.setdefault(module, None)
    _init(policy_json, key)


def _work(items: list[tuple[str | None, str]]) -> list:
    """items: (field name, text) pairs; the field name gives context and field rules."""
    if not items:
        return []
    fields, texts = zip(*items)
    return _redactor.redact_batch(list(texts), list(fields))


class _Local:
    def __init__(self, policy: RedactionPolicy, key: bytes | None):
        _init(policy.model_dump_json(by_alias=True), key)

    def map(self, items: Iterator[tuple[Any, list[str]]]) -> Iterator[tuple[Any, list]]:
        for batch, texts in items:
            yield batch, _work(texts)


class _Bounded:
    """Submit ahead by `depth` batches, yield results in order."""

    depth = 4

    def map(self, items):
        pending: deque[tuple[Any, Any]] = deque()
        for batch, texts in items:
            pending.append((batch, self.submit(texts)))
            if len(pending) >= self.depth:
                batch0, fut = pending.popleft()
                yield batch0, self.result(fut)
        while pending:
            batch0, fut = pending.popleft()
            yield batch0, self.result(fut)


class _Processes(_Bounded):
    def __init__(self, policy: RedactionPolicy, key: bytes | None, workers: int):
        import multiprocessing as mp

        self.depth = workers * 2
        # spawn: never inherit a parent's threads or open database connections
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                                        initializer=_init_pool_worker,
                                        initargs=(policy.model_dump_json(by_alias=True), key))

    def submit(self, texts: list[str]) -> Future:
        return self.pool.submit(_work, texts)

    def result(self, fut: Future) -> list:
        return fut.result()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class _Ray(_Bounded):
    def __init__(self, policy: RedactionPolicy, key: bytes | None, workers: int, address: str):
        import ray

        self.started = not ray.is_initialized()
        if self.started:
            ray.init(address=address, log_to_driver=False)

        @ray.remote
        class RedactorActor:
            def __init__(self, policy_json: str, key: bytes | None):
                _init(policy_json, key)

            def work(self, texts: list[str]) -> list:
                return _work(texts)

        self.ray = ray
        self.actors = [RedactorActor.remote(policy.model_dump_json(by_alias=True), key) for _ in range(workers)]
        self.depth = workers * 2
        self.next = 0

    def submit(self, texts: list[str]):
        actor = self.actors[self.next % len(self.actors)]
        self.next += 1
        return actor.work.remote(texts)

    def result(self, ref) -> list:
        return self.ray.get(ref)

    def close(self) -> None:
        for actor in self.actors:
            self.ray.kill(actor)
        if self.started:
            self.ray.shutdown()


@contextmanager
def make_pool(policy: RedactionPolicy, key: bytes | None, workers: int):
    address = os.environ.get("RAY_ADDRESS")
    if address:
        pool = _Ray(policy, key, workers, address)
    elif workers > 1:
        pool = _Processes(policy, key, workers)
    else:
        pool = _Local(policy, key)
    try:
        yield pool
    finally:
        close = getattr(pool, "close", None)
        if close:
            close()
