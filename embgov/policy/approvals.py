"""Approvals by content hash: `approvals.yaml` next to the policy files, reviewed in version control.

A compliance officer approves one exact content hash of a policy (`embgov policy approve`). The
record is appended to `approvals.yaml` in the policy's directory and to the audit log. The gate
and the job runner call `require_approved`: a policy that is invalid, was never approved, or
changed since its last approval blocks the job (fail closed). The hash is semantic (canonical
JSON of the model), so comments and layout do not need a new approval; any rule change does.

Approving a hash that is already approved is refused ("already approved by X at T"): the file
records decisions, not repetitions. Entries are only ever appended, in the order they were made.
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
from embgov.spec.validation import parse_model
from embgov.spec.yamlsrc import read_text

APPROVALS_FILE = "approvals.yaml"
HEADER = (
    "# Approvals of the redaction policies in this directory, by content hash.\n"
    "# Appended by `embgov policy approve POLICY --by NAME`; review changes in version control.\n"
    "# Never edit or remove entries: a job runs only under a policy whose current hash is listed here.\n"
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
    record: ApprovalRecord | None  # the approval of the current content hash
    latest: ApprovalRecord | None  # the newest approval of this policy file, whatever its hash
    changed_since_approval: bool  # approved before, but not this content

    @property
    def approvals_path(self) -> Path:
        return approvals_path(self.loaded.path)

    def refusal(self) -> PolicyError | None:
        """Why a job may not run under this policy, or None when it may."""
        if self.approved:
            return None
        p, h, path = self.loaded.policy, self.loaded.content_hash, self.loaded.path
        if self.changed_since_approval and self.latest is not None:
            return PolicyError(
                f"policy {p.name} changed since it was approved by {self.latest.approved_by} at "
                f"{self.latest.approved_at}: approved hash {self.latest.content_hash[:12]}…, current hash {h[:12]}…; re-approve",
                where=str(path),
                fix=f"review the change, then a compliance officer runs: embgov policy approve {path} --by NAME")
        return PolicyError(
            f"policy {p.name} {p.version} (hash {h[:12]}…) has no approval in {self.approvals_path}",
            where=str(path),
            fix=f"a compliance officer reviews it (embgov policy explain {path}) and runs: embgov policy approve {path} --by NAME")

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.loaded.path), "name": self.loaded.policy.name, "version": self.loaded.policy.version,
                "content_hash": self.loaded.content_hash, "approved": self.approved,
                "changed_since_approval": self.changed_since_approval, "approvals_file": str(self.approvals_path),
                "record": self.record.model_dump() if self.record else None,
                "latest": self.latest.model_dump() if self.latest else None}


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


def approval_status(path: str | Path) -> ApprovalStatus:
    """Load the policy (PolicyError when invalid) and look its content hash up in approvals.yaml."""
    loaded = load_policy(path)
    mine = [r for r in read_approvals(approvals_path(loaded.path)) if r.policy == loaded.path.name]
    record = next((r for r in reversed(mine) if r.content_hash == loaded.content_hash), None)
    latest = mine[-1] if mine else None
    return ApprovalStatus(loaded=loaded, approved=record is not None, record=record, latest=latest,
                          changed_since_approval=record is None and latest is not None)


def require_approved(path: str | Path) -> LoadedPolicy:
    """The policy, if valid and its current content is approved; PolicyError otherwise (fail closed)."""
    status = approval_status(path)
    refusal = status.refusal()
    if refusal is not None:
        raise refusal
    return status.loaded


def approve(path: str | Path, by: str) -> ApprovalRecord:
    """Approve the policy's current content hash: append to approvals.yaml and the audit log."""
    from embgov.audit import append
    from embgov.store.db import utcnow

    by = (by or "").strip()
    if not by or len(by) > 200 or not by.isprintable():
        raise PolicyError("the approver's name must be 1-200 printable characters", where="--by",
                          fix='name the compliance officer approving it, e.g. --by "Dana Reyes"')
    loaded = load_policy(path)
    target = approvals_path(loaded.path)
    with _locked(target.parent):
        existing = read_approvals(target)
        same = next((r for r in existing if r.policy == loaded.path.name and r.content_hash == loaded.content_hash), None)
        if same is not None:
            raise PolicyError(f"policy {loaded.policy.name} (hash {loaded.content_hash[:12]}…) is already approved "
                              f"by {same.approved_by} at {same.approved_at}", where=str(loaded.path),
                              fix="nothing to do; an approval is recorded once per content hash")
        record = ApprovalRecord(policy=loaded.path.name, name=loaded.policy.name, version=loaded.policy.version,
                                content_hash=loaded.content_hash, approved_by=by, approved_at=utcnow())
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


def _render(records: list[ApprovalRecord]) -> str:
    import yaml

    body = yaml.safe_dump({"approvals": [r.model_dump() for r in records]}, sort_keys=False,
                          allow_unicode=True, default_flow_style=False, width=1000)
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
