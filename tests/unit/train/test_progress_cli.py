"""Where progress shows: `jobs show` (the latest), `jobs logs -f` (lines as they come), and the
stderr of `embgov run`/`embgov train` (one redrawn line on a terminal, plain lines otherwise, none
under --json)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from embgov.cli.main import cli
from embgov.store import queue as q
from embgov.train.progress import training_line, write_progress

PROGRESS = {"phase": "train", "step": 12, "total": 40, "loss": 0.5, "samples_per_s": 20.0, "eta_s": 70,
            "metric": "ndcg@10", "val": 0.61, "best": 0.62, "best_step": 8}


def _running_job(tmp_path):
    q.enqueue(name="fake", spec_hash="h", spec_json="{}", trigger="person:t")
    return q.claim("w", lease_seconds=60, runs_root=str(tmp_path / "runs"))


def test_jobs_show_prints_the_latest_training_progress(tmp_path):
    job = _running_job(tmp_path)
    write_progress(Path(job.run_dir) / "train", PROGRESS)
    out = CliRunner().invoke(cli, ["jobs", "show", job.id])
    assert out.exit_code == 0, out.output
    assert "progress         train: step 12/40 (30%), loss 0.5000" in out.stdout
    shown = json.loads(CliRunner().invoke(cli, ["jobs", "show", job.id, "--json"]).stdout)
    assert shown["train_progress"] == PROGRESS


def test_jobs_logs_follow_prints_new_lines_until_the_job_ends(tmp_path):
    job = _running_job(tmp_path)
    log = Path(job.run_dir) / "job.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("== stage train\n")

    def later():
        time.sleep(1.5)
        with open(log, "a") as f:
            f.write(training_line(PROGRESS) + "\n")
        time.sleep(1.5)
        q.finish(job.id, "w", "succeeded", actor="t")

    threading.Thread(target=later, daemon=True).start()
    started = time.monotonic()
    out = CliRunner().invoke(cli, ["jobs", "logs", job.id, "-f"])
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines() == ["== stage train", format_line()]
    assert time.monotonic() - started < 10


def format_line() -> str:
    return str(training_line(PROGRESS))


def test_stderr_say_redraws_on_a_terminal_and_drops_progress_under_json(monkeypatch, capsys):
    import sys

    from embgov.cli.train import stderr_say

    line = training_line(PROGRESS)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    say = stderr_say()
    say(line)
    say("evaluate: done")
    assert capsys.readouterr().err == f"{line}\nevaluate: done\n"

    say = stderr_say(as_json=True)
    say(line)
    say("evaluate: done")
    assert capsys.readouterr().err == "evaluate: done\n"

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("COLUMNS", "40")
    say = stderr_say()
    say(line)
    assert capsys.readouterr().err == f"\r\x1b[K{line[:39]}"  # cut to the width: a wrapped line cannot be redrawn
    monkeypatch.setenv("COLUMNS", "200")
    say = stderr_say()
    say(line)
    say(line)
    say("evaluate: done")
    err = capsys.readouterr().err
    assert err == f"\r\x1b[K{line}\r\x1b[K{line}\nevaluate: done\n"
