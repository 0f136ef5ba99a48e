"""Stopping a Ray Train run from the driver: when `should_stop()` turns true (the job was cancelled,
or its lease lost) the run's controller is aborted, which stops the worker group within seconds.

Why the controller: a TorchTrainer's `fit()` blocks the driver while a controller actor runs the
workers; returning from the driver does not stop them (a cancelled `embgov run` kept training for
75 s and more). Ray Train hands the controller to `_register_sigint_handler` (its Ctrl-C hook, main
thread only); the subclass keeps that handle instead of installing Ray's handler, so Ctrl-C stays a
KeyboardInterrupt, which aborts the run here too.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from embgov.errors import TrainError

log = logging.getLogger("embgov.train")
POLL_SECONDS = 0.5
ABORT_TIMEOUT_SECONDS = 30.0


def stoppable(trainer_cls: type) -> type:
    """`trainer_cls` (a Ray Train trainer) that keeps its run's controller in `.controller`."""

    class Stoppable(trainer_cls):
        controller = None

        def _register_sigint_handler(self, controller) -> None:
            self.controller = controller

    Stoppable.__name__ = Stoppable.__qualname__ = f"Stoppable{trainer_cls.__name__}"
    return Stoppable


class StopWatch:
    """`with StopWatch(trainer, should_stop, name): trainer.fit()` — aborts the run when asked, or when
    fit() is left by KeyboardInterrupt/SystemExit; raises TrainError("training stopped ...") on the way
    out once it stopped the run, whatever fit() raised then."""

    def __init__(self, trainer, should_stop: Callable[[], bool] | None, name: str, poll: float = POLL_SECONDS):
        self.trainer, self.should_stop, self.name, self.poll = trainer, should_stop, name, poll
        self.stopped = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="embgov-train-stop")

    def _watch(self) -> None:
        while not self._done.wait(self.poll):
            if self.should_stop():
                self.stopped = True
                self.abort()
                return

    def abort(self) -> None:
        import ray

        controller = getattr(self.trainer, "controller", None)
        if controller is None:  # fit() not in the main thread: Ray Train never handed the controller out
            log.warning("ray run %s: cannot abort it from here; it stops when its driver exits", self.name)
            return
        try:
            ray.get(controller.abort.remote(), timeout=ABORT_TIMEOUT_SECONDS)
        except Exception:  # noqa: BLE001 - the controller exits as it aborts; its handle then raises
            pass

    def __enter__(self) -> "StopWatch":
        if self.should_stop is not None:
            self._thread.start()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()
        if exc_type is not None and not issubclass(exc_type, Exception):
            self.abort()  # Ctrl-C or exit: the workers must not train on without a driver
            return False
        if self.stopped:
            raise TrainError("training stopped on request (the job was cancelled, or this worker lost it); "
                             "the Ray Train run was aborted", where=f"ray run {self.name}",
                             fix="nothing to fix; submit the job again to train it") from None
        return False
