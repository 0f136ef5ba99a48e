"""Short text that people type and the database keeps: actor names (--by) and idempotency keys.

One line of printable characters, no wider than its column, checked before anything is written:
a line break in an actor forges lines in `audit list`, and text wider than its column is an error
on PostgreSQL (SQLite would have stored it whole). Messages never quote the value.
"""

from __future__ import annotations

from embgov.errors import AuditError, EmbgovError, StoreError

COLUMN_MAX = 200  # audit_events.actor, jobs.trigger, jobs.idempotency_key (store/db.py)
ACTOR_MAX = 100  # a name given to --by: "person:NAME" still fits the 200-character columns
KEY_MAX = COLUMN_MAX


def check_line(value: object, *, what: str, where: str, limit: int, fix: str,
               error: type[EmbgovError] = EmbgovError) -> str:
    """`value` itself when it is 1..limit printable characters on one line; otherwise `error`."""
    if not isinstance(value, str) or not value.strip():
        problem = "is empty"
    elif len(value) > limit:
        problem = f"is {len(value)} characters long; at most {limit} are kept"
    elif not value.isprintable():  # line breaks, tabs, escapes, bidi and zero-width controls
        problem = "holds a line break or another control character"
    else:
        return value
    raise error(f"the {what} {problem}", where=where, fix=fix)


def check_actor(value: object, *, limit: int = COLUMN_MAX, error: type[EmbgovError] = AuditError) -> str:
    """An actor name (who did it, for the audit log); the CLI passes limit=ACTOR_MAX for --by."""
    return check_line(value, what="actor name", where="--by", limit=limit, error=error,
                      fix=f'one line of at most {limit} printable characters, e.g. --by "Dana Reyes"')


def check_key(value: object, *, error: type[EmbgovError] = StoreError) -> str:
    """An idempotency key (one job per key)."""
    return check_line(value, what="idempotency key", where="--idempotency-key", limit=KEY_MAX, error=error,
                      fix=f"one line of at most {KEY_MAX} printable characters, e.g. a ticket id or a UUID")
