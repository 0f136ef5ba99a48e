"""The shipped drift defaults (the spec's monitoring section with nothing set) on synthetic embeddings:
a window where 30 % of the queries come from another domain is caught within two checks, and 20 windows
of the reference's own distribution raise no alarm; the reference the pipeline captures by default is
large enough for that (reference_size >= 300)."""

from __future__ import annotations

import pytest
np = pytest.importorskip("numpy")

from embgov.monitor import check_window
from embgov.spec.jobspec import DriftCheck, MonitoringSection

DIM = 48


def domain(centres: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit vectors around a domain's topic centres, like sentence embeddings of one kind of query."""
    x = centres[rng.integers(len(centres), size=n)] + rng.normal(0, 1.5 / np.sqrt(DIM), (n, DIM))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def domains():
    """Two domains of 12 topics each around their own direction. Tuned to look like MiniLM query embeddings
    (mean pairwise cosine about 0.11, as SciFact claims have) and to be no easier to tell apart than
    SciFact and Banking77 (a 30 % mix of 100 rows scores 5-10 null sd, SciFact->Banking77 7-11)."""
    rng = np.random.default_rng(7)

    def centres(k: int = 12) -> np.ndarray:
        d = rng.normal(size=DIM)
        c = 0.5 * d / np.linalg.norm(d) + rng.normal(size=(k, DIM)) / np.sqrt(DIM)
        return c / np.linalg.norm(c, axis=1, keepdims=True)
    return centres(), centres()


def test_defaults_are_the_measured_ones():
    m = MonitoringSection()
    assert (m.drift.method, m.drift.threshold, m.drift.significance) == ("mmd", None, 0.001)
    assert m.min_window == 100 and m.reference_size >= 300
    assert DriftCheck().method == "mmd"


def test_defaults_catch_a_30_percent_shift_within_two_checks_and_stay_quiet_on_the_same_distribution(domains):
    home, other = domains
    rng = np.random.default_rng(11)
    monitoring = MonitoringSection()
    reference = domain(home, monitoring.reference_size, rng)
    size = monitoring.min_window
    same = [check_window(reference, domain(home, size, rng), monitoring, model="m", version=1, seed=i)
            for i in range(20)]
    assert [e.decision for e in same] == ["no_drift"] * 20, [e.reasons[0] for e in same if e.decision != "no_drift"]
    shifted = int(0.3 * size)
    checks = []
    for i in range(10):  # ten independent episodes, two consecutive checks each
        pair = [check_window(reference, np.vstack([domain(home, size - shifted, rng), domain(other, shifted, rng)]),
                             monitoring, model="m", version=1, seed=100 + 2 * i + j) for j in range(2)]
        checks.append(any(e.decision == "drift" for e in pair))
        assert all(e.calibration.p_value is not None and e.threshold_source == "calibrated" for e in pair)
    assert all(checks)
