"""Shared by integration tests: a real local Ray (num_cpus=2), a tiny 2-layer random BERT on MiniLM's
tokenizer, and specs for it."""

from __future__ import annotations

from pathlib import Path

import pytest

import trainkit as kit


@pytest.fixture(scope="session")
def ray_local():
    import ray

    from embgov.train.launcher import WORKER_ENV

    if ray.is_initialized():  # a test ran a job in-process first (embgov.train.launcher.ensure_ray)
        yield
        return
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING", runtime_env={"env_vars": WORKER_ENV},
             log_to_driver=False)  # as `embgov train` does: worker output stays in Ray's logs
    yield
    ray.shutdown()


@pytest.fixture
def tiny_spec(tiny_model, tmp_path):
    """A spec for the tiny model; keyword arguments replace whole sections (as YAML flow text)."""
    from embgov.spec.loader import load_spec_text

    def make(adaptation: str = "{method: full}", training: str = "", workers: int = 1):
        text = kit.SPEC.format(model=tiny_model, adaptation=adaptation, workers=workers,
                               training=training or "batch_size: 8, epochs: 1, checkpoint_every_steps: 2")
        return load_spec_text(text, base_dir=tmp_path, check_files=False)
    return make


@pytest.fixture
def approved_policy(tmp_path, monkeypatch):
    """A copy of a shipped policy in tmp_path, approved there (never in the repository)."""
    from approvekit import approve

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")

    def make(name: str = "hipaa", edit=None) -> Path:
        target = tmp_path / "policies" / f"{name}.yaml"
        target.parent.mkdir(exist_ok=True)
        text = (Path(__file__).resolve().parents[2] / "policies" / f"{name}.yaml").read_text()
        target.write_text(edit(text) if edit else text)
        approve(target)
        return target
    return make
