"""Dynamic batching: requests for the same model reference are merged into one model call.

One dispatcher task on the event loop. A reference's queue runs when it holds `max_batch` texts or
its oldest request has waited `max_wait`; the queue whose oldest request is oldest goes first. Each
batch runs on the single inference thread, one at a time (a shared base switches adapters per
batch, and CPU inference gains nothing from running two at once), and resolves its reference to a
version when it starts, which is what keeps versions monotone across a promotion.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any, Callable

from embgov.serve.refs import Ref

Work = Callable[[Ref, list[str]], tuple[Any, Any, list[int]]]  # -> (VersionInfo, vectors, tokens)


@dataclass
class _Item:
    texts: list[str]
    future: asyncio.Future
    at: float = field(default_factory=time.monotonic)


class Batcher:
    def __init__(self, work: Work, executor: Executor, *, max_batch: int, max_wait_s: float,
                 on_batch: Callable[[int], None] | None = None):
        self.work, self.executor = work, executor
        self.max_batch, self.max_wait = max_batch, max_wait_s
        self.on_batch = on_batch
        self.queues: dict[str, deque[_Item]] = {}
        self.refs: dict[str, Ref] = {}
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._wake = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="embgov-serve-batcher")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass

    async def submit(self, ref: Ref, texts: list[str]):
        """(VersionInfo, vectors, tokens) for `texts`, embedded in some batch with other requests."""
        future = asyncio.get_running_loop().create_future()
        key = ref.key()
        self.refs[key] = ref
        self.queues.setdefault(key, deque()).append(_Item(list(texts), future))
        self._wake.set()
        return await future

    def _next(self) -> tuple[str, float] | None:
        """(key of the queue to serve next, seconds until it is due: 0 when due now)."""
        live = [(q[0].at, k) for k, q in self.queues.items() if q]
        if not live:
            return None
        oldest, key = min(live)
        size = sum(len(i.texts) for i in self.queues[key])
        due = 0.0 if size >= self.max_batch else max(0.0, oldest + self.max_wait - time.monotonic())
        return key, due

    def _take(self, key: str) -> list[_Item]:
        queue, items, size = self.queues[key], [], 0
        while queue and (not items or size + len(queue[0].texts) <= self.max_batch):
            item = queue.popleft()
            if item.future.cancelled():  # the client went away while it waited
                continue
            items.append(item)
            size += len(item.texts)
        return items

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            nxt = self._next()
            if nxt is None:
                self._wake.clear()
                await self._wake.wait()
                continue
            key, due = nxt
            if due > 0:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout=due)
                except asyncio.TimeoutError:
                    pass
                continue
            items = self._take(key)
            if not items:
                continue
            texts = [t for item in items for t in item.texts]
            if self.on_batch is not None:
                self.on_batch(len(texts))
            try:
                info, vectors, tokens = await loop.run_in_executor(self.executor, self.work, self.refs[key], texts)
            except Exception as exc:  # noqa: BLE001 - handed to each waiting request, which answers with it
                for item in items:
                    if not item.future.done():
                        item.future.set_exception(exc)
                continue
            start = 0
            for item in items:
                end = start + len(item.texts)
                if not item.future.done():
                    item.future.set_result((info, vectors[start:end], tokens[start:end]))
                start = end
