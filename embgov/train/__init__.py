"""The train stage: Ray Train launcher, per-worker loop, adaptation methods and losses.

Heavy libraries (torch, ray, transformers, sentence-transformers, peft) load inside functions."""

from embgov.train.launcher import train_model

__all__ = ["train_model"]
