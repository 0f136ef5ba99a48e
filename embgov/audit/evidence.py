"""Claims checked against the audit log.

A gate receipt and a queued job row are claims that anyone who can write a file or a row can forge;
the `gate.verdict` and `job.submit` events are the evidence, because forging one means rewriting the
hash chain (which `audit verify` and its checkpoints detect). Lookups go by subject (indexed), then
compare the payload.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from embgov.hashing import sha256_text

if TYPE_CHECKING:
    from embgov.contracts import GateReceipt
    from embgov.store.queue import Job


def require_gate_verdict(receipt: "GateReceipt", where: str | Path) -> None:
    """GateError unless the audit log holds the passing `gate.verdict` this receipt describes: same
    input and output fingerprints, same policy hash."""
    from embgov.audit.log import lookup
    from embgov.errors import GateError

    want = {"verdict": "passed", "policy_hash": receipt.policy_hash, "input_fingerprint": receipt.input_fingerprint,
            "output_fingerprint": receipt.output_fingerprint}
    for event in lookup("gate.verdict", f"dataset:{receipt.input_fingerprint[:16]}"):
        if all(event.payload.get(k) == v for k, v in want.items()):
            return
    raise GateError("no gate.verdict event in the audit log matches this receipt; run the gate "
                    "(a receipt alone is a claim, not evidence)", where=str(where),
                    fix="run the data through the gate with this database: embgov redact --policy POLICY INPUT... --out DIR")


def queued_spec_problem(job: "Job") -> str | None:
    """None when the row's spec is the one audited at submission; else why not (one short line).

    Checks the row's spec_json against the `job.submit` event: its sha256 (when the event has one:
    it also covers base_dir), and the hash of the re-validated spec against both the event's and the
    row's spec_hash."""
    from embgov.audit.log import lookup
    from embgov.errors import SpecError
    from embgov.spec.loader import LoadedSpec

    events = lookup("job.submit", f"job:{job.id}")
    if not events:
        return "the audit log holds no job.submit event for this job"
    audited = events[0].payload
    if "spec_json_sha256" in audited and sha256_text(job.spec_json) != audited["spec_json_sha256"]:
        return "spec_json differs from the one submitted (sha256 mismatch)"
    try:
        loaded = LoadedSpec.from_json(job.spec_json)
    except (SpecError, ValueError, KeyError, TypeError):
        return "spec_json is no longer a valid spec"
    if loaded.hash != audited.get("spec_hash"):
        return f"the spec hashes to {loaded.hash[:16]}, the submission audited {str(audited.get('spec_hash'))[:16]}"
    if loaded.hash != job.spec_hash:
        return f"the spec hashes to {loaded.hash[:16]}, the row's spec_hash column says {job.spec_hash[:16]}"
    return None
