"""Unit fixtures for embgov serve: a fake registry (alpha v1 production, alpha v2 with Matryoshka
dimensions, beta v1 production) and a Service over it whose backends embed without models."""

from __future__ import annotations

import pytest

from embgov.serve.config import ServeConfig
from servefakes import FakeBackend, FakeRegistry


@pytest.fixture
def registry():
    reg = FakeRegistry()
    reg.add("alpha", 1, production=True)
    reg.add("alpha", 2, dims=(8, 4))
    reg.add("beta", 1, production=True)
    return reg


@pytest.fixture
def make_service(registry, tmp_path):
    """A Service over the fake registry; `written` collects what telemetry would store."""
    from embgov.serve.service import Service

    written = []

    def make(**settings):
        config = ServeConfig(**{"poll_seconds": 3600, "max_wait_ms": 1, **settings})
        opened = {}

        def open_version(info):
            opened[info.label] = FakeBackend(info.label)
            return opened[info.label], None

        service = Service(config, registry=registry, open_version=open_version,
                          write_telemetry=lambda m, v, vectors: written.append((m, v, vectors)))
        service.opened, service.written = opened, written
        return service
    return make
