"""A whole EMBGOV_HOME as one movable thing: `check` lists what it records that points outside it;
`backup` / `restore` copy it (databases consistently, every file hashed in a manifest) to and from a
directory. Orchestration level: reads the state database, the MLflow store and the registered artifacts."""

from embgov.home.backup import backup, restore
from embgov.home.findings import Finding, check_home

__all__ = ["Finding", "backup", "check_home", "restore"]
