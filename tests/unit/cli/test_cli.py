"""The CLI through click's runner: exit codes, JSON output, help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from embgov.cli.main import cli
from hostkit import job_host

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = [str(p) for p in sorted((ROOT / "jobs").glob("*.yaml"))]


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help(flag):
    result = run(flag)
    assert result.exit_code == 0
    for command in ("validate", "schema", "audit", "version"):
        assert command in result.output
    assert run("audit", flag).exit_code == 0


def test_version_json(embgov_home):
    result = run("version", "--json")
    assert result.exit_code == 0
    info = json.loads(result.output)
    assert info["home"] == str(embgov_home) and info["version"]


def test_version_hides_database_password(monkeypatch):
    monkeypatch.setenv("EMBGOV_DB_URL", "postgresql://alice:s3cret@db/x")
    result = run("version")
    assert "s3cret" not in result.output and "alice:***@" in result.output


def test_validate_examples_ok():
    result = run("validate", "--no-host", *EXAMPLES)
    assert result.exit_code == 0, result.output
    assert result.output.count("ok ") == len(EXAMPLES)


@job_host
def test_validate_examples_ok_on_a_host_that_can_run_them():
    result = run("validate", *EXAMPLES)
    assert result.exit_code == 0, result.output
    assert result.output.count("ok ") == len(EXAMPLES)


def test_validate_bad_spec_exit_1_with_location(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((ROOT / "jobs/scifact-lora.yaml").read_text().replace("warmup_ratio: 0.1", "warmup_ratio: 1.5"))
    result = run("validate", "--no-files", str(bad))
    assert result.exit_code == 1
    line = 1 + next(i for i, t in enumerate(bad.read_text().splitlines()) if "warmup_ratio: 1.5" in t)
    assert f"{bad}:{line} training.warmup_ratio: must be between 0 and 1 (got 1.5)" in result.output


@job_host
def test_validate_json_lists_each_file(tmp_path):
    missing = str(tmp_path / "missing.yaml")
    result = run("validate", "--json", EXAMPLES[0], missing)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["valid"] for d in data] == [True, False]
    assert len(data[0]["hash"]) == 64 and "not found" in data[1]["error"]


def test_validate_needs_an_argument():
    assert run("validate").exit_code == 2


def test_schema_job_is_json():
    result = run("schema", "job")
    schema = json.loads(result.output)
    assert schema["title"] == "JobSpec" and "adaptation" in schema["properties"]


def test_audit_list_and_verify(embgov_home):
    from embgov.audit import append

    append("alice", "policy.approve", "hipaa", {"hash": "ab" * 32})
    listed = json.loads(run("audit", "list", "--json").output)
    assert listed[0]["actor"] == "alice" and listed[0]["seq"] == 1
    assert "policy.approve" in run("audit", "list").output
    ok = run("audit", "verify", "--json")
    assert ok.exit_code == 0 and json.loads(ok.output)["ok"] is True


def test_audit_verify_broken_exits_1(embgov_home):
    from sqlalchemy import text

    from embgov.audit import append
    from embgov.store import get_engine

    append("alice", "a", "s", {})
    append("alice", "b", "s", {})
    with get_engine().begin() as conn:
        conn.execute(text("UPDATE audit_events SET action = 'z' WHERE seq = 1"))
    result = run("audit", "verify")
    assert result.exit_code == 1 and "BROKEN at entry 1" in result.output


def test_embgov_errors_become_messages_not_tracebacks(monkeypatch):
    monkeypatch.setenv("EMBGOV_DB_URL", "nosuchdb://x")
    result = CliRunner().invoke(cli, ["audit", "list"])
    assert result.exit_code == 1 and "no driver" in result.output and "Traceback" not in result.output
