"""Shared fixtures: an isolated EMBGOV_HOME per test, and database URLs (SQLite and Postgres)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))  # trainkit.py, approvekit.py: test helpers
PG_URL = os.environ.get("EMBGOV_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def embgov_home(tmp_path, monkeypatch):
    """Every test gets its own state directory and default SQLite database."""
    from embgov.store import dispose_all

    home = tmp_path / "home"
    monkeypatch.setenv("EMBGOV_HOME", str(home))
    monkeypatch.delenv("EMBGOV_DB_URL", raising=False)
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)  # the default: a SQLite store in this home
    monkeypatch.setenv("MLFLOW_DISABLE_TELEMETRY", "true")
    yield home
    dispose_all()


@pytest.fixture(autouse=True)
def data_roots(tmp_path_factory, monkeypatch):
    """Specs written into tmp_path name fixtures in the repository, and the reverse: both trees are
    data roots. Tests of confinement itself set or delete EMBGOV_DATA_ROOTS."""
    roots = [str(ROOT), str(tmp_path_factory.getbasetemp())]
    monkeypatch.setenv("EMBGOV_DATA_ROOTS", os.pathsep.join(roots))
    return roots


def _pg_available() -> bool:
    try:
        import psycopg  # noqa: F401
        from sqlalchemy import create_engine, text

        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture
def pg_url():
    """A Postgres URL whose search_path is a fresh schema, dropped afterwards.

    In CI (CI=true) a missing server is a failure, not a skip: the store must be proven on Postgres.
    """
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL not reachable at {PG_URL}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    from embgov.store import dispose_all

    dispose_all()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    """Run a test against both the embedded default and a real Postgres."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    return request.getfixturevalue("pg_url")


MINI = ROOT / "tests" / "fixtures" / "data" / "scifact-mini"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A 2-layer random BERT (hidden 32) on MiniLM's tokenizer: fast to train and encode."""
    import trainkit

    return trainkit.make_tiny_model(tmp_path_factory.mktemp("tiny"))


@pytest.fixture
def mini_set():
    """The SciFact fixture subset as a RetrievalSet."""
    from embgov.spec.jobspec import QrelsSource, RecordSource, RetrievalSet

    return RetrievalSet(corpus=RecordSource(path=str(MINI / "corpus.jsonl")),
                        queries=RecordSource(path=str(MINI / "queries.jsonl")),
                        qrels=QrelsSource(path=str(MINI / "qrels.tsv")))


@pytest.fixture(scope="session")
def ssh_keys(tmp_path_factory):
    """SSH keys made for the tests (ssh-keygen), and an allowed_signers file listing two of them:
    keys.path(name) -> private key, keys.signers -> allowed_signers (dana and lee; eve is not listed)."""
    import subprocess
    from types import SimpleNamespace

    root = tmp_path_factory.mktemp("ssh-keys")
    for name in ("dana", "lee", "eve"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(root / name)], check=True)
    lines = [f"{name}@example.org {' '.join((root / f'{name}.pub').read_text().split()[:2])}" for name in ("dana", "lee")]
    (root / "allowed_signers").write_text("\n".join(lines) + "\n")
    return SimpleNamespace(path=lambda name: root / name, signers=root / "allowed_signers",
                           principal=lambda name: f"{name}@example.org")


@pytest.fixture(autouse=True)
def allowed_signers(ssh_keys, monkeypatch):
    """The deployment's approvers are the test keys: approvekit.approve(path) signs as dana."""
    import approvekit

    monkeypatch.setenv("EMBGOV_ALLOWED_SIGNERS", str(ssh_keys.signers))
    for name in ("EMBGOV_MIN_APPROVALS", "EMBGOV_MIN_APPROVALS_WEAKENING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(approvekit, "KEYS", ssh_keys)
    return ssh_keys.signers


@pytest.fixture
def hash_key(monkeypatch):
    """This host is configured as a worker's must be: submission and validation check the keyed-hash
    secret (embgov.preflight). Tests of a missing or weak key delete or replace it."""
    key = "unit-test-hash-key-" + "0123456789abcdef" * 2
    monkeypatch.setenv("EMBGOV_HASH_KEY", key)
    return key
