"""explain: every entity and cited rule, in words; diff: semantic changes, weakening ones first."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from approvekit import approve
from embgov.policy.approvals import approval_status
from embgov.policy.diff import diff_policies
from embgov.policy.explain import explain_rows, render_markdown, render_table
from embgov.policy.load import load_policy, policy_hash
from embgov.policy.document import RedactionPolicy

ROOT = Path(__file__).resolve().parents[3]
HIPAA = load_policy(ROOT / "policies/hipaa.yaml").policy
GLBA = load_policy(ROOT / "policies/glba.yaml").policy


def mutate(policy: RedactionPolicy, edit: Callable[[dict], None]) -> RedactionPolicy:
    data = policy.model_dump(mode="json", by_alias=True)
    edit(data)
    return RedactionPolicy.model_validate(data)


def entity(data: dict, entity_id: str) -> dict:
    return next(e for e in data["entities"] if e["id"] == entity_id)


# --- explain --------------------------------------------------------------------------------

def test_rows_in_words():
    rows = {r["entity"]: r for r in explain_rows(HIPAA)}
    assert list(rows) == [e.id for e in HIPAA.entities]
    person = next(e for e in HIPAA.entities if e.id == "PERSON")
    strong, weak = [d for d in person.detection if d.kind == "patterns"]  # the second only in records about a person
    names = next(d for d in person.detection if d.kind == "gazetteer")
    ner = next(d for d in person.detection if d.kind == "ner")
    labeled = next(d for d in person.detection if d.kind == "labeled")
    only = " (only in records about a person)"
    assert rows["PERSON"]["detection"] == (f"spaCy NER: PERSON (not in person-names: 0.4) (+ {len(ner.context)} context words){only}; "
                                           f"word list person-names (alone 0.6, full 0.85) "
                                           f"(+ {len(names.context)} context words){only}; "
                                           f"patterns: {', '.join(p.name for p in strong.patterns)} (+ {len(strong.context)} context words); "
                                           f"patterns: {', '.join(p.name for p in weak.patterns)} (+ {len(weak.context)} context words){only}; "
                                           f"value after a label ({', '.join(labeled.labels[:4])} +{len(labeled.labels) - 4}; "
                                           f"score 0.9)")
    assert rows["PERSON"]["action"] == "replace with <PERSON>"
    assert rows["EMAIL"]["detection"] == "Presidio EmailRecognizer; patterns: email-shape"
    assert rows["SSN"]["action"] == "keyed hash (16 hex, key from $EMBGOV_HASH_KEY)"
    assert "validated by Luhn checksum" in rows["ACCOUNT_NUMBER"]["detection"]
    assert rows["ACCOUNT_NUMBER"]["action"] == "mask *"
    assert rows["PERSON"]["rule"] == "45 CFR 164.514(b)(2)(i)(A) Names"
    assert {r["threshold"] for r in rows.values()} == {0.5}
    glba = {r["entity"]: r for r in explain_rows(GLBA)}
    assert glba["CARD_NUMBER"]["action"] == "mask *, keep last 4"


def test_threshold_override_redact_and_key_file():
    def edit(d):
        entity(d, "EMAIL")["score_threshold"] = 0.8
        entity(d, "URL")["action"] = {"type": "redact"}
        entity(d, "IP_ADDRESS")["action"] = {"type": "replace"}
        d["hash_key"] = {"env": "MY_KEY", "file": "/etc/embgov/key"}

    policy = mutate(HIPAA, edit)
    rows = {r["entity"]: r for r in explain_rows(policy)}
    assert rows["EMAIL"]["threshold"] == 0.8 and rows["EMAIL"]["threshold_overridden"]
    assert rows["PERSON"]["threshold"] == 0.5 and not rows["PERSON"]["threshold_overridden"]
    assert rows["URL"]["action"] == "redact" and rows["IP_ADDRESS"]["action"] == "replace with <IP_ADDRESS>"
    assert rows["SSN"]["action"] == "keyed hash (16 hex, key from $MY_KEY or file /etc/embgov/key)"
    assert "EMAIL                  0.8*" in render_table(policy, explain_rows(policy))


@pytest.mark.parametrize("policy", [HIPAA, GLBA], ids=["hipaa", "glba"])
def test_table_names_every_entity_and_rule(policy):
    text = render_table(policy, explain_rows(policy))
    for fragment in (policy.name, policy.version, policy.regulation, policy.nlp_model.module,
                     "on_failure:", "threshold:", policy_hash(policy)):
        assert fragment in text
    header = next(line for line in text.splitlines() if line.startswith("ENTITY"))
    column = header.index("RULE")
    for e in policy.entities:
        line = next(line for line in text.splitlines() if line.startswith(e.id + " "))
        assert line[column:].startswith(e.rule)  # aligned under its header


@pytest.mark.parametrize("policy", [HIPAA, GLBA], ids=["hipaa", "glba"])
def test_markdown_review_document(policy):
    text = render_markdown(policy, explain_rows(policy), None)
    assert text.startswith(f"# Redaction policy `{policy.name}` {policy.version}")
    assert f"**Regulation:** {policy.regulation}" in text and "| Entity | Rule | Detection | Action | Threshold |" in text
    for e in policy.entities:
        assert f"| `{e.id}` | {e.rule} |" in text
    for fragment in ("**on_failure:**", "**allow-list:** (empty)", "**residual threshold:** 0.6",
                     f"**content hash:** `{policy_hash(policy)}`", "**state:** not checked"):
        assert fragment in text
    assert "\\<PERSON>" in text or "\\<ADDRESS>" in text  # tags shown as text, not swallowed as HTML


def test_markdown_shows_the_approval_state(policy_dir):
    path = policy_dir / "hipaa.yaml"
    status = approval_status(path)
    assert "NOT APPROVED: no approval recorded" in render_markdown(status.loaded.policy, [], status)
    record = approve(path)
    status = approval_status(path)
    assert f"approved by dana@example.org at {record.approved_at}" in render_markdown(status.loaded.policy, [], status)
    path.write_text(path.read_text().replace("residual_threshold: 0.6", "residual_threshold: 0.5"))
    status = approval_status(path)
    text = render_markdown(status.loaded.policy, explain_rows(status.loaded.policy), status)
    assert "NOT APPROVED: changed since it was approved by dana@example.org" in text and record.content_hash in text


def test_markdown_escapes_pipes():
    policy = mutate(GLBA, lambda d: entity(d, "EMAIL").update(rule="16 CFR 313.3 | e-mail"))
    assert "16 CFR 313.3 \\| e-mail" in render_markdown(policy, explain_rows(policy), None)


# --- diff -----------------------------------------------------------------------------------

def test_identical_and_reformatted_policies_have_no_changes(tmp_path):
    assert diff_policies(HIPAA, HIPAA) == []
    copy = tmp_path / "h.yaml"
    copy.write_text("# a comment\n" + (ROOT / "policies/hipaa.yaml").read_text().replace("score_threshold: 0.5", "score_threshold: 0.50"))
    assert diff_policies(HIPAA, load_policy(copy).policy) == []


def _drop_pattern(d):
    for det in entity(d, "ZIP_CODE")["detection"]:
        det["patterns"][:] = [p for p in det["patterns"] if p["name"] != "zip5"]


def _add_entity(d):
    d["entities"].append({"id": "FAX", "rule": "45 CFR 164.514(b)(2)(i)(E) Fax numbers",
                          "detection": [{"kind": "patterns", "patterns": [{"name": "fax", "regex": r"\d{10}", "score": 0.5}]}],
                          "action": {"type": "redact"}})


# (id, edit, (kind, entity, field) expected, weakens)
CASES = [
    ("entity-removed", lambda d: d["entities"].pop(), ("removed", "OTHER_ID", "entity"), True),
    ("entity-added", _add_entity, ("added", "FAX", "entity"), False),
    ("threshold-raised", lambda d: d.update(score_threshold=0.7), ("changed", None, "score_threshold"), True),
    ("threshold-lowered", lambda d: d.update(score_threshold=0.3), ("changed", None, "score_threshold"), False),
    ("residual-raised", lambda d: d.update(residual_threshold=0.9), ("changed", None, "residual_threshold"), True),
    ("on-failure-action", lambda d: d["on_failure"].update(action="block"), ("changed", None, "on_failure.action"), False),
    ("nlp-model", lambda d: d["nlp_model"].update(module="en_core_web_lg"), ("changed", None, "nlp_model.module"), False),
    ("max-record-chars", lambda d: d.update(max_record_chars=5000), ("changed", None, "max_record_chars"), False),
    ("allow-list-added", lambda d: d.update(allow_list=["Mayo Clinic"]), ("added", None, "allow_list"), True),
    ("pattern-removed", _drop_pattern, ("removed", "ZIP_CODE", "patterns[zip5]"), True),
    ("pattern-added", lambda d: entity(d, "ZIP_CODE")["detection"][0]["patterns"].append(
        {"name": "zip9", "regex": r"\d{9}", "score": 0.2}), ("added", "ZIP_CODE", "patterns[zip9]"), False),
    ("regex-changed", lambda d: entity(d, "ZIP_CODE")["detection"][0]["patterns"][0].update(regex=r"\d{5}-\d{4}"),
     ("changed", "ZIP_CODE", "patterns[zip5-4].regex"), False),
    ("pattern-score-lowered", lambda d: entity(d, "ZIP_CODE")["detection"][0]["patterns"][0].update(score=0.1),
     ("changed", "ZIP_CODE", "patterns[zip5-4].score"), True),
    ("context-removed", lambda d: entity(d, "ZIP_CODE")["detection"][0]["context"].remove("zip"),
     ("removed", "ZIP_CODE", "patterns.context"), True),
    ("context-added", lambda d: entity(d, "ZIP_CODE")["detection"][0]["context"].append("mailing"),
     ("added", "ZIP_CODE", "patterns.context"), False),
    ("validate-as", lambda d: entity(d, "SSN")["detection"][0].update(validate_as="none"),
     ("changed", "SSN", "patterns.validate_as"), False),
    ("detector-removed", lambda d: entity(d, "PERSON")["detection"].pop(0), ("removed", "PERSON", "detection[ner]"), True),
    ("builtin-added", lambda d: entity(d, "URL")["detection"].append(
        {"kind": "builtin", "recognizer": "IpRecognizer", "presidio_entity": "IP_ADDRESS"}),
     ("added", "URL", "detection[IpRecognizer]"), False),
    ("ner-label-removed", lambda d: entity(d, "LOCATION")["detection"][0]["labels"].remove("FAC"),
     ("removed", "LOCATION", "ner.labels"), True),
    ("rule-text", lambda d: entity(d, "EMAIL").update(rule="45 CFR 164.514(b)(2)(i)(F) E-mail"), ("changed", "EMAIL", "rule"), False),
    ("action-replace-to-hash", lambda d: entity(d, "EMAIL").update(action={"type": "hash", "length": 16}),
     ("changed", "EMAIL", "action"), False),
    ("action-to-mask-keep-last", lambda d: entity(d, "ACCOUNT_NUMBER")["action"].update(keep_last=4),
     ("changed", "ACCOUNT_NUMBER", "action"), True),
    ("entity-threshold-raised", lambda d: entity(d, "EMAIL").update(score_threshold=0.9),
     ("changed", "EMAIL", "score_threshold"), True),
    ("entities-reordered", lambda d: d["entities"].reverse(), ("changed", None, "entities"), False),
    ("rescan-full", lambda d: d.update(rescan="full"), ("changed", None, "rescan"), False),
    ("wordlist-score-lowered", lambda d: entity(d, "PERSON")["detection"][1].update(score=0.4),
     ("changed", "PERSON", "gazetteer:person-names.score"), True),
    ("wordlist-full-score-raised", lambda d: entity(d, "LOCATION")["detection"][1].update(full_score=0.9),
     ("changed", "LOCATION", "gazetteer:places.full_score"), False),
    ("wordlist-removed", lambda d: entity(d, "PERSON")["detection"].pop(1),
     ("removed", "PERSON", "detection[gazetteer:person-names]"), True),
    ("keep-vocabulary-removed", lambda d: d["keep"].update(vocabularies=[v for v in d["keep"]["vocabularies"] if v != "drugs"]),
     ("removed", None, "keep.vocabularies"), False),
    ("keep-shape-added", lambda d: d["keep"]["patterns"].append({"name": "any-number", "regex": r"\d+"}),
     ("added", None, "keep.patterns[any-number]"), True),
    ("keep-shape-regex-changed", lambda d: d["keep"]["patterns"][0].update(regex=r"\bNCT\d+"),
     ("changed", None, "keep.patterns[trial-registry]"), True),
    ("labeled-label-removed", lambda d: _labeled(d, "SSN")["labels"].remove("SSN"),
     ("removed", "SSN", "labeled.labels"), True),
    ("labeled-score-lowered", lambda d: _labeled(d, "SSN").update(score=0.3), ("changed", "SSN", "labeled.score"), True),
    ("invalid-keep-to-drop", lambda d: entity(d, "SSN")["detection"][0].update(invalid="drop"),
     ("changed", "SSN", "patterns.invalid"), True),
    ("hash-key-env", lambda d: d["hash_key"].update(env="OTHER_KEY"), ("changed", None, "hash_key.env"), True),
    ("hash-key-file", lambda d: d["hash_key"].update(file="/etc/embgov/key"), ("changed", None, "hash_key.file"), True),
    ("ids-kept", lambda d: d.update(record_ids="keep"), ("changed", None, "record_ids"), True),
]


def _labeled(d, entity_id):
    return next(x for x in entity(d, entity_id)["detection"] if x["kind"] == "labeled")


def test_adding_a_kept_vocabulary_weakens_protection():
    data = HIPAA.model_dump(mode="json", by_alias=True)
    data["keep"]["vocabularies"] = [v for v in data["keep"]["vocabularies"] if v != "countries"]
    narrower = RedactionPolicy.model_validate(data)
    (change,) = diff_policies(narrower, HIPAA)
    assert (change.kind, change.field, change.new, change.weakens) == ("added", "keep.vocabularies", "countries", True)


@pytest.mark.parametrize("edit,expected,weakens", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_diff_finds_the_change(edit, expected, weakens):
    new = mutate(HIPAA, edit)
    changes = diff_policies(HIPAA, new)
    assert [(c.kind, c.entity, c.field) for c in changes] == [expected], [c.description for c in changes]
    assert changes[0].weakens is weakens and changes[0].description
    assert policy_hash(new) != policy_hash(HIPAA)  # every hash change shows up in the diff
    json.dumps([c.to_dict() for c in changes])
    assert diff_policies(new, new) == []


def test_entity_removal_description_and_reverse_direction():
    new = mutate(HIPAA, lambda d: d["entities"].pop())
    [removed] = diff_policies(HIPAA, new)
    assert removed.description.startswith("entity OTHER_ID removed") and removed.old["id"] == "OTHER_ID"
    [added] = diff_policies(new, HIPAA)
    assert added.kind == "added" and not added.weakens


def test_weakening_changes_come_first():
    def edit(d):
        d["version"] = "2026.12-10"
        entity(d, "EMAIL")["rule"] = "45 CFR 164.514(b)(2)(i)(F) E-mail"
        _drop_pattern(d)
        d["score_threshold"] = 0.6

    changes = diff_policies(HIPAA, mutate(HIPAA, edit))
    assert [c.weakens for c in changes] == [True, True, False, False]
    assert {c.field for c in changes[:2]} == {"score_threshold", "patterns[zip5]"}


def test_diff_across_policies_is_complete():
    changes = diff_policies(GLBA, HIPAA)
    fields = {(c.kind, c.entity) for c in changes if c.field == "entity"}
    assert ("removed", "CARD_NUMBER") in fields and ("added", "MEDICAL_RECORD_NUMBER") in fields
    assert any(c.field == "name" for c in changes) and any(c.field == "on_failure.action" for c in changes)


def test_dropping_the_ner_rescan_weakens_protection():
    strict = mutate(HIPAA, lambda d: d.update(rescan="full"))
    (change,) = diff_policies(strict, HIPAA)
    assert (change.field, change.old, change.new, change.weakens) == ("rescan", "full", "patterns", True)
    assert "no longer checks" in change.description


@pytest.mark.parametrize("source", [{"env": "OTHER_KEY"}, {"file": "keys/hash.key"}], ids=["env", "file"])
def test_a_changed_hash_key_source_weakens_in_either_direction(source):
    moved = mutate(HIPAA, lambda d: d["hash_key"].update(source))
    for a, b in ((HIPAA, moved), (moved, HIPAA)):  # added, changed or removed: another secret each time
        (change,) = diff_policies(a, b)
        assert change.field.startswith("hash_key.") and change.weakens
        assert "pseudonym key" in change.description
