"""Append-only, hash-chained audit log.

Each event stores the hash of the one before it; `verify` recomputes the chain and names the
first entry that was edited, deleted or moved. Appends serialise on a lock (BEGIN IMMEDIATE on
SQLite, an advisory lock on Postgres) and `seq` is a primary key, so concurrent writers can
never fork the chain. Payloads hold ids, hashes, counts and entity types: never record text.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from embgov.errors import AuditError
from embgov.hashing import sha256_json
from embgov.store.db import audit_events, audit_head, chunks, get_engine, lock, utcnow
from embgov.store.names import check_actor, check_line

GENESIS = "0" * 64
MAX_STRING = 256
MAX_PAYLOAD = 16_384


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    ts: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str | None = None
    head_seq: int | None = None  # the head as recorded (audit_head; 0 and GENESIS when empty): when ok, the verified one
    head_hash: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def event_hash(seq: int, ts: str, actor: str, action: str, subject: str, payload: dict, prev_hash: str) -> str:
    return sha256_json({"seq": seq, "ts": ts, "actor": actor, "action": action, "subject": subject,
                        "payload": payload, "prev_hash": prev_hash})


def append(actor: str, action: str, subject: str, payload: dict[str, Any] | None = None,
           *, engine: Engine | None = None) -> AuditEvent:
    """Record one event at the end of the chain and return it."""
    engine = engine or get_engine()
    for _ in range(20):  # retry only the rare race of two first appends / a busy SQLite
        try:
            with engine.begin() as conn:
                return append_in(conn, actor, action, subject, payload)
        except IntegrityError:
            continue
        except OperationalError as exc:
            if "locked" in str(exc.orig).lower():
                continue
            raise AuditError(f"cannot write the audit log: {exc.orig}") from None
    raise AuditError("could not append to the audit log after 20 attempts (contention)",
                     fix="retry; check that no process holds the database locked")


def append_in(conn: Connection, actor: str, action: str, subject: str, payload: dict[str, Any] | None = None) -> AuditEvent:
    """Append inside the caller's transaction, so the event commits (or not) with the change it records."""
    payload = dict(payload or {})
    _check_payload(payload)
    check_actor(actor)
    for name, value, limit in (("action", action, 100), ("subject", subject, 300)):  # their column widths
        check_line(value, what=f"audit {name}", where=f"audit {name}", limit=limit, error=AuditError,
                   fix="a short one-line id such as job:ID or policy:NAME")
    lock(conn, "audit")
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)).first()
    seq, prev = (head.seq + 1, head.hash) if head else (1, GENESIS)
    ts = utcnow()
    digest = event_hash(seq, ts, actor, action, subject, payload, prev)
    conn.execute(audit_events.insert().values(
        seq=seq, ts=ts, actor=actor, action=action, subject=subject,
        payload_json=json.dumps(payload, sort_keys=True), prev_hash=prev, hash=digest))
    if head:
        conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
    else:
        conn.execute(audit_head.insert().values(id=1, seq=seq, hash=digest))
    return AuditEvent(seq, ts, actor, action, subject, payload, prev, digest)


def list_events(*, limit: int | None = 100, action: str | None = None, subject: str | None = None,
                engine: Engine | None = None) -> list[AuditEvent]:
    """Newest last; `limit` keeps the newest N."""
    engine = engine or get_engine()
    stmt = select(audit_events).order_by(audit_events.c.seq.desc())
    if action:
        stmt = stmt.where(audit_events.c.action == action)
    if subject:
        stmt = stmt.where(audit_events.c.subject == subject)
    if limit:
        stmt = stmt.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [_event(r) for r in reversed(rows)]


def lookup(action: str, subject: str, *, engine: Engine | None = None) -> list[AuditEvent]:
    """The events of `action` on `subject`, oldest first (subject is indexed, so this stays cheap). An
    event whose row no longer hashes to its stored hash (edited in place) is left out: evidence only."""
    stmt = select(audit_events).where(audit_events.c.subject == subject, audit_events.c.action == action)
    with (engine or get_engine()).connect() as conn:
        rows = conn.execute(stmt.order_by(audit_events.c.seq)).all()
    events = []
    for row in rows:
        try:
            event = _event(row)
        except ValueError:
            continue
        if event_hash(event.seq, event.ts, event.actor, event.action, event.subject, event.payload,
                      event.prev_hash) == event.hash:
            events.append(event)
    return events


def verify(*, engine: Engine | None = None) -> VerifyResult:
    """Recompute the chain from the first entry; report the first one that does not fit."""
    engine = engine or get_engine()
    expected_seq, prev, checked = 1, GENESIS, 0
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # one snapshot: an append during the scan is not a broken head
            conn.execution_options(isolation_level="REPEATABLE READ")
        head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).first()
        h = (head.seq, head.hash) if head else (0, GENESIS)
        for row in chunks(conn, select(audit_events).order_by(audit_events.c.seq)):
            if row.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq,
                                    f"entry {expected_seq} is missing (deleted?); the next entry is {row.seq}", *h)
            try:
                payload = json.loads(row.payload_json)
            except ValueError:
                return VerifyResult(False, checked, row.seq, f"entry {row.seq}: payload is not valid JSON (edited)", *h)
            if row.prev_hash != prev:
                return VerifyResult(False, checked, row.seq,
                                    f"entry {row.seq} does not follow entry {row.seq - 1} (reordered, or the previous entry was replaced)", *h)
            if event_hash(row.seq, row.ts, row.actor, row.action, row.subject, payload, row.prev_hash) != row.hash:
                return VerifyResult(False, checked, row.seq, f"entry {row.seq} was modified after it was written", *h)
            prev, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
    last = expected_seq - 1
    if head is None and last:
        return VerifyResult(False, checked, 1, "the chain head record is missing (edited)", *h)
    if head is not None and (head.seq != last or head.hash != prev):
        if head.seq > last:
            return VerifyResult(False, checked, last + 1, f"entries {last + 1}..{head.seq} were deleted (the head says {head.seq})", *h)
        return VerifyResult(False, checked, head.seq, "the chain head does not match the last entry (edited)", *h)
    return VerifyResult(True, checked, None, None, last, prev)


def _event(row) -> AuditEvent:
    return AuditEvent(row.seq, row.ts, row.actor, row.action, row.subject,
                      json.loads(row.payload_json), row.prev_hash, row.hash)


def _check_payload(payload: dict[str, Any]) -> None:
    """Keep payloads to ids, hashes and counts: bounded strings, scalars, shallow structures."""

    def walk(value: Any, depth: int, path: str) -> None:
        if depth > 4:
            raise AuditError(f"audit payload nested too deeply at {path}")
        if isinstance(value, dict):
            for k, v in value.items():
                if not isinstance(k, str):
                    raise AuditError(f"audit payload keys must be text (at {path})")
                walk(v, depth + 1, f"{path}.{k}")
        elif isinstance(value, (list, tuple)):
            for i, v in enumerate(value):
                walk(v, depth + 1, f"{path}[{i}]")
        elif isinstance(value, str):
            if len(value) > MAX_STRING:
                raise AuditError(f"audit payload string at {path} is {len(value)} characters; "
                                 f"payloads carry ids, hashes and counts, at most {MAX_STRING} characters each")
        elif value is not None and not isinstance(value, (bool, int, float)):
            raise AuditError(f"audit payload value at {path} has type {type(value).__name__}")

    walk(payload, 0, "payload")
    if len(json.dumps(payload)) > MAX_PAYLOAD:
        raise AuditError(f"audit payload over {MAX_PAYLOAD} bytes")
