"""Which table answers: promote (switch the alias), rollback, prune by retention, list.

A switch happens only after the target is checked twice: its catalogue row is `ready` (re-read inside
the switching transaction) and LanceDB's own copy agrees (identity metadata, completion marker, row
count). Retention keeps, per index, the newest EMBGOV_INDEX_RETENTION ready tables (default 3) plus,
whatever their age, the live table and the one before it (the rollback target).
"""

from __future__ import annotations

import logging
import os
import re
from datetime import timedelta

from embgov.errors import VectorIndexError
from embgov.index import catalog, lance
from embgov.index.types import IndexTable
from embgov.settings import get_settings
from embgov.store.db import utc_in
from embgov.spec.jobspec import DURATION_PATTERN, NAME_PATTERN, duration_seconds
from embgov import Say

log = logging.getLogger("embgov.index")
RETENTION_ENV = "EMBGOV_INDEX_RETENTION"
STALE_ENV = "EMBGOV_INDEX_STALE_BUILD"
DEFAULT_RETENTION = 3
DEFAULT_STALE = "1h"  # a build heartbeats after every batch (seconds apart); an hour of silence is a dead build
OURS = re.compile(r"^[a-z0-9][a-z0-9._-]*__[a-z0-9][a-z0-9._-]*__v\d+__[0-9a-f]{8}$")


def check_name(index: str) -> str:
    if not isinstance(index, str) or not re.match(NAME_PATTERN, index) or "__" in index:
        raise VectorIndexError(f"not an index name: {index!r}", where="--name",
                               fix="lower case letters, digits, '.', '_' and '-', no '__', at most 63 characters")
    return index


def retention() -> int:
    value = os.environ.get(RETENTION_ENV) or str(DEFAULT_RETENTION)
    if not value.isdigit() or int(value) < 1:
        raise VectorIndexError(f"not a table count: {value!r}", where=RETENTION_ENV, fix="a whole number from 1, e.g. 3")
    return int(value)


def stale_after() -> timedelta:
    value = os.environ.get(STALE_ENV) or DEFAULT_STALE
    if not re.match(DURATION_PATTERN, value):
        raise VectorIndexError(f"not a duration: {value!r}", where=STALE_ENV, fix="use e.g. 30m or 1h")
    return timedelta(seconds=duration_seconds(value))


def verify(record: IndexTable) -> IndexTable:
    """A ready table whose LanceDB copy agrees with the catalogue, or VectorIndexError."""
    if record.state != "ready":
        raise VectorIndexError(f"table {record.table} is {record.state}, not ready", where=f"index {record.index}",
                               fix="only a complete, checked build can go live")
    lance.open_checked(record)
    return record


def promote_table(index: str, table: str, *, actor: str, reason: str = "", say: Say = log.info) -> IndexTable:
    record = catalog.get(table)
    if record is None or record.index != index:
        raise VectorIndexError(f"no table {table!r} in index {index!r}", where=f"index {index}")
    verify(record)
    record, previous = catalog.switch(index, table, actor=actor, action="index.promote", payload={"reason": reason[:256]})
    say(f"index {index}: live on {table} ({record.label()})" + (f", was {previous}" if previous else ""))
    prune(index, actor=actor, say=say)
    return record


def promote(index: str, version: int, *, model: str | None = None, actor: str, reason: str = "",
            say: Say = log.info) -> IndexTable:
    """Make the newest ready table of `version` (of `model`, needed only when the index holds several models) live."""
    check_name(index)
    ready = [r.record for r in catalog.rows(index) if r.record.state == "ready" and r.record.version == int(version)
             and (model is None or r.record.model == model)]
    models = sorted({r.model for r in ready})
    if len(models) > 1:
        raise VectorIndexError(f"index {index} has tables of version {version} of several models: {models}",
                               where=f"index {index}", fix="name one: embgov index promote NAME MODEL:VERSION")
    if not ready:
        raise VectorIndexError(f"index {index} has no ready table of version {version}" + (f" of {model}" if model else ""),
                               where=f"index {index}",
                               fix=f"build it first: embgov index build MODEL:{version} --corpus FILE --policy POLICY --name {index}")
    return promote_table(index, ready[-1].table, actor=actor, reason=reason, say=say)


def rollback(index: str, *, actor: str, reason: str = "", say: Say = log.info) -> IndexTable:
    """Put the table that was live before the current one back (skipping any pruned since)."""
    check_name(index)
    current = catalog.alias(index)
    ready = {r.record.table for r in catalog.rows(index) if r.record.state == "ready"}
    earlier = [t for t in (current.history[:-1] if current else []) if t in ready]
    if not earlier:
        raise VectorIndexError(f"index {index} has no earlier live table to roll back to", where=f"index {index}",
                               fix="promote a specific version instead: embgov index promote NAME VERSION")
    target = earlier[-1]
    verify(catalog.get(target))
    # The history as it was when `target` was last live: everything after it is undone.
    last = max(i for i, t in enumerate(current.history[:-1]) if t == target)
    history = current.history[:last + 1]
    record, previous = catalog.switch(index, target, actor=actor, action="index.rollback",
                                      payload={"reason": reason[:256]}, history=history)
    say(f"index {index}: rolled back to {target} ({record.label()}), was {previous}")
    return record


def prune(index: str | None = None, *, keep: int | None = None, stale: timedelta | None = None, actor: str = "embgov",
          say: Say = log.info) -> list[str]:
    """Drop tables beyond retention, failed builds, builds whose heartbeat is stale, and tables of ours in
    LanceDB that the catalogue no longer knows. Never the live table or its rollback target. Returns the dropped names."""
    from embgov.audit import append

    keep = keep or retention()
    stale = stale if stale is not None else stale_after()
    cutoff = utc_in(-stale.total_seconds())
    all_aliases = catalog.aliases()
    dropped: list[str] = []
    by_index: dict[str, list[catalog.Row]] = {}
    for row in catalog.rows(index):
        by_index.setdefault(row.record.index, []).append(row)
    for name, rows in by_index.items():
        alias = all_aliases.get(name)
        protected = set(alias.history[-2:]) if alias else set()
        ready = [r for r in rows if r.record.state == "ready"]
        protected |= {r.record.table for r in ready[-keep:]}
        for row in rows:
            r = row.record
            if r.table in protected:
                continue
            if r.state in ("ready", "failed") or row.updated_at < cutoff:  # a building row only when its heartbeat stopped
                lance.drop(r.uri, r.table)
                catalog.remove(r.table)
                dropped.append(r.table)
    if index is None:  # orphans: ours by name, unknown to the catalogue (a row removed before its drop finished)
        known = {r.record.table for r in catalog.rows()}
        uri = get_settings().index_uri
        for name in lance.names(uri) if _exists(uri) else []:
            if OURS.match(name) and name not in known:
                lance.drop(uri, name)
                dropped.append(name)
    if dropped:
        append(actor, "index.prune", f"index:{index or '*'}", {"dropped": dropped[:50], "count": len(dropped), "keep": keep})
        say(f"pruned {len(dropped)} table(s): {', '.join(dropped)}")
    return dropped


def _exists(uri: str) -> bool:
    return "://" in uri or os.path.isdir(uri)


def tables(index: str | None = None, *, model: str | None = None) -> list[IndexTable]:
    """Catalogue records (any state), oldest build first."""
    return [row.record for row in catalog.rows(index, model=model)]


def live_tables(*, model: str | None = None) -> list[IndexTable]:
    """The live table of every index (of `model`'s indexes only, when given), by index name."""
    out = []
    for name in sorted(catalog.aliases()):
        try:
            live = catalog.resolve(name)
        except VectorIndexError:
            continue
        if model is None or live.model == model:
            out.append(live)
    return out


def listing(index: str | None = None, *, sizes: bool = True) -> list[dict]:
    """One entry per table, by index name then oldest build first: index, table, model, version, state, rows,
    dim, search, recall, bytes, live."""
    all_aliases = catalog.aliases()
    out = []
    for row in sorted(catalog.rows(index), key=lambda r: r.record.index):  # stable: build order within an index
        r = row.record
        alias = all_aliases.get(r.index)
        out.append({"index": r.index, "table": r.table, "model": r.model, "version": r.version, "state": r.state,
                    "live": bool(alias and alias.table == r.table),
                    "rollback_target": bool(alias and len(alias.history) > 1 and alias.history[-2] == r.table),
                    "rows": r.rows, "dim": r.dim, "encoder": r.encoder, "search": r.search,
                    "recall_at_10": r.ann.recall_at_10 if r.ann else None,
                    "bytes": lance.size_bytes(r) if sizes and r.state == "ready" else None,
                    "corpus_fingerprint": r.corpus_fingerprint, "created_at": r.created_at,
                    "completed_at": r.completed_at, "heartbeat": row.updated_at if r.state == "building" else None})
    return out
