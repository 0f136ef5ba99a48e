"""Policy test fixtures: copies of the shipped policies, so approvals never land in policies/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "policies"


@pytest.fixture
def policy_dir(tmp_path) -> Path:
    """A writable directory holding hipaa.yaml and glba.yaml (and, once approved, approvals.yaml)."""
    target = tmp_path / "policies"
    target.mkdir()
    for name in ("hipaa.yaml", "glba.yaml"):
        shutil.copy(SHIPPED / name, target / name)
    return target
