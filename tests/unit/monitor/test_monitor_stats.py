"""Window statistics against values worked out by hand, and against the brute-force definitions."""

from __future__ import annotations

import math

import pytest
np = pytest.importorskip("numpy")

from embgov.monitor.stats import centroid, window_stats


def test_hand_computed_square():
    # Three vectors: e1, e2 and 2*e1. Unit vectors e1, e2, e1: pairwise cosines 0, 1, 0 -> mean 1/3.
    x = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]])
    s = window_stats(x, reference_centroid=np.array([1.0, 0.0]))
    assert s.count == 3 and s.dim == 2 and s.zero_vectors == 0
    assert s.mean_pairwise_cosine == pytest.approx(1 / 3)
    # Cosines to the reference centroid e1: 1, 0, 1 -> 2/3; centroid (1, 1/3) -> cos = 1/sqrt(1 + 1/9).
    assert s.mean_cosine_to_reference_centroid == pytest.approx(2 / 3)
    assert s.centroid_cosine_to_reference == pytest.approx(1 / math.sqrt(1 + 1 / 9))
    # Squared distances to the centroid (1, 1/3): 1/9, 13/9, 10/9 -> mean 24/27 = 8/9.
    assert s.inter_query_variance == pytest.approx(8 / 9)
    # Norms 1, 1, 2.
    assert (s.norm_mean, s.norm_min, s.norm_max) == pytest.approx((4 / 3, 1.0, 2.0))
    assert s.norm_std == pytest.approx(math.sqrt(2) / 3)


def test_matches_brute_force_on_random_vectors():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 16)) + 0.5
    ref = rng.normal(size=16)
    s = window_stats(x.astype(np.float32), reference_centroid=ref)
    u = x / np.linalg.norm(x, axis=1, keepdims=True)
    cos = u @ u.T
    pairs = cos[~np.eye(40, dtype=bool)].mean()
    assert s.mean_pairwise_cosine == pytest.approx(pairs, rel=1e-5)
    assert s.mean_cosine_to_reference_centroid == pytest.approx((u @ (ref / np.linalg.norm(ref))).mean(), rel=1e-5)
    assert s.inter_query_variance == pytest.approx(np.trace(np.cov(x.T, ddof=0)), rel=1e-5)  # = trace of covariance
    assert np.allclose(centroid(x), x.mean(axis=0))


def test_zero_vectors_are_counted_and_left_out_of_cosines():
    s = window_stats(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 0.0]]), reference_centroid=np.array([0.0, 1.0]))
    assert s.zero_vectors == 1 and s.mean_pairwise_cosine == pytest.approx(1.0)
    assert s.mean_cosine_to_reference_centroid == pytest.approx(0.0) and s.norm_min == 0.0


def test_single_vector_has_no_pairwise_figure_and_no_reference_figures_without_one():
    s = window_stats(np.ones((1, 4)))
    assert s.mean_pairwise_cosine is None and s.mean_cosine_to_reference_centroid is None
    assert s.inter_query_variance == 0.0


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError):
        window_stats(np.zeros((0, 4)))
    with pytest.raises(ValueError, match="reference centroid"):
        window_stats(np.ones((2, 4)), reference_centroid=np.ones(3))
