"""Commands here submit and validate jobs, which check this host's hash key (embgov.preflight)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _configured_host(hash_key):
    return hash_key
