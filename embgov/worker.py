"""`embgov worker`: claims queued jobs and runs each attempt in a child process it supervises.

Why a child process: the worker must be able to stop an attempt it no longer owns (the job was
cancelled, or its lease was reaped) and to hand the job back on SIGTERM, without dying itself.
The child is told by the kernel to die with its parent (PR_SET_PDEATHSIG), so `kill -9` of a
worker takes its attempt down too; the lease then runs out and another worker resumes the job
from the last completed stage.

    python -m embgov.worker attempt JOB_ID OWNER     (what the worker runs for each attempt)
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

from embgov.store.db import process_owner
from embgov.store.queue import Job
from embgov import Say

LEASE_SECONDS = 60.0
STOP_GRACE_SECONDS = 20.0  # a cancelled attempt's own stop (a Ray Train abort takes a few seconds) before SIGTERM


def runs_root() -> str:
    from embgov.settings import get_settings

    return str(get_settings().home / "runs")


def _die_with_parent() -> None:
    """Runs in the child before exec (Linux): SIGKILL when the worker dies, however it dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Worker:
    """Claim, supervise, record; until told to stop, or `once` / `max_jobs` say so."""

    def __init__(self, *, owner: str | None = None, lease_seconds: float = LEASE_SECONDS, poll_seconds: float = 5.0,
                 say: Say = print, child_argv: Callable[[Job, str], list[str]] | None = None,
                 stop_grace: float = STOP_GRACE_SECONDS):
        self.owner = owner or process_owner()
        self.stop_grace = stop_grace
        self.lease, self.poll, self.say = lease_seconds, poll_seconds, say
        self.child_argv = child_argv or (lambda job, owner: [sys.executable, "-m", "embgov.worker", "attempt", job.id, owner])
        self.stopping = threading.Event()

    def request_stop(self, signum=None, _frame=None) -> None:
        self.say(f"worker {self.owner}: stopping (signal {signum}); a running job goes back to the queue")
        self.stopping.set()

    def run(self, *, once: bool = False, max_jobs: int | None = None) -> int:
        """Returns the number of attempts run."""
        previous = {}
        if threading.current_thread() is threading.main_thread():
            previous = {sig: signal.signal(sig, self.request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            return self._loop(once, max_jobs)
        finally:  # the process's own handlers again (an in-process caller's Ctrl-C is its KeyboardInterrupt)
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _loop(self, once: bool, max_jobs: int | None) -> int:
        from embgov.store.queue import claim

        done = 0
        self.say(f"worker {self.owner}: polling every {self.poll:g} s, lease {self.lease:g} s")
        while not self.stopping.is_set():
            job = claim(self.owner, lease_seconds=self.lease, runs_root=runs_root())
            if job is None:
                if once:
                    break
                self.stopping.wait(self.poll)
                continue
            self.supervise(job)
            done += 1
            if once or (max_jobs and done >= max_jobs):
                break
        return done

    def supervise(self, job: Job) -> Job:
        from embgov.jobs import describe_outcome, finish_attempt, log_path
        from embgov.store.queue import get_job, heartbeat, release

        log = log_path(job)
        log.parent.mkdir(parents=True, exist_ok=True)
        self.say(f"job {job.id} ({job.name}): attempt {job.attempts}/{job.max_attempts}, log {log}")
        child = subprocess.Popen(self.child_argv(job, self.owner), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_die_with_parent)
        copier = threading.Thread(target=self._copy, args=(child, log, job.id), daemon=True)
        copier.start()
        while True:
            try:
                child.wait(timeout=self.lease / 4)
                break
            except subprocess.TimeoutExpired:
                pass
            if self.stopping.is_set():
                _stop(child)
                release(job.id, self.owner)
                self.say(f"job {job.id}: handed back to the queue")
                return get_job(job.id)
            if not heartbeat(job.id, self.owner, lease_seconds=self.lease):
                # The attempt watches its job's row too and stops by itself within seconds (aborting a Ray
                # run on its way out): give it that time before the signals.
                try:
                    child.wait(timeout=self.stop_grace)
                except subprocess.TimeoutExpired:
                    _stop(child)
                copier.join(timeout=10)
                now = get_job(job.id)
                self.say(f"job {job.id}: no longer ours (now {now.state}); attempt stopped")
                for line in describe_outcome(now)[1:]:
                    self.say(line)
                return now
        copier.join(timeout=10)
        now = get_job(job.id)
        if now.state == "running" and now.lease_owner == self.owner:  # the attempt died without recording an outcome
            outcome = {"state": "failed", "retry": True, "outputs": None,
                       "error": f"the attempt's process exited with code {child.returncode} in stage {now.stage or '-'}"}
            now = finish_attempt(job, self.owner, outcome, actor=f"worker:{self.owner}") or get_job(job.id)
        for line in describe_outcome(now):  # the reason and its fix, not only the state
            self.say(line)
        return now

    def _copy(self, child: subprocess.Popen, log: Path, job_id: str) -> None:
        """The attempt's output into its job log, and onto this worker's stderr (journald, a terminal)."""
        with open(log, "ab") as out:
            for line in child.stdout:
                out.write(line)
                out.flush()
                self.say(f"[{job_id}] {line.decode('utf-8', 'replace').rstrip()}")


def _stop(child: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM the attempt's process group, then SIGKILL what is left after `grace` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            return
        try:
            child.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def run_attempt(job: Job, owner: str, say: Say, ctrl_c: threading.Event | None = None) -> Job | None:
    """Execute a claimed attempt here, record its outcome (the child process, or `embgov run`) and say
    it, reason and fix included. None when the lease was lost to another worker. `ctrl_c`: set when
    Ctrl-C was pressed (see ctrl_c_marks)."""
    from embgov.jobs import Cancelled, LeaseLost, StopWatch, describe_outcome, execute, finish_attempt
    from embgov.store.queue import get_job

    started = time.monotonic()
    try:
        outcome = execute(job, owner, say=say, watch=StopWatch(job.id, owner, ctrl_c=ctrl_c))
    except Cancelled:
        now = get_job(job.id)
        say(f"job {job.id}: cancelled while in stage {now.stage or '-'}; the attempt stopped "
            f"(it ran {time.monotonic() - started:.0f} s; nothing more is recorded)")
        return now
    except LeaseLost:
        say(f"job {job.id}: lease lost (another worker may run it now); this attempt stopped, nothing recorded")
        return None
    done = finish_attempt(job, owner, outcome, actor=f"worker:{owner}")
    if done is None:
        say(f"job {job.id}: lease lost before the outcome ({outcome['state']}) was recorded")
        return None
    for line in describe_outcome(done):
        say(line)
    return done


@contextlib.contextmanager
def ctrl_c_marks() -> Iterator[threading.Event]:
    """SIGINT raises KeyboardInterrupt as Python's own handler does, and also sets the event it yields.
    A KeyboardInterrupt can be lost (one raised inside a __del__ or a library's catch-all is only
    printed; CI saw a Ctrl-C'd training job finish and exit 0): the attempt's StopWatch reads the event
    and stops the attempt anyway. Outside the main thread nothing is installed."""
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def handler(signum, frame):
        pressed.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


class Heartbeat:
    """Renews a lease from a thread while an attempt runs in this process (`embgov run`)."""

    def __init__(self, job_id: str, owner: str, lease_seconds: float):
        self.job_id, self.owner, self.lease = job_id, owner, lease_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True, name="embgov-heartbeat")

    def _beat(self) -> None:
        from embgov.store.queue import heartbeat

        while not self._stop.wait(self.lease / 4):
            if not heartbeat(self.job_id, self.owner, lease_seconds=self.lease):
                return

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_now(job: Job, *, say: Say, lease_seconds: float = LEASE_SECONDS, actor: str | None = None) -> Job:
    """Claim `job` and run it in the foreground (`embgov run`), logging to its job log as well.
    `actor`: who runs it (the audit's actor when Ctrl-C cancels it)."""
    from embgov.errors import StoreError
    from embgov.jobs import log_path
    from embgov.store.queue import claim, get_job

    owner = process_owner()
    claimed = claim(owner, lease_seconds=lease_seconds, job_id=job.id, runs_root=runs_root())
    if claimed is None:
        raise StoreError(f"job {job.id} was taken by another worker before it could start here", where=f"job {job.id}")
    log = log_path(claimed)
    log.parent.mkdir(parents=True, exist_ok=True)
    say(f"job {job.id}: run directory {claimed.run_dir}")
    with open(log, "a", encoding="utf-8") as out, Heartbeat(job.id, owner, lease_seconds):
        def tee(message: str) -> None:
            say(message)
            out.write(message + "\n")
            out.flush()

        try:
            with ctrl_c_marks() as pressed:
                run_attempt(claimed, owner, tee, ctrl_c=pressed)
        except KeyboardInterrupt:
            # Interrupted in the foreground: the person meant to stop it, not to leave it for a worker.
            # The same `job.cancel` event as `embgov jobs cancel`, with the reason.
            from embgov.store.queue import cancel

            reason = "interrupted in the foreground (Ctrl-C)"
            now = get_job(job.id)
            if now.state == "running" and now.lease_owner == owner:  # not a job another worker took meanwhile
                try:
                    cancel(job.id, actor=actor or f"worker:{owner}", details={"reason": reason, "attempt": claimed.attempts})
                    say(f"job {job.id}: cancelled in stage {now.stage or '-'}: {reason}")
                except StoreError:
                    pass  # finished or cancelled in between
            raise
    return get_job(job.id)


def _attempt_main(job_id: str, owner: str) -> int:
    from embgov.settings import private_umask
    from embgov.store.queue import get_job

    private_umask()  # inherited from `embgov worker` already; also when something else starts an attempt

    def say(message: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {message}", flush=True)

    job = get_job(job_id)
    if job.state != "running" or job.lease_owner != owner:
        say(f"job {job_id} is not held by {owner} (state {job.state}); nothing to do")
        return 3
    done = run_attempt(job, owner, say)
    say(f"attempt finished: {done.state if done else 'lease lost'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "attempt":
        sys.exit(_attempt_main(sys.argv[2], sys.argv[3]))
    sys.exit(f"usage: python -m {Path(__file__).stem} attempt JOB_ID OWNER (the worker runs this; use `embgov worker`)")
