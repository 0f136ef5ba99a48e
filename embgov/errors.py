"""One exception tree. Every error says what is wrong, where, and how to fix it.

Messages never carry record text: only paths, field names, ids, hashes and counts.

Each error also carries an `outcome`, which decides what a job does with it (embgov.jobs):
  refused  a rule said no (the gate, the policy, a signature): the job is blocked, never retried, and
           the error must say how to fix it;
  invalid  input a retry cannot fix (a spec, a data file): the job fails at once;
  fault    something could not run (a crash, a library, the database): the job fails and is retried.
A class sets its usual outcome; a raise site may name another (`GateError(..., outcome="fault")`).
"""

from __future__ import annotations

from typing import Literal

Outcome = Literal["refused", "invalid", "fault"]
OUTCOMES = ("refused", "invalid", "fault")


class EmbgovError(Exception):
    """Base of every error embgov raises on purpose. The CLI prints it and exits 1."""

    outcome: Outcome = "fault"

    def __init__(self, what: str, *, where: str | None = None, fix: str | None = None,
                 outcome: Outcome | None = None):
        self.what = what
        self.where = where
        self.fix = fix
        if outcome is not None:
            if outcome not in OUTCOMES:
                raise ValueError(f"unknown outcome {outcome!r}; one of {OUTCOMES}")
            self.outcome = outcome
        super().__init__(self.render())

    def render(self) -> str:
        head = f"{self.where}: {self.what}" if self.where else self.what
        return f"{head}\n  fix: {self.fix}" if self.fix else head


class SpecError(EmbgovError):
    """A job spec is unreadable or invalid. `problems` holds one located message per fault."""

    outcome: Outcome = "invalid"

    def __init__(self, what: str, *, where: str | None = None, fix: str | None = None,
                 problems: list[str] | None = None, outcome: Outcome | None = None):
        self.problems = problems or []
        super().__init__(what, where=where, fix=fix, outcome=outcome)

    def render(self) -> str:
        base = super().render()
        return base + "".join(f"\n  {p}" for p in self.problems)


class ConfigError(SpecError):
    """This host lacks what a valid spec needs to run (a keyed-hash secret, a model package): a fault to fix
    before the job is queued or started (embgov.preflight); `problems` holds one located message each."""


class PolicyError(EmbgovError):
    """A redaction policy is unreadable, invalid, unapproved or changed since approval."""

    outcome: Outcome = "refused"


class GateError(EmbgovError):
    """The redaction gate could not run, or refused the data (it fails closed)."""

    outcome: Outcome = "refused"  # an analyzer crash is raised with outcome="fault": retried, not blocked


class StoreError(EmbgovError):
    """The state database is unreachable or in an unexpected state."""


class AuditError(EmbgovError):
    """The audit log could not be written, or failed verification."""


class DataError(EmbgovError):
    """Training data is unreadable, malformed or yields no pairs (names file, line and field; never text)."""

    outcome: Outcome = "invalid"


class InputError(DataError):
    """A file the job reads is missing or unreadable: a fault to fix, so the job fails (it is not one of
    the gate's or the policy's refusals, which block it)."""


class SignatureError(EmbgovError):
    """An SSH signature (a policy approval, an audit checkpoint) could not be made, or does not verify."""


class TrainError(EmbgovError):
    """Training could not start or did not finish (Ray, the model, or the loop failed)."""


class ExportError(EmbgovError):
    """A model could not be exported, or its export failed the parity check against the torch model."""


class EvalError(EmbgovError):
    """Evaluation could not run: an unreadable test set, an unknown metric, a missing model or library."""


class RegistryError(EmbgovError):
    """A registered model or version is unknown, or the registry cannot be reached."""


class MonitorError(EmbgovError):
    """A drift check could not run: no reference, no production version, no monitoring section, an unknown method."""


class VectorIndexError(EmbgovError):
    """A vector index cannot be built, switched or queried: an un-gated corpus, a missing or incomplete
    table, a query embedded by another model version than the table's, an ANN index below its recall bar."""


class TelemetryError(MonitorError):
    """Embeddings offered to the telemetry store are unusable (not numbers, wrong shape or dimension) or unreadable."""
