"""The check cache beside a reference: read back only under the promotion it was written for, for the
version whose directory it sits in, with its spec and the reference unchanged; anything else is a miss
(the caller asks the registry), never a wrong answer."""

from __future__ import annotations

import json

import pytest
np = pytest.importorskip("numpy")

from embgov.contracts import ModelVersion
from embgov.monitor import checkcache
from embgov.monitor.checkcache import Promotion
from embgov.monitor.reference import reference_dir, save_reference

SPEC = '{"spec": {"name": "m"}, "base_dir": ".", "source": "m.yaml"}'


def record(version: int, name: str = "m") -> ModelVersion:
    return ModelVersion(name=name, version=version, status="production", trigger="person:ana", spec_hash="s" * 64,
                        policy_hash="p" * 64, receipts={}, pairs_sha256="a" * 64, method="full",
                        artifacts={"model": "file:///x/model"}, run_id="r1", created_at="2026-12-01T00:00:00Z")


pytestmark = pytest.mark.usefixtures("hash_key")  # the cache is signed under a key derived from it


@pytest.fixture
def cached():
    save_reference("m", 2, np.random.default_rng(0).normal(size=(40, 8)), source="eval-queries")
    promotion = Promotion(seq=7, hash="h" * 64, version=2)
    path = checkcache.write("m", record(2), promotion, spec_json=SPEC, model_dir="/models/m2")
    return promotion, path


def test_round_trip_under_the_same_promotion(cached):
    promotion, path = cached
    assert path == reference_dir("m", 2) / "check.json"
    hit = checkcache.read("m", promotion)
    assert hit is not None and hit.record == record(2) and hit.spec_json == SPEC and hit.model_dir == "/models/m2"
    assert "production version 2 from the check cache" in checkcache.describe(hit)


@pytest.mark.parametrize("later", [Promotion(seq=8, hash="h" * 64, version=2),   # re-promoted / rolled back to it
                                   Promotion(seq=7, hash="g" * 64, version=2),   # another entry at that place
                                   Promotion(seq=9, hash="k" * 64, version=3)])  # another version promoted
def test_a_later_promotion_or_rollback_misses(cached, later):
    assert checkcache.read("m", later) is None


def test_edits_to_the_cache_miss(cached):
    promotion, path = cached
    data = json.loads(path.read_text())
    for key, value in [("spec_json", SPEC.replace('"m"', '"m2"')),            # spec swapped, hash kept
                       ("record_json", record(3).model_dump_json()),          # claims another version
                       ("version", 3), ("model", "other"), ("format", 99)]:
        path.write_text(json.dumps({**data, key: value}))
        assert checkcache.read("m", promotion) is None, key
    path.write_text("{not json")
    assert checkcache.read("m", promotion) is None
    path.write_text(json.dumps(data))
    assert checkcache.read("m", promotion) is not None


def test_a_cache_copied_to_another_versions_directory_misses(cached):
    promotion, path = cached
    save_reference("m", 3, np.random.default_rng(1).normal(size=(40, 8)), source="eval-queries")
    (reference_dir("m", 3) / "check.json").write_text(path.read_text())
    assert checkcache.read("m", Promotion(seq=9, hash="k" * 64, version=3)) is None


def test_a_changed_or_recaptured_reference_drops_the_cache(cached):
    promotion, _ = cached
    info = reference_dir("m", 2) / "reference.json"
    original = info.read_text()
    info.write_text(original.replace('"eval-queries"', '"file"'))
    assert checkcache.read("m", promotion) is None
    info.write_text(original)
    assert checkcache.read("m", promotion) is not None
    save_reference("m", 2, np.random.default_rng(2).normal(size=(40, 8)), source="eval-queries")  # recapture
    assert not (reference_dir("m", 2) / "check.json").exists() and checkcache.read("m", promotion) is None


def test_nothing_is_written_for_another_version_or_without_a_reference():
    promotion = Promotion(seq=3, hash="h" * 64, version=5)
    save_reference("m", 4, np.random.default_rng(0).normal(size=(10, 8)), source="eval-queries")
    assert checkcache.write("m", record(4), promotion, spec_json=None, model_dir=None) is None
    assert checkcache.write("m", record(5), promotion, spec_json=None, model_dir=None) is None  # no reference yet


def test_a_forgery_with_every_hash_recomputed_is_refused(cached):
    """Someone who can write files copies the promotion entry from the database and recomputes the sha256s;
    without the secret the MAC gives it away."""
    import hashlib

    promotion, path = cached
    data = json.loads(path.read_text())
    spec = SPEC.replace('"m.yaml"', '"silenced.yaml"')
    path.write_text(json.dumps({**data, "spec_json": spec, "spec_sha256": hashlib.sha256(spec.encode()).hexdigest(),
                                "model_dir": "/attacker/model"}))
    assert checkcache.read("m", promotion) is None


def test_without_the_secret_nothing_is_written_or_believed(cached, monkeypatch):
    promotion, path = cached
    monkeypatch.delenv("EMBGOV_HASH_KEY")
    assert checkcache.read("m", promotion) is None
    path.unlink()
    assert checkcache.write("m", record(2), promotion, spec_json=SPEC, model_dir="/models/m2") is None

