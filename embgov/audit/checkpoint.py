"""Checkpoints: the audit chain's head, written outside the database.

The chain proves that no entry was edited in place, but someone who can write the database can rewrite
an entry and recompute every hash after it and the head: the chain is then consistent again. A
checkpoint is a statement (sequence number, head hash, time, database) written to a directory the
database's users cannot write (another volume or host: the operator's choice), one new file each,
never overwritten; signed with an SSH key when one is given. `verify_checkpoints` proves the chain still
holds every checkpointed head at its position: a rewrite of anything up to a checkpoint breaks it. A
rewrite after the last checkpoint is beyond them (the chain's own verify still sees an inconsistent one).
Object storage (s3://...) is not supported yet: a directory only.
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Engine, func, select

from embgov.audit.log import GENESIS, verify
from embgov.errors import AuditError, EmbgovError
from embgov.store.db import audit_events, get_engine, utcnow

CHECKPOINTS_ENV = "EMBGOV_AUDIT_CHECKPOINTS"
FORMAT = "embgov-audit-checkpoint/1"


class Statement(BaseModel):
    """What one checkpoint file says (canonical JSON); its signature, if any, is the file + `.sig`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["embgov-audit-checkpoint/1"] = Field(description="Version of this statement's layout.")
    seq: int = Field(ge=0, description="Sequence number of the chain's last entry when checkpointed (0: empty).")
    head: str = Field(pattern=r"^[0-9a-f]{64}$", description="Chain hash of that entry (64 zeros when empty).")
    time: str = Field(max_length=40, description="When the checkpoint was made (ISO-8601 UTC).")
    database: str = Field(max_length=1000, description="The database checkpointed: its URL without the password.")

    def to_bytes(self) -> bytes:
        return (self.model_dump_json() + "\n").encode()


@dataclass(frozen=True)
class Written:
    seq: int
    head: str
    time: str
    path: str
    signed: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CheckpointResult:
    ok: bool
    checked: int
    signed: int
    first_bad: str | None = None  # the file of the first checkpoint that no longer holds
    seq: int | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def checkpoint_dir(to: str | Path | None = None) -> Path:
    """The directory given, else $EMBGOV_AUDIT_CHECKPOINTS, else EMBGOV_HOME/checkpoints."""
    from embgov.settings import get_settings

    value = str(to) if to else os.environ.get(CHECKPOINTS_ENV) or str(get_settings().home / "checkpoints")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value):
        raise AuditError("checkpoints go to a directory; object storage URIs are not supported yet", where=value,
                         fix="give a directory on another volume or host (a mounted share), or sync one to object storage")
    return Path(value).expanduser()


def database_identity(engine: Engine) -> str:
    return engine.url.set(password=None).render_as_string(hide_password=False)


def checkpoint(to: str | Path | None = None, *, key: str | Path | None = None,
               engine: Engine | None = None) -> Written:
    """Verify the chain, then write a statement of its head to a new file in `to` (signed with `key`)."""
    from embgov import signing

    engine = engine or get_engine()
    folder = checkpoint_dir(to)
    result = verify(engine=engine)
    if not result.ok:  # anchoring a broken chain would vouch for the damage
        raise AuditError(f"the audit chain is broken at entry {result.first_bad_seq}: {result.reason}",
                         where=database_identity(engine), fix="investigate with `embgov audit verify`; no checkpoint written")
    statement = Statement(format=FORMAT, seq=result.head_seq, head=result.head_hash, time=utcnow(),
                          database=database_identity(engine))
    data = statement.to_bytes()
    signature = signing.sign(data, key, signing.AUDIT_NAMESPACE) if key else None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise AuditError(f"cannot create the checkpoint directory: {exc.strerror}", where=str(folder),
                         fix="create it, writable by this user") from None
    path = folder / f"{statement.seq:012d}-{re.sub(r'[^0-9TZ]', '', statement.time)}.json"
    if signature:  # the signature first: a signed checkpoint is never seen without it
        _write_new(path.with_name(path.name + ".sig"), signature.encode())
    _write_new(path, data)
    return Written(statement.seq, statement.head, statement.time, str(path), signature is not None)


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that did not exist, whole or not at all: a temporary file, then a hard link, which
    fails rather than replace an existing checkpoint."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, path)
    except FileExistsError:
        raise AuditError("a checkpoint with this name exists; checkpoints are never overwritten", where=str(path),
                         fix="run it again (names carry the time to the microsecond)") from None
    except OSError as exc:
        raise AuditError(f"cannot write the checkpoint: {exc.strerror}", where=str(path),
                         fix="check the directory is writable and its filesystem supports hard links") from None
    finally:
        tmp.unlink(missing_ok=True)


def verify_checkpoints(to: str | Path | None = None, *, engine: Engine | None = None,
                       signers: str | Path | None = None, require_signed: bool = False) -> CheckpointResult:
    """Every checkpoint in `to`, oldest first: its signature (when present, or required) is by a key in
    allowed_signers, and the chain's entry at its sequence number still has its head hash. Stops at the
    first that does not hold. Checks positions only: run the chain's `verify` too (the CLI does both)."""
    from embgov import signing

    engine = engine or get_engine()
    folder = checkpoint_dir(to)
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise AuditError("no checkpoints to verify", where=str(folder),
                         fix="write some with `embgov audit checkpoint`, or give the directory they are in")
    checked = signed = 0
    with engine.connect() as conn:
        last = conn.execute(select(func.max(audit_events.c.seq))).scalar() or 0
        for path in files:
            def bad(reason: str, seq: int | None = None) -> CheckpointResult:
                return CheckpointResult(False, checked, signed, path.name, seq, reason)

            data = path.read_bytes()
            try:
                st = Statement.model_validate_json(data)
            except ValidationError:
                return bad("not a checkpoint statement (edited or damaged)")
            if not path.name.startswith(f"{st.seq:012d}-"):
                return bad(f"its name does not match its sequence number {st.seq} (renamed or edited)", st.seq)
            sig = path.with_name(path.name + ".sig")
            if sig.exists():
                try:
                    signing.verify(data, sig.read_text(), signing.AUDIT_NAMESPACE, signers)
                except EmbgovError as exc:
                    return bad(f"signature refused: {exc.what}", st.seq)
                signed += 1
            elif require_signed:
                return bad("not signed, and signatures are required", st.seq)
            made_for = "" if st.database == database_identity(engine) else f" (made for {st.database})"
            if st.seq == 0:
                now = GENESIS if st.head == GENESIS else None
            elif st.seq > last:
                return bad(f"entry {st.seq} no longer exists: the chain ends at {last}{made_for}", st.seq)
            else:
                now = conn.execute(select(audit_events.c.hash).where(audit_events.c.seq == st.seq)).scalar()
            if now != st.head:
                what = "is missing" if now is None else f"now has hash {now[:12]}"
                return bad(f"entry {st.seq} {what}; the checkpoint of {st.time} says {st.head[:12]}: "
                           f"the chain up to entry {st.seq} was rewritten{made_for}", st.seq)
            checked += 1
    return CheckpointResult(True, checked, signed)
