"""The shipped policies load and are documented; a table of bad policies gives located PolicyErrors."""

from __future__ import annotations

from pathlib import Path

import pytest

from embgov.errors import PolicyError
from embgov.policy.approvals import APPROVALS_FILE, read_approvals
from embgov.policy.load import load_policy
from embgov.policy.document import RedactionPolicy

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = sorted(p for p in (ROOT / "policies").glob("*.yaml") if p.name != APPROVALS_FILE)

MINI = r"""apiVersion: embgov/v1
kind: RedactionPolicy
name: mini
version: "1"
regulation: Test regulation
scope: Unit tests only
score_threshold: 0.5
on_failure: {action: block}
entities:
  - id: EMAIL
    rule: Test rule for email
    detection:
      - {kind: builtin, recognizer: EmailRecognizer, presidio_entity: EMAIL_ADDRESS}
    action: {type: replace}
  - id: SSN
    rule: Test rule for SSN
    detection:
      - kind: patterns
        patterns:
          - {name: ssn, regex: '\b\d{3}-\d{2}-\d{4}\b', score: 0.6}
        validate_as: ssn
    action: {type: hash}
"""


def line_of(fragment: str) -> int:
    return next(i for i, line in enumerate(MINI.splitlines(), 1) if fragment in line)


def test_shipped_policies_are_hipaa_and_glba():
    names = {load_policy(p).policy.name for p in SHIPPED}
    assert {"hipaa-safe-harbor", "glba-npi"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_policy_loads(path):
    loaded = load_policy(path)
    assert len(loaded.content_hash) == 64
    assert all(e.rule and e.detection for e in loaded.policy.entities)


def test_repository_approvals_file_names_shipped_policies():
    records = read_approvals(ROOT / "policies" / APPROVALS_FILE)  # [] while nothing is approved
    assert {r.policy for r in records} <= {p.name for p in SHIPPED}


def test_every_policy_field_has_a_description():
    schema = RedactionPolicy.model_json_schema(by_alias=True)
    bodies = {"RedactionPolicy": schema, **schema["$defs"]}
    missing = [f"{o}.{n}" for o, b in bodies.items() for n, p in b.get("properties", {}).items() if not p.get("description")]
    assert missing == []
    assert schema["additionalProperties"] is False and "apiVersion" in schema["required"]


def test_mini_policy_is_valid(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(MINI)
    assert [e.id for e in load_policy(path).policy.entities] == ["EMAIL", "SSN"]


# (id, text to replace, replacement, fragments the message must contain; "@" stands for "<file>:")
EDITS = [
    ("unknown-key-did-you-mean", "score_threshold: 0.5", "score_treshold: 0.5",
     [f"@{line_of('score_threshold')} score_treshold: unknown field; did you mean 'score_threshold'?"]),
    ("unknown-nested-key", "validate_as: ssn", "validate_ass: ssn",
     [f"@{line_of('validate_as')} entities[1].detection[0].validate_ass: unknown field; did you mean 'validate_as'?"]),
    ("bad-regex", r"'\b\d{3}-\d{2}-\d{4}\b'", r"'(\d{3}'",
     [f"@{line_of('name: ssn')} entities[1].detection[0].patterns[0].regex: regular expression does not compile"]),
    ("duplicate-entity-ids", "id: SSN", "id: EMAIL",
     [f"@{line_of('entities:')} entities: entity ids must be unique; repeated: EMAIL"]),
    ("unknown-action-type", "action: {type: hash}", "action: {type: scramble}",
     [f"@{line_of('type: hash')} entities[1].action: unknown type 'scramble'", "'replace'"]),
    ("threshold-out-of-range", "score_threshold: 0.5", "score_threshold: 1.5",
     [f"@{line_of('score_threshold')} score_threshold: must be between 0 and 1 (got 1.5)"]),
    ("missing-rule", "    rule: Test rule for SSN\n", "",
     [f"@{line_of('id: SSN')} entities[1].rule: required field is missing"]),
    ("unknown-builtin-recognizer", "recognizer: EmailRecognizer", "recognizer: EmailRecogniser",
     [f"@{line_of('EmailRecognizer')} entities[0].detection[0].recognizer: must be one of",
      "did you mean 'EmailRecognizer'?"]),
    ("list-instead-of-mapping", "on_failure: {action: block}", "on_failure: [block]",
     [f"@{line_of('on_failure')} on_failure: must be a mapping of fields"]),
    ("bad-entity-id", "id: SSN", "id: ssn",
     [f"@{line_of('id: SSN')} entities[1].id: not an accepted value (got 'ssn'); expected an entity id in UPPER_SNAKE_CASE"]),
    ("keep-last-too-large", "action: {type: hash}", "action: {type: mask, keep_last: 9}",
     [f"@{line_of('type: hash')} entities[1].action.keep_last: must be between 0 and 4 (got 9)"]),
    ("unknown-detection-kind", "- kind: patterns", "- kind: regexes",
     [f"@{line_of('kind: patterns')} entities[1].detection[0]: unknown kind 'regexes'"]),
    ("bad-on-failure-action", "{action: block}", "{action: blok}",
     [f"@{line_of('on_failure')} on_failure.action: must be one of", "did you mean 'block'?"]),
    ("pattern-score-range", "score: 0.6}", "score: 6}",
     [f"@{line_of('name: ssn')} entities[1].detection[0].patterns[0].score: must be between 0 and 1 (got 6)"]),
    ("duplicate-yaml-key", "name: mini\n", "name: mini\nname: other\n", [f"@{line_of('name: mini') + 1}: duplicate key 'name'"]),
    ("non-yaml", "on_failure: {action: block}", "on_failure: {action: block",
     ["not valid YAML"]),
]


def _load_text(tmp_path: Path, text: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(text)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    message = info.value.render()
    assert "Traceback" not in message and str(path) in message
    return message.replace(f"{path}:", "@")


@pytest.mark.parametrize("old,new,fragments", [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_bad_policy_is_located(tmp_path, old, new, fragments):
    assert MINI.count(old) == 1
    message = _load_text(tmp_path, MINI.replace(old, new))
    for fragment in fragments:
        assert fragment in message, message


WHOLE = [
    ("empty-entities", MINI.split("entities:")[0] + "entities: []\n",
     f"@{line_of('entities:')} entities: List should have at least 1 item"),
    ("a-list-not-a-mapping", "- apiVersion: embgov/v1\n- kind: RedactionPolicy\n",
     "the policy must be a YAML mapping of fields, not a list"),
    ("empty-file", "# only a comment\n", "the policy is empty"),
    ("non-yaml-tabs", "apiVersion: embgov/v1\n\tkind: RedactionPolicy\n", "@2: not valid YAML"),
]


@pytest.mark.parametrize("text,fragment", [w[1:] for w in WHOLE], ids=[w[0] for w in WHOLE])
def test_bad_policy_document(tmp_path, text, fragment):
    assert fragment in _load_text(tmp_path, text)


def test_every_problem_is_reported_with_fix(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(MINI.replace("score_threshold: 0.5", "score_threshold: 2").replace("id: SSN", "id: ssn"))
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    message = info.value.render()
    assert "invalid policy (2 problems)" in message and "fix:" in message


def test_missing_policy_file(tmp_path):
    with pytest.raises(PolicyError, match="policy not found"):
        load_policy(tmp_path / "nope.yaml")


def test_at_least_ten_bad_policy_cases():
    assert len(EDITS) + len(WHOLE) >= 10
