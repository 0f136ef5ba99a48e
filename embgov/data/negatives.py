"""Hard negatives, mined by the miner `pairs.hard_negatives.miner` names (the MINERS registry).

For each anchor: the BM25 top_k over the pool; every known positive of the pair excluded; the first
`skip_top` candidates skipped; a candidate that is a near-duplicate of the positive (content-word
Jaccard >= `max_positive_overlap`: likely an unlabeled positive) skipped; with `max_score_ratio`, a
candidate scoring above that multiple of the positive's own BM25 score skipped too; the first
`per_query` kept. The guard looks at the candidate against the positive, not only against the anchor:
a candidate that outscores the positive for the anchor is what a hard negative is (BM25 ranks a
labeled SciFact positive below others for most claims, and the score ratio alone discarded them). The trainer needs fixed
columns, so a row left short is filled with seeded random pool texts that are not its positives,
and each fill is counted.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

from embgov.data.bm25 import jaccard, ranking, word_sets
from embgov.data.builders import QUERY_CHUNK, Pair, Pool
from embgov.errors import DataError
from embgov.spec.jobspec import HardNegatives

CROSS_ENCODER_RATIO = 0.95  # the cross-encoder's guard when max_score_ratio is unset (its scores, not BM25's)
# A reranker takes (anchor, positive, candidate texts) and returns the candidates' positions to keep, best first.
Reranker = Callable[[str, str, list[str]], list[int]]


def _no_rerank(hn: HardNegatives, model_dir: Path | None) -> None:
    return None


def _cross_encoder(hn: HardNegatives, model_dir: Path | None) -> Reranker:
    """Rerank the BM25 survivors with a local cross-encoder; the guard applies to its scores too."""
    if model_dir is None or not model_dir.is_dir():
        raise DataError("cross-encoder model directory not found", where=str(model_dir or "pairs.hard_negatives.cross_encoder"),
                        fix="point pairs.hard_negatives.cross_encoder at a local sentence-transformers CrossEncoder directory")
    try:
        from sentence_transformers import CrossEncoder
    except ImportError:
        raise DataError("sentence-transformers is not installed", fix="pip install sentence-transformers") from None
    try:
        model = CrossEncoder(str(model_dir), local_files_only=True)
    except Exception as exc:  # a broken directory: say which, never fall back to BM25 silently
        raise DataError(f"cannot load the cross-encoder ({type(exc).__name__})", where=str(model_dir),
                        fix="check that the directory holds a complete CrossEncoder model") from None
    ratio = hn.max_score_ratio if hn.max_score_ratio is not None else CROSS_ENCODER_RATIO
    return cross_encoder_reranker(lambda pairs: model.predict([tuple(p) for p in pairs], show_progress_bar=False), ratio)


def cross_encoder_reranker(predict: Callable[[list[list[str]]], Sequence[float]], ratio: float) -> Reranker:
    def rerank(anchor: str, positive: str, texts: list[str]) -> list[int]:
        if not texts:
            return []
        scores = [float(s) for s in predict([[anchor, positive]] + [[anchor, t] for t in texts])]
        pos, cand = scores[0], scores[1:]
        # Scores may be logits (negative): then "above the ratio" means "not clearly below the positive".
        limit = ratio * pos if pos > 0 else pos
        keep = [i for i, s in enumerate(cand) if s <= limit]
        return sorted(keep, key=lambda i: (-cand[i], i))
    return rerank


MINERS: dict[str, Callable[[HardNegatives, Path | None], Reranker | None] | None] = {
    "bm25": _no_rerank,
    "cross_encoder": _cross_encoder,
    "none": None,
}


def add_negatives(pairs: list[Pair], pool: Pool | None, hn: HardNegatives, *, seed: int, stats: Counter,
                  cross_encoder_dir: Path | None = None) -> int:
    """Give every pair exactly k negatives (k = per_query, or 0 with miner none); returns k."""
    factory = MINERS[hn.miner]
    if factory is None:
        stats["ready_negatives_dropped"] += sum(len(p.negatives) for p in pairs)
        for p in pairs:
            p.negatives = []
        return 0
    if pool is None:
        raise DataError("hard-negative mining needs data.corpus", where="pairs.hard_negatives.miner",
                        fix="add data.corpus or set miner: none")
    k = hn.per_query
    rerank = factory(hn, cross_encoder_dir)
    for p in pairs:
        if p.negatives:
            stats["ready_negatives_kept"] += min(len(p.negatives), k)
            p.negatives = p.negatives[:k]
    mined = [p for p in pairs if p.pos_doc is not None]
    # The positive's words: its pool entry's when it is that text, else (a document less its pseudo-query) its own.
    own = [p for p in mined if pool.texts[p.pos_doc] != p.positive]
    extra = dict(zip((p.positive for p in own), word_sets([p.positive for p in own])))
    pos_words = {id(p): extra[p.positive] if p.positive in extra else pool.words[p.pos_doc] for p in mined}
    anchors = sorted({p.anchor for p in mined})
    by_anchor: dict[str, list[Pair]] = {}
    for p in mined:
        by_anchor.setdefault(p.anchor, []).append(p)
    for start in range(0, len(anchors), QUERY_CHUNK):
        chunk = anchors[start:start + QUERY_CHUNK]
        for anchor, scores in zip(chunk, pool.index.scores_many(chunk)):
            order = ranking(scores, hn.top_k)  # one BM25 run per distinct anchor
            for p in by_anchor[anchor]:
                p.negatives = _choose(p, order, scores, pool, hn, k, rerank, stats, pos_words[id(p)])
    fill(pairs, pool.texts, k, random.Random(f"{seed}:fill"), stats, "negatives_filled")
    return k


def _choose(p: Pair, order: list[int], scores, pool: Pool, hn: HardNegatives, k: int,
            rerank: Reranker | None, stats: Counter, positive_words: frozenset[str] = frozenset()) -> list[str]:
    known_texts = {pool.texts[i] for i in p.known}  # a duplicate of a known positive is that positive
    candidates = [i for i in order if i not in p.known and pool.texts[i] not in known_texts]
    stats["negatives_known_positive_excluded"] += len(order) - len(candidates)
    stats["negatives_skipped_top"] += min(hn.skip_top, len(candidates))
    limit = float("inf")
    if hn.max_score_ratio is not None:
        # The ratio compares with the positive's BM25 score; a positive sharing no term with the anchor
        # scores 0 and says nothing, so only the overlap guard and skip_top protect those rows.
        positive_score = float(scores[p.pos_doc])
        if positive_score > 0:
            limit = hn.max_score_ratio * positive_score
        else:
            stats["negatives_guard_undefined"] += 1
    kept: list[int] = []
    for i in candidates[hn.skip_top:]:
        text = pool.texts[i]
        if text == p.positive or jaccard(pool.words[i], positive_words) >= hn.max_positive_overlap:
            stats["negatives_near_duplicate_skipped"] += 1
            continue
        if float(scores[i]) > limit:
            stats["negatives_false_negative_skipped"] += 1
            continue
        if text == p.anchor or any(pool.texts[j] == text for j in kept):
            continue
        kept.append(i)
        if rerank is None and len(kept) == k:
            break
    if rerank is not None:
        order_kept = rerank(p.anchor, p.positive, [pool.texts[i] for i in kept])
        stats["negatives_false_negative_skipped"] += len(kept) - len(order_kept)
        kept = [kept[j] for j in order_kept]
    chosen = [pool.texts[i] for i in kept[:k]]
    stats["negatives_mined"] += len(chosen)
    return chosen


def fill(pairs: list[Pair], texts: list[str], k: int, rng: random.Random, stats: Counter, key: str) -> None:
    """Top every pair up to k negatives with random texts that are not its positives, in row order."""
    n = len(texts)
    for p in pairs:
        if len(p.negatives) >= k:
            continue
        taken = {p.anchor, p.positive, *p.negatives, *(texts[i] for i in p.known)}

        def usable(i: int) -> bool:
            return i not in p.known and bool(texts[i]) and texts[i] not in taken

        while len(p.negatives) < k:
            pick = next((i for i in (rng.randrange(n) for _ in range(64)) if usable(i)), None) if n else None
            if pick is None:  # tiny or repetitive pool: scan once from a random start before giving up
                start = rng.randrange(n) if n else 0
                pick = next((j % n for j in range(start, start + n) if usable(j % n)), None)
            if pick is None:
                raise DataError(f"not enough distinct texts to give every pair {k} negative(s) "
                                f"({n} candidates)", where="pairs.hard_negatives.per_query",
                                fix="lower per_query, add documents, or set miner: none")
            p.negatives.append(texts[pick])
            taken.add(texts[pick])
            stats[key] += 1
