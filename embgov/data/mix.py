"""General-data mix against catastrophic forgetting (the article's 5-15 % of general pairs).

`fraction` is the share of the FINAL set: n_general = round(fraction / (1 - fraction) x n_domain).
The general source has no corpus, so its rows' negatives are other rows' positives.
"""

from __future__ import annotations

import math
import random
from collections import Counter

from embgov.data.builders import Pair, ready_made
from embgov.data.negatives import fill
from embgov.data.readers import PairRow
from embgov.errors import DataError


def general_count(fraction: float, n_domain: int) -> int:
    if fraction <= 0:
        return 0
    return math.floor(fraction / (1 - fraction) * n_domain + 0.5)  # round half up, not to even


def domain_cap(max_pairs: int | None, fraction: float) -> int | None:
    """max_pairs caps the whole file: with a mix, the domain share is capped so domain + general <= max_pairs."""
    if max_pairs is None:
        return None
    return max(1, math.floor(max_pairs * (1 - fraction) + 1e-9))


def general_pairs(rows: list[PairRow], fraction: float, n_domain: int, k: int, *, seed: int, stats: Counter,
                  where: str | None = None) -> list[Pair]:
    """Draw the general rows (seeded; with replacement only beyond the source's size) with k negatives each."""
    n = general_count(fraction, n_domain)
    stats["general_source_rows"] += len(rows)
    if n == 0:
        return []
    if not rows:
        raise DataError("the general pair source has no rows", where=where, fix="give a non-empty pairs file, or drop general_mix")
    rng = random.Random(f"{seed}:general")
    if n <= len(rows):
        picked = rng.sample(range(len(rows)), n)
    else:
        extra = n - len(rows)
        picked = list(range(len(rows))) + [rng.randrange(len(rows)) for _ in range(extra)]
        stats["general_resampled"] += extra
    pairs = ready_made([rows[i] for i in picked], origin="general")
    if k == 0:
        stats["ready_negatives_dropped"] += sum(len(p.negatives) for p in pairs)
        for p in pairs:
            p.negatives = []
        return pairs
    stats["general_negatives_kept"] += sum(min(len(p.negatives), k) for p in pairs)
    for p in pairs:
        p.negatives = p.negatives[:k]
    positives = list(dict.fromkeys(r.positive for r in rows))  # distinct, in file order: deterministic
    fill(pairs, positives, k, random.Random(f"{seed}:general-fill"), stats, "general_negatives_filled")
    return pairs
