"""Signed approvals: only entries signed by a key in allowed_signers over exactly their own statement
count, and a weakening change needs two distinct approvers (keys from the ssh_keys fixture)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from approvekit import approve, cli_args
from embgov.audit import list_events
from embgov.cli.main import cli
from embgov.errors import PolicyError, SignatureError
from embgov.hashing import canonical_json
from embgov.policy.approvals import (APPROVALS_FILE, ApprovalRecord, _render, approval_status, read_approvals,
                                     require_approved)
from embgov.policy.load import load_policy
from embgov.policy.signed import statement
from embgov.signing import POLICY_NAMESPACE, sign

# Raises two thresholds and the quarantine rate: `policy diff` flags three weakening changes.
WEAKEN = [("score_threshold: 0.5", "score_threshold: 0.7"), ("residual_threshold: 0.6", "residual_threshold: 0.8"),
          ("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.5")]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def edit(path, pairs):
    text = path.read_text()
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)


def entry(ssh_keys, path, who="dana", *, key=None, unsigned=False, **override) -> ApprovalRecord:
    """An entry as `embgov policy approve` writes it, signed by `key` (default: who's), with `override`
    applied before signing: a listed key signing a false statement."""
    loaded = load_policy(path)
    fields = dict(policy=loaded.path.name, name=loaded.policy.name, version=loaded.policy.version,
                  content_hash=loaded.content_hash, approved_by=ssh_keys.principal(who),
                  approved_at="2026-11-02T09:30:00Z",
                  policy_json=canonical_json(loaded.policy.model_dump(mode="json", by_alias=True)))
    record = ApprovalRecord(**{**fields, **override})
    if unsigned:
        return record
    return record.model_copy(update={"signature": sign(statement(record), ssh_keys.path(key or who), POLICY_NAMESPACE)})


def write(policy_dir, *records):
    (policy_dir / APPROVALS_FILE).write_text(_render(list(records)))


def refused(path, *fragments):
    with pytest.raises(PolicyError) as info:
        require_approved(path)
    message = info.value.render()
    for fragment in fragments:
        assert fragment in message, message
    result = run("policy", "check", path)
    assert result.exit_code == 1
    for fragment in fragments:
        assert fragment in result.output, result.output
    return message


def test_a_real_signed_approval_is_accepted_and_check_names_the_signer(policy_dir):
    path = policy_dir / "hipaa.yaml"
    result = run("policy", "approve", path, *cli_args("dana"))
    assert result.exit_code == 0 and "signed" in result.output and "1 of 1 approval" in result.output
    [record] = read_approvals(policy_dir / APPROVALS_FILE)
    assert "BEGIN SSH SIGNATURE" in record.signature and json.loads(record.policy_json)["name"] == "hipaa-safe-harbor"
    assert require_approved(path).content_hash == record.content_hash
    check = run("policy", "check", path)
    assert check.exit_code == 0 and "approved by dana@example.org" in check.output and "1 of 1 approval" in check.output
    [event] = list_events(action="policy.approve")
    assert event.actor == "dana@example.org"


def test_a_hand_written_entry_does_not_count(policy_dir, ssh_keys):
    path = policy_dir / "hipaa.yaml"
    write(policy_dir, entry(ssh_keys, path, unsigned=True, approved_by="Dana Reyes"))
    refused(path, "has no approval", "approvals.yaml entry 1 (approved_by 'Dana Reyes'", "unsigned")
    assert list_events(action="policy.approve") == []


def test_an_unlisted_key_is_refused(policy_dir, ssh_keys):
    path = policy_dir / "hipaa.yaml"
    with pytest.raises(SignatureError, match="not in allowed_signers"):
        approve(path, "eve")
    assert not (policy_dir / APPROVALS_FILE).exists() and list_events(action="policy.approve") == []
    write(policy_dir, entry(ssh_keys, path, "eve"))  # eve's own signature, written by hand
    refused(path, "entry 1 (approved_by 'eve@example.org'", "the signing key is not in allowed_signers")


def test_a_signature_over_another_hash_does_not_count(policy_dir, ssh_keys):
    path = policy_dir / "hipaa.yaml"
    old = entry(ssh_keys, path)
    edit(path, WEAKEN)
    forged = entry(ssh_keys, path, unsigned=True).model_copy(update={"signature": old.signature})
    write(policy_dir, forged)
    refused(path, "entry 1", "signature refused: the signature does not verify")


@pytest.mark.parametrize("override,reason", [
    ({"name": "other-policy"}, "names policy 'other-policy'"),
    ({"approved_by": " "}, "blank approver"),
    ({"approved_by": "lee@example.org"}, "approved_by is not the signer: the key is listed in allowed_signers as 'dana@example.org'"),
    ({"approved_at": "2999-01-01T00:00:00Z"}, "dated in the future (2999-01-01T00:00:00Z)"),
    ({"policy_json": "{}"}, "does not hash to content_hash"),
], ids=["wrong-name", "blank-approver", "not-the-signer", "year-2999", "content-copy"])
def test_a_false_statement_signed_by_a_listed_key_does_not_count(policy_dir, ssh_keys, override, reason):
    path = policy_dir / "hipaa.yaml"
    write(policy_dir, entry(ssh_keys, path, "dana", **override))
    refused(path, "entry 1", reason)


def test_a_weakening_change_needs_two_distinct_approvers(policy_dir):
    path = policy_dir / "hipaa.yaml"
    first = approve(path)
    edit(path, WEAKEN)
    approve(path)
    message = refused(path, "1 of 2 approvals", "signed by dana@example.org", "3 change(s) weaken protection",
                      f"(hash {first.content_hash[:12]}…)", "max_quarantine_rate")
    assert "another approver listed in allowed_signers" in message
    with pytest.raises(PolicyError, match="already approved by dana@example.org"):
        approve(path)  # the same person twice is still one approval
    approve(path, "lee")
    check = run("policy", "check", path)
    assert check.exit_code == 0, check.output
    assert "approved by dana@example.org, lee@example.org" in check.output and "2 of 2 approvals" in check.output
    data = json.loads(run("policy", "check", path, "--json").stdout)
    assert data["weakening"] and data["required"] == 2 and data["baseline_hash"] == first.content_hash


def test_an_intermediate_version_does_not_step_past_the_two_person_rule(policy_dir):
    path = policy_dir / "hipaa.yaml"
    approve(path)
    edit(path, WEAKEN)
    approve(path)  # 1 of 2: never in force
    edit(path, [('version: "2026.12-9"', 'version: "2026.12-10"')])
    approve(path)  # against the last *approved* content this still weakens
    refused(path, "1 of 2 approvals", "weaken protection")


def test_a_non_weakening_change_needs_one_approval(policy_dir):
    path = policy_dir / "hipaa.yaml"
    approve(path)
    edit(path, [("max_record_chars: 100000", "max_record_chars: 50000"), ("score_threshold: 0.5", "score_threshold: 0.4")])
    approve(path, "lee")
    status = approval_status(path)
    assert status.approved and not status.tally.weakening and status.approvals_text == "1 of 1 approval"


def test_unreadable_last_approved_content_counts_as_weakening(policy_dir, ssh_keys, monkeypatch):
    import embgov.policy.signed as signed

    path = policy_dir / "hipaa.yaml"
    approve(path)
    edit(path, [("max_record_chars: 100000", "max_record_chars: 50000")])
    approve(path, "lee")
    monkeypatch.setattr(signed, "_content", lambda _json: None)  # e.g. an older policy format
    refused(path, "1 of 2 approvals", "cannot be read to diff against (fail closed)")


def test_deployment_settings_for_min_approvals(policy_dir, monkeypatch):
    path = policy_dir / "glba.yaml"
    monkeypatch.setenv("EMBGOV_MIN_APPROVALS", "2")
    approve(path)
    refused(path, "1 of 2 approvals")
    approve(path, "lee")
    assert approval_status(path).approved
    monkeypatch.setenv("EMBGOV_MIN_APPROVALS", "two")
    with pytest.raises(PolicyError, match="EMBGOV_MIN_APPROVALS: must be a whole number"):
        require_approved(path)


def test_by_must_be_the_keys_principal(policy_dir, ssh_keys):
    path = policy_dir / "hipaa.yaml"
    result = run("policy", "approve", path, "--by", "lee@example.org", "--key", ssh_keys.path("dana"))
    assert result.exit_code == 1
    assert "is listed in allowed_signers as 'dana@example.org', not 'lee@example.org'" in result.output
    assert not (policy_dir / APPROVALS_FILE).exists() and list_events(action="policy.approve") == []


def test_without_allowed_signers_nothing_counts(policy_dir, monkeypatch):
    path = policy_dir / "hipaa.yaml"
    approve(path)
    monkeypatch.delenv("EMBGOV_ALLOWED_SIGNERS")
    refused(path, "entry 1", "cannot be verified", "$EMBGOV_ALLOWED_SIGNERS")
