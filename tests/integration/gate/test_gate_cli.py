"""`embgov redact` and `embgov gate eval` through click's runner, with real Presidio."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from embgov.cli.main import cli

pytestmark = pytest.mark.integration


def redact(policy, src, out, *extra: str):
    return CliRunner().invoke(cli, ["redact", "--policy", str(policy), str(src), "--out", str(out), *extra])

LABELED = [
    {"full_text": "Call Maria Lopez at 617-248-4867.", "spans": [
        {"entity_type": "PERSON", "entity_value": "Maria Lopez", "start_position": 5, "end_position": 16},
        {"entity_type": "PHONE_NUMBER", "entity_value": "617-248-4867", "start_position": 20, "end_position": 32}]},
    {"full_text": "Email j.doe@example.com about Acme.", "spans": [
        {"entity_type": "EMAIL_ADDRESS", "entity_value": "j.doe@example.com", "start_position": 6, "end_position": 23},
        {"entity_type": "ORGANIZATION", "entity_value": "Acme", "start_position": 30, "end_position": 34}]},
]


def test_gate_eval_json_shape(tmp_path):
    labeled = tmp_path / "labeled.json"
    labeled.write_text(json.dumps(LABELED))
    result = CliRunner().invoke(cli, ["gate", "eval", "--policy", "policies/hipaa.yaml", "--labeled", str(labeled), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["overall"]) == {"precision", "recall", "f2"} and data["docs_per_s"] > 0
    assert data["overall"]["recall"] == 1.0  # ORGANIZATION is not covered by the HIPAA policy: not counted
    assert data["entities"]["PHONE"] == {"precision": 1.0, "recall": 1.0, "support": 1}
    assert set(data["entities"]) >= {"PERSON", "PHONE", "EMAIL"}


def test_gate_eval_bad_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "no spans"}]')
    result = CliRunner().invoke(cli, ["gate", "eval", "--policy", "policies/hipaa.yaml", "--labeled", str(bad)])
    assert result.exit_code == 1 and "full_text" in result.output


def test_redact_cli_summary_and_exit_codes(tmp_path, approved_policy):
    policy = approved_policy("hipaa")
    src = tmp_path / "notes.txt"
    src.write_text("Call 617-248-4867 today.\nNothing to see here.\n")
    result = redact(policy, src, tmp_path / "o", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "verdict: PASSED" in result.output and "PHONE" in result.output
    assert (tmp_path / "o/notes.txt").read_text().splitlines()[0] == "Call <PHONE> today."
    again = redact(policy, src, tmp_path / "o")
    assert again.exit_code == 1 and "not empty" in again.output
    blocked = redact(policy, tmp_path / "empty.txt", tmp_path / "e")
    assert blocked.exit_code == 1 and "not found" in blocked.output


def test_redact_cli_blocked_verdict_exits_1(tmp_path, approved_policy):
    policy = approved_policy("hipaa")
    src = tmp_path / "blank.txt"
    src.write_text("\n\n")
    result = redact(policy, src, tmp_path / "o", "--workers", "1")
    assert result.exit_code == 1 and "verdict: BLOCKED" in result.output
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["receipt.json"]
