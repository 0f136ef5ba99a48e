"""The shipped HIPAA policy, loaded once per test module, for the gate's rule tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from embgov.policy.load import load_policy

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def policy():
    return load_policy(ROOT / "policies/hipaa.yaml").policy
