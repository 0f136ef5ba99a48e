"""--by and --idempotency-key from the shell: a line break (fake lines in `audit list`) or an over-long
value is a located error with exit 1, never a traceback, and nothing is written; SQLite and Postgres."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import trainkit as kit
from embgov.audit import list_events
from embgov.cli.main import cli
from embgov.store.queue import list_jobs
from hostkit import job_host

pytestmark = job_host

FORGED = "ana\n2026-01-01T00:00:00  7  mallory  policy.approve  policy:hipaa"


@pytest.fixture
def spec(tmp_path, db_url, monkeypatch):
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    return str(kit.write_job(tmp_path, "minilm-l6"))


def _refused(args: list[str], where: str) -> None:
    before = len(list_events(limit=None))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert f"{where}: the " in result.output and "fix:" in result.output
    assert "mallory" not in result.output  # the value is not echoed back
    assert list_jobs() == [] and len(list_events(limit=None)) == before


@pytest.mark.parametrize("by", [FORGED, "a" * 101, "a" * 250, "tab\there"], ids=["newline", "101", "250", "tab"])
@pytest.mark.parametrize("command", ["submit", "run", "models promote", "models rollback", "index promote",
                                     "policy approve"])
def test_bad_by_is_refused_before_anything_is_written(spec, tmp_path, command, by):
    args = {"submit": ["submit", spec], "run": ["run", spec],
            "models promote": ["models", "promote", "m", "1", "--reason", "r"],
            "models rollback": ["models", "rollback", "m", "--reason", "r"],
            "index promote": ["index", "promote", "docs", "1"],
            "policy approve": ["policy", "approve", str(tmp_path / "policy.yaml")]}[command]
    _refused([*args, "--by", by], "--by")


@pytest.mark.parametrize("key", ["k" * 250, "k1\nk2"], ids=["250", "newline"])
def test_bad_idempotency_key_is_refused(spec, key):
    _refused(["submit", spec, "--idempotency-key", key], "--idempotency-key")


def test_audit_list_shows_one_line_per_event(spec):
    ok = CliRunner().invoke(cli, ["submit", spec, "--by", "a" * 100, "--idempotency-key", "k" * 200])
    assert ok.exit_code == 0, ok.output
    CliRunner().invoke(cli, ["submit", spec, "--by", FORGED])
    listed = CliRunner().invoke(cli, ["audit", "list"])
    assert listed.exit_code == 0 and "mallory" not in listed.output
    assert len([e for e in list_events(limit=None) if e.action == "job.submit"]) == 1
    [job] = list_jobs()
    assert job.trigger == "person:" + "a" * 100 and job.idempotency_key == "k" * 200
