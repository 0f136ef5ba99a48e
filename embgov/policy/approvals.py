"""Approvals by content hash: `approvals.yaml` next to the policy files, reviewed in version control.

A compliance officer approves one exact content hash of a policy (`embgov policy approve --by
PRINCIPAL --key KEY`): the entry is signed with their SSH key and appended to `approvals.yaml` in
the policy's directory, and the decision to the audit log. The gate and the job runner call
`require_approved`: a policy that is invalid, was never approved, changed since its last approval,
or lacks the approvals its change needs blocks the job (fail closed). Which entries count is
`embgov.policy.signed` (signatures against the deployment's allowed_signers, two-person rule). The
hash is semantic (canonical JSON of the model), so comments and layout do not need a new approval.

Approving a hash the same principal already approved is refused; another listed principal adds an
approval (the two-person rule needs it). Entries are only ever appended, in the order they were made.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ConfigDict, Field, field_validator

from embgov.errors import PolicyError, SpecError
from embgov.policy.load import LoadedPolicy, as_policy_error, load_policy
from embgov.policy.signed import MIN_ENV, EntryCheck, Tally, check_entries, statement, tally
from embgov.spec.validation import parse_model
from embgov.spec.yamlsrc import read_text

APPROVALS_FILE = "approvals.yaml"
HEADER = (
    "# Approvals of the redaction policies in this directory, by content hash.\n"
    "# Appended by `embgov policy approve POLICY --by PRINCIPAL --key KEY`; review changes in version control.\n"
    "# Never edit or remove entries: only entries signed by a key in the deployment's allowed_signers count.\n"
)


class ApprovalRecord(BaseModel):
    """One approval: who approved which exact content of which policy file, and when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    policy: str = Field(pattern=r"^[^/\\]+$", description="Policy file name, relative to this directory.")
    name: str = Field(min_length=1, description="The policy's name.")
    version: str = Field(min_length=1, description="The policy's version.")
    content_hash: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 of the policy's canonical JSON.")
    approved_by: str = Field(min_length=1, max_length=200, description="Who approved it.")
    approved_at: str = Field(description="When, as ISO-8601 UTC.")
    signature: str | None = Field(None, description="The approver's SSH signature (namespace embgov-policy) over the "
                                                    "entry's statement; an entry without one does not count.")
    policy_json: str | None = Field(None, description="The approved content as canonical JSON (hashes to content_hash), "
                                                      "so a later version can be diffed against it.")

    @field_validator("approved_at")
    @classmethod
    def _utc(cls, value: str) -> str:
        try:
            offset = datetime.fromisoformat(value).utcoffset()
        except ValueError:
            raise ValueError(f"not an ISO-8601 time (got {value!r})") from None
        if offset is None or offset.total_seconds() != 0:
            raise ValueError(f"must be UTC, e.g. 2026-11-02T09:30:00Z (got {value!r})")
        return value


class ApprovalsFile(BaseModel):
    """The approvals file: a list of approval records, oldest first."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    approvals: list[ApprovalRecord] = Field(default_factory=list, description="Approval records, in the order they were made.")


@dataclass(frozen=True)
class ApprovalStatus:
    loaded: LoadedPolicy
    approved: bool
    record: ApprovalRecord | None  # the newest approval that counts of the current content hash
    latest: ApprovalRecord | None  # the newest approval that counts of this policy file, whatever its hash
    changed_since_approval: bool  # approved before, but not this content
    tally: Tally  # verified signers of the current hash and how many it needs
    rejected: tuple[EntryCheck, ...] = ()  # entries of the current hash that do not count, with why
    baseline: ApprovalRecord | None = None  # the newest approval of the last approved content

    @property
    def approvals_path(self) -> Path:
        return approvals_path(self.loaded.path)

    def refusal(self) -> PolicyError | None:
        """Why a job may not run under this policy, or None when it may."""
        if self.approved:
            return None
        p, h, path, t = self.loaded.policy, self.loaded.content_hash, self.loaded.path, self.tally
        command = f"embgov policy approve {path} --by PRINCIPAL --key KEY"
        rejected = "".join(f"\n  does not count: {c.describe(APPROVALS_FILE)}" for c in self.rejected)
        if t.signers:
            why = t.note or f"the deployment requires it (${MIN_ENV})"
            if t.weakening_changes:
                why = (f"{len(t.weakening_changes)} change(s) weaken protection against the last approved content "
                       f"(hash {(t.baseline_hash or '')[:12]}…): " + "; ".join(t.weakening_changes))
            return PolicyError(
                f"policy {p.name} {p.version} (hash {h[:12]}…) has {self.approvals_text} by distinct listed "
                f"approvers (signed by {', '.join(t.signers)}): {why}{rejected}",
                where=str(path),
                fix=f"another approver listed in allowed_signers reviews `embgov policy diff` and runs: {command}")
        if self.changed_since_approval and self.baseline is not None:
            b = self.baseline
            return PolicyError(
                f"policy {p.name} changed since it was approved by {b.approved_by} at "
                f"{b.approved_at}: approved hash {b.content_hash[:12]}…, current hash {h[:12]}…; re-approve{rejected}",
                where=str(path), fix=f"review the change (embgov policy diff), then a compliance officer runs: {command}")
        return PolicyError(
            f"policy {p.name} {p.version} (hash {h[:12]}…) has no approval in {self.approvals_path}{rejected}",
            where=str(path),
            fix=f"a compliance officer reviews it (embgov policy explain {path}) and runs: {command}")

    @property
    def approvals_text(self) -> str:
        return f"{len(self.tally.signers)} of {self.tally.required} approval{'s' if self.tally.required != 1 else ''}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.loaded.path), "name": self.loaded.policy.name, "version": self.loaded.policy.version,
                "content_hash": self.loaded.content_hash, "approved": self.approved,
                "changed_since_approval": self.changed_since_approval, "approvals_file": str(self.approvals_path),
                "record": _brief(self.record), "latest": _brief(self.latest),
                "signers": list(self.tally.signers), "approvals": len(self.tally.signers),
                "required": self.tally.required, "weakening": self.tally.weakening,
                "weakening_changes": list(self.tally.weakening_changes), "baseline_hash": self.tally.baseline_hash,
                "rejected": [{"entry": c.index, "approved_by": c.record.approved_by, "reason": c.reason}
                             for c in self.rejected]}


def _brief(record: ApprovalRecord | None) -> dict[str, Any] | None:
    return record.model_dump(exclude={"signature", "policy_json"}) if record else None


def approvals_path(policy_path: str | Path) -> Path:
    return Path(policy_path).resolve().parent / APPROVALS_FILE


def read_approvals(path: str | Path) -> list[ApprovalRecord]:
    """The records of an approvals file, oldest first; none when the file does not exist."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        parsed, _ = parse_model(read_text(path, what="approvals file"), str(path), ApprovalsFile, "approvals file")
    except SpecError as exc:
        raise as_policy_error(exc, f"restore {path.name} from version control (`embgov policy approve` writes it, "
                                   "not a person); jobs stay blocked until it reads", own_fix=True) from None
    return list(parsed.approvals)


def approval_status(path: str | Path, *, signers: str | Path | None = None) -> ApprovalStatus:
    """Load the policy (PolicyError when invalid), verify its entries in approvals.yaml against allowed_signers
    (`signers`, else $EMBGOV_ALLOWED_SIGNERS) and count the current hash's approvals."""
    loaded = load_policy(path)
    mine = [(i, r) for i, r in enumerate(read_approvals(approvals_path(loaded.path)), 1) if r.policy == loaded.path.name]
    checks = check_entries(mine, signers)
    t = tally(checks, loaded)
    good = [c.record for c in checks if c.principal is not None]
    record = next((r for r in reversed(good) if r.content_hash == loaded.content_hash), None)
    baseline = next((r for r in reversed(good) if r.content_hash == t.baseline_hash), None)
    rejected = tuple(c for c in checks if c.principal is None and c.record.content_hash == loaded.content_hash)
    return ApprovalStatus(loaded=loaded, approved=t.approved, record=record, latest=good[-1] if good else None,
                          changed_since_approval=not t.approved and not t.signers and baseline is not None,
                          tally=t, rejected=rejected, baseline=baseline)


def require_approved(path: str | Path) -> LoadedPolicy:
    """The policy, if valid and its current content is approved; PolicyError otherwise (fail closed)."""
    status = approval_status(path)
    refusal = status.refusal()
    if refusal is not None:
        raise refusal
    return status.loaded


def approve(path: str | Path, by: str, *, key: str | Path) -> ApprovalRecord:
    """Approve the policy's current content hash as principal `by`, signing with the SSH private key `key`
    (its public key must be listed for `by` in allowed_signers): append to approvals.yaml and the audit log."""
    from embgov.audit import append
    from embgov.hashing import canonical_json
    from embgov.signing import POLICY_NAMESPACE, sign, verify
    from embgov.store.db import utcnow

    by = (by or "").strip()
    if not by or len(by) > 200 or not by.isprintable():
        raise PolicyError("the approver's name must be 1-200 printable characters", where="--by",
                          fix="give your principal as listed in allowed_signers, e.g. --by dana@example.org")
    loaded = load_policy(path)
    target = approvals_path(loaded.path)
    _refuse_repeat(approval_status(loaded.path), by)  # before signing: a passphrase prompt for nothing helps no one
    record = ApprovalRecord(policy=loaded.path.name, name=loaded.policy.name, version=loaded.policy.version,
                            content_hash=loaded.content_hash, approved_by=by, approved_at=utcnow(),
                            policy_json=canonical_json(loaded.policy.model_dump(mode="json", by_alias=True)))
    statement_bytes = statement(record)
    signature = sign(statement_bytes, key, POLICY_NAMESPACE)
    signer = verify(statement_bytes, signature, POLICY_NAMESPACE)  # SignatureError: key not listed
    if signer != by:
        raise PolicyError(f"the key {key} is listed in allowed_signers as {signer!r}, not {by!r}", where="--by",
                          fix=f"approve as yourself: --by {signer} (or use the key listed for {by})")
    record = record.model_copy(update={"signature": signature})
    with _locked(target.parent):
        _refuse_repeat(approval_status(loaded.path), by)  # another process may have approved meanwhile
        existing = read_approvals(target)
        previous = target.read_text(encoding="utf-8") if target.exists() else None
        _write_atomic(target, _render([*existing, record]))
        try:
            append(actor=by, action="policy.approve", subject=f"policy:{loaded.policy.name}",
                   payload={"file": loaded.path.name, "version": loaded.policy.version,
                            "content_hash": loaded.content_hash})
        except BaseException:
            # No approval without its audit event: put the file back as it was.
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                _write_atomic(target, previous)
            raise
    return record


def _refuse_repeat(status: ApprovalStatus, by: str) -> None:
    if by in status.tally.signers:
        raise PolicyError(f"policy {status.loaded.policy.name} (hash {status.loaded.content_hash[:12]}…) is already "
                          f"approved by {by} ({status.approvals_text})", where=str(status.loaded.path),
                          fix="nothing to do; each approver approves a content hash once (another listed approver may add one)")


def _render(records: list[ApprovalRecord]) -> str:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:  # signatures as readable blocks
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)

    Dumper.add_representer(str, text)
    body = yaml.dump({"approvals": [r.model_dump(exclude_none=True) for r in records]}, Dumper=Dumper,
                     sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return HEADER + body


def _write_atomic(target: Path, text: str) -> None:
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    """Serialise approvers of one directory (an advisory lock on the directory itself; POSIX)."""
    try:
        import fcntl
    except ImportError:  # no flock on this platform: single approver assumed
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
