"""Leadership by lease: one holder of a name at a time, across processes and hosts sharing the database.

A row per name holds the owner and an expiry. Taking it is a single conditional UPDATE (free, or
expired, or already ours) or the first INSERT; both databases apply it atomically, so two
contenders never both win. The holder renews well within the TTL; a holder that dies (kill -9,
a lost host) simply stops renewing, and the lease is free once it expires. A table rather than a
Postgres advisory lock: the same code then works on SQLite, and a stuck connection cannot hold
leadership forever.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from embgov.store.db import get_engine, leaders, utc_in, utcnow


def acquire(name: str, owner: str, ttl_seconds: float, *, engine: Engine | None = None) -> bool:
    """Take or renew the lease `name` for `owner`. True when `owner` holds it now."""
    engine = engine or get_engine()
    now = utcnow()
    with engine.begin() as conn:
        renewed = conn.execute(update(leaders).where(leaders.c.name == name, leaders.c.owner == owner)
                               .values(expires_at=utc_in(ttl_seconds)))
        if renewed.rowcount == 1:
            return True
        taken = conn.execute(update(leaders).where(leaders.c.name == name, leaders.c.expires_at < now)
                             .values(owner=owner, acquired_at=now, expires_at=utc_in(ttl_seconds)))
        if taken.rowcount == 1:
            return True
        if conn.execute(select(leaders.c.name).where(leaders.c.name == name)).first() is not None:
            return False
    try:
        with engine.begin() as conn:
            conn.execute(insert(leaders).values(name=name, owner=owner, acquired_at=now, expires_at=utc_in(ttl_seconds)))
        return True
    except IntegrityError:  # another contender inserted first
        return False


def holder(name: str, *, engine: Engine | None = None) -> dict | None:
    """The current holder (owner, acquired_at, expires_at, expired), or None."""
    with (engine or get_engine()).connect() as conn:
        row = conn.execute(select(leaders).where(leaders.c.name == name)).first()
    if row is None:
        return None
    return {"owner": row.owner, "acquired_at": row.acquired_at, "expires_at": row.expires_at,
            "expired": row.expires_at < utcnow()}


def release(name: str, owner: str, *, engine: Engine | None = None) -> None:
    """Give the lease up at once (a clean shutdown), so a standby need not wait for the expiry."""
    with (engine or get_engine()).begin() as conn:
        conn.execute(delete(leaders).where(leaders.c.name == name, leaders.c.owner == owner))
