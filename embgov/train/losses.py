"""Losses: name -> factory. MNRL takes the hard-negative columns as extra candidates; gist is MNRL with
a guard: the frozen base model (the guide) masks any in-batch or mined candidate it scores above the
pair's own positive -- on an unlabeled corpus such a candidate is more likely an unlabeled positive
than a negative (GISTEmbed, Solatorio 2024)."""

from __future__ import annotations

from typing import Callable


def _mnrl(model, training, gather: bool):
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    return MultipleNegativesRankingLoss(model, gather_across_devices=gather)


def _cached_mnrl(model, training, gather: bool):
    from sentence_transformers.sentence_transformer.losses import CachedMultipleNegativesRankingLoss

    # Gradient caching: the effective batch (in-batch negatives) is batch_size, memory is mini_batch_size.
    return CachedMultipleNegativesRankingLoss(model, mini_batch_size=training.mini_batch_size, gather_across_devices=gather)


def _gist(model, training, gather: bool, guide=None):
    from sentence_transformers.sentence_transformer.losses import GISTEmbedLoss

    if guide is None:
        raise ValueError("loss gist needs the base model as its guide")
    # temperature 0.05 = MNRL's scale 20. GIST also contrasts anchor-anchor and positive-positive (its defaults).
    return GISTEmbedLoss(model, guide, temperature=GIST_TEMPERATURE, gather_across_devices=gather)


GIST_TEMPERATURE = 0.05
LOSSES: dict[str, Callable] = {"mnrl": _mnrl, "cached_mnrl": _cached_mnrl, "gist": _gist}
NEEDS_GUIDE = frozenset({"gist"})


def build_loss(model, training, world_size: int, guide=None):
    """The spec's loss; gathered across workers when asked and there is more than one; Matryoshka-wrapped
    when dimensions are given. `guide` (a frozen copy of the base model) is used by gist only."""
    gather = bool(training.gather_across_devices and world_size > 1)
    if training.loss in NEEDS_GUIDE:
        loss = LOSSES[training.loss](model, training, gather, guide=guide)
    else:
        loss = LOSSES[training.loss](model, training, gather)
    if training.matryoshka_dims:
        from sentence_transformers.sentence_transformer.losses import MatryoshkaLoss

        dim = model.get_embedding_dimension()
        if training.matryoshka_dims[0] > dim:
            raise ValueError(f"matryoshka_dims start at {training.matryoshka_dims[0]} but the model has {dim} dimensions")
        loss = MatryoshkaLoss(model, loss, matryoshka_dims=list(training.matryoshka_dims))
    return loss
