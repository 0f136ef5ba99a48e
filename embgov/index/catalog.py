"""The index catalogue in the state database: one row per table a build created, and the aliases.

An alias is one row (index name -> table name, plus the tables it pointed at before). Switching it is
one UPDATE inside a transaction that first re-reads the target's row and refuses anything but a
`ready` table; SQLite's BEGIN IMMEDIATE and a Postgres advisory lock serialise switchers of a name,
and the audit event commits in the same transaction. A reader resolves alias -> table record with one
SELECT (a join), so it sees either the old or the new target, never a mix.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from sqlalchemy import Engine, delete, insert, select, update

from embgov.errors import VectorIndexError
from embgov.index.types import IndexTable
from embgov.store.db import get_engine, index_aliases, index_tables, lock, process_owner, utcnow


MAX_HISTORY = 100  # switches remembered per alias; rollback walks back through the ones still ready


class Row(NamedTuple):
    record: IndexTable
    owner: str
    updated_at: str  # the build's last heartbeat


class Alias(NamedTuple):
    name: str
    table: str
    history: list[str]  # oldest first, the live table last
    generation: int
    updated_at: str


PATHS = ("uri", "corpus", "policy", "queries")  # local ones under EMBGOV_HOME are stored relative to it


def _local(value: str) -> bool:
    return "://" not in value


def _dump(record: IndexTable) -> str:
    """The record as stored: paths inside the home relative to it, so a moved or restored home follows."""
    from embgov.settings import to_home

    data = record.model_dump(mode="json")
    for key in PATHS:
        if data.get(key) and _local(data[key]) and data[key].startswith("/"):
            data[key] = to_home(data[key])
    return json.dumps(data)


def _record(row) -> IndexTable:
    from embgov.settings import from_home

    data = json.loads(row.record_json)
    for key in PATHS:
        if data.get(key) and _local(data[key]):
            data[key] = str(from_home(data[key]))
    return IndexTable.model_validate(data)


def start(record: IndexTable, *, engine: Engine | None = None) -> None:
    """Register a build before its table exists, so a crash leaves a row that pruning can find."""
    now = utcnow()
    with (engine or get_engine()).begin() as conn:
        conn.execute(insert(index_tables).values(
            table_name=record.table, index_name=record.index, model=record.model, version=record.version,
            state="building", owner=process_owner(), created_at=now, updated_at=now, record_json=_dump(record)))


def heartbeat(table: str, *, engine: Engine | None = None) -> None:
    with (engine or get_engine()).begin() as conn:
        conn.execute(update(index_tables).where(index_tables.c.table_name == table).values(updated_at=utcnow()))


def save(record: IndexTable, *, engine: Engine | None = None) -> None:
    """Store the record and its state (ready when the build completed and passed its checks, or failed)."""
    now = utcnow()
    with (engine or get_engine()).begin() as conn:
        conn.execute(update(index_tables).where(index_tables.c.table_name == record.table).values(
            state=record.state, updated_at=now, completed_at=record.completed_at, record_json=_dump(record)))


def get(table: str, *, engine: Engine | None = None) -> IndexTable | None:
    with (engine or get_engine()).connect() as conn:
        row = conn.execute(select(index_tables.c.record_json, index_tables.c.state)
                           .where(index_tables.c.table_name == table)).first()
    return _record(row).model_copy(update={"state": row.state}) if row else None


def rows(index: str | None = None, *, model: str | None = None, engine: Engine | None = None) -> list[Row]:
    """Catalogue rows, oldest build first."""
    stmt = select(index_tables).order_by(index_tables.c.created_at, index_tables.c.table_name)
    if index:
        stmt = stmt.where(index_tables.c.index_name == index)
    if model:
        stmt = stmt.where(index_tables.c.model == model)
    with (engine or get_engine()).connect() as conn:
        found = conn.execute(stmt).all()
    # The state column is authoritative: a crash after the row was marked never leaves the JSON ahead.
    return [Row(_record(r).model_copy(update={"state": r.state}), r.owner, r.updated_at) for r in found]


def remove(table: str, *, engine: Engine | None = None) -> None:
    with (engine or get_engine()).begin() as conn:
        conn.execute(delete(index_tables).where(index_tables.c.table_name == table))


def alias(name: str, *, engine: Engine | None = None) -> Alias | None:
    with (engine or get_engine()).connect() as conn:
        row = conn.execute(select(index_aliases).where(index_aliases.c.name == name)).first()
    return _alias(row) if row else None


def aliases(*, engine: Engine | None = None) -> dict[str, Alias]:
    with (engine or get_engine()).connect() as conn:
        return {r.name: _alias(r) for r in conn.execute(select(index_aliases)).all()}


def _alias(row) -> Alias:
    return Alias(row.name, row.table_name, json.loads(row.history_json), row.generation, row.updated_at)


def resolve(name: str, *, engine: Engine | None = None) -> IndexTable:
    """The live table of `name`: alias and record in one SELECT, so one answer, one version."""
    stmt = (select(index_tables.c.record_json, index_tables.c.state)
            .select_from(index_aliases.join(index_tables, index_aliases.c.table_name == index_tables.c.table_name))
            .where(index_aliases.c.name == name))
    with (engine or get_engine()).connect() as conn:
        row = conn.execute(stmt).first()
    if row is None:
        raise VectorIndexError(f"index {name!r} has no live table", where=f"index {name}",
                               fix="build one and make it live: embgov index build MODEL:VERSION --corpus FILE "
                                   f"--policy POLICY --name {name} --promote (embgov index list shows what exists)")
    return _record(row).model_copy(update={"state": row.state})


def switch(name: str, table: str, *, actor: str, action: str, payload: dict, history: list[str] | None = None,
           engine: Engine | None = None) -> tuple[IndexTable, str | None]:
    """Point alias `name` at `table` (which must be ready and belong to `name`). `history` replaces the
    alias's history (rollback); by default `table` is appended. Returns the record and the previous table."""
    from embgov.audit.log import append_in

    with (engine or get_engine()).begin() as conn:
        lock(conn, f"index-alias:{name}")
        row = conn.execute(select(index_tables).where(index_tables.c.table_name == table)).first()
        if row is None or row.index_name != name:
            raise VectorIndexError(f"no table {table!r} in index {name!r}", where=f"index {name}",
                                   fix="embgov index list shows the tables")
        if row.state != "ready":
            raise VectorIndexError(f"table {table} is {row.state}, not ready: only a complete, checked table can go live",
                                   where=f"index {name}", fix="build it again: embgov index build ...")
        current = conn.execute(select(index_aliases).where(index_aliases.c.name == name)).first()
        old = _alias(current) if current else None
        new_history = history if history is not None else [*(old.history if old else []), table]
        new_history = new_history[-MAX_HISTORY:]
        values = {"table_name": table, "history_json": json.dumps(new_history), "updated_at": utcnow(),
                  "generation": (old.generation + 1) if old else 1}
        if old is None:
            conn.execute(insert(index_aliases).values(name=name, **values))
        else:
            conn.execute(update(index_aliases).where(index_aliases.c.name == name).values(**values))
        record = _record(row)
        append_in(conn, actor, action, f"index:{name}", {
            **payload, "table": table, "previous": old.table if old else None, "model": record.model,
            "version": record.version, "generation": values["generation"]})
    return record, (old.table if old else None)
