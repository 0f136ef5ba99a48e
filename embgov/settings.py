"""Where state lives. Read from the environment each time, so tests and daemons can re-point it.

- EMBGOV_HOME: state directory (default `.embgov/` in the working directory)
- EMBGOV_DB_URL: any SQLAlchemy URL (default a SQLite file in EMBGOV_HOME); a Postgres URL lets a
  team share one database across hosts
- MLFLOW_TRACKING_URI: MLflow server or store (default a SQLite store in EMBGOV_HOME)
- RAY_ADDRESS: a Ray cluster (default: a local Ray sized to this machine)
- EMBGOV_INDEX_URI: where vector index tables live (default `lancedb/` in EMBGOV_HOME, embedded);
  an object-store URI (s3://bucket/path) or a LanceDB server (db://...) when a team outgrows one machine

Private by default: the CLI and every long-running process set umask 077 (files 0600, directories
0700), and state made before that (an older EMBGOV_HOME or SQLite file) is tightened when opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path
    db_url: str
    mlflow_uri: str
    ray_address: str | None
    index_uri: str = ""

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        tighten(self.home)
        return self.home


def get_settings() -> Settings:
    home = Path(os.environ.get("EMBGOV_HOME") or Path.cwd() / ".embgov").resolve()
    db_url = os.environ.get("EMBGOV_DB_URL") or f"sqlite:///{home / 'embgov.db'}"
    mlflow_uri = os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{home / 'mlflow.db'}"
    index_uri = os.environ.get("EMBGOV_INDEX_URI") or str(home / "lancedb")
    return Settings(home=home, db_url=db_url, mlflow_uri=mlflow_uri,
                    ray_address=os.environ.get("RAY_ADDRESS") or None, index_uri=index_uri)


PRIVATE_UMASK = 0o077  # state holds pseudonyms, receipts, models and job logs: its user's alone


def private_umask() -> None:
    """Files this process, and every process it starts, creates from now on are 0600, directories 0700."""
    os.umask(PRIVATE_UMASK)


def tighten(path: Path) -> None:
    """Take group and other access off `path` when it exists and is ours (made before umask 077, or by an
    older embgov). Someone else's path is left alone: it is theirs to set, and chmod would fail anyway."""
    import stat

    try:
        st = path.stat()
        if st.st_uid == os.geteuid() and st.st_mode & 0o077:
            path.chmod(stat.S_IMODE(st.st_mode) & ~0o077)
    except OSError:
        pass


def hide_password(url: str) -> str:
    """A URL safe to print: user:secret@ becomes user:***@."""
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
