"""What a request's `model` names, and what the registry says about a version.

`name` (its production alias), `name:VERSION` or `name@ALIAS`. The registry is reached through
`Registry`, a thin adapter over embgov.registry (tests bring a fake with the same methods).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from embgov.contracts import ModelVersion
from embgov.errors import EmbgovError, RegistryError
from embgov.spec.jobspec import NAME_PATTERN

ALIAS_PATTERN = r"^[A-Za-z0-9_-]{1,63}$"


class RefError(EmbgovError):
    """A `model` value that is not a model reference, or names nothing registered (status 404)."""

    def __init__(self, what: str, status: int = 400, param: str = "model"):
        self.status, self.param = status, param
        super().__init__(what)


@dataclass(frozen=True)
class Ref:
    name: str
    version: int | None = None
    alias: str | None = None  # None with version None: production

    @property
    def follows(self) -> bool:
        """True when the reference moves with the registry (an alias), False for a pinned version."""
        return self.version is None

    def key(self) -> str:
        return f"{self.name}:{self.version}" if self.version is not None else f"{self.name}@{self.alias or 'production'}"


def parse(value: object) -> Ref:
    if not isinstance(value, str) or not value:
        raise RefError("`model` must be a model name, NAME:VERSION or NAME@ALIAS", status=422)
    name, alias, version = value, None, None
    if "@" in value:
        name, _, alias = value.partition("@")
        if not re.match(ALIAS_PATTERN, alias):
            raise RefError(f"not an alias: {alias!r} (letters, digits, '_' and '-')", status=422)
    elif ":" in value:
        name, _, number = value.partition(":")
        if not number.isdigit() or int(number) < 1:
            raise RefError(f"not a version number: {number!r} (NAME:VERSION, from 1)", status=422)
        version = int(number)
    if not re.match(NAME_PATTERN, name):
        raise RefError(f"not a model name: {name!r}", status=422)
    return Ref(name, version, None if alias == "production" else alias)


@dataclass(frozen=True)
class VersionInfo:
    """A registered version and what serving it needs: artifacts, method, Matryoshka dimensions."""

    record: ModelVersion
    matryoshka_dims: tuple[int, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{self.record.name}:{self.record.version}"


class Registry:
    """embgov's MLflow registry, read-only: what the server needs from it."""

    def names(self) -> list[str]:
        from embgov.registry import model_names

        return model_names()

    def resolve(self, ref: Ref) -> int | None:
        """The version number an alias points at now (None: the alias is not set)."""
        from embgov.registry import ALIAS, alias_version

        return alias_version(ref.name, ref.alias or ALIAS)

    def info(self, name: str, version: int) -> VersionInfo:
        from embgov.registry import get_version, run_params

        record = get_version(name, version)
        dims: tuple[int, ...] = ()
        try:
            raw = run_params(record.run_id).get("training.matryoshka_dims")
            dims = tuple(int(d) for d in json.loads(raw)) if raw else ()
        except (ValueError, TypeError, EmbgovError):
            dims = ()
        return VersionInfo(record, dims)

    def catalog(self, name: str) -> tuple[dict[str, int], dict[int, int]]:
        """({alias: version}, {version: created, unix seconds}) of a registered name: what GET /v1/models lists."""
        from embgov.registry import model_catalog

        return model_catalog(name)

    def path(self, info: VersionInfo, kind: str):
        from embgov.registry import model_path

        return model_path(info.record, kind)


def not_found(ref: Ref) -> RefError:
    what = f"no version {ref.version} of model {ref.name!r}" if ref.version else \
        f"model {ref.name!r} has no {ref.alias or 'production'} version"
    return RefError(what + " (GET /v1/models lists what is served)", status=404)


__all__ = ["Ref", "RefError", "Registry", "RegistryError", "VersionInfo", "parse", "not_found"]
