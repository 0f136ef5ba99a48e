"""Actor names and idempotency keys in the library: one printable line within the column's width,
refused with a located error before anything is written, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from embgov.audit import append, list_events, verify
from embgov.errors import AuditError, StoreError
from embgov.store import get_engine
from embgov.store.names import COLUMN_MAX, check_actor
from embgov.store.queue import enqueue, list_jobs

BAD_ACTORS = [
    ("ana\n2026-01-01 policy.approve  by mallory", "line break"),
    ("ana\rmallory", "line break"),
    ("ana\x1b[2Kmallory", "control character"),
    ("ana\u2028mallory", "line break"),
    ("a" * 250, "250 characters"),
    ("", "empty"),
    ("   ", "empty"),
]


@pytest.mark.parametrize("actor, problem", BAD_ACTORS, ids=["newline", "cr", "escape", "u2028", "250", "empty", "blank"])
def test_audit_refuses_a_bad_actor_and_writes_nothing(db_url, actor, problem):
    engine = get_engine(db_url)
    with pytest.raises(AuditError) as info:
        append(actor, "policy.approve", "policy:x", {}, engine=engine)
    assert problem in info.value.what and info.value.where == "--by" and info.value.fix
    assert actor.strip() == "" or actor not in info.value.render()  # never echoed
    assert list_events(engine=engine) == []
    assert verify(engine=engine).ok


def test_the_widest_actor_the_column_holds_is_kept_whole(db_url):
    engine = get_engine(db_url)
    wide = "é" * COLUMN_MAX
    event = append(wide, "policy.approve", "policy:x", {}, engine=engine)
    [stored] = list_events(engine=engine)
    assert stored.actor == wide == event.actor and verify(engine=engine).ok


def test_audit_action_and_subject_fit_their_columns(db_url):
    engine = get_engine(db_url)
    with pytest.raises(AuditError, match="audit action"):
        append("ana", "a" * 101, "policy:x", {}, engine=engine)
    with pytest.raises(AuditError, match="audit subject"):
        append("ana", "job.submit", "job:1\njob:2", {}, engine=engine)
    assert list_events(engine=engine) == []


def _enqueue(engine, *, key=None, actor="ana", trigger="person:ana"):
    return enqueue(name="n", spec_hash="h", spec_json="{}", trigger=trigger, idempotency_key=key,
                   audit=(actor, {"k": 1}), engine=engine)


@pytest.mark.parametrize("key, problem", [("k" * 250, "250 characters"), ("k1\nk2", "line break"), ("", "empty")],
                         ids=["250", "newline", "empty"])
def test_queue_refuses_a_bad_key_and_enqueues_nothing(db_url, key, problem):
    engine = get_engine(db_url)
    with pytest.raises(StoreError) as info:
        _enqueue(engine, key=key)
    assert problem in info.value.what and info.value.where == "--idempotency-key"
    assert list_jobs(engine=engine) == [] and list_events(engine=engine) == []


@pytest.mark.parametrize("field", ["actor", "trigger"])
def test_queue_refuses_a_bad_actor_or_trigger_and_enqueues_nothing(db_url, field):
    engine = get_engine(db_url)
    with pytest.raises((AuditError, StoreError), match="250 characters"):
        _enqueue(engine, **{field: "x" * 250})
    assert list_jobs(engine=engine) == [] and list_events(engine=engine) == []


def test_a_key_of_the_full_width_works(db_url):
    engine = get_engine(db_url)
    key = "k" * COLUMN_MAX
    first, created = _enqueue(engine, key=key)
    again, created_again = _enqueue(engine, key=key)
    assert created and not created_again and again.id == first.id and again.idempotency_key == key


def test_check_actor_returns_the_name_unchanged():
    assert check_actor("Dana Reyes (compliance)") == "Dana Reyes (compliance)"
