"""`embgov home check`: everything the home records that names a path must lie inside it, or be recorded
relative to it. A finding names where (database, table, row, field; or file and field) and the path it
found, never record text.

What is looked at: the state database (jobs' run directories, the specs of jobs still to run, the index
catalogue), the MLflow store (experiment, run and model-version locations), every registered version's
`model_version.json` and `spec.json`, and the monitor's check caches (their model directory). A registered spec's inputs outside the home (data roots) are inputs,
not state: listed as `input` findings only when the file is missing on this host.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlparse

from embgov.settings import HOME_SCHEME, get_settings, is_under


@dataclass(frozen=True)
class Finding:
    where: str  # e.g. "mlflow.db experiments[3].artifact_location" or "registered mini:1 spec.json policy"
    path: str  # the location found (a path or URI; never record text)
    problem: str  # "outside the home", "absolute path into the home", "missing"
    kind: str = "state"  # state: must follow the home; input: a file a registered spec reads

    def to_dict(self) -> dict:
        return asdict(self)


def _local_path(value: str) -> Path | None:
    """The local filesystem path a recorded value names, or None for a remote URI / embgov-home: / relative."""
    if value.startswith(f"{HOME_SCHEME}:"):
        return None
    if value.startswith("file:"):
        return Path(unquote(urlparse(value).path))
    if "://" in value or not value.startswith("/"):
        return None
    return Path(value)


def _judge(where: str, value: str | None, home: Path, *, kind: str = "state") -> Iterator[Finding]:
    if not value:
        return
    path = _local_path(value)
    if path is None:
        return
    if not is_under(path, home):
        yield Finding(where, value[:300], "outside the home", kind)
    elif kind == "state":  # inside now, but recorded absolute: it breaks once the home moves
        yield Finding(where, value[:300], "absolute path into the home (recorded before portable homes)", kind)


def _sqlite_file(url: str) -> Path | None:
    return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None


def mlflow_findings(home: Path) -> Iterator[Finding]:
    db = _sqlite_file(get_settings().mlflow_uri)
    if db is None or not db.exists():
        return
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        used = {r[0] for r in con.execute("SELECT DISTINCT experiment_id FROM runs")} if "runs" in tables else set()
        if "experiments" in tables:
            for eid, loc in con.execute("SELECT experiment_id, artifact_location FROM experiments"):
                if str(eid) == "0" and eid not in used:
                    continue  # MLflow's own Default experiment, unused: nothing is stored there
                yield from _judge(f"mlflow.db experiments[{eid}].artifact_location", loc, home)
        if "runs" in tables:
            for rid, uri in con.execute("SELECT run_uuid, artifact_uri FROM runs"):
                yield from _judge(f"mlflow.db runs[{rid}].artifact_uri", uri, home)
        if "model_versions" in tables:
            for name, version, source, storage in con.execute(
                    "SELECT name, version, source, storage_location FROM model_versions"):
                yield from _judge(f"mlflow.db model_versions[{name}:{version}].source", source, home)
                yield from _judge(f"mlflow.db model_versions[{name}:{version}].storage_location", storage, home)
    finally:
        con.close()


def registered_findings(home: Path) -> Iterator[Finding]:
    """Each version's model_version.json artifacts and its registered spec."""
    from embgov.errors import EmbgovError
    from embgov.registry import list_versions, model_path

    try:
        versions = list_versions()
    except EmbgovError as exc:
        yield Finding("registry", exc.where or "", f"unreadable: {exc.what}")
        return
    for record in versions:
        label = f"registered {record.name}:{record.version}"
        for kind, uri in sorted(record.artifacts.items()):
            yield from _judge(f"{label} model_version.json artifacts.{kind}", uri, home)
        if "spec" not in record.artifacts or _local_path(record.artifacts["spec"]):
            continue
        try:
            path = model_path(record, "spec")
        except Exception:  # noqa: BLE001 - a missing artifact is the finding
            yield Finding(f"{label} artifacts.spec", record.artifacts["spec"][:300], "missing")
            continue
        yield from spec_findings(f"{label} spec.json", (path / "spec.json" if path.is_dir() else path).read_text(), home)


def spec_findings(label: str, text: str, home: Path) -> Iterator[Finding]:
    """A LoadedSpec.to_json document: its base_dir, and every path field it names."""
    from embgov.settings import from_home
    from embgov.spec.checks import path_fields
    from embgov.spec.loader import LoadedSpec

    payload = json.loads(text)
    yield from _judge(f"{label} base_dir", payload.get("base_dir"), home)
    try:
        loaded = LoadedSpec.from_json(text)
    except Exception:  # noqa: BLE001 - an invalid spec: reported, not raised
        yield Finding(f"{label}", "", "not a valid spec")
        return
    base = from_home(payload.get("base_dir", "."))
    for loc, value in path_fields(loaded.spec):
        field = ".".join(map(str, loc))
        path = Path(value) if Path(value).is_absolute() else base / value
        if loc == ("policy",):  # the policy must come from the home's own copy when the spec lives in the home
            if is_under(base, home) and not is_under(path, home):
                yield Finding(f"{label} {field}", str(path)[:300], "outside the home", "state")
        if not path.exists():
            yield Finding(f"{label} {field}", str(path)[:300], "missing", "input")


def state_findings(home: Path) -> Iterator[Finding]:
    from sqlalchemy import select

    from embgov.store.db import get_engine, index_tables, jobs

    with get_engine().connect() as conn:
        for row in conn.execute(select(jobs.c.id, jobs.c.state, jobs.c.run_dir, jobs.c.outputs_json, jobs.c.spec_json)):
            yield from _judge(f"state db jobs[{row.id}].run_dir", row.run_dir, home)
            outputs = json.loads(row.outputs_json) if row.outputs_json else {}
            yield from _judge(f"state db jobs[{row.id}].outputs.run_dir", (outputs or {}).get("run_dir"), home)
            if row.state in ("queued", "running") and row.spec_json:  # finished jobs' specs are history
                yield from spec_findings(f"state db jobs[{row.id}].spec_json", row.spec_json, home)
        for row in conn.execute(select(index_tables.c.table_name, index_tables.c.record_json)):
            record = json.loads(row.record_json)
            for key in ("uri", "corpus", "policy", "queries"):
                yield from _judge(f"state db index_tables[{row.table_name}].{key}", record.get(key), home)


def file_findings(home: Path) -> Iterator[Finding]:
    """Files in the home that record a path: the monitor's check caches (their model directory)."""
    for path in sorted(home.glob("monitor/references/*/*/check.json")):
        try:
            value = json.loads(path.read_text()).get("model_dir")
        except (OSError, ValueError, AttributeError):
            continue  # an unreadable cache is ignored by its reader too
        yield from _judge(f"file {path.relative_to(home)} model_dir", value, home)


def check_home() -> list[Finding]:
    """Every finding in the current EMBGOV_HOME (empty: nothing recorded points outside it)."""
    home = get_settings().home
    findings = [*state_findings(home), *mlflow_findings(home), *file_findings(home)]
    db = _sqlite_file(get_settings().mlflow_uri)
    if db is None or db.exists():  # a fresh home has no registry yet: nothing to read, nothing to create
        findings += list(registered_findings(home))
    return findings


def external_state() -> list[str]:
    """State this home uses that lives elsewhere (not part of the home, not in a backup)."""
    from embgov.settings import hide_password

    s, out = get_settings(), []
    for label, url in (("database", s.db_url), ("mlflow", s.mlflow_uri)):
        path = _sqlite_file(url)
        if path is None or not is_under(path, s.home):
            out.append(f"{label}: {hide_password(url)}")
    if "://" in s.index_uri or not is_under(s.index_uri, s.home):
        out.append(f"index: {hide_password(s.index_uri)}")
    return out
