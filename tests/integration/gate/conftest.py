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
