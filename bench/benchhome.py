"""Shared by the pipeline benchmarks: a state directory under .embgov/ with an approved copy of
policies/hipaa.yaml (the repository's policy files stay unapproved and untouched)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench_home(name: str, data: Path | None = None) -> tuple[Path, Path]:
    """Point EMBGOV_HOME at .embgov/NAME; return it and the approved policy copy inside it. `data`,
    a directory outside the repository, joins EMBGOV_DATA_ROOTS (the specs written here name it)."""
    home = ROOT / ".embgov" / name
    os.environ["EMBGOV_HOME"] = str(home)
    if data is not None:
        roots = os.environ.get("EMBGOV_DATA_ROOTS", "")
        os.environ["EMBGOV_DATA_ROOTS"] = os.pathsep.join(r for r in (roots, str(data.resolve())) if r)
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    os.environ.setdefault("EMBGOV_HASH_KEY", "bench-only-hash-key-0123456789abcdef0123456789abcdef")
    from embgov.policy.approvals import approval_status

    policy = home / "policies" / "hipaa.yaml"
    policy.parent.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "policies/hipaa.yaml").read_text()
    if not policy.exists() or policy.read_text() != text:
        policy.write_text(text)
    bench_signer(home)
    if not approval_status(policy).approved:
        bench_approve(policy, home)
    return home, policy


def bench_signer(directory: Path, who: str = "bench") -> tuple[Path, str]:
    """An SSH key made for the benchmark in `directory` and an allowed_signers there listing it as
    `who`@bench, exported as EMBGOV_ALLOWED_SIGNERS (approvals are signed; no person's key is used)."""
    import subprocess

    key, signers, principal = directory / f"{who}_ed25519", directory / "allowed_signers", f"{who}@bench"
    directory.mkdir(parents=True, exist_ok=True)
    if not key.exists():
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", str(key)], check=True)
    public = " ".join(key.with_suffix(".pub").read_text().split()[:2])
    signers.write_text(f"{principal} {public}\n")
    os.environ["EMBGOV_ALLOWED_SIGNERS"] = str(signers)
    return key, principal


def bench_approve(policy: Path, directory: Path, who: str = "bench") -> None:
    """Sign an approval of `policy` with the benchmark's key in `directory` (see bench_signer)."""
    from embgov.policy.approvals import approve

    key, principal = bench_signer(directory, who)
    approve(policy, principal, key=key)
