"""Live training progress: rank 0 puts small dicts (numbers only) on a Ray queue; a thread on the
driver drains it, keeps the latest in `progress.json` beside the trained model, and hands a line to
the caller at least every `every` seconds (and at once for evaluations and phase changes).

Why a Ray queue and not a file: workers may run on other nodes than the driver; an actor handle
reaches them wherever they are. A progress dict never carries record text.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Callable

from embgov.progress import ProgressLine, duration

PROGRESS_FILE = "progress.json"
OnProgress = Callable[[dict], None]


def training_line(data: dict) -> ProgressLine:
    """A training progress dict as the ProgressLine `say` gets (plain in logs, redrawn on a terminal)."""
    return ProgressLine.with_figures(format_progress(data), data)


def format_progress(d: dict) -> str:
    """One line: 'train [trial 1/3] step 12/40 (30%) loss 1.2345, 45.2 samples/s, ETA 1m05s, val ndcg@10 0.712 (best 0.720 @12)'."""
    head = "train" + (f" trial {d['trial']}/{d['trials']}" if d.get("trials", 1) > 1 else "")
    phase = d.get("phase", "train")
    if phase == "starting":
        return f"{head}: starting Ray workers and loading the model ({duration(d.get('elapsed_s'))})"
    if phase == "mlm":
        return f"{head}: MLM pre-training ({duration(d.get('elapsed_s'))})"
    parts = ["finished"] if phase == "done" else []
    if d.get("total"):
        parts.append(f"step {d.get('step', 0)}/{d['total']} ({100 * d.get('step', 0) // max(1, d['total'])}%)")
    if d.get("loss") is not None:
        parts.append(f"loss {d['loss']:.4f}")
    if d.get("samples_per_s"):
        parts.append(f"{d['samples_per_s']:.1f} samples/s")
    if phase == "train" and d.get("eta_s") is not None:
        parts.append(f"ETA {duration(d['eta_s'])}")
    if d.get("val") is not None:
        best = f" (best {d['best']:.4f} @{d['best_step']})" if d.get("best") is not None else ""
        parts.append(f"val {d.get('metric', 'ndcg@10')} {d['val']:.4f}{best}")
    if phase == "stopped":
        parts.append("stopped early: no validation gain")
    waiting = f" (no update for {duration(d['waiting_s'])})" if d.get("waiting_s") else ""
    return (f"{head}: " + ", ".join(parts) if parts else f"{head}: {phase}") + waiting


def write_progress(directory: Path, data: dict) -> None:
    """The latest progress, replaced atomically (readers never see half a file)."""
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / f".{PROGRESS_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps(data))
    os.replace(tmp, directory / PROGRESS_FILE)


def read_progress(run_dir: str | Path | None) -> dict | None:
    """The latest training progress of a run directory (`jobs show`), or None."""
    if not run_dir:
        return None
    path = Path(run_dir) / "train" / PROGRESS_FILE
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


class Throttle:
    """Decides when the driver speaks: a new update after `every` s, any forced one at once, and the
    last one again (with its age) when nothing came for `every` s, so silence never lasts longer."""

    FORCED = ("eval", "stopped", "done", "mlm")

    def __init__(self, every: float = 5.0, clock: Callable[[], float] = time.monotonic):
        self.every, self.clock = every, clock
        self.last_said = self.last_update = clock()
        self.latest: dict | None = None
        self.fresh = False

    def update(self, data: dict) -> dict | None:
        self.latest, self.fresh, self.last_update = data, True, self.clock()
        if data.get("phase") in self.FORCED or data.get("event") in self.FORCED:
            return self._say()
        return self.tick()

    def tick(self) -> dict | None:
        now = self.clock()
        if self.latest is None or now - self.last_said < self.every:
            return None
        if self.fresh:
            return self._say()
        self.last_said = now
        repeat = {k: v for k, v in self.latest.items() if k != "event"}  # an evaluation is announced once
        return {**repeat, "waiting_s": round(now - self.last_update, 1)}

    def _say(self) -> dict:
        self.last_said, self.fresh = self.clock(), False
        return dict(self.latest)


class Relay:
    """Driver side: a Ray queue for the workers and a thread that drains it while `fit()` blocks."""

    def __init__(self, on_progress: OnProgress | None, out_dir: Path, every: float = 5.0, base: dict | None = None):
        self.on_progress, self.out_dir, self.base = on_progress, out_dir, dict(base or {})
        self.throttle = Throttle(every)
        self.queue = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True, name="embgov-progress")
        self.started = time.monotonic()

    def __enter__(self) -> "Relay":
        from ray.util.queue import Queue

        try:
            self.queue = Queue(actor_options={"num_cpus": 0})  # bookkeeping: must not take a worker's CPU
        except Exception:  # noqa: BLE001 - training runs without live progress rather than not at all
            self.queue = None
        self.push({"phase": "starting", "elapsed_s": 0.0})
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._drain()
        if self.queue is None:
            return
        try:
            self.queue.shutdown()
        except Exception:  # noqa: BLE001 - the queue actor is gone with Ray already
            pass

    def push(self, data: dict) -> None:
        data = {**self.base, **data}
        with self._lock:  # the drain thread and the launcher both push
            if data.get("phase") != "starting":
                write_progress(self.out_dir, data)
            said = self.throttle.update(data)
            if said is not None:
                self._emit(said)

    def _emit(self, data: dict) -> None:
        if data.get("phase") == "starting":
            data = {**data, "elapsed_s": round(time.monotonic() - self.started, 1)}
            data.pop("waiting_s", None)
        if self.on_progress is not None:
            try:
                self.on_progress(data)
            except Exception:  # noqa: BLE001 - a broken terminal or log must not stop training
                pass

    def _drain(self) -> None:
        if self.queue is None:
            return
        try:
            items = self.queue.get_nowait_batch(self.queue.qsize())
        except Exception:  # noqa: BLE001 - progress must never break training
            return
        for item in items:
            self.push(item)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self._drain()
            with self._lock:
                said = self.throttle.tick()
                if said is not None:
                    self._emit(said)


class Reporter:
    """Worker side (rank 0): step/total, loss, samples/s, ETA, validation, at most every `every` s
    unless forced."""

    def __init__(self, queue, global_batch: int, every: float = 2.0):
        self.queue, self.global_batch, self.every = queue, global_batch, every
        self.last = 0.0
        self.started = time.monotonic()
        self.first_step: int | None = None

    def report(self, step: int, total: int, *, loss=None, force: bool = False, **extra) -> None:
        now = time.monotonic()
        if self.first_step is None:
            self.first_step, self.started = step, now
        if self.queue is None or (not force and now - self.last < self.every):
            return
        self.last = now
        done, elapsed = step - self.first_step, now - self.started
        rate = done * self.global_batch / elapsed if done and elapsed > 0 else None
        eta = (total - step) * elapsed / done if done and elapsed > 0 else None
        data = {"phase": "train", "step": step, "total": total, "loss": None if loss is None else round(loss, 5),
                "samples_per_s": None if rate is None else round(rate, 2),
                "eta_s": None if eta is None else round(eta, 1), **extra}
        try:
            self.queue.put_nowait(data)
        except Exception:  # noqa: BLE001 - progress must never break training
            pass
