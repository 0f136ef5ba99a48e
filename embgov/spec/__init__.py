"""Job specs: the pydantic JobSpec, YAML loading with located errors, the spec hash."""

from embgov.spec.loader import LoadedSpec, canonical_json, load_spec, load_spec_text, spec_hash, validate_many
from embgov.spec.jobspec import JobSpec

__all__ = ["JobSpec", "LoadedSpec", "canonical_json", "load_spec", "load_spec_text", "spec_hash", "validate_many"]
