"""`embgov policy explain|check|diff|approve` and `embgov schema policy` through click's runner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from approvekit import cli_args
from embgov.audit import list_events
from embgov.cli.main import cli
from embgov.policy.load import load_policy

ROOT = Path(__file__).resolve().parents[3]
HIPAA = ROOT / "policies/hipaa.yaml"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_help_lists_the_policy_commands():
    result = run("policy", "--help")
    assert result.exit_code == 0
    for command in ("explain", "check", "diff", "approve"):
        assert command in result.output
    assert "policy" in run("--help").output


def test_explain_table_markdown_and_json():
    policy = load_policy(HIPAA).policy
    table = run("policy", "explain", HIPAA)
    assert table.exit_code == 0 and table.output.startswith("hipaa-safe-harbor 2026.12-9")
    markdown = run("policy", "explain", HIPAA, "--format", "markdown")
    assert markdown.exit_code == 0 and markdown.output.startswith("# Redaction policy `hipaa-safe-harbor`")
    for e in policy.entities:
        assert e.id in table.output and e.rule in table.output and f"`{e.id}`" in markdown.output
    data = json.loads(run("policy", "explain", HIPAA, "--json").output)
    assert data["name"] == "hipaa-safe-harbor" and len(data["content_hash"]) == 64
    assert [r["entity"] for r in data["entities"]] == [e.id for e in policy.entities]
    assert run("policy", "explain", HIPAA, "--format", "html").exit_code == 2


def test_explain_invalid_policy_exits_1_with_location(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(HIPAA.read_text().replace("residual_threshold: 0.6", "residual_treshold: 0.6"))
    result = run("policy", "explain", bad)
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = next(i for i, text in enumerate(HIPAA.read_text().splitlines(), 1) if text.startswith("residual_threshold"))
    assert f"{bad}:{line} residual_treshold: unknown field; did you mean 'residual_threshold'?" in result.output


def test_check_unapproved_then_approved_then_changed(policy_dir):
    path = policy_dir / "hipaa.yaml"
    unapproved = run("policy", "check", path)
    assert unapproved.exit_code == 1 and "has no approval" in unapproved.output
    assert "embgov policy approve" in unapproved.output
    assert run("policy", "approve", path, *cli_args()).exit_code == 0
    ok = run("policy", "check", path)
    assert ok.exit_code == 0 and ok.output.startswith("ok ") and "approved by dana@example.org at" in ok.output
    assert "1 of 1 approval" in ok.output
    data = json.loads(run("policy", "check", path, "--json").stdout)
    assert data["valid"] and data["approved"] and data["error"] is None
    assert data["record"]["approved_by"] == "dana@example.org" and data["signers"] == ["dana@example.org"]
    path.write_text(path.read_text().replace("max_record_chars: 100000", "max_record_chars: 200000"))
    changed = run("policy", "check", path)
    assert changed.exit_code == 1 and "changed since it was approved by dana@example.org" in changed.output
    result = run("policy", "check", path, "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["changed_since_approval"] and not data["approved"] and "re-approve" in data["error"]


def test_check_invalid_policy(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- not a policy\n")
    assert run("policy", "check", bad).exit_code == 1
    result = run("policy", "check", bad, "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["valid"] is False and "must be a YAML mapping" in data["error"]


def test_diff_reports_and_exits_0(policy_dir):
    new = policy_dir / "hipaa-next.yaml"
    new.write_text(HIPAA.read_text().replace("score_threshold: 0.5", "score_threshold: 0.7")
                   .replace('version: "2026.12-9"', 'version: "2026.12-10"'))
    result = run("policy", "diff", HIPAA, new)
    assert result.exit_code == 0
    assert "2 changes, 1 weakening protection" in result.output
    lines = result.output.splitlines()
    assert lines[2] == "! score_threshold: 0.5 -> 0.7 (raised)  [WEAKENS]"
    assert lines[3] == '  version: "2026.12-9" -> "2026.12-10"'
    data = json.loads(run("policy", "diff", HIPAA, new, "--json").output)
    assert [c["field"] for c in data["changes"]] == ["score_threshold", "version"] and data["changes"][0]["weakens"]
    same = run("policy", "diff", HIPAA, HIPAA)
    assert same.exit_code == 0 and "no semantic changes" in same.output
    assert run("policy", "diff", HIPAA, policy_dir / "missing.yaml").exit_code == 1


def test_approve_records_refuses_repeats_and_needs_by(policy_dir):
    path = policy_dir / "glba.yaml"
    assert run("policy", "approve", path, "--key", cli_args()[3]).exit_code == 2  # --by is required
    assert run("policy", "approve", path, "--by", "dana@example.org").exit_code == 2  # --key is required
    assert run("policy", "approve", path, "--by", " ", "--key", cli_args()[3]).exit_code == 1
    result = run("policy", "approve", path, *cli_args(), "--json")
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["content_hash"] == load_policy(path).content_hash and record["approved_by"] == "dana@example.org"
    assert record["approvals_file"] == str(policy_dir / "approvals.yaml")
    again = run("policy", "approve", path, *cli_args())
    assert again.exit_code == 1 and "already approved by dana@example.org" in again.output
    assert [e.actor for e in list_events(action="policy.approve")] == ["dana@example.org"]
    listed = run("audit", "list", "--action", "policy.approve")
    assert record["content_hash"] in listed.output


def test_schema_policy():
    result = run("schema", "policy")
    schema = json.loads(result.output)
    assert result.exit_code == 0 and schema["title"] == "RedactionPolicy" and "apiVersion" in schema["properties"]
    assert json.loads(run("schema").output)["title"] == "JobSpec"


PROBE = """
import json, sys
from click.testing import CliRunner
from embgov.cli.main import cli
codes = [CliRunner().invoke(cli, a.split("|")).exit_code for a in sys.argv[1:]]
heavy = ["torch", "ray", "presidio_analyzer", "spacy", "evidently", "mlflow", "transformers", "numpy"]
print(json.dumps({"codes": codes, "heavy": [m for m in heavy if m in sys.modules]}))
"""


@pytest.mark.parametrize("args", [f"policy|explain|{HIPAA}", f"policy|check|{HIPAA}", f"policy|diff|{HIPAA}|{HIPAA}"],
                         ids=["explain", "check", "diff"])
def test_policy_review_imports_nothing_heavy(args):
    out = subprocess.run([sys.executable, "-c", PROBE, args], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["heavy"] == [] and result["codes"][0] in (0, 1)
