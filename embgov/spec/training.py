"""Training sub-sections: the validation split carved from the training pairs, and the bounded
learning-rate search that uses it. Imported by spec/jobspec.py (TrainingSection)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=False)


class ValidationSettings(_Strict):
    """A small validation split held out from the training pairs (never the evaluation set), scored
    during training to keep the best checkpoint and stop early."""

    enabled: bool = Field(True, description="Hold out a validation split and keep the best checkpoint; off: train on every pair and keep the last step.")
    share: float = Field(0.1, gt=0, le=0.5, description="Share of the training queries (anchors) held out; every pair of a held-out anchor leaves training.")
    max_queries: int = Field(200, ge=1, le=10000, description="Cap on held-out queries (keeps evaluation cheap on large sets).")
    min_queries: int = Field(20, ge=1, le=10000, description="With fewer held-out queries than this the split is too noisy to steer by: no validation, every pair trains.")
    candidates: int = Field(128, ge=2, le=100000, description="Candidate pool per evaluation: the held-out positives and hard negatives, topped up with other training positives as distractors.")
    metric: Literal["ndcg@10", "mrr@10"] = Field("ndcg@10", description="Score of each held-out query's own positives among the candidates.")
    per_epoch: int = Field(4, ge=1, le=100, description="Evaluations per epoch (plus one before training, as the reference, and one at the last step).")
    patience: int = Field(3, ge=0, le=100, description="Stop after this many evaluations without improvement; 0: never stop early.")
    min_delta: float = Field(0.001, ge=0, le=1, description="Smallest gain that counts as an improvement.")


class SearchSpace(_Strict):
    """Trials of `training.search: auto`: each a full training run scored on the validation split."""

    learning_rates: list[float] = Field(default_factory=list, max_length=3, description="Learning rates to try; empty: per-method defaults (LoRA/adapter 2e-3, 1e-3, 5e-4; full 2e-5, 5e-5, 1e-5; layer-selective 5e-5, 2e-5, 1e-4).")
    max_trials: int = Field(3, ge=1, le=3, description="Trials run at most (each is a whole training run, so the budget is small).")

    @field_validator("learning_rates")
    @classmethod
    def _positive(cls, rates: list[float]) -> list[float]:
        if any(not 0 < r <= 1 for r in rates):
            raise ValueError(f"learning rates must be in (0, 1] (got {rates})")
        return rates
