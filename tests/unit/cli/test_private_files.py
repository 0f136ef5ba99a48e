"""Private by default: what `embgov` writes (database and audit log, run directory, job log) is its
user's alone, and state made earlier (a 0755 EMBGOV_HOME, a 0644 SQLite file) is tightened when embgov
opens it. Run as subprocesses through the real entry point: the umask is per process, and `main()`
sets it (CliRunner would run in, and change, this test process)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import trainkit as kit
from hostkit import job_host

pytestmark = job_host

ENTRY = "from embgov.cli.main import main; main()"


def embgov(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "EMBGOV_DB_URL": ""}  # the default: the SQLite file in EMBGOV_HOME
    return subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True, text=True, env=env, timeout=300)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_state_is_private_and_older_state_is_tightened(tmp_path, embgov_home):
    spec = kit.write_job(tmp_path / "job", "minilm-l6")  # approves its policy: the database now exists
    db = embgov_home / "embgov.db"
    embgov_home.chmod(0o755)  # as an older embgov, or another tool, left them
    db.chmod(0o644)
    old_umask = os.umask(0o022)
    try:
        submitted = embgov("submit", str(spec), "--by", "ana")
        assert submitted.returncode == 0, submitted.stderr
        (tmp_path / "job" / "data" / "corpus.jsonl").unlink()  # the attempt fails at once, before any stage
        ran = embgov("worker", "--once", "--poll", "0.1")
        assert ran.returncode == 0, ran.stderr
    finally:
        os.umask(old_umask)
    written = sorted(embgov_home.rglob("*"))
    logs = [p for p in written if p.name == "job.log"]
    assert logs and db in written and any(p.parent.name == "runs" and p.is_dir() for p in written)
    for path in [embgov_home, *written]:  # before this process opens the database (which would tighten it)
        assert mode(path) & 0o077 == 0, f"{path.relative_to(embgov_home.parent)} is {oct(mode(path))}"
    from embgov.store.queue import list_jobs

    [job] = list_jobs()
    assert job.state == "failed" and "file not found" in job.error  # a missing input fails the job
    assert Path(job.run_dir) / "job.log" in logs


def test_a_home_that_is_not_ours_is_left_alone(tmp_path, monkeypatch):
    from embgov.settings import tighten

    calls: list = []
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)  # as if another user owned it
    monkeypatch.setattr(Path, "chmod", lambda self, m: calls.append(m))
    tighten(tmp_path)
    assert calls == []
