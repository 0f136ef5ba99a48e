"""Fast checks against a real MLflow registry with the tiny model: the capture at promotion writes the
check cache, a check from the command line reads it (and imports neither MLflow nor Evidently nor torch),
and every promotion or rollback invalidates it, so a check never watches a version that is no longer
production; a forged cache is not believed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from trainkit import MINI, MONITORED_SPEC

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
SPEC = MONITORED_SPEC.replace("{monitoring}", " {{min_window: 10}}")


@pytest.fixture
def registry(tiny_model, tmp_path, approved_policy):
    """register(n) registers version n of `mini` (the tiny model) with its spec artifact, as the pipeline does."""
    from embgov.contracts import TrainedModel
    from embgov.registry import register
    from embgov.registry.specs import registered_spec_json
    from embgov.spec import load_spec

    shutil.copytree(MINI, tmp_path / "data")
    approved_policy("hipaa")
    (tmp_path / "pairs.jsonl").write_text("")
    spec_path = tmp_path / "mini.yaml"
    spec_path.write_text(SPEC.format(model=tiny_model))
    loaded = load_spec(spec_path)
    (tmp_path / "spec.json").write_text(registered_spec_json(loaded))
    trained = TrainedModel(model_dir=str(tiny_model), method="full", base_model="tiny", spec_hash=loaded.hash,
                           pairs_sha256="a" * 64, policy_hash="p" * 64, steps=1, epochs=1, workers=1, use_gpu=False,
                           trainable_params=1, total_params=1, samples_per_s=1.0, train_seconds=1.0,
                           startup_seconds=1.0, loss_curve=[])

    def make():
        return register(name="mini", trained=trained, spec_dict={"name": "mini"}, receipts={}, trigger="person:ana",
                        files={"spec": tmp_path / "spec.json"})
    return make


def _cached(event) -> bool:
    return any("from the check cache" in r for r in event.reasons)


def test_promotion_writes_the_cache_and_promotions_and_rollbacks_invalidate_it(registry):
    from embgov.audit import list_events
    from embgov.daemon.check import run_check
    from embgov.monitor.reference import reference_dir
    from embgov.promotion import after_promotion
    from embgov.registry import promote, rollback
    from embgov.telemetry import log_embeddings

    v1 = registry()
    after_promotion(promote("mini", v1.version, actor="person:ana", reason="t"), actor="person:ana")
    assert (reference_dir("mini", 1) / "check.json").is_file()  # written with the reference at promotion
    log_embeddings("mini", 1, np.random.default_rng(0).normal(size=(12, 32)), at=T0 - timedelta(minutes=5))
    first = run_check("mini", now=T0, use_cache=True)
    assert first.version == 1 and _cached(first) and first.decision in ("drift", "no_drift")

    # Version 2 becomes production without a capture (a bare registry promotion): the cache of 1 no longer applies.
    v2 = registry()
    promote("mini", v2.version, actor="person:ana", reason="t")
    second = run_check("mini", now=T0, use_cache=True)
    assert second.version == 2 and not _cached(second)
    assert any("reference captured during this check" in r for r in second.reasons)
    assert _cached(run_check("mini", now=T0, use_cache=True))  # that check wrote 2's cache

    # A rollback to 1: its cache was written under an older promotion entry, so it is not believed.
    rollback("mini", actor="person:ana", reason="t")
    third = run_check("mini", now=T0, use_cache=True)
    assert third.version == 1 and not _cached(third)
    fourth = run_check("mini", now=T0, use_cache=True)
    assert fourth.version == 1 and _cached(fourth)
    assert not _cached(run_check("mini", now=T0))  # the daemon's way: the registry, always

    audited = [e.payload["cached_lookup"] for e in list_events(action="monitor.check")]
    assert audited == [True, False, True, False, True, False]


def test_a_forged_cache_is_not_believed(registry):
    from embgov.daemon.check import run_check
    from embgov.monitor.reference import reference_dir
    from embgov.promotion import after_promotion
    from embgov.registry import promote

    v1 = registry()
    after_promotion(promote("mini", v1.version, actor="person:ana", reason="t"), actor="person:ana")
    v2 = registry()
    promote("mini", v2.version, actor="person:ana", reason="t")
    # Someone copies 1's cache into 2's reference directory and rewrites it to claim version 2 under the
    # newest promotion: the reference hash and the record still give it away.
    run_check("mini", now=T0)  # captures 2's reference
    cache = reference_dir("mini", 2) / "check.json"
    forged = json.loads((reference_dir("mini", 1) / "check.json").read_text())
    real = json.loads(cache.read_text())
    forged.update(version=2, promotion=real["promotion"])
    cache.write_text(json.dumps(forged))
    event = run_check("mini", now=T0, use_cache=True)
    assert event.version == 2 and not _cached(event)
    # A spec edited inside an otherwise valid cache (say, a huge min_window to silence checks) is refused too.
    real = json.loads(cache.read_text())
    cache.write_text(json.dumps({**real, "spec_json": real["spec_json"].replace('"min_window":10', '"min_window":100000')}))
    event = run_check("mini", now=T0, use_cache=True)
    assert not _cached(event) and event.min_window == 10


def test_a_cached_cli_check_imports_no_registry_drift_library_or_model(registry, tmp_path):
    from embgov.promotion import after_promotion
    from embgov.registry import promote
    from embgov.telemetry import log_embeddings

    v1 = registry()
    after_promotion(promote("mini", v1.version, actor="person:ana", reason="t"), actor="person:ana")
    log_embeddings("mini", 1, np.random.default_rng(0).normal(size=(12, 32)))
    probe = ("import json, sys\n"
             "from click.testing import CliRunner\n"
             "from embgov.cli.main import cli\n"
             "r = CliRunner().invoke(cli, ['monitor', 'check', 'mini', '--json'])\n"
             "heavy = [m for m in ('mlflow', 'evidently', 'torch', 'sklearn', 'sentence_transformers', 'pandas') if m in sys.modules]\n"
             "print(json.dumps({'code': r.exit_code, 'heavy': heavy, 'event': json.loads(r.stdout) if r.exit_code == 0 else r.output}))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ), timeout=300)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, result
    assert result["heavy"] == [] and result["event"]["method"] == "mmd"
    assert any("from the check cache" in r for r in result["event"]["reasons"])
