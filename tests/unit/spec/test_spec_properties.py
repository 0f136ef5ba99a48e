"""Property: whatever bytes or YAML structure arrive, loading raises only SpecError."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embgov.errors import SpecError
from embgov.spec import load_spec_text

ROOT = Path(__file__).resolve().parents[3]
GOOD = yaml.safe_load((ROOT / "jobs/scifact-lora.yaml").read_text())

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=20)


def _load(text: str) -> None:
    try:
        load_spec_text(text, source="prop.yaml", check_files=False)
    except SpecError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    _load(text)


@settings(max_examples=200, deadline=None)
@given(values)
def test_arbitrary_yaml_structures(data):
    _load(yaml.safe_dump(data))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(GOOD)), values, st.sampled_from(["replace", "delete", "nest"]))
def test_mutated_valid_spec(key, value, how):
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in GOOD.items()}
    if how == "replace":
        data[key] = value
    elif how == "delete":
        data.pop(key)
    elif isinstance(data[key], dict) and data[key]:
        inner = sorted(data[key])[0]
        data[key][inner] = value
    _load(yaml.safe_dump(data))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decoded_leniently(raw):
    _load(raw.decode("latin-1"))
