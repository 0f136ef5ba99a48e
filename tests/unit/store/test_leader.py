"""Leadership leases on SQLite and Postgres: one winner among racing contenders, renewal, takeover
after expiry, release."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time

from embgov.store import dispose_all, get_engine
from embgov.store.leader import acquire, holder, release


def _contend(url: str, owner: str, out) -> None:
    out.put((owner, acquire("daemon", owner, 30, engine=get_engine(url))))
    dispose_all()


def test_one_winner_among_threads_and_processes(db_url):
    get_engine(db_url)  # schema first, so the race is about the lease
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_contend, args=(db_url, f"p{i}", out)) for i in range(3)]
    threads = [threading.Thread(target=_contend, args=(db_url, f"t{i}", out)) for i in range(6)]
    [p.start() for p in procs]
    [t.start() for t in threads]
    [t.join() for t in threads]
    results = dict(out.get(timeout=60) for _ in range(9))
    [p.join(30) for p in procs]
    winners = [o for o, won in results.items() if won]
    assert len(winners) == 1 and holder("daemon", engine=get_engine(db_url))["owner"] == winners[0]


def test_renew_takeover_after_expiry_and_release(db_url):
    engine = get_engine(db_url)
    assert acquire("daemon", "a", 0.3, engine=engine)
    first = holder("daemon", engine=engine)
    assert acquire("daemon", "a", 0.3, engine=engine)  # renewal keeps the holder and its start
    assert holder("daemon", engine=engine)["acquired_at"] == first["acquired_at"]
    assert not acquire("daemon", "b", 0.3, engine=engine)
    time.sleep(0.5)
    assert holder("daemon", engine=engine)["expired"]
    assert acquire("daemon", "b", 30, engine=engine)  # a dead holder's lease is free once expired
    assert not acquire("daemon", "a", 30, engine=engine)  # and the old holder cannot renew it back
    release("daemon", "a", engine=engine)  # not the holder: nothing happens
    assert holder("daemon", engine=engine)["owner"] == "b"
    release("daemon", "b", engine=engine)
    assert holder("daemon", engine=engine) is None and acquire("daemon", "a", 30, engine=engine)
