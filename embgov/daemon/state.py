"""What the daemon keeps across restarts: per monitored model, its schedule and the scheduled time of its
last check (table `daemon_checks`, plain columns). The schedule itself lives in memory and is rebuilt from
the registry; nothing read here is unpickled or executed."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from embgov.store import get_engine, utcnow
from embgov.store.db import daemon_checks


def _iso(t: datetime) -> str:
    return t.astimezone(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def last_runs() -> dict[str, datetime]:
    """Model -> scheduled time of its last check that ran (timezone-aware)."""
    with get_engine().connect() as conn:
        rows = conn.execute(select(daemon_checks.c.model, daemon_checks.c.last_run_at)).all()
    return {r.model: datetime.fromisoformat(r.last_run_at.replace("Z", "+00:00")) for r in rows if r.last_run_at}


def _upsert(model: str, owner: str, **values) -> None:
    values |= {"updated_by": owner, "updated_at": utcnow()}
    engine = get_engine()
    for _ in range(3):  # two daemons racing on a first insert: the loser updates instead
        with engine.begin() as conn:
            if conn.execute(update(daemon_checks).where(daemon_checks.c.model == model).values(**values)).rowcount:
                return
        try:
            with engine.begin() as conn:
                conn.execute(daemon_checks.insert().values({"schedule": "", **values, "model": model}))
            return
        except IntegrityError:
            continue


def remember(model: str, schedule: str, owner: str) -> None:
    """The model is monitored on `schedule` (its last run, if any, is kept)."""
    _upsert(model, owner, schedule=schedule)


def record_run(model: str, scheduled: datetime, outcome: str, owner: str) -> None:
    """A check of `model` due at `scheduled` ran (outcome: what it did, or `error`)."""
    _upsert(model, owner, last_run_at=_iso(scheduled), last_outcome=outcome[:32])


def forget(model: str) -> None:
    """No longer monitored: a later promotion starts a fresh schedule, without catching up."""
    with get_engine().begin() as conn:
        conn.execute(delete(daemon_checks).where(daemon_checks.c.model == model))
