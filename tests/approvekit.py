"""Approve policies in tests with the session's SSH keys: `approvekit.approve(path)` signs as dana.

tests/conftest.py points EMBGOV_ALLOWED_SIGNERS at the `ssh_keys` fixture's allowed_signers (dana and
lee listed, eve not) and sets KEYS for every test.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

KEYS: SimpleNamespace | None = None  # the ssh_keys fixture, set by tests/conftest.py


def approve(path: str | Path, who: str = "dana"):
    """Sign an approval of the policy's current content as `who` (dana, lee or eve)."""
    from embgov.policy.approvals import approve as approve_policy

    assert KEYS is not None, "approvekit.KEYS is set by the autouse fixture in tests/conftest.py"
    return approve_policy(path, KEYS.principal(who), key=KEYS.path(who))


def cli_args(who: str = "dana") -> list[str]:
    """`--by PRINCIPAL --key KEY` for `embgov policy approve` as `who`."""
    assert KEYS is not None, "approvekit.KEYS is set by the autouse fixture in tests/conftest.py"
    return ["--by", KEYS.principal(who), "--key", str(KEYS.path(who))]
