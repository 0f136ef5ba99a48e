"""Which approval entries count, and whether enough of them do (signatures and the two-person rule).

An entry of approvals.yaml counts only when its SSH signature (namespace embgov-policy) verifies
against the deployment's allowed_signers over exactly that entry's statement (file, name, version,
content hash, approver, time), the signer is the named approver, the time is not in the future and
the entry carries the approved content (canonical JSON hashing to its content hash). A YAML file
anyone can write proves nothing by itself: the signatures do.

Two-person rule: when `diff_policies(last approved content, current)` has a change that weakens
protection, the current hash needs EMBGOV_MIN_APPROVALS_WEAKENING distinct listed principals
(default 2); otherwise EMBGOV_MIN_APPROVALS (default 1). A hash becomes approved in file order,
so the "last approved" content is one that met its own threshold: an approver alone cannot step
past the rule by approving an intermediate version. If that content cannot be read, the change
counts as weakening (fail closed). A policy approved for the first time has nothing to weaken.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embgov.errors import PolicyError, SignatureError
from embgov.hashing import canonical_json, sha256_text

if TYPE_CHECKING:
    from embgov.policy.approvals import ApprovalRecord
    from embgov.policy.load import LoadedPolicy
    from embgov.policy.document import RedactionPolicy

MIN_ENV, MIN_WEAKENING_ENV = "EMBGOV_MIN_APPROVALS", "EMBGOV_MIN_APPROVALS_WEAKENING"
CLOCK_SKEW = timedelta(minutes=5)
STATEMENT_TYPE = "embgov.policy.approval/v1"


def statement(record: "ApprovalRecord") -> bytes:
    """The bytes an approver signs: everything the entry claims, except the signature and the content copy
    (bound through content_hash)."""
    return canonical_json({"type": STATEMENT_TYPE, "policy": record.policy, "name": record.name,
                           "version": record.version, "content_hash": record.content_hash,
                           "approved_by": record.approved_by, "approved_at": record.approved_at}).encode("utf-8")


def min_approvals(weakening: bool) -> int:
    """Distinct listed approvers a content hash needs (deployment settings, read from the environment)."""
    base = _env_int(MIN_ENV, 1)
    return max(base, _env_int(MIN_WEAKENING_ENV, 2)) if weakening else base


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 20:
        raise PolicyError(f"must be a whole number from 1 to 20 (got {raw!r})", where=f"${name}",
                          fix=f"unset it for the default ({default}) or set e.g. {name}={default}")
    return int(raw)


@dataclass(frozen=True)
class EntryCheck:
    index: int  # 1-based position in approvals.yaml
    record: "ApprovalRecord"
    principal: str | None  # the verified signer when the entry counts
    reason: str | None  # why it does not count

    def describe(self, file: str) -> str:
        r = self.record
        return f"{file} entry {self.index} (approved_by {r.approved_by!r} at {r.approved_at}): {self.reason}"


def check_entries(entries: list[tuple[int, "ApprovalRecord"]], signers: str | Path | None) -> list[EntryCheck]:
    """Verify each entry of one policy file; the reason an entry does not count, or its signer."""
    from embgov.signing import POLICY_NAMESPACE, allowed_signers, verify

    try:
        signers_path: Path | None = allowed_signers(signers) if entries else None
        no_signers = None
    except SignatureError as exc:
        signers_path, no_signers = None, f"cannot be verified: {exc.where}: {exc.what}"
    now = datetime.now(timezone.utc)
    out = []
    for index, r in entries:
        principal, reason = None, None
        if not r.signature:
            reason = "unsigned (only `embgov policy approve --key` makes an approval that counts)"
        elif no_signers:
            reason = no_signers
        else:
            try:
                principal = verify(statement(r), r.signature, POLICY_NAMESPACE, signers_path)
            except SignatureError as exc:
                reason = f"signature refused: {exc.what}"
        if reason is None:
            reason = _claims(r, principal or "", now)
        out.append(EntryCheck(index, r, principal if reason is None else None, reason))
    return out


def _claims(r: "ApprovalRecord", principal: str, now: datetime) -> str | None:
    """What a validly signed entry must also get right (a listed key can still sign a false statement)."""
    if not r.approved_by.strip():
        return "blank approver"
    if r.approved_by != principal:
        return f"approved_by is not the signer: the key is listed in allowed_signers as {principal!r}"
    if datetime.fromisoformat(r.approved_at) > now + CLOCK_SKEW:
        return f"dated in the future ({r.approved_at})"
    if not r.policy_json or sha256_text(r.policy_json) != r.content_hash:
        return "its copy of the approved content is missing or does not hash to content_hash"
    try:
        content = json.loads(r.policy_json)
        name, version = content.get("name"), content.get("version")
    except (ValueError, AttributeError):
        return "its copy of the approved content is not a JSON object"
    if (r.name, r.version) != (name, version):
        return f"names policy {r.name!r} {r.version!r} but the approved content is {name!r} {version!r}"
    return None


@dataclass(frozen=True)
class Tally:
    signers: tuple[str, ...]  # distinct verified principals of the current hash, in file order
    required: int
    weakening: bool
    baseline_hash: str | None  # the last approved content before (or other than) the current one
    weakening_changes: tuple[str, ...] = field(default_factory=tuple)
    note: str | None = None  # why the change counts as weakening without a diff

    @property
    def approved(self) -> bool:
        return len(self.signers) >= self.required


def tally(checks: list[EntryCheck], loaded: "LoadedPolicy") -> Tally:
    """Count the current hash's approvals against what its change from the last approved content needs."""
    contents: dict[str, "RedactionPolicy | None"] = {loaded.content_hash: loaded.policy}
    signers: dict[str, list[str]] = {}
    order: list[str] = []  # hashes in the order they became approved (re-approval moves one to the end)
    for c in checks:
        if c.principal is None:
            continue
        h = c.record.content_hash
        if h not in contents:
            contents[h] = _content(c.record.policy_json)
        names = signers.setdefault(h, [])
        if c.principal in names:
            continue
        names.append(c.principal)
        if len(names) >= _need(contents, _last_other(order, h), h)[0]:
            if h in order:
                order.remove(h)
            order.append(h)
    current = loaded.content_hash
    base = _last_other(order, current)
    required, weak, note = _need(contents, base, current)
    return Tally(signers=tuple(signers.get(current, [])), required=required, weakening=bool(weak or note),
                 baseline_hash=base, weakening_changes=tuple(weak), note=note)


def _last_other(order: list[str], h: str) -> str | None:
    return next((x for x in reversed(order) if x != h), None)


def _need(contents: dict[str, Any], base: str | None, h: str) -> tuple[int, list[str], str | None]:
    """(approvals needed, weakening changes, note) for content `h` after approved content `base`."""
    from embgov.policy.diff import diff_policies

    if base is None:
        return min_approvals(False), [], None
    old, new = contents.get(base), contents.get(h)
    if old is None or new is None:
        return min_approvals(True), [], "the last approved content cannot be read to diff against (fail closed)"
    weak = [c.description for c in diff_policies(old, new) if c.weakens]
    return min_approvals(bool(weak)), weak, None


def _content(policy_json: str | None) -> "RedactionPolicy | None":
    """The approved content of an entry, or None when it no longer reads as a policy (e.g. an older format)."""
    from pydantic import ValidationError

    from embgov.policy.document import RedactionPolicy

    try:
        return RedactionPolicy.model_validate(json.loads(policy_json or ""))
    except (ValueError, ValidationError):
        return None
