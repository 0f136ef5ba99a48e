"""`embgov gate review` through click's runner, with real Presidio: what recurs is listed, nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from embgov.cli.main import cli

pytestmark = pytest.mark.integration

# The clinic's switchboard number is in every note; one patient's number and name in two notes only.
SWITCHBOARD = "617-555-0199"
PATIENT_PHONE = "508-248-4867"
NOTES = [f"Follow-up visit, stable on current dose. Results by phone: {SWITCHBOARD}." for _ in range(4)]
NOTES += [f"Maria Lopez asked for a refill; call her back at {PATIENT_PHONE}. Clinic line {SWITCHBOARD}." for _ in range(2)]


def review(*args: str):
    return CliRunner().invoke(cli, ["gate", "review", "--policy", "policies/hipaa.yaml", *args])


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def notes(tmp_path) -> Path:
    src = tmp_path / "data" / "notes.jsonl"
    src.parent.mkdir()
    src.write_text("".join(json.dumps({"_id": f"n{i}", "text": t, "code": "x"}) + "\n" for i, t in enumerate(NOTES)))
    return src


def test_review_lists_terms_recurring_across_k_records(notes, embgov_home):
    before = snapshot(notes.parent)
    result = review(str(notes), "--min-records", "3", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    phones = {t["term"]: t for t in data["entities"]["PHONE"]["terms"]}
    assert phones[SWITCHBOARD]["records"] == 6 and phones[SWITCHBOARD]["occurrences"] == 6
    assert PATIENT_PHONE not in phones  # two records: below K
    assert all("Maria" not in t["term"] for t in data["entities"]["PERSON"]["terms"])
    assert data["records"] == 6 and data["min_records"] == 3 and data["findings"] >= 8
    # nothing written: not next to the inputs, not in EMBGOV_HOME (no audit event, no receipt)
    assert snapshot(notes.parent) == before
    assert not embgov_home.exists() or not any(p.is_file() for p in embgov_home.rglob("*"))


def test_review_text_output_and_footer(notes, caplog):
    with caplog.at_level("DEBUG"):
        result = review(str(notes), "--min-records", "3", "--entity", "PHONE", "--entity", "PERSON", "--field", "text")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "PHONE" in out and SWITCHBOARD in out and PATIENT_PHONE not in out and "Maria" not in out
    row = next(l for l in out.splitlines() if l.rstrip().endswith(SWITCHBOARD))
    assert row.split() == ["6", "6", SWITCHBOARD]
    assert "read 6 records from 1 file(s)" in out and "findings" in out
    assert "allow_list" in out and "embgov policy approve" in out
    assert "below the policy's default" in out  # K=3 < 20
    assert SWITCHBOARD not in caplog.text


def test_review_default_k_comes_from_the_policy(notes):
    from embgov.gate.review import default_min_records
    from embgov.policy.load import load_policy

    result = review(str(notes), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    k = default_min_records(load_policy("policies/hipaa.yaml").policy)
    assert data["min_records"] == data["default_min_records"] == k
    listed = [t for e in data["entities"].values() for t in e["terms"]]
    assert all(t["records"] >= k for t in listed) and (k <= 6 or not listed)


def test_review_errors_name_the_fix(notes, tmp_path):
    unknown = review(str(notes), "--entity", "GENE")
    assert unknown.exit_code == 1 and "GENE" in unknown.output and "PERSON" in unknown.output
    missing = review(str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1 and "input not found" in missing.output
