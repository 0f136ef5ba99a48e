"""The alias: an atomic switch while queries run (threads and another process), crashes in the middle
of a build never go live, rollback, refusal of another model version's encoder, retention."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

import indexkit as kit
from embgov.errors import VectorIndexError
from hostkit import job_host

pytestmark = job_host

QUERIES = 12


def _quiet(_message: str) -> None:
    pass


def _expected(records, version: int, k: int = 3) -> list[list[str]]:
    """Exact top k ids per query (the first QUERIES documents' texts) under `version`, computed apart from LanceDB."""
    import numpy as np

    texts = [kit.text_of(r) for r in records]
    docs, queries = kit.embed(texts, version), kit.embed(texts[:QUERIES], version)
    order = np.argsort(-(queries @ docs.T), axis=1)[:, :k]
    return [[records[j]["_id"] for j in row] for row in order]


@pytest.fixture
def two_versions(corpus, policy):
    from embgov import index

    v1 = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), promote=True, say=_quiet)
    v2 = index.build("docs", corpus, policy=policy, encoder=kit.encoder(2), say=_quiet)
    return v1, v2


def test_a_query_encoder_of_another_version_is_refused(two_versions):
    from embgov import index

    with pytest.raises(VectorIndexError, match=r"holds embeddings of fake:1 .* the query encoder is fake:2") as exc:
        index.query("docs", "insulin receptor", kit.encoder(2))
    assert "embgov index promote docs fake:2" in exc.value.fix
    with pytest.raises(VectorIndexError, match="fake:1"):
        index.query("docs", "insulin receptor", kit.encoder(1, model="other"))


def test_every_answer_comes_from_exactly_one_version_while_the_alias_switches(two_versions, records):
    from embgov import index

    v1, v2 = two_versions
    expected = {1: _expected(records, 1), 2: _expected(records, 2)}
    texts = [kit.text_of(r) for r in records[:QUERIES]]
    encoders = {1: kit.encoder(1), 2: kit.encoder(2)}
    answers, refusals, errors, stop = [], [], [], threading.Event()

    def follower():  # as `embgov index query`: resolve once, embed with the resolved table's version
        while not stop.is_set():
            target = index.resolve("docs")
            answers.append((target.version, index.search(target, texts, encoders[target.version], k=3)))

    def pinned():  # a service holding version 1: answered by version 1, or refused; never mixed
        while not stop.is_set():
            try:
                answers.append((1, index.query("docs", texts, encoders[1], k=3)))
            except VectorIndexError as exc:
                refusals.append(exc)

    def guarded(fn):
        def run():
            try:
                fn()
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
                stop.set()
        return run

    threads = [threading.Thread(target=guarded(f)) for f in (follower, follower, pinned)]
    [t.start() for t in threads]
    try:
        # At least 8 switches, and on until the readers have met both versions (a loaded machine may
        # schedule them so that 8 switches pass unseen); bounded so a real bug still fails.
        deadline, switches = time.monotonic() + 60, 0
        while switches < 8 or not ({v for v, _ in answers} == {1, 2} and refusals):
            if time.monotonic() > deadline or stop.is_set():
                break
            index.promote_table("docs", v2.table, actor="test", say=_quiet)
            time.sleep(0.05)  # let the readers see version 2 before it goes again
            index.rollback("docs", actor="test", say=_quiet)
            switches += 1
    finally:
        stop.set()
        [t.join() for t in threads]
    assert not errors, errors
    seen = set()
    for version, result in answers:
        assert result.version == version and result.table == {1: v1.table, 2: v2.table}[version]
        assert [[h.id for h in hits] for hits in result.hits] == expected[version]
        seen.add(version)
    assert seen == {1, 2} and refusals  # both versions answered while the alias moved
    assert all("fake:2" in str(r) for r in refusals)


READER = """
import json, sys
sys.path.insert(0, {tests!r})
import indexkit as kit
from embgov import index
texts = {texts!r}
out = []
encoders = {{1: kit.encoder(1), 2: kit.encoder(2)}}
for _ in range({rounds}):
    target = index.resolve("docs")
    result = index.search(target, texts, encoders[target.version], k=3)
    out.append([result.version, [[h.id for h in hits] for hits in result.hits]])
print(json.dumps(out))
"""


@pytest.mark.slow  # ~30 s: loops until both versions have answered
def test_another_process_querying_sees_one_version_per_answer(two_versions, records):
    from embgov import index

    v1, v2 = two_versions
    texts = [kit.text_of(r) for r in records[:QUERIES]]
    script = READER.format(tests=str(Path(kit.__file__).parent), texts=texts, rounds=150)
    reader = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    while reader.poll() is None:
        index.promote_table("docs", v2.table, actor="test", say=_quiet)
        index.rollback("docs", actor="test", say=_quiet)
    out = json.loads(reader.stdout.read().strip().splitlines()[-1])
    assert reader.returncode == 0
    expected = {1: _expected(records, 1), 2: _expected(records, 2)}
    assert all(hits == expected[version] for version, hits in out)
    assert {version for version, _ in out} == {1, 2}


def test_an_exception_mid_build_leaves_the_alias_on_the_old_table(two_versions, corpus, policy, records):
    from embgov import index
    from embgov.index import catalog, lance
    from embgov.settings import get_settings

    v1, _ = two_versions
    with pytest.raises(VectorIndexError, match=r"the build failed \(RuntimeError\); the alias did not move"):
        index.build("docs", corpus, policy=policy, encoder=kit.encoder(3, fail_after=2), batch_size=20, promote=True,
                    say=_quiet)
    assert index.resolve("docs").table == v1.table
    failed = [r.record for r in catalog.rows() if r.record.version == 3]
    assert [r.state for r in failed] == ["failed"] and failed[0].table not in lance.names(get_settings().index_uri)
    assert index.query("docs", kit.text_of(records[0]), kit.encoder(1)).hits[0][0].id == "d0"


CRASHER = """
import sys
sys.path.insert(0, {tests!r})
import indexkit as kit
from embgov import index
index.build("docs", {corpus!r}, policy={policy!r}, encoder=kit.encoder(3, exit_after=2), batch_size=20, promote=True)
"""


def test_a_process_killed_mid_build_never_goes_live_and_is_pruned_once_stale(two_versions, corpus, policy):
    from embgov import index
    from embgov.index import catalog, lance
    from embgov.settings import get_settings

    v1, v2 = two_versions
    script = CRASHER.format(tests=str(Path(kit.__file__).parent), corpus=str(corpus), policy=str(policy))
    assert subprocess.run([sys.executable, "-c", script]).returncode == 17
    (crashed,) = [r for r in catalog.rows() if r.record.version == 3]
    assert crashed.record.state == "building"
    assert crashed.record.table in lance.names(get_settings().index_uri)  # half-written: 40 of 120 rows
    assert index.resolve("docs").table == v1.table
    with pytest.raises(VectorIndexError, match="building, not ready"):
        index.promote_table("docs", crashed.record.table, actor="test", say=_quiet)
    with pytest.raises(VectorIndexError, match="no ready table of version 3"):
        index.promote("docs", 3, actor="test", say=_quiet)
    listed = {r["table"]: r for r in index.listing()}
    assert listed[crashed.record.table]["state"] == "building" and listed[crashed.record.table]["heartbeat"]

    assert index.prune(say=_quiet) == []  # its heartbeat is recent: it could still be running
    assert index.prune(stale=timedelta(0), say=_quiet) == [crashed.record.table]
    assert crashed.record.table not in lance.names(get_settings().index_uri)
    assert {r.record.table for r in catalog.rows()} == {v1.table, v2.table}


def test_rollback_and_its_limits(two_versions):
    from embgov import index
    from embgov.audit import list_events

    v1, v2 = two_versions
    assert index.promote("docs", 2, actor="person:ana", reason="v2 is better", say=_quiet).table == v2.table
    assert index.resolve("docs").version == 2
    assert index.rollback("docs", actor="person:ana", say=_quiet).table == v1.table
    assert index.resolve("docs").version == 1
    with pytest.raises(VectorIndexError, match="no earlier live table"):
        index.rollback("docs", actor="person:ana", say=_quiet)
    with pytest.raises(VectorIndexError, match="no ready table of version 9"):
        index.promote("docs", 9, actor="person:ana", say=_quiet)
    promotes = list_events(action="index.promote")
    assert [e.payload["version"] for e in promotes] == [1, 2]
    assert promotes[1].payload["previous"] == v1.table and promotes[1].payload["reason"] == "v2 is better"
    (rolled,) = list_events(action="index.rollback")
    assert rolled.payload["table"] == v1.table and rolled.payload["previous"] == v2.table


def test_retention_keeps_the_newest_the_live_and_the_rollback_target(corpus, policy, monkeypatch):
    from embgov import index
    from embgov.index import lance
    from embgov.settings import get_settings

    monkeypatch.setenv("EMBGOV_INDEX_RETENTION", "2")
    first = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), promote=True, say=_quiet)
    tables = [index.build("docs", corpus, policy=policy, encoder=kit.encoder(v), say=_quiet).table for v in (2, 3, 4)]
    index.promote("docs", 2, actor="test", say=_quiet)  # prunes: v1 is the rollback target, v2 live, v3+v4 newest
    assert {r["version"] for r in index.listing()} == {1, 2, 3, 4}
    index.promote("docs", 4, actor="test", say=_quiet)  # v2 is now the rollback target; v1 goes
    assert sorted(r["version"] for r in index.listing()) == [2, 3, 4]
    assert first.table not in lance.names(get_settings().index_uri)
    assert index.rollback("docs", actor="test", say=_quiet).table == tables[0]
