"""The state database: SQLite by default, any SQLAlchemy URL (Postgres for teams).

Tables are created on first use and upgraded by numbered migrations recorded in
`schema_version`. Writers on SQLite take the write lock when their transaction begins
(BEGIN IMMEDIATE) so that two processes never both read "the last row" and then both write;
on Postgres the same guarantee comes from advisory locks (`lock`) and unique constraints.
"""

from __future__ import annotations

import threading
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import (BigInteger, Column, Connection, Engine, Integer, MetaData, String, Table, Text,
                        create_engine, event, select, text)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from embgov.errors import StoreError
from embgov.settings import get_settings, tighten

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", String(40), nullable=False),
)

jobs = Table(
    "jobs", metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(100), nullable=False, index=True),
    Column("spec_hash", String(64), nullable=False, index=True),
    Column("spec_json", Text, nullable=False),
    Column("state", String(16), nullable=False, index=True),
    Column("stage", String(32)),
    Column("trigger", String(200), nullable=False),
    Column("idempotency_key", String(200), unique=True),
    Column("priority", Integer, nullable=False, default=0),
    Column("attempts", Integer, nullable=False, default=0),
    Column("max_attempts", Integer, nullable=False, default=1),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    Column("started_at", String(40)),
    Column("finished_at", String(40)),
    Column("lease_owner", String(200)),
    Column("lease_expires_at", String(40), index=True),
    Column("run_dir", Text),
    Column("error", Text),
    Column("outputs_json", Text),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(40), nullable=False, index=True),
    Column("attempt", Integer, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("state", String(16), nullable=False),
    Column("worker", String(200)),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("details_json", Text),
)

audit_events = Table(
    "audit_events", metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("ts", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(100), nullable=False, index=True),
    Column("subject", String(300), nullable=False, index=True),
    Column("payload_json", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
)

# The chain's head, updated in the same transaction as each append: deleting the newest
# entries is then detectable too, not only edits in the middle.
audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)


# Named leases with an expiry: the monitoring daemon's leadership (one active daemon per database,
# on any number of hosts). A holder renews well within the TTL; anyone may take an expired one.
leaders = Table(
    "leaders", metadata,
    Column("name", String(100), primary_key=True),
    Column("owner", String(200), nullable=False),
    Column("acquired_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)

# One row per monitoring check that found drift or degradation (figures only, never text), with
# the re-tuning job it enqueued, if any.
drift_events = Table(
    "drift_events", metadata,
    Column("id", String(40), primary_key=True),
    Column("model", String(100), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("decision", String(16), nullable=False),
    Column("method", String(16), nullable=False),
    Column("score", Text),
    Column("threshold", Text),
    Column("window_start", String(40)),
    Column("window_end", String(40)),
    Column("window_size", Integer, nullable=False),
    Column("event_json", Text, nullable=False),
    Column("job_id", String(40)),
    Column("action", String(200)),
    Column("created_at", String(40), nullable=False, index=True),
)


# Vector index tables (one row per LanceDB table a build created) and the aliases production queries
# resolve. The alias lives here, not in LanceDB (which has no atomic multi-table alias) nor in a file
# beside the tables (os.replace is not atomic on object storage): one UPDATE of one row switches it,
# for every process and host that shares this database, and readers see the old or the new row.
index_tables = Table(
    "index_tables", metadata,
    Column("table_name", String(200), primary_key=True),
    Column("index_name", String(100), nullable=False, index=True),
    Column("model", String(100), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("state", String(16), nullable=False),  # building | ready | failed
    Column("owner", String(200), nullable=False),  # host:pid of the build
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),  # heartbeat while building
    Column("completed_at", String(40)),
    Column("record_json", Text, nullable=False),  # the IndexTable record (figures, hashes, paths; no text)
)

index_aliases = Table(
    "index_aliases", metadata,
    Column("name", String(100), primary_key=True),
    Column("table_name", String(200), nullable=False),
    Column("history_json", Text, nullable=False),  # tables this alias pointed at, the live one last
    Column("generation", Integer, nullable=False),  # +1 per switch
    Column("updated_at", String(40), nullable=False),
)


# The daemon's state across restarts, in plain columns (never a pickle): per monitored model, its schedule
# and the scheduled time of its last check, from which misfire and catch-up are computed.
daemon_checks = Table(
    "daemon_checks", metadata,
    Column("model", String(100), primary_key=True),
    Column("schedule", String(100), nullable=False),
    Column("last_run_at", String(40)), Column("last_outcome", String(32)),  # ISO UTC; the check's action, or error
    Column("updated_by", String(200), nullable=False), Column("updated_at", String(40), nullable=False),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[jobs, runs, audit_events, audit_head])


def _v2(conn: Connection) -> None:
    metadata.create_all(conn, tables=[leaders, drift_events])


def _v3(conn: Connection) -> None:
    metadata.create_all(conn, tables=[index_tables, index_aliases])


def _v4(conn: Connection) -> None:
    metadata.create_all(conn, tables=[daemon_checks])


# Append only: a released migration never changes; add the next one to the end.
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4]
SCHEMA_VERSION = len(MIGRATIONS)

_engines: dict[str, Engine] = {}
_ready: set[str] = set()
_guard = threading.Lock()


def utcnow() -> str:
    """Timestamps are ISO-8601 UTC text: identical on SQLite and Postgres, so hashes are stable."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def utc_in(seconds: float) -> str:
    """utcnow() plus `seconds`, in the same sortable text form (lease expiries)."""
    t = datetime.now(timezone.utc) + timedelta(seconds=seconds)
    return t.isoformat(timespec="microseconds").replace("+00:00", "Z")


def process_owner() -> str:
    """host:pid:random: who holds a lease or built a table (unique even when a pid is reused)."""
    import os
    import socket
    import uuid

    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: settings), with its schema created or upgraded."""
    url = url or get_settings().db_url
    with _guard:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create(url)
        if url not in _ready:
            migrate(engine)
            _ready.add(url)
    return engine


def dispose_all() -> None:
    """Close every pooled connection (tests, and after fork)."""
    with _guard:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _ready.clear()


def _create(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError("not a database URL", where="EMBGOV_DB_URL",
                         fix="use e.g. sqlite:///path/embgov.db or postgresql+psycopg://user@host/db") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is what we install
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return create_engine(parsed, pool_pre_ping=True, future=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise StoreError(f"no driver for {parsed.drivername}: {exc}", where="EMBGOV_DB_URL",
                         fix="pip install 'embgov[postgres]' for Postgres") from None


def _sqlite_engine(parsed) -> Engine:
    files: list[Path] = []
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        files = [Path(parsed.database + suffix) for suffix in ("", "-wal", "-shm")]
    engine = create_engine(parsed, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        for path in files:  # 0600 whatever the umask of the process that made them (-wal/-shm copy the db's mode)
            tighten(path)
        dbapi_conn.isolation_level = None  # let BEGIN below, not pysqlite, start transactions
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def lock(conn: Connection, name: str) -> None:
    """Serialise writers of `name` until the transaction ends (Postgres; SQLite already is)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": zlib.crc32(f"embgov:{name}".encode())})


def migrate(engine: Engine) -> int:
    """Bring the schema to SCHEMA_VERSION; safe when several processes start at once."""
    try:
        with engine.begin() as conn:
            lock(conn, "migrate")
            schema_version.create(conn, checkfirst=True)
            current = conn.execute(select(schema_version.c.version).order_by(
                schema_version.c.version.desc()).limit(1)).scalar() or 0
            if current > SCHEMA_VERSION:
                raise StoreError(f"the database schema is version {current}, newer than this embgov "
                                 f"({SCHEMA_VERSION})", where=_safe_url(engine), fix="upgrade embgov")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version - 1](conn)
                conn.execute(schema_version.insert().values(version=version, applied_at=utcnow()))
            return SCHEMA_VERSION
    except OperationalError as exc:
        raise StoreError(f"cannot open the state database: {exc.orig}", where=_safe_url(engine),
                         fix="check EMBGOV_DB_URL / EMBGOV_HOME and that the server is running") from None


def _safe_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def chunks(conn: Connection, stmt, size: int = 1000) -> Iterator:
    """Stream a large result without loading it whole."""
    result = conn.execution_options(yield_per=size).execute(stmt)
    yield from result
