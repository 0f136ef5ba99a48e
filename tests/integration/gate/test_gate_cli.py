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
    assert data["overall"]["recall"] == 1.0  # ORGANIZATION is not an identifier under the HIPAA policy: not scored
    assert data["ignored"]["ORGANIZATION"]["count"] == 1 and data["unmapped"] == {}
    assert data["entities"]["PHONE"] == {"precision": 1.0, "recall": 1.0, "support": 1, "missed": 0}
    assert set(data["entities"]) >= {"PERSON", "PHONE", "EMAIL"}
    assert "misses" not in data  # no record text unless asked for


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


def eval_cli(labeled, *extra: str):
    return CliRunner().invoke(cli, ["gate", "eval", "--policy", "policies/hipaa.yaml", "--labeled", str(labeled), *extra])


def span(text: str, label: str, value: str) -> dict:
    start = text.index(value)
    return {"entity_type": label, "entity_value": value, "start_position": start, "end_position": start + len(value)}


CHART = "Chart ref QZ-7 for Maria Lopez, phone 617-248-4867."
CUSTOM = [{"full_text": CHART, "spans": [span(CHART, "CHART_REF", "QZ-7"), span(CHART, "PATIENT", "Maria Lopez"),
                                         span(CHART, "PHONE_NUMBER", "617-248-4867")]}]


def test_gate_eval_reports_unmapped_labels_and_strict_fails_on_them(tmp_path):
    labeled = tmp_path / "labeled.json"
    labeled.write_text(json.dumps(CUSTOM))
    loose = eval_cli(labeled)
    assert loose.exit_code == 0, loose.output
    assert "unmapped: CHART_REF 1" in loose.output and "unmapped: PATIENT 1" in loose.output
    assert "missed" in loose.output.splitlines()[2]
    strict = eval_cli(labeled, "--strict")
    assert strict.exit_code == 1
    assert "CHART_REF (1)" in strict.output and "PATIENT (1)" in strict.output and "--label-map" in strict.output
    assert "Maria" not in strict.output  # labels and counts only, never record text


def test_gate_eval_label_map_maps_the_data_sets_labels(tmp_path):
    labeled = tmp_path / "labeled.json"
    labeled.write_text(json.dumps(CUSTOM))
    label_map = tmp_path / "labels.yaml"
    label_map.write_text("PATIENT: PERSON\nCHART_REF: null\n")
    result = eval_cli(labeled, "--label-map", str(label_map), "--strict", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["unmapped"] == {} and data["ignored"] == {"CHART_REF": {"count": 1, "reason": "ignored by the label map"}}
    assert data["entities"]["PERSON"] == {"precision": 1.0, "recall": 1.0, "support": 1, "missed": 0}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"PATIENT": "PATIENT_NAME"}))
    refused = eval_cli(labeled, "--label-map", str(bad))
    assert refused.exit_code == 1 and "PATIENT_NAME" in refused.output and "PERSON" in refused.output


def test_gate_eval_misses_go_to_stdout_only(tmp_path, embgov_home, caplog):
    texts = ["The patient zqxwv was seen.", "Then zqxwv left.", "Call 617-248-4867 now."]
    labeled = tmp_path / "labeled.json"
    labeled.write_text(json.dumps([{"full_text": t, "spans": [span(t, "PERSON", "zqxwv")] if "zqxwv" in t else
                                    [span(t, "PHONE_NUMBER", "617-248-4867")]} for t in texts]))
    before = sorted(p.name for p in tmp_path.iterdir())
    with caplog.at_level("DEBUG"):
        text = eval_cli(labeled, "--misses", "5")
        as_json = eval_cli(labeled, "--misses", "5", "--json")
    assert text.exit_code == 0 and as_json.exit_code == 0, text.output
    row = next(l for l in text.output.splitlines() if l.rstrip().endswith("zqxwv"))
    assert row.split() == ["2", "PERSON", "zqxwv"]
    assert json.loads(as_json.stdout)["misses"] == [{"value": "zqxwv", "entity": "PERSON", "count": 2}]
    assert json.loads(as_json.stdout)["entities"]["PERSON"]["missed"] == 2
    assert "zqxwv" not in caplog.text and "zqxwv" not in text.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not embgov_home.exists() or not any("zqxwv" in p.read_text(errors="ignore")
                                               for p in embgov_home.rglob("*") if p.is_file())
