"""This host is configured as a worker's must be (submission and validation check it: embgov.preflight);
tests of a missing or weak key delete or replace it."""

from __future__ import annotations

import pytest

KEY = "unit-test-hash-key-" + "0123456789abcdef" * 2


@pytest.fixture(autouse=True)
def hash_key(monkeypatch):
    monkeypatch.setenv("EMBGOV_HASH_KEY", KEY)
    return KEY
