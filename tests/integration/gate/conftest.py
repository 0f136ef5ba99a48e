"""Real Presidio + spaCy fixtures. Analyzers are expensive: one per policy per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def redactors():
    from embgov.gate.redactor import Redactor
    from embgov.policy.load import load_policy

    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = Redactor(load_policy(ROOT / "policies" / f"{name}.yaml").policy, b"test-key")
        return cache[name]
    return get


@pytest.fixture
def approved_policy(tmp_path, monkeypatch):
    """A copy of a shipped policy in tmp_path, approved there (never in the repository)."""
    from embgov.policy.approvals import approve

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-secret-key")

    def make(name: str = "hipaa", edit=None) -> Path:
        target = tmp_path / "policies" / f"{name}.yaml"
        target.parent.mkdir(exist_ok=True)
        text = (ROOT / "policies" / f"{name}.yaml").read_text()
        target.write_text(edit(text) if edit else text)
        approve(target, "Test Officer")
        return target
    return make
