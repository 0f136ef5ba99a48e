"""The audit chain: appends, tamper detection (edit, delete, reorder), concurrent writers."""

from __future__ import annotations

import json
import multiprocessing as mp
import threading

import pytest
from sqlalchemy import text

from embgov.audit import append, list_events, verify
from embgov.errors import AuditError
from embgov.store import dispose_all, get_engine


def _fill(url: str, n: int = 5) -> None:
    for i in range(n):
        append("alice", "policy.approve", f"policy-{i}", {"hash": f"{i:064x}", "count": i}, engine=get_engine(url))


def _exec(url: str, sql: str) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(text(sql))


def test_append_and_list(db_url):
    _fill(db_url, 3)
    events = list_events(engine=get_engine(db_url))
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == "0" * 64 and events[1].prev_hash == events[0].hash
    assert events[2].payload == {"hash": f"{2:064x}", "count": 2}
    assert verify(engine=get_engine(db_url)).ok


def test_list_filters_and_limit(db_url):
    _fill(db_url, 4)
    append("bob", "job.submit", "job-1", {}, engine=get_engine(db_url))
    engine = get_engine(db_url)
    assert [e.subject for e in list_events(action="job.submit", engine=engine)] == ["job-1"]
    assert [e.seq for e in list_events(limit=2, engine=engine)] == [4, 5]


def test_edit_is_detected(db_url):
    _fill(db_url)
    _exec(db_url, "UPDATE audit_events SET payload_json = '{\"count\": 99}' WHERE seq = 3")
    result = verify(engine=get_engine(db_url))
    assert not result.ok and result.first_bad_seq == 3 and "modified" in result.reason


def test_edit_of_actor_is_detected(db_url):
    _fill(db_url)
    _exec(db_url, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2")
    assert verify(engine=get_engine(db_url)).first_bad_seq == 2


def test_deletion_in_the_middle_is_detected(db_url):
    _fill(db_url)
    _exec(db_url, "DELETE FROM audit_events WHERE seq = 2")
    result = verify(engine=get_engine(db_url))
    assert not result.ok and result.first_bad_seq == 2 and "missing" in result.reason


def test_deletion_of_the_newest_is_detected(db_url):
    _fill(db_url)
    _exec(db_url, "DELETE FROM audit_events WHERE seq >= 4")
    result = verify(engine=get_engine(db_url))
    assert not result.ok and result.first_bad_seq == 4 and "deleted" in result.reason


def test_reorder_is_detected(db_url):
    _fill(db_url)
    _exec(db_url, "UPDATE audit_events SET seq = 100 WHERE seq = 2")
    _exec(db_url, "UPDATE audit_events SET seq = 2 WHERE seq = 3")
    _exec(db_url, "UPDATE audit_events SET seq = 3 WHERE seq = 100")
    result = verify(engine=get_engine(db_url))
    assert not result.ok and result.first_bad_seq == 2


def test_rewritten_chain_with_recomputed_hashes_still_fails_at_head(db_url):
    """Re-hashing an edited entry breaks its successor's prev_hash."""
    from embgov.audit.log import event_hash

    _fill(db_url)
    engine = get_engine(db_url)
    e = list_events(engine=engine)[1]
    forged = event_hash(e.seq, e.ts, "mallory", e.action, e.subject, e.payload, e.prev_hash)
    _exec(db_url, f"UPDATE audit_events SET actor = 'mallory', hash = '{forged}' WHERE seq = 2")
    result = verify(engine=engine)
    assert not result.ok and result.first_bad_seq == 3


@pytest.mark.parametrize("payload,fragment", [
    ({"note": "x" * 300}, "at most 256"),
    ({"blob": b"bytes"}, "has type bytes"),
    ({"a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}, "nested too deeply"),
    ({1: "x"}, "keys must be text"),
])
def test_payload_refuses_free_text_and_odd_types(payload, fragment):
    with pytest.raises(AuditError, match=fragment):
        append("alice", "x", "y", payload)
    assert list_events() == []


def test_empty_actor_refused():
    with pytest.raises(AuditError, match="actor"):
        append("", "x", "y", {})


def _threads(url: str, n_threads: int, per: int) -> None:
    engine = get_engine(url)
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            for i in range(per):
                append(f"t{t}", "test.append", f"s{t}-{i}", {"i": i}, engine=engine)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(n_threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors


def _proc(url: str, tag: int, per: int) -> None:
    dispose_all()  # never reuse the parent's pooled connections after fork
    for i in range(per):
        append(f"p{tag}", "test.append", f"p{tag}-{i}", {"i": i}, engine=get_engine(url))


def test_concurrent_appends_threads_and_processes_never_fork(db_url):
    get_engine(db_url)  # create the schema once before the stampede
    dispose_all()
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_proc, args=(db_url, p, 15)) for p in range(3)]
    for p in procs:
        p.start()
    _threads(db_url, 6, 15)
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    engine = get_engine(db_url)
    events = list_events(limit=None, engine=engine)
    assert len(events) == 6 * 15 + 3 * 15
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert len({e.subject for e in events}) == len(events)
    assert verify(engine=engine).ok


def test_payload_is_stored_as_json(db_url):
    append("alice", "x", "y", {"k": [1, 2]}, engine=get_engine(db_url))
    with get_engine(db_url).connect() as conn:
        assert json.loads(conn.execute(text("SELECT payload_json FROM audit_events")).scalar()) == {"k": [1, 2]}
