"""Drift decisions per method on synthetic gaussian fixtures: a shifted window is flagged, windows of the
reference's own distribution are not, a small window gets no decision, thresholds are calibrated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
np = pytest.importorskip("numpy")

from embgov.errors import MonitorError
from embgov.monitor import drift
from embgov.spec.jobspec import DriftCheck

DIM = 24


def gauss(n: int, seed: int, shift: float = 0.0) -> np.ndarray:
    return (np.random.default_rng(seed).normal(size=(n, DIM)) + shift).astype(np.float32)


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    # 1,000 rows: the ratio method's per-component test (Wasserstein > 0.1 std) fires by chance on most
    # components of 200-row gaussian samples; at 400 rows its chance ratio is about 0.2.
    return gauss(1000, seed=0)


@pytest.fixture(scope="module")
def caches() -> dict:
    return {name: {} for name in drift.METHODS}  # calibrate once per method for the whole module


class DictCache(dict):
    pass


@pytest.mark.parametrize("name", sorted(drift.METHODS))
def test_shift_is_flagged_and_same_distribution_windows_are_not(name, reference, caches):
    cache = caches[name]
    shifted = drift.detect(name, reference, gauss(400, seed=99, shift=0.6), min_window=50, cache=cache)
    assert shifted.drifted is True and shifted.threshold_source == "calibrated"
    assert shifted.score > shifted.threshold and shifted.reason.startswith("drift:")
    for seed in range(1, 6):
        same = drift.detect(name, reference, gauss(400, seed=seed), min_window=50, cache=cache)
        assert same.drifted is False, (seed, same.reason)
        if name == "mmd":  # a permutation test at the live sizes: nothing to cache, the window's own rows
            assert not same.calibration.cached and same.calibration.pseudo_window == 400
            assert same.calibration.resamples == 999 and same.p_value > 0.001 and shifted.p_value <= 0.001
        else:
            assert same.calibration.cached and same.calibration.pseudo_window == 384  # min(400, 1000 // 2) -> 384


@pytest.mark.parametrize("name", sorted(drift.METHODS))
def test_small_window_gets_no_decision(name, reference):
    result = drift.detect(name, reference, gauss(49, seed=1, shift=5.0), min_window=50)
    assert (result.drifted, result.score, result.threshold) == (None, None, None)
    assert "insufficient" in result.reason and "49" in result.reason and "50" in result.reason


def test_a_method_whose_chance_scores_reach_its_ceiling_refuses_to_decide():
    result = drift.detect("ratio", gauss(400, seed=0), gauss(200, seed=99, shift=3.0), min_window=50)
    assert result.drifted is None and result.score is None and result.threshold >= 1.0
    assert result.reason.startswith("insufficient") and "cannot show drift at this size" in result.reason


def test_a_threshold_from_the_spec_is_used_as_given(reference):
    high = drift.detect("distance", reference, gauss(200, seed=9, shift=0.6), min_window=50, threshold=100.0)
    low = drift.detect("distance", reference, gauss(200, seed=1), min_window=50, threshold=0.0)
    assert (high.drifted, high.threshold_source, high.calibration) == (False, "spec", None)
    assert low.drifted is True  # Evidently's own verdict at that threshold


def test_calibration_threshold_follows_its_rule_and_is_deterministic(reference):
    threshold, cal = drift.calibrate("distance", reference[:400], 150, resamples=8, seed=3)
    again, _ = drift.calibrate("distance", reference[:400], 150, resamples=8, seed=3)
    assert threshold == again
    assert threshold == pytest.approx(2 * cal.null_max - cal.null_median)
    assert cal.null_median <= cal.null_max and cal.rule == drift.RULE
    assert cal.pseudo_window == 128 and cal.resamples == 8 and not cal.cached


@pytest.mark.parametrize("ref_rows, window_rows, expected", [(400, 200, 192), (400, 500, 192), (1000, 300, 256),
                                                               (26, 20, 12), (300, 5000, 128)])
def test_pseudo_window_rounds_down_to_cacheable_sizes(ref_rows, window_rows, expected):
    assert drift.pseudo_window_size(ref_rows, window_rows) == expected


def test_reference_too_small_to_calibrate_is_an_error_naming_the_fix():
    with pytest.raises(MonitorError, match="too few to calibrate") as exc:
        drift.detect("model", gauss(12, seed=0), gauss(20, seed=1), min_window=10)
    assert "threshold" in exc.value.fix
    # the permutation test needs no split of the reference: a small one still gets a decision
    assert drift.detect("mmd", gauss(12, seed=0), gauss(20, seed=1, shift=3.0), min_window=10).drifted is True


def test_dimension_mismatch_and_unknown_method_are_errors(reference):
    with pytest.raises(MonitorError, match="same dimension"):
        drift.detect("model", reference, np.zeros((60, DIM + 1), np.float32), min_window=10)
    with pytest.raises(MonitorError, match="unknown drift method"):
        drift.detect("ks", reference, reference, min_window=10)


def test_mmd_sees_a_deterministic_sample_of_large_inputs():
    big = gauss(2500, seed=5)
    score, _, rows = drift.run_method("mmd", big, big[:2100])
    assert rows == (1000, 1000) and score == drift.run_method("mmd", big, big[:2100])[0]
    assert drift.run_method("distance", big, big[:2100])[2] is None
    tested = drift.detect("mmd", big, big[:2100], min_window=10)
    assert tested.rows_used == (1000, 1000) and tested.score == score  # the same sample in the permutation test


def test_every_method_the_spec_accepts_is_registered_documented_and_tested():
    allowed = set(DriftCheck.model_fields["method"].annotation.__args__)
    assert allowed == set(drift.METHODS) == set(drift.DESCRIPTIONS)
    assert all(drift.DESCRIPTIONS.values())
    # exercised: the parametrized tests above run over drift.METHODS
    source = Path(__file__).read_text()
    assert re.search(r'parametrize\("name", sorted\(drift\.METHODS\)\)', source)
