"""Approvals by content hash: approve, check, fail closed on change, audit trail, corrupt files."""

from __future__ import annotations

import threading

import pytest

from approvekit import approve
from embgov.audit import list_events
from embgov.errors import AuditError, PolicyError
from embgov.policy.approvals import APPROVALS_FILE, approval_status, approvals_path, read_approvals, require_approved
from embgov.policy.approvals import approve as approve_policy
from embgov.policy.load import load_policy


def test_approve_then_check_and_audit(policy_dir, ssh_keys):
    path = policy_dir / "hipaa.yaml"
    record = approve_policy(path, "  dana@example.org ", key=ssh_keys.path("dana"))
    loaded = load_policy(path)
    assert (record.policy, record.name, record.approved_by) == ("hipaa.yaml", "hipaa-safe-harbor", "dana@example.org")
    assert record.content_hash == loaded.content_hash and record.approved_at.endswith("Z")
    status = approval_status(path)
    assert status.approved and status.record == record and status.latest == record
    assert not status.changed_since_approval and status.refusal() is None
    assert require_approved(path).content_hash == loaded.content_hash
    assert read_approvals(policy_dir / APPROVALS_FILE) == [record]
    [event] = list_events(action="policy.approve")
    assert (event.actor, event.subject) == ("dana@example.org", "policy:hipaa-safe-harbor")
    assert event.payload == {"file": "hipaa.yaml", "version": "2026.12-9", "content_hash": loaded.content_hash}


def test_unapproved_policy_is_refused_with_the_approve_hint(policy_dir):
    path = policy_dir / "hipaa.yaml"
    with pytest.raises(PolicyError) as info:
        require_approved(path)
    message = info.value.render()
    h = load_policy(path).content_hash
    assert f"policy hipaa-safe-harbor 2026.12-9 (hash {h[:12]}…) has no approval" in message
    assert f"embgov policy approve {path} --by PRINCIPAL --key KEY" in message
    status = approval_status(path)
    assert not status.approved and status.record is None and status.latest is None and not status.changed_since_approval


def test_rule_edit_after_approval_is_changed_since(policy_dir):
    path = policy_dir / "hipaa.yaml"
    original = path.read_text()
    record = approve(path)
    path.write_text(original.replace("max_record_chars: 100000", "max_record_chars: 50000"))  # not weakening
    current = load_policy(path).content_hash
    with pytest.raises(PolicyError) as info:
        require_approved(path)
    message = info.value.render()
    assert f"changed since it was approved by dana@example.org at {record.approved_at}" in message
    assert f"approved hash {record.content_hash[:12]}…, current hash {current[:12]}…; re-approve" in message
    status = approval_status(path)
    assert status.changed_since_approval and status.latest == record and status.record is None
    second = approve(path, "lee")  # re-approval of the new content
    assert require_approved(path).content_hash == current
    path.write_text(original)  # back to the first approved content: its approval still holds
    assert approval_status(path).record == record
    assert [r.approved_by for r in read_approvals(approvals_path(path))] == ["dana@example.org", "lee@example.org"]
    assert second.approved_at > record.approved_at


def test_comment_and_layout_edits_keep_the_approval(policy_dir):
    path = policy_dir / "hipaa.yaml"
    approve(path)
    text = path.read_text()
    edited = ("# reviewed again, nothing changed\n" + text
              .replace("on_failure: {action: quarantine, max_quarantine_rate: 0.02}",
                       "on_failure:\n  action: quarantine   # a comment\n  max_quarantine_rate: 0.020")
              .replace('version: "2026.12-9"', "version: '2026.12-9'"))
    assert edited != text
    path.write_text(edited)
    assert approval_status(path).approved
    require_approved(path)


def test_approving_the_same_content_twice_is_refused_a_second_approver_adds(policy_dir):
    path = policy_dir / "glba.yaml"
    first = approve(path)
    with pytest.raises(PolicyError, match="already approved by dana@example.org"):
        approve(path)
    assert read_approvals(approvals_path(path)) == [first]
    assert len(list_events(action="policy.approve")) == 1
    second = approve(path, "lee")
    assert read_approvals(approvals_path(path)) == [first, second]
    assert approval_status(path).tally.signers == ("dana@example.org", "lee@example.org")


@pytest.mark.parametrize("by", ["", "   ", "Dana\nReyes", "x" * 201])
def test_bad_approver_name_is_refused(policy_dir, by, ssh_keys):
    with pytest.raises(PolicyError, match="approver's name"):
        approve_policy(policy_dir / "hipaa.yaml", by, key=ssh_keys.path("dana"))
    assert not (policy_dir / APPROVALS_FILE).exists()


def test_invalid_policy_cannot_be_approved(policy_dir):
    path = policy_dir / "hipaa.yaml"
    path.write_text(path.read_text().replace("score_threshold: 0.5", "score_threshold: 5"))
    with pytest.raises(PolicyError, match="score_threshold: must be between 0 and 1"):
        approve(path)
    with pytest.raises(PolicyError, match="invalid policy"):
        require_approved(path)
    assert not (policy_dir / APPROVALS_FILE).exists() and list_events(action="policy.approve") == []


def test_approvals_are_per_policy_file_and_append_only(policy_dir):
    target = policy_dir / APPROVALS_FILE
    approve(policy_dir / "hipaa.yaml")
    before = target.read_text()
    approve(policy_dir / "glba.yaml")
    after = target.read_text()
    assert after.startswith(before) and len(after) > len(before)  # a pure append in version control
    assert [r.policy for r in read_approvals(target)] == ["hipaa.yaml", "glba.yaml"]
    assert sorted(p.name for p in policy_dir.iterdir()) == ["approvals.yaml", "glba.yaml", "hipaa.yaml"]  # no temp files


def test_a_copy_under_another_file_name_needs_its_own_approval(policy_dir):
    approve(policy_dir / "hipaa.yaml")
    copy = policy_dir / "hipaa-copy.yaml"
    copy.write_text((policy_dir / "hipaa.yaml").read_text())
    with pytest.raises(PolicyError, match="has no approval"):
        require_approved(copy)


def test_concurrent_approvals_are_both_kept(policy_dir):
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            approve(policy_dir / name)
        except BaseException as exc:  # pragma: no cover - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in ("hipaa.yaml", "glba.yaml")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(r.policy for r in read_approvals(policy_dir / APPROVALS_FILE)) == ["glba.yaml", "hipaa.yaml"]


def test_audit_failure_leaves_no_approval(policy_dir, monkeypatch):
    import embgov.audit

    approve(policy_dir / "glba.yaml")
    before = (policy_dir / APPROVALS_FILE).read_text()

    def broken(*args, **kwargs):
        raise AuditError("cannot write the audit log: disk full")

    monkeypatch.setattr(embgov.audit, "append", broken)
    with pytest.raises(AuditError):
        approve(policy_dir / "hipaa.yaml")
    assert (policy_dir / APPROVALS_FILE).read_text() == before
    assert not approval_status(policy_dir / "hipaa.yaml").approved


GOOD_RECORD = ("- policy: hipaa.yaml\n  name: hipaa-safe-harbor\n  version: 2026.12-9\n"
               "  content_hash: {h}\n  approved_by: Dana Reyes\n  approved_at: '2026-11-02T09:30:00Z'\n")

CORRUPT = [
    ("not-yaml", "approvals: [\n", ["approvals.yaml:2: not valid YAML"]),
    ("a-list", "- policy: hipaa.yaml\n", ["the approvals file must be a YAML mapping of fields, not a list"]),
    ("empty", "# nothing\n", ["the approvals file is empty"]),
    ("bad-hash", "approvals:\n" + GOOD_RECORD.replace("{h}", "abc123"),
     ["approvals.yaml:5 approvals[0].content_hash: not an accepted value (got 'abc123')"]),
    ("unknown-key", "approvals:\n" + GOOD_RECORD.replace("approved_by", "aproved_by"),
     ["approvals.yaml:6 approvals[0].aproved_by: unknown field; did you mean 'approved_by'?"]),
    ("not-utc", "approvals:\n" + GOOD_RECORD.replace("09:30:00Z", "09:30:00+02:00"),
     ["approvals.yaml:7 approvals[0].approved_at: must be UTC"]),
    ("unquoted-time", "approvals:\n" + GOOD_RECORD.replace("'2026-11-02T09:30:00Z'", "2026-11-02T09:30:00Z"),
     ["approvals.yaml:7 approvals[0].approved_at: must be text"]),
    ("missing-field", "approvals:\n" + GOOD_RECORD.replace("  approved_by: Dana Reyes\n", ""),
     ["approvals[0].approved_by: required field is missing"]),
]


@pytest.mark.parametrize("text,fragments", [c[1:] for c in CORRUPT], ids=[c[0] for c in CORRUPT])
def test_corrupt_approvals_file_fails_closed(policy_dir, text, fragments):
    target = policy_dir / APPROVALS_FILE
    target.write_text(text.replace("{h}", load_policy(policy_dir / "hipaa.yaml").content_hash))
    for call in (lambda: require_approved(policy_dir / "hipaa.yaml"), lambda: approve(policy_dir / "glba.yaml", "lee")):
        with pytest.raises(PolicyError) as info:
            call()
        message = info.value.render()
        assert str(target) in message and "restore approvals.yaml from version control" in message
        for fragment in fragments:
            assert fragment in message, message
    assert target.read_text() == text.replace("{h}", load_policy(policy_dir / "hipaa.yaml").content_hash)


def test_a_hand_written_valid_record_is_not_honoured(policy_dir):
    h = load_policy(policy_dir / "hipaa.yaml").content_hash
    (policy_dir / APPROVALS_FILE).write_text("approvals:\n" + GOOD_RECORD.replace("{h}", h))
    status = approval_status(policy_dir / "hipaa.yaml")
    assert not status.approved and status.record is None and [c.index for c in status.rejected] == [1]
    assert "approvals.yaml entry 1 (approved_by 'Dana Reyes' at 2026-11-02T09:30:00Z): unsigned" in status.refusal().render()
