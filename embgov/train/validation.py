"""The validation split, its score, and the early-stopping rule.

The split is carved from the training pairs by anchor (a held-out query takes all its pairs with it),
chosen by the training seed, so it never overlaps training and never touches the evaluation set. A
score ranks each held-out query's own positives among a small candidate pool: the held-out positives
and hard negatives, topped up with other training positives as distractors. Everything here except
`score` runs without torch.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

NEGATIVE_PREFIX = "negative"


def _order_key(seed: int, text: str) -> str:
    # A seeded hash, not random.shuffle: the choice of an anchor does not depend on row order.
    return hashlib.sha256(f"{seed}\x00{text}".encode()).hexdigest()


def split_validation(rows: list[dict], cfg, seed: int) -> tuple[list[dict], dict | None]:
    """(training rows, validation split or None). None when validation is off or the split would hold
    fewer than `cfg.min_queries` queries (then every row trains)."""
    if not cfg.enabled:
        return rows, None
    anchors = sorted({r["anchor"] for r in rows}, key=lambda a: _order_key(seed, a))
    n = min(cfg.max_queries, int(len(anchors) * cfg.share))
    if n < cfg.min_queries or n >= len(anchors):
        return rows, None
    held = set(anchors[:n])
    train = [r for r in rows if r["anchor"] not in held]
    positives: dict[str, set[str]] = {}
    negatives: dict[str, set[str]] = {}
    for r in rows:
        if r["anchor"] in held:
            positives.setdefault(r["anchor"], set()).add(r["positive"])
            negatives.setdefault(r["anchor"], set()).update(
                v for k, v in r.items() if k.startswith(NEGATIVE_PREFIX) and v)
    queries = anchors[:n]  # seeded order: nothing below depends on the order of the rows
    docs: list[str] = []
    index: dict[str, int] = {}

    def doc(text: str) -> int:
        if text not in index:
            index[text] = len(docs)
            docs.append(text)
        return index[text]

    relevant = [sorted(doc(p) for p in sorted(positives[q])) for q in queries]
    own = set(index)
    for q in queries:  # hard negatives of held-out queries: the distractors that matter most
        for text in sorted(negatives[q] - own):
            if len(docs) < cfg.candidates:
                doc(text)
    fillers = sorted({r["positive"] for r in train} - set(index), key=lambda t: _order_key(seed + 1, t))
    for text in fillers[: max(0, cfg.candidates - len(docs))]:
        doc(text)
    return train, {"queries": queries, "relevant": relevant, "docs": docs, "metric": cfg.metric}


def describe(val: dict | None) -> dict:
    """Counts only (the split holds record text)."""
    if val is None:
        return {"queries": 0, "candidates": 0}
    return {"queries": len(val["queries"]), "candidates": len(val["docs"]), "metric": val["metric"]}


def rank_metrics(rankings: list[list[int]], relevant: list[list[int]], k: int = 10) -> dict[str, float]:
    """Binary nDCG@k and MRR@k of each query's ranking (doc indices, best first), averaged."""
    ndcg = mrr = 0.0
    for ranked, rel in zip(rankings, relevant):
        rel_set = set(rel)
        dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in rel_set)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(rel_set))))
        ndcg += dcg / ideal if ideal else 0.0
        mrr += next((1 / (i + 1) for i, d in enumerate(ranked[:k]) if d in rel_set), 0.0)
    n = max(1, len(rankings))
    return {"ndcg@10": round(ndcg / n, 5), "mrr@10": round(mrr / n, 5)}


def score(model, val: dict, batch_size: int = 64) -> dict[str, float]:
    """Encode the split with `model` (a SentenceTransformer, possibly mid-training) and rank."""
    import torch

    was_training = model.training
    try:
        with torch.no_grad():
            q = model.encode(val["queries"], batch_size=batch_size, convert_to_tensor=True,
                             normalize_embeddings=True, show_progress_bar=False)
            d = model.encode(val["docs"], batch_size=batch_size, convert_to_tensor=True,
                             normalize_embeddings=True, show_progress_bar=False)
            top = torch.topk(q @ d.T, k=min(10, d.shape[0]), dim=1).indices.tolist()
    finally:
        model.train(was_training)
    return rank_metrics(top, val["relevant"])


def eval_every(max_steps: int, epochs: int, per_epoch: int) -> int:
    """Steps between evaluations: `per_epoch` per epoch (at least every step)."""
    per = max(1, math.ceil(max_steps / max(1, epochs)))
    return max(1, math.ceil(per / per_epoch))


@dataclass
class EarlyStop:
    """Best score so far, where it was, and whether patience ran out. The start score (step 0) is a
    reference only: the kept model is always a trained step."""

    patience: int
    min_delta: float
    start: float | None = None
    best: float | None = None
    best_step: int | None = None
    bad: int = 0
    history: list = field(default_factory=list)

    def update(self, step: int, value: float) -> tuple[bool, bool]:
        """Record an evaluation; returns (improved, stop)."""
        self.history.append([step, value])
        if step == 0:
            self.start = value
            return False, False
        if self.best is None or value > self.best + self.min_delta:
            self.best, self.best_step, self.bad = value, step, 0
            return True, False
        self.bad += 1
        return False, bool(self.patience) and self.bad >= self.patience

    def state(self) -> dict:
        return {"patience": self.patience, "min_delta": self.min_delta, "start": self.start, "best": self.best,
                "best_step": self.best_step, "bad": self.bad, "history": self.history}

    @classmethod
    def from_state(cls, data: dict) -> "EarlyStop":
        return cls(**data)
