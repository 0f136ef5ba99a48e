"""Where state lives. Read from the environment each time, so tests and daemons can re-point it.

- EMBGOV_HOME: state directory (default `.embgov/` in the working directory)
- EMBGOV_DB_URL: any SQLAlchemy URL (default a SQLite file in EMBGOV_HOME); a Postgres URL lets a
  team share one database across hosts
- MLFLOW_TRACKING_URI: MLflow server or store (default a SQLite store in EMBGOV_HOME)
- RAY_ADDRESS: a Ray cluster (default: a local Ray sized to this machine)
- EMBGOV_INDEX_URI: where vector index tables live (default `lancedb/` in EMBGOV_HOME, embedded);
  an object-store URI (s3://bucket/path) or a LanceDB server (db://...) when a team outgrows one machine

Portable: what embgov records about a path under EMBGOV_HOME (a job's run directory, an index's corpus,
a registered spec's base directory, MLflow artifact locations) is recorded relative to the home and
resolved against the current EMBGOV_HOME when read, so a home can be copied, moved or restored
elsewhere (`embgov backup` / `embgov restore`; `embgov home check` lists anything that points outside).

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


def to_home(path: str | Path) -> str:
    """How to record `path`: relative to the current home (posix) when it lies inside it, else absolute as given.
    A relative value read back by `from_home` is home-relative: every path embgov recorded before was absolute."""
    p = Path(path).expanduser().absolute()  # a relative path is the caller's working directory's, not the home's
    home = get_settings().home
    for candidate in (p, p.resolve()):  # a symlinked home or file: either spelling may be under it
        try:
            rel = candidate.relative_to(home)
        except ValueError:
            continue
        return rel.as_posix() if rel.parts else "."
    return str(p)


def from_home(value: str | Path) -> Path:
    """A recorded path: absolute stays as it is; relative is taken from the current EMBGOV_HOME."""
    p = Path(value)
    return p if p.is_absolute() else get_settings().home / p


def is_under(path: str | Path, root: Path) -> bool:
    """Whether `path` (resolved) lies inside `root` (resolved)."""
    try:
        Path(path).expanduser().resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


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


# MLflow artifacts under the home are addressed as embgov-home:mlartifacts/... and read through a repository
# that maps the scheme onto the current EMBGOV_HOME, so no artifact location MLflow stores is absolute.
HOME_SCHEME = "embgov-home"
ARTIFACT_ROOT = f"{HOME_SCHEME}:mlartifacts"


def artifact_location(experiment: str) -> str:
    """Where an experiment's artifacts go: under the home, whichever path the home has when they are read."""
    return f"{ARTIFACT_ROOT}/{experiment}"


def home_uri_path(uri: str) -> Path:
    """The file an `embgov-home:` URI names in the current home; refused when it would leave the home."""
    from embgov.errors import ConfigError

    if not uri.startswith(f"{HOME_SCHEME}:"):
        raise ConfigError(f"not an {HOME_SCHEME}: URI", where=uri[:200])
    rel = uri.split(":", 1)[1].lstrip("/")
    home = get_settings().home
    path = (home / rel).resolve() if rel else home
    if not is_under(path, home):
        raise ConfigError(f"an {HOME_SCHEME}: URI leaves EMBGOV_HOME", where=uri[:200],
                          fix="artifact locations are relative to the home; the database was edited")
    return path


def register_home_scheme() -> None:
    """Teach this process's MLflow the embgov-home: scheme (idempotent). Called before every MLflow use."""
    from mlflow.store.artifact.artifact_repository_registry import _artifact_repository_registry
    from mlflow.store.artifact.local_artifact_repo import LocalArtifactRepository

    if HOME_SCHEME in _artifact_repository_registry.get_registered_artifact_repositories():
        return

    class HomeArtifactRepository(LocalArtifactRepository):
        """Local files under the current EMBGOV_HOME."""

        def __init__(self, artifact_uri: str, tracking_uri: str | None = None, registry_uri: str | None = None):
            super().__init__(home_uri_path(artifact_uri).as_uri(), tracking_uri, registry_uri)

    _artifact_repository_registry.register(HOME_SCHEME, HomeArtifactRepository)


def mlflow_client():
    """An MlflowClient on this home's tracking store, with the embgov-home: scheme registered. A new SQLite
    store is created with its default artifact root in the home (MLflow would use ./mlruns of the working
    directory for its Default experiment)."""
    import logging

    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    from mlflow import MlflowClient

    logging.getLogger("mlflow").setLevel(logging.WARNING)
    settings = get_settings()
    settings.ensure_home()
    register_home_scheme()
    if settings.mlflow_uri.startswith("sqlite:///"):
        db = Path(settings.mlflow_uri.removeprefix("sqlite:///"))
        if not db.exists() and is_under(db, settings.home):
            from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

            SqlAlchemyStore(settings.mlflow_uri, ARTIFACT_ROOT).engine.dispose()
    # Not mlflow.set_tracking_uri: it writes MLFLOW_TRACKING_URI into the environment, which would then
    # outrank EMBGOV_HOME for the rest of the process.
    return MlflowClient(tracking_uri=settings.mlflow_uri, registry_uri=settings.mlflow_uri)
