"""The spec a version is registered with (its `spec/spec.json` artifact): what the daemon re-submits on
drift and what a monitor check reads its settings and reference queries from.

It must follow the home, never the submitter's paths into it: its base directory is recorded relative to
EMBGOV_HOME when it lies there (LoadedSpec.to_json), and a path field naming a file inside the home by an
absolute path is rewritten relative to that base directory, so a worker on a copied or restored home reads
the copy's policy, never the original's. Inputs outside the home (data roots) stay where they are; every
file the spec names is recorded with its sha256 (`inputs`), the fingerprints the version was trained on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from embgov.contracts import ModelVersion
from embgov.hashing import canonical_json
from embgov.spec.loader import LoadedSpec


def _set(tree: dict, loc: tuple, value: str) -> None:
    for key in loc[:-1]:
        tree = tree[key]
    tree[loc[-1]] = value


def portable(loaded: LoadedSpec) -> LoadedSpec:
    """`loaded` with absolute paths into the home rewritten relative to its base directory (when that lies in
    the home too; otherwise `embgov home check` reports the field). Unchanged when nothing needs it."""
    from embgov.settings import get_settings, is_under
    from embgov.spec.checks import path_fields
    from embgov.spec.loader import load_spec_data, spec_dict

    home = get_settings().home
    if not is_under(loaded.base_dir, home):
        return loaded
    data, changed = spec_dict(loaded.spec), False
    fields = list(path_fields(loaded.spec))
    if loaded.spec.base_model.startswith("/"):
        fields.append((("base_model",), loaded.spec.base_model))
    for loc, value in fields:
        path = Path(value).expanduser()
        if path.is_absolute() and is_under(path, home):
            _set(data, loc, Path(os.path.relpath(path.resolve(), loaded.base_dir.resolve())).as_posix())
            changed = True
    if not changed:
        return loaded
    return load_spec_data(data, base_dir=loaded.base_dir, source=loaded.source)


def fingerprints(loaded: LoadedSpec) -> dict[str, str]:
    """field -> sha256 of every file the spec names (directories, e.g. a base model, are left out)."""
    from embgov.hashing import sha256_file
    from embgov.spec.checks import path_fields

    out = {}
    for loc, value in path_fields(loaded.spec):
        path = loaded.base_dir / Path(value).expanduser()
        if path.is_file():
            out[".".join(map(str, loc))] = sha256_file(path)
    return out


def registered_spec_json(loaded: LoadedSpec) -> str:
    """The registered spec: LoadedSpec.to_json of the portable spec, plus the inputs' fingerprints and the hash
    of the spec as trained (`trained_spec_hash`: the portable one hashes differently when a path was rewritten)."""
    payload = json.loads(portable(loaded).to_json())
    payload["inputs"] = fingerprints(loaded)
    payload["trained_spec_hash"] = loaded.hash
    return canonical_json(payload)


def registered_spec_text(record: ModelVersion) -> str | None:
    """The version's registered spec artifact (what `registered_spec_json` wrote) as text; None when it has none."""
    if "spec" not in record.artifacts:
        return None
    from embgov.registry.store import model_path

    path = model_path(record, "spec")
    path = path / "spec.json" if path.is_dir() else path
    return path.read_text()
