"""SSH signatures, as git signs commits: `ssh-keygen -Y sign` with an approver's or operator's key,
`ssh-keygen -Y verify` against an `allowed_signers` file (git's format: `PRINCIPAL KEYTYPE KEY`).

A namespace keeps a signature made for one purpose from being replayed for another (a policy
approval is never an audit checkpoint). Who may sign is the deployment's allowed_signers file
(EMBGOV_ALLOWED_SIGNERS); a signature by a key not listed there proves nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from embgov.errors import SignatureError

ALLOWED_SIGNERS_ENV = "EMBGOV_ALLOWED_SIGNERS"
POLICY_NAMESPACE = "embgov-policy"
AUDIT_NAMESPACE = "embgov-audit"
TIMEOUT_S = 30


def _ssh_keygen() -> str:
    exe = shutil.which("ssh-keygen")
    if exe is None:
        raise SignatureError("ssh-keygen is not installed", where="PATH",
                             fix="install OpenSSH's client tools (Debian: apt install openssh-client)")
    return exe


def allowed_signers(path: str | Path | None = None) -> Path:
    """The allowed_signers file: the one given, else $EMBGOV_ALLOWED_SIGNERS."""
    value = path or os.environ.get(ALLOWED_SIGNERS_ENV)
    if not value:
        raise SignatureError("no allowed_signers file is configured", where=f"${ALLOWED_SIGNERS_ENV}",
                             fix=f"export {ALLOWED_SIGNERS_ENV}=/etc/embgov/allowed_signers (git's format: one "
                                 "'PRINCIPAL ssh-ed25519 AAAA...' line per approver)")
    p = Path(value).expanduser()
    if not p.is_file():
        raise SignatureError("the allowed_signers file does not exist", where=str(p),
                             fix=f"create it, or point ${ALLOWED_SIGNERS_ENV} at the deployment's file")
    return p


def sign(data: bytes, key: str | Path, namespace: str) -> str:
    """An armored SSH signature of `data` by the private key at `key` (or the agent's key for a .pub)."""
    path = Path(key).expanduser()
    if not path.is_file():
        raise SignatureError("signing key not found", where=str(path), fix="give the private key, e.g. ~/.ssh/id_ed25519")
    done = subprocess.run([_ssh_keygen(), "-Y", "sign", "-q", "-f", str(path), "-n", namespace], input=data,
                          capture_output=True, timeout=TIMEOUT_S)
    if done.returncode != 0 or b"BEGIN SSH SIGNATURE" not in done.stdout:
        raise SignatureError("ssh-keygen could not sign", where=str(path),
                             fix="check the key (an SSH private key; a passphrase needs a terminal or ssh-agent)")
    return done.stdout.decode("ascii")


def verify(data: bytes, signature: str, namespace: str, signers: str | Path | None = None) -> str:
    """The principal of allowed_signers whose key made `signature` over `data` in `namespace`; else SignatureError."""
    exe, signers_path = _ssh_keygen(), allowed_signers(signers)
    with tempfile.TemporaryDirectory() as tmp:
        sig = Path(tmp) / "data.sig"
        sig.write_text(signature)
        found = subprocess.run([exe, "-Y", "find-principals", "-s", str(sig), "-f", str(signers_path)],
                               capture_output=True, timeout=TIMEOUT_S)
        principals = [p for p in found.stdout.decode("utf-8", "replace").split() if p]
        if found.returncode != 0 or not principals:
            raise SignatureError("the signing key is not in allowed_signers", where=str(signers_path),
                                 fix="only a listed approver's key counts; add the key there (a deployment change)")
        for principal in principals:
            checked = subprocess.run([exe, "-Y", "verify", "-f", str(signers_path), "-I", principal, "-n", namespace,
                                      "-s", str(sig)], input=data, capture_output=True, timeout=TIMEOUT_S)
            if checked.returncode == 0:
                return principal
    raise SignatureError("the signature does not verify (it was made over other content or for another purpose)",
                         where=str(signers_path), fix="sign again over the current content")
