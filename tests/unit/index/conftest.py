"""Index unit fixtures: an approved policy copy and a gate-passed corpus (a receipt, no Presidio)."""

from __future__ import annotations

import pytest

import indexkit as kit


@pytest.fixture
def policy(tmp_path):
    return kit.approved_policy(tmp_path / "policies")


@pytest.fixture
def policy_hash(policy):
    from embgov.policy.approvals import require_approved

    return require_approved(policy).content_hash


@pytest.fixture
def records():
    return kit.docs(120)


@pytest.fixture
def corpus(tmp_path, records, policy_hash):
    return kit.gated(tmp_path / "gate", records, policy_hash)
