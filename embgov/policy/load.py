"""Load a redaction policy and compute its content hash (what approvals refer to)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from embgov.errors import PolicyError, SpecError
from embgov.hashing import sha256_json
from embgov.policy.document import RedactionPolicy
from embgov.spec.validation import parse_model
from embgov.spec.yamlsrc import read_text


@dataclass(frozen=True)
class LoadedPolicy:
    policy: RedactionPolicy
    path: Path
    content_hash: str  # sha256 of the canonical JSON: comments and layout do not count, rules do


def policy_hash(policy: RedactionPolicy) -> str:
    return sha256_json(policy.model_dump(mode="json", by_alias=True))


def load_policy(path: str | Path) -> LoadedPolicy:
    """Read and validate a policy file. Raises PolicyError with every located problem."""
    path = Path(path)
    try:
        policy, _ = parse_model(read_text(path, what="policy"), str(path), RedactionPolicy, "policy")
    except SpecError as exc:
        raise as_policy_error(exc, "fix the policy file; jobs under it stay blocked until it loads") from None
    return LoadedPolicy(policy=policy, path=path.resolve(), content_hash=policy_hash(policy))


def as_policy_error(exc: SpecError, fix: str, *, own_fix: bool = False) -> PolicyError:
    """A located SpecError from the YAML/model layer, re-raised as the policy error it is.
    `fix` is used where the error has none, or always with `own_fix`."""
    detail = exc.what + "".join(f"\n  {p}" for p in exc.problems)
    return PolicyError(detail, where=exc.where, fix=fix if own_fix else exc.fix or fix)
