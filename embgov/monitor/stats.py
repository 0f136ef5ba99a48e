"""Statistics of a set of embeddings, cheap enough to compute on every window.

- mean pairwise cosine: exact, from the identity sum_{i != j} u_i.u_j = |sum_i u_i|^2 - sum_i |u_i|^2
  over the unit vectors u_i, so O(n * dim) with no pair sampling (and nothing random about it);
- cosine to the reference centroid: the mean of cos(x_i, c_ref) over the window, and the cosine between
  the two centroids;
- inter-query variance: mean squared Euclidean distance to the window's own centroid, which is the
  trace of the covariance matrix (ddof=0); for unit vectors it equals 1 - |centroid|^2;
- norms: mean, std (ddof=0), min, max of the L2 norms (a changed encoder or broken normalisation shows
  here first).

All-zero rows have no direction: they are counted and left out of the cosine figures.
Sums run in float64 so a 5,000 x 384 float32 window loses nothing to rounding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from embgov.contracts import WindowStats

if TYPE_CHECKING:
    import numpy as np


def centroid(vectors: "np.ndarray") -> "np.ndarray":
    import numpy as np

    return np.asarray(vectors, dtype=np.float64).mean(axis=0)


def _cos(a: "np.ndarray", b: "np.ndarray") -> float | None:
    import numpy as np

    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b / (na * nb)) if na > 0 and nb > 0 else None


def window_stats(vectors: "np.ndarray", reference_centroid: "np.ndarray | None" = None) -> WindowStats:
    """Statistics of `vectors` (n >= 1 rows); with `reference_centroid`, also its cosine figures."""
    import numpy as np

    x = np.asarray(vectors, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"window_stats needs an (n >= 1, dim) array, got shape {x.shape}")
    norms = np.linalg.norm(x, axis=1)
    nonzero = norms > 0
    units = x[nonzero] / norms[nonzero, None]
    n = int(units.shape[0])
    total = units.sum(axis=0)
    pairwise = float((total @ total - n) / (n * (n - 1))) if n >= 2 else None
    c = x.mean(axis=0)
    variance = float(((x - c) ** 2).sum(axis=1).mean())
    to_ref = centroid_cos = None
    if reference_centroid is not None:
        ref = np.asarray(reference_centroid, dtype=np.float64)
        if ref.shape != (x.shape[1],):
            raise ValueError(f"reference centroid has shape {ref.shape}, the window's dimension is {x.shape[1]}")
        ref_norm = float(np.linalg.norm(ref))
        if n and ref_norm > 0:
            to_ref = float((units @ ref).mean() / ref_norm)
        centroid_cos = _cos(c, ref)
    return WindowStats(
        count=int(x.shape[0]), dim=int(x.shape[1]), zero_vectors=int((~nonzero).sum()),
        mean_pairwise_cosine=pairwise, mean_cosine_to_reference_centroid=to_ref,
        centroid_cosine_to_reference=centroid_cos, inter_query_variance=variance,
        norm_mean=float(norms.mean()), norm_std=float(norms.std()), norm_min=float(norms.min()),
        norm_max=float(norms.max()))
