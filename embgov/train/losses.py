"""Losses: name -> factory. MNRL takes the hard-negative columns as extra candidates."""

from __future__ import annotations

from typing import Callable


def _mnrl(model, training, gather: bool):
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss

    return MultipleNegativesRankingLoss(model, gather_across_devices=gather)


def _cached_mnrl(model, training, gather: bool):
    from sentence_transformers.sentence_transformer.losses import CachedMultipleNegativesRankingLoss

    # Gradient caching: the effective batch (in-batch negatives) is batch_size, memory is mini_batch_size.
    return CachedMultipleNegativesRankingLoss(model, mini_batch_size=training.mini_batch_size, gather_across_devices=gather)


LOSSES: dict[str, Callable] = {"mnrl": _mnrl, "cached_mnrl": _cached_mnrl}


def build_loss(model, training, world_size: int):
    """The spec's loss; gathered across workers when asked and there is more than one; Matryoshka-wrapped
    when dimensions are given."""
    gather = bool(training.gather_across_devices and world_size > 1)
    loss = LOSSES[training.loss](model, training, gather)
    if training.matryoshka_dims:
        from sentence_transformers.sentence_transformer.losses import MatryoshkaLoss

        dim = model.get_embedding_dimension()
        if training.matryoshka_dims[0] > dim:
            raise ValueError(f"matryoshka_dims start at {training.matryoshka_dims[0]} but the model has {dim} dimensions")
        loss = MatryoshkaLoss(model, loss, matryoshka_dims=list(training.matryoshka_dims))
    return loss
