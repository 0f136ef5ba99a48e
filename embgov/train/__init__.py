"""The train stage: Ray Train launcher, per-worker loop, adaptation methods and losses.

Heavy libraries (torch, ray, transformers, sentence-transformers, peft) load inside functions; the API
loads on first use (PEP 562), so reading a run's progress imports no torch.
"""

_LAZY = {"train_model": "launcher", "training_line": "progress", "format_progress": "progress",
         "read_progress": "progress", "adapter_sites": "bottleneck"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"embgov.train.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'embgov.train' has no attribute {name!r}")


__all__ = ["adapter_sites", "format_progress", "read_progress", "train_model", "training_line"]
