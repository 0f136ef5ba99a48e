"""Schema creation on first use, idempotent migration, refusal of a newer schema, bad URLs."""

from __future__ import annotations

import threading

import pytest
from hostkit import installed
from sqlalchemy import inspect, text

from embgov.errors import StoreError
from embgov.store import SCHEMA_VERSION, dispose_all, get_engine, migrate


def test_tables_created_on_first_use(db_url):
    engine = get_engine(db_url)
    names = set(inspect(engine).get_table_names())
    assert {"jobs", "runs", "audit_events", "audit_head", "schema_version"} <= names
    with engine.connect() as conn:
        assert conn.execute(text("SELECT max(version) FROM schema_version")).scalar() == SCHEMA_VERSION


def test_migrate_is_idempotent_and_concurrent(db_url):
    engine = get_engine(db_url)
    errors = []

    def run():
        try:
            migrate(engine)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not errors
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM schema_version")).scalar() == SCHEMA_VERSION


def test_newer_schema_is_refused(db_url):
    engine = get_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text(f"INSERT INTO schema_version (version, applied_at) VALUES ({SCHEMA_VERSION + 1}, 'x')"))
    dispose_all()
    with pytest.raises(StoreError, match="newer than this embgov"):
        get_engine(db_url)


def test_default_database_lives_in_embgov_home(embgov_home):
    engine = get_engine()
    assert engine.url.database == str(embgov_home / "embgov.db")
    assert (embgov_home / "embgov.db").exists()


@pytest.mark.parametrize("url,fragment", [
    ("not a url", "not a database URL"),
    ("nosuchdb://x/y", "no driver"),
    pytest.param("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot open the state database",
                 marks=pytest.mark.skipif(not installed("psycopg"), reason="the postgres extra is not installed")),
])
def test_bad_database_urls(url, fragment):
    with pytest.raises(StoreError, match=fragment):
        get_engine(url)
