"""Fakes of embgov serve's own collaborators (tests/unit/serve): a registry of versions in memory, and
backends that embed deterministically per version (words hashed, seeded by the version), no model."""

from __future__ import annotations

import hashlib

from embgov.contracts import ModelVersion
from embgov.serve.backends import Backend
from embgov.serve.refs import VersionInfo

DIM = 16


def embed(texts, seed: str):
    import numpy as np

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().split():
            digest = hashlib.sha256(f"{seed}:{word}".encode()).digest()
            out[row] += np.frombuffer(digest[:DIM], dtype=np.uint8).astype(np.float32) - 127.5
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


class FakeBackend(Backend):
    kind = "fake"

    def __init__(self, seed: str, size: int = 1000):
        super().__init__()
        self.seed, self.size, self.calls = seed, size, []

    def encode(self, texts, slot=None):
        self.calls.append(list(texts))
        return embed(texts, self.seed), [len(t.split()) + 2 for t in texts]

    def nbytes(self, slot=None):
        return self.size


def record(name: str, version: int, method: str = "full") -> ModelVersion:
    return ModelVersion(name=name, version=version, status="candidate", trigger="person:test", spec_hash="s" * 64,
                        policy_hash="p" * 64, receipts={}, pairs_sha256="a" * 64, method=method, artifacts={},
                        run_id=f"run{version}", created_at="2026-01-01T00:00:00Z")


class FakeRegistry:
    def __init__(self):
        self.versions: dict[tuple[str, int], VersionInfo] = {}
        self.aliases: dict[tuple[str, str], int] = {}

    def add(self, name: str, version: int, dims=(), production: bool = False):
        self.versions[(name, version)] = VersionInfo(record(name, version), tuple(dims))
        if production:
            self.aliases[(name, "production")] = version

    def names(self):
        return sorted({n for n, _ in self.versions})

    def resolve(self, ref):
        return self.aliases.get((ref.name, ref.alias or "production"))

    def catalog(self, name):
        aliases = {a: v for (n, a), v in self.aliases.items() if n == name}
        return aliases, {v: 1767225600 + v for n, v in self.versions if n == name}

    def info(self, name, version):
        from embgov.errors import RegistryError

        if (name, version) not in self.versions:
            raise RegistryError(f"no version {version} of {name}")
        return self.versions[(name, version)]
