"""The telemetry store: round trip, windows by time, refused input, concurrent writers, retention,
and the vector-file readers behind `embgov telemetry ingest`."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone

import pytest
np = pytest.importorskip("numpy")

from embgov.errors import TelemetryError
from embgov.monitor import telemetry_store as tm
from embgov.telemetry import log_embeddings

T0 = datetime(2026, 11, 26, 10, 15, tzinfo=timezone.utc)


def vecs(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)


def test_round_trip_keeps_values_order_and_float32(embgov_home):
    a, b = vecs(3), vecs(2, seed=1)
    path = log_embeddings("m1", 1, a, at=T0)
    log_embeddings("m1", "1", b.astype(np.float64), at=T0 + timedelta(minutes=1))
    assert path.is_relative_to(embgov_home / "telemetry" / "m1" / "v1" / "query" / "20261126T10")
    got = tm.read_window("m1", 1, "query", T0, T0 + timedelta(hours=1))
    assert got.dtype == np.float32 and np.array_equal(got, np.vstack([a, b]))
    assert tm.dimension("m1", 1) == 8


def test_window_bounds_kinds_and_versions_are_separate():
    log_embeddings("m1", 1, vecs(2), at=T0)                          # 10:15
    log_embeddings("m1", 1, vecs(3), at=T0 + timedelta(minutes=50))  # 11:05, next partition
    log_embeddings("m1", 1, vecs(4), kind="document", at=T0)
    log_embeddings("m1", 2, vecs(5, dim=4), at=T0)                   # another version may differ in dimension
    assert len(tm.read_window("m1", 1, "query", T0, T0 + timedelta(minutes=50))) == 2  # until is exclusive
    assert len(tm.read_window("m1", 1, "query", T0 + timedelta(minutes=1), T0 + timedelta(hours=2))) == 3
    assert len(tm.read_window("m1", 1, "document")) == 4
    w = tm.latest_window("m1", 1, now=T0 + timedelta(minutes=55), length=timedelta(minutes=30))
    assert (w.size, w.segments, w.start, w.end) == (3, 1, T0 + timedelta(minutes=25), T0 + timedelta(minutes=55))
    assert tm.read_window("m1", 2).shape == (5, 4)


def test_empty_window_has_the_versions_dimension_and_max_rows_samples_deterministically(monkeypatch):
    monkeypatch.setenv(tm.WINDOW_ENV, "2h")
    assert tm.latest_window("m1", 1, now=T0).vectors.shape == (0, 0)
    log_embeddings("m1", 1, vecs(50), at=T0)
    assert tm.latest_window("m1", 1, now=T0 - timedelta(minutes=1)).vectors.shape == (0, 8)
    w = tm.latest_window("m1", 1, now=T0 + timedelta(hours=1, minutes=59), max_rows=10)
    assert (w.size, w.total) == (10, 50)
    assert np.array_equal(w.vectors, tm.latest_window("m1", 1, now=T0 + timedelta(hours=1), max_rows=10).vectors)


@pytest.mark.parametrize("bad, message", [
    ([[1.0, float("nan")], [0.0, 1.0]], "NaN or infinite"),
    ([[1.0, float("inf")]], "NaN or infinite"),
    ([[1e39, 0.0]], "NaN or infinite"),                   # finite in float64, infinite in float32
    ([1.0, 2.0, 3.0], "1-D array"),
    ("how do I reset my card", "got text"),
    ([["how", "do"], ["I", "pay"]], "not numbers"),
    ([[True, False]], "not numbers"),
    ([[1.0, 2.0], [3.0]], "rows of different lengths"),
    (np.zeros((0, 8)), "shape (0, 8)"),
    (np.zeros((2, 2, 2)), "shape (2, 2, 2)"),
], ids=["nan", "inf", "float32-overflow", "1-D", "text", "text-array", "bool", "ragged", "empty", "3-D"])
def test_bad_vectors_are_refused_with_where_and_fix(bad, message):
    with pytest.raises(TelemetryError) as exc:
        log_embeddings("m1", 1, bad)
    assert message in str(exc.value) and exc.value.where
    assert not (tm.root() / "m1" / "v1" / "query").exists()  # nothing written


def test_dimension_must_match_earlier_segments_of_the_version():
    log_embeddings("m1", 1, vecs(2, dim=8))
    with pytest.raises(TelemetryError, match="dimension 6 differs from the 8") as exc:
        log_embeddings("m1", 1, vecs(2, dim=6), kind="document")
    assert exc.value.fix


@pytest.mark.parametrize("model, version, kind", [("../etc", 1, "query"), ("M1", 1, "query"), ("m1", 0, "query"),
                                                  ("m1", "x", "query"), ("m1", True, "query"), ("m1", 1, "../q")])
def test_names_that_could_escape_the_store_are_refused(model, version, kind):
    with pytest.raises(TelemetryError):
        log_embeddings(model, version, vecs(1), kind=kind)


def test_concurrent_writers_from_threads_lose_nothing():
    barrier = threading.Barrier(8)
    errors = []

    def write(i: int) -> None:
        try:
            barrier.wait()
            for j in range(10):
                log_embeddings("m1", 1, np.full((3, 8), i * 100 + j, dtype=np.float32), at=T0)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    got = tm.read_window("m1", 1)
    assert got.shape == (240, 8)
    assert sorted(set(got[:, 0].tolist())) == sorted(float(i * 100 + j) for i in range(8) for j in range(10))
    assert not [p for p in tm.root().rglob(".*")]  # no temporary files left behind


def test_half_written_and_foreign_files_are_not_read(embgov_home):
    log_embeddings("m1", 1, vecs(2), at=T0)
    part = next((tm.root() / "m1" / "v1" / "query").iterdir())
    (part / ".abc.tmp").write_bytes(b"\x93NUMPY partial")   # a write in progress
    (part / "notes.txt").write_text("ignored")
    assert len(tm.read_window("m1", 1)) == 2


def test_prune_removes_partitions_past_retention(monkeypatch):
    log_embeddings("m1", 1, vecs(2), at=T0 - timedelta(days=40))
    log_embeddings("m1", 1, vecs(3), at=T0 - timedelta(days=2))
    log_embeddings("m2", 1, vecs(4), at=T0 - timedelta(days=31))
    log_embeddings("m1", 1, vecs(5), at=T0)
    assert tm.prune(now=T0) == 2                        # default retention 30d
    assert len(tm.read_window("m1", 1, until=T0 + timedelta(hours=1))) == 8
    monkeypatch.setenv(tm.RETENTION_ENV, "1d")
    assert tm.prune(now=T0) == 1
    assert tm.prune(T0 + timedelta(hours=1)) == 1       # a cut-off time
    assert tm.read_window("m1", 1, until=T0 + timedelta(days=1)).shape == (0, 8)
    monkeypatch.setenv(tm.RETENTION_ENV, "soon")
    with pytest.raises(TelemetryError, match="not a duration"):
        tm.prune()


# --- files for `embgov telemetry ingest` -------------------------------------------------------------

def test_read_vectors_from_npy_jsonl_and_parquet(tmp_path):
    import pandas as pd

    from embgov.monitor.vectorfile import read_vectors

    v = vecs(4, dim=3)
    np.save(tmp_path / "v.npy", v)
    (tmp_path / "v.jsonl").write_text("\n".join(json.dumps(r) for r in v.tolist()) + "\n\n")
    (tmp_path / "o.jsonl").write_text("\n".join(json.dumps({"id": i, "text": "secret", "embedding": r})
                                                for i, r in enumerate(v.tolist())))
    pd.DataFrame({"id": range(4), "text": ["secret"] * 4, "embedding": list(v)}).to_parquet(tmp_path / "v.parquet")
    pd.DataFrame({"a": v[:, 0], "b": v[:, 1], "c": v[:, 2]}).to_parquet(tmp_path / "wide.parquet")
    pd.DataFrame({"vec": list(v), "id": range(4)}).to_parquet(tmp_path / "one.parquet")
    for name in ("v.npy", "v.jsonl", "o.jsonl", "v.parquet", "wide.parquet", "one.parquet"):
        assert np.allclose(read_vectors(tmp_path / name), v), name


@pytest.mark.parametrize("name, content, message", [
    ("queries.txt", "how do I pay\n", "not a vector file"),
    ("q.jsonl", '{"text": "how do I pay"}\n', "not a vector"),
    ("q.jsonl", '["how", "do"]\n', "not a vector"),
    ("q.jsonl", '[1.0, 2.0]\n[1.0]\n', "1 values where earlier lines have 2"),
    ("q.jsonl", 'not json\n', "not JSON"),
    ("q.npy", "objects", "Python objects"),
    ("q.parquet", "text-only", "cannot tell which column"),
])
def test_unusable_files_are_refused_naming_the_file_never_the_text(tmp_path, name, content, message):
    import pandas as pd

    from embgov.monitor.vectorfile import read_vectors

    path = tmp_path / name
    if content == "objects":
        np.save(path, np.array(["how do I pay"], dtype=object), allow_pickle=True)
    elif content == "text-only":
        pd.DataFrame({"text": ["how do I pay"]}).to_parquet(path)
    else:
        path.write_text(content)
    with pytest.raises(TelemetryError) as exc:
        read_vectors(path)
    assert message in str(exc.value) and str(path) in str(exc.value)
    assert "how do I pay" not in str(exc.value) and "how" not in exc.value.what
