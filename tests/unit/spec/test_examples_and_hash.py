"""The example specs validate; the spec hash identifies content, not formatting or location."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embgov.spec import LoadedSpec, load_spec, load_spec_text
from embgov.spec.jobspec import JobSpec

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "jobs").glob("*.yaml"))


def test_there_are_scifact_examples_for_three_methods():
    methods = {load_spec(p).spec.adaptation.method for p in EXAMPLES}
    assert {"full", "lora", "layer_selective"} <= methods


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_validates_with_files(path):
    loaded = load_spec(path)
    assert len(loaded.hash) == 64
    assert loaded.resolve(loaded.spec.policy).is_file()
    assert loaded.resolve(loaded.spec.data.corpus.path).is_file()


def test_hash_ignores_comments_order_and_defaults_written_out():
    text = (ROOT / "jobs/scifact-lora.yaml").read_text()
    base = load_spec_text(text, base_dir=ROOT / "jobs")
    reordered = "# a comment\n" + text.replace("owner: search-platform\n", "") + "\nowner: search-platform\n"
    assert load_spec_text(reordered, base_dir=ROOT / "jobs").hash == base.hash
    explicit_default = text.replace("  scheduler: cosine\n", "  scheduler: cosine\n  weight_decay: 0.01\n")
    assert load_spec_text(explicit_default, base_dir=ROOT / "jobs").hash == base.hash
    changed = text.replace("seed: 42", "seed: 43")
    assert load_spec_text(changed, base_dir=ROOT / "jobs").hash != base.hash


def test_hash_does_not_depend_on_checkout_location(tmp_path):
    text = (ROOT / "jobs/scifact-lora.yaml").read_text()
    a = load_spec_text(text, base_dir=ROOT / "jobs", check_files=False)
    b = load_spec_text(text, base_dir=tmp_path, check_files=False)
    assert a.hash == b.hash and a.resolve("x") != b.resolve("x")


def test_json_round_trip_revalidates():
    loaded = load_spec(ROOT / "jobs/scifact-full.yaml")
    again = LoadedSpec.from_json(loaded.to_json())
    assert again.spec == loaded.spec and again.hash == loaded.hash and again.base_dir == loaded.base_dir


def test_spec_is_frozen():
    loaded = load_spec(ROOT / "jobs/scifact-full.yaml")
    with pytest.raises(Exception):
        loaded.spec.training.epochs = 5  # type: ignore[misc]


def _undocumented(schema: dict) -> list[str]:
    missing = []
    for owner, body in [("JobSpec", schema), *schema.get("$defs", {}).items()]:
        for name, prop in body.get("properties", {}).items():
            if not prop.get("description"):
                missing.append(f"{owner}.{name}")
    return missing


def test_every_field_has_a_description():
    assert _undocumented(JobSpec.model_json_schema(by_alias=True)) == []


def test_schema_is_valid_json_schema_and_forbids_extras():
    schema = JobSpec.model_json_schema(by_alias=True)
    json.dumps(schema)
    assert schema["additionalProperties"] is False
    assert "apiVersion" in schema["required"]
