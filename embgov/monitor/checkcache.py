"""The check cache: what a `monitor check` needs from the registry, kept beside the production version's
reference so a check from the command line skips MLflow (seconds of imports and look-ups).

    EMBGOV_HOME/monitor/references/<model>/v<version>/check.json

Written by whoever has just asked the registry (the capture at promotion, the daemon's checks, a check
with --no-cache); read by `embgov monitor check`. It holds the version's record, its registered spec
(as text), the local model directory, and what it is only valid with:

- the promotion: the audit log's last `model.promote` / `model.rollback` entry of the model (sequence
  number and hash, re-hashed from its row) when the cache was written. A later promotion or rollback
  is a newer entry, so the cache no longer matches and the registry is asked again;
- the version: the cache lives in that version's reference directory and names it; the record inside
  must name the same model and version;
- hashes: sha256 of the spec text and of the reference files (vectors.npy and reference.json) as they
  were when the cache was written. A recaptured reference (a new directory) drops the cache with it.

- a MAC: HMAC-SHA256 over the cache's fields under a key derived from the keyed-hash secret
  (`EMBGOV_HASH_KEY`, which every host that runs checks holds and the home does not). The hashes above
  catch a stale cache; the MAC catches a forged one: someone who can write files in EMBGOV_HOME can
  copy the promotion entry's number and hash from the database and recompute every sha256, but cannot
  sign. Without the secret no cache is written or believed.

Any mismatch or unreadable field means "no cache" (the caller looks the version up), never an error.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from embgov.contracts import ModelVersion
from embgov.monitor.reference import INFO, VECTORS, reference_dir
from embgov.settings import from_home, to_home

CACHE = "check.json"
FORMAT = 1


class Promotion(BaseModel):
    """The audit entry that made a version production."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seq: int = Field(description="Audit sequence number of the model's last promote or rollback entry.")
    hash: str = Field(description="That entry's hash (recomputed from its row when read).")
    version: int = Field(description="The version it made production.")


class CheckCache(BaseModel):
    """check.json: the registry's answers for one production version, with what they are valid for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = Field(FORMAT, description="Cache layout version; another one is ignored.")
    model: str = Field(description="Registered model name.")
    version: int = Field(description="The production version this cache belongs to.")
    promotion: Promotion = Field(description="The promotion audit entry the cache was written under.")
    record_json: str = Field(description="The version's ModelVersion record as JSON.")
    spec_json: str | None = Field(None, description="The version's registered spec (its `spec` artifact) as text; none without one.")
    spec_sha256: str | None = Field(None, description="sha256 of spec_json.")
    model_dir: str | None = Field(None, description="Local directory of the version's model artifact (for a probe check).")
    reference_sha256: str = Field(description="sha256 over the reference's vectors.npy and reference.json when written.")
    created_at: str = Field(description="UTC time the cache was written.")
    mac: str = Field("", description="HMAC-SHA256 of the other fields under a key derived from EMBGOV_HASH_KEY.")

    @property
    def record(self) -> ModelVersion:
        return ModelVersion.model_validate_json(self.record_json)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _mac(cache: CheckCache) -> str | None:
    """The cache's MAC, or None without a usable secret (then no cache is trusted)."""
    secret = os.environ.get("EMBGOV_HASH_KEY", "").encode()
    if len(secret) < 32:
        return None
    key = hmac.new(secret, b"embgov check cache v1", hashlib.sha256).digest()  # never the pseudonym key itself
    return hmac.new(key, cache.model_copy(update={"mac": ""}).model_dump_json().encode(), hashlib.sha256).hexdigest()


def reference_digest(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        for name in (VECTORS, INFO):
            data = (path / name).read_bytes()
            h.update(f"{name}:{len(data)}:".encode())
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()


def write(model: str, record: ModelVersion, promotion: Promotion, *, spec_json: str | None,
          model_dir: str | Path | None) -> Path | None:
    """Write the cache for `record` (the production version per `promotion`); None when it cannot apply
    (another version was promoted meanwhile, or the version has no reference yet)."""
    from embgov.monitor.telemetry_store import utc

    if record.name != model or record.version != promotion.version:
        return None
    path = reference_dir(model, record.version)
    digest = reference_digest(path)
    if digest is None:
        return None
    cache = CheckCache(model=model, version=record.version, promotion=promotion, record_json=record.model_dump_json(),
                       spec_json=spec_json, spec_sha256=_sha(spec_json) if spec_json is not None else None,
                       model_dir=to_home(model_dir) if model_dir else None, reference_sha256=digest,
                       created_at=utc().isoformat().replace("+00:00", "Z"))
    mac = _mac(cache)
    if mac is None:
        return None
    cache = cache.model_copy(update={"mac": mac})
    tmp = path / f".{uuid.uuid4().hex}.tmp"
    tmp.write_text(cache.model_dump_json(indent=2))
    os.replace(tmp, path / CACHE)
    return path / CACHE


def read(model: str, promotion: Promotion) -> CheckCache | None:
    """The cache of the version `promotion` made production, when every check passes; else None."""
    path = reference_dir(model, promotion.version)
    try:
        cache = CheckCache.model_validate_json((path / CACHE).read_text())
        record = cache.record
    except (OSError, ValueError, ValidationError):
        return None
    if (cache.format != FORMAT or cache.model != model or cache.version != promotion.version
            or cache.promotion != promotion or record.name != model or record.version != promotion.version):
        return None
    expected = _mac(cache)
    if expected is None or not hmac.compare_digest(expected, cache.mac):
        return None
    if (cache.spec_json is None) != (cache.spec_sha256 is None):
        return None
    if cache.spec_json is not None and _sha(cache.spec_json) != cache.spec_sha256:
        return None
    if reference_digest(path) != cache.reference_sha256:
        return None
    # model_dir is recorded relative to EMBGOV_HOME (embgov.settings.to_home): a moved home reads its own copy
    return cache.model_copy(update={"model_dir": str(from_home(cache.model_dir))}) if cache.model_dir else cache


def drop(model: str, version: int) -> None:
    """Remove a version's cache (nothing happens when there is none)."""
    (reference_dir(model, version) / CACHE).unlink(missing_ok=True)


def describe(cache: CheckCache) -> str:
    return (f"production version {cache.version} from the check cache (written {cache.created_at} under promotion "
            f"audit entry #{cache.promotion.seq}; reference and spec hashes verified; --no-cache asks the registry)")


__all__ = ["CACHE", "CheckCache", "Promotion", "describe", "drop", "read", "write"]
