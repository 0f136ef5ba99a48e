"""check_window: no-shift vs shift decisions on fixtures, probe degradation, insufficient windows; the
reference store; the DriftEvent contract carries figures, ids and times only."""

from __future__ import annotations

import typing
from datetime import datetime, timedelta, timezone

import pytest
np = pytest.importorskip("numpy")

from embgov.contracts import DriftCalibration, DriftEvent, ProbeResult, WindowStats
from embgov.errors import MonitorError, TelemetryError
from embgov.monitor import check_window, latest_window, load_reference, save_reference
from embgov.spec.jobspec import MonitoringSection, QrelsSource, RecordSource, RetrievalSet
from embgov.telemetry import log_embeddings

DIM = 16
T0 = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
PROBE = RetrievalSet(corpus=RecordSource(path="c.jsonl"), queries=RecordSource(path="q.jsonl"),
                     qrels=QrelsSource(path="r.tsv"))


def gauss(n: int, seed: int, shift: float = 0.0) -> np.ndarray:
    return (np.random.default_rng(seed).normal(size=(n, DIM)) + shift).astype(np.float32)


def monitoring(method: str = "distance", **kw) -> MonitoringSection:
    return MonitoringSection(min_window=50, drift={"method": method, **kw.pop("drift", {})}, **kw)


@pytest.fixture
def reference():
    return save_reference("m1", 3, gauss(600, seed=0), source="eval-queries", promotion_metrics={"ndcg@10": 0.70})


def test_no_shift_then_shift_through_the_stores(reference):
    log_embeddings("m1", 3, gauss(300, seed=1), at=T0 - timedelta(minutes=30))
    calm = check_window(load_reference("m1", 3), latest_window("m1", 3, now=T0), monitoring())
    log_embeddings("m1", 3, gauss(300, seed=2, shift=0.5), at=T0 + timedelta(minutes=30))
    shifted = check_window(load_reference("m1", 3), latest_window("m1", 3, now=T0 + timedelta(hours=1)), monitoring())
    assert calm.decision == "no_drift" and calm.drifted is False
    assert shifted.decision == "drift" and shifted.score > shifted.threshold
    assert (shifted.model, shifted.version, shifted.kind, shifted.window_size, shifted.reference_size) == ("m1", 3, "query", 300, 600)
    assert shifted.window_end == "2026-11-26T13:00:00Z" and shifted.window_start == "2026-11-26T12:00:00Z"
    assert shifted.threshold_source == "calibrated" and shifted.calibration.cached  # calibrated by the first check
    assert shifted.reference_source == "eval-queries" and shifted.job_id is None
    assert shifted.statistics.norm_mean > calm.statistics.norm_mean + 0.3  # a shift of 0.5 per dimension lengthens them


@pytest.mark.parametrize("method", ["model", "ratio", "mmd", "distance"])
def test_each_method_decides_on_arrays(method):
    ref = gauss(800, seed=0)
    calm = check_window(ref, gauss(400, seed=5), monitoring(method), model="m1", version=1)
    shifted = check_window(ref, gauss(400, seed=6, shift=0.6), monitoring(method), model="m1", version=1)
    assert (calm.decision, shifted.decision) == ("no_drift", "drift"), (calm.reasons, shifted.reasons)
    assert calm.window_start is None and shifted.method == method


def test_small_window_is_insufficient_and_says_so(reference):
    event = check_window(reference, gauss(49, seed=1, shift=3.0), monitoring())
    assert event.decision == "insufficient" and event.drifted is None and event.score is None
    assert "fewer than min_window 50" in event.reasons[0] and event.statistics.count == 49


def test_empty_window_has_no_statistics(reference):
    event = check_window(reference, latest_window("m1", 3, now=T0), monitoring())
    assert event.decision == "insufficient" and event.statistics is None and event.window_size == 0


@pytest.mark.parametrize("now, drop, expected", [(0.60, 0.10, "degraded"), (0.69, 0.01, "no_drift")])
def test_probe_drop_beyond_max_drop_is_degradation(reference, now, drop, expected):
    mon = monitoring(probe={"probe": PROBE, "metric": "ndcg@10", "max_drop": 0.05})
    event = check_window(reference, gauss(300, seed=1), mon, probe_metrics={"ndcg@10": now})
    assert event.decision == expected and event.probe.drop == pytest.approx(drop)
    assert event.probe.at_promotion == 0.70 and any(r.startswith("probe") for r in event.reasons)


def test_degradation_outranks_drift_and_a_missing_probe_figure_is_noted(reference):
    mon = monitoring(probe={"probe": PROBE, "metric": "ndcg@10", "max_drop": 0.05})
    both = check_window(reference, gauss(300, seed=1, shift=1.0), mon, probe_metrics={"ndcg@10": 0.5})
    assert both.decision == "degraded" and both.drifted is True
    small = check_window(reference, gauss(10, seed=1), mon, probe_metrics={"ndcg@10": 0.5})
    assert small.decision == "degraded"  # the probe needs no window
    missing = check_window(reference, gauss(300, seed=1), mon)
    assert missing.probe is None and "was not evaluated" in missing.reasons[-1]
    unrecorded = check_window(reference, gauss(300, seed=1), mon, {"ndcg@10": 0.5}, promotion_metrics={})
    assert unrecorded.probe is None and "no ndcg@10 recorded at promotion" in unrecorded.reasons[-1]


def test_spec_threshold_is_used_without_calibration():
    event = check_window(gauss(300, seed=0), gauss(100, seed=1), monitoring(drift={"threshold": 0.0}), model="m", version=1)
    assert event.decision == "drift" and event.threshold_source == "spec" and event.calibration is None


def test_errors_name_what_is_missing(reference):
    with pytest.raises(MonitorError, match="needs the model name and version"):
        check_window(gauss(100, seed=0), gauss(100, seed=1), monitoring())
    with pytest.raises(MonitorError, match="same dimension"):
        check_window(reference, np.zeros((60, DIM + 2), np.float32), monitoring())
    with pytest.raises(MonitorError, match="no reference window") as exc:
        load_reference("m1", 9)
    assert "embgov monitor reference m1:9" in exc.value.fix


def test_reference_round_trip_replacement_and_bad_input(reference):
    again = load_reference("m1", 3)
    assert np.array_equal(again.vectors, reference.vectors)
    assert again.info.count == 600 and again.info.dim == DIM and again.info.promotion_metrics == {"ndcg@10": 0.70}
    reference.calibration["k"] = {"threshold": 1.0}
    save_reference("m1", 3, gauss(100, seed=4), source="file")
    replaced = load_reference("m1", 3)
    assert replaced.info.count == 100 and replaced.calibration.get("k") is None  # the old cache went with the old vectors
    assert not [p for p in replaced.path.parent.iterdir() if p.name.startswith(".")]
    with pytest.raises(TelemetryError):
        save_reference("m1", 3, [[float("nan")] * DIM, [0.0] * DIM], source="file")


def _str_fields(model, prefix="") -> set[str]:
    found = set()
    for name, field in model.model_fields.items():
        args = {field.annotation, *typing.get_args(field.annotation)}
        for arg in args:
            inner = {arg, *typing.get_args(arg)}
            if str in inner:
                found.add(prefix + name)
            for sub in inner:
                if isinstance(sub, type) and sub in (WindowStats, DriftCalibration, ProbeResult):
                    found |= _str_fields(sub, f"{prefix}{name}.")
    return found


def test_the_event_has_no_field_for_text():
    # Every free string is an id, a name, a time, a path or our own figure line: never input text
    # (decision and threshold_source are Literal enums).
    assert _str_fields(DriftEvent) == {
        "event_id", "model", "kind", "window_start", "window_end", "reference_source", "method",
        "reasons", "report", "snapshot_id", "created_at", "job_id", "calibration.rule", "probe.metric"}
    assert all(f.description for m in (DriftEvent, WindowStats, DriftCalibration, ProbeResult)
               for f in m.model_fields.values())


def test_event_json_round_trip(reference):
    event = check_window(reference, gauss(300, seed=1), monitoring())
    assert DriftEvent.model_validate_json(event.model_dump_json()) == event
    with pytest.raises(Exception):
        DriftEvent.model_validate({**event.model_dump(), "query_text": "x"})  # extra="forbid"
