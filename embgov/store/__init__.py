"""SQL state (SQLAlchemy): jobs, runs, audit events; schema migrations."""

from embgov.store.db import SCHEMA_VERSION, dispose_all, get_engine, migrate, utcnow

__all__ = ["SCHEMA_VERSION", "dispose_all", "get_engine", "migrate", "utcnow"]
