"""Registry round trip on a real MLflow SQLite store under EMBGOV_HOME: register with lineage,
promote (alias), load by alias, roll back; every move audited."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

pytestmark = pytest.mark.integration


@pytest.fixture
def tiny(tiny_model):
    return tiny_model


def _trained(model_dir, spec_hash="s" * 64):
    from embgov.contracts import TrainedModel

    return TrainedModel(model_dir=str(model_dir), method="full", base_model="tiny", spec_hash=spec_hash,
                        pairs_sha256="a" * 64, policy_hash="p" * 64, steps=3, epochs=1, workers=1, use_gpu=False,
                        trainable_params=10, total_params=20, samples_per_s=5.0, train_seconds=1.0,
                        startup_seconds=1.0, loss_curve=[[1.0, 2.0], [2.0, 1.5]])


def _register(tiny, trigger="person:ana"):
    from embgov.contracts import EvalReport
    from embgov.registry import register

    report = EvalReport(model_dir=str(tiny), heldout={"queries": 3}, metrics={
        "candidate": {"ndcg@10": 0.71}, "base": {"ndcg@10": 0.64}, "bm25": {"ndcg@10": 0.68}},
        primary_metric="ndcg@10", seconds=1.0)
    return register(name="mini", trained=_trained(tiny), spec_dict={"name": "mini", "training": {"epochs": 1},
                    "description": "free text stays out"}, receipts={"corpus": "f" * 64}, trigger=trigger, report=report)


def test_register_promote_load_by_alias_and_roll_back(tiny):
    from embgov.audit import list_events
    from embgov.modelio import load_model
    from embgov.registry import get_version, list_versions, model_path, production, promote, rollback

    v1 = _register(tiny)
    assert (v1.version, v1.status, v1.parent_version) == (1, "candidate", None)
    assert production("mini") is None
    promote("mini", 1, actor="person:ana", reason="first")
    v2 = _register(tiny, trigger="drift:evt-7")
    assert v2.parent_version == 1 and v2.trigger == "drift:evt-7"  # lineage: trained while v1 was production
    promote("mini", 2, actor="person:ana", reason="better")
    assert get_version("mini").version == 2 and get_version("mini", 1).status == "archived"
    loaded = load_model(model_path(get_version("mini")))  # load by alias, from the registry's copy
    assert loaded.encode(["a protein"]).shape == (1, 32)
    back = rollback("mini", actor="person:ana", reason="regression")
    assert back.version == 1 and back.status == "production" and get_version("mini", 2).status == "archived"
    assert [r.version for r in list_versions("mini")] == [1, 2]
    actions = [e.action for e in list_events()]
    assert actions.count("model.register") == 2 and actions.count("model.promote") == 2 and "model.rollback" in actions


def test_metrics_params_and_no_free_text_in_the_run(tiny):
    from mlflow import MlflowClient

    from embgov.settings import get_settings

    v = _register(tiny)
    run = MlflowClient(get_settings().mlflow_uri).get_run(v.run_id)
    assert run.data.metrics["candidate.ndcg_at_10"] == pytest.approx(0.71)
    assert run.data.params["training.epochs"] == "1" and "description" not in run.data.params
    assert run.data.tags["embgov.spec_hash"] == "s" * 64


def test_cli_show_and_rollback_without_history(tiny):
    from embgov.cli.main import cli

    _register(tiny)
    shown = CliRunner().invoke(cli, ["models", "show", "mini:1", "--json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["metrics"]["bm25"]["ndcg@10"] == 0.68
    refused = CliRunner().invoke(cli, ["models", "rollback", "mini", "--by", "ana", "--reason", "x"])
    assert refused.exit_code == 1 and "no earlier production version" in refused.output
    missing = CliRunner().invoke(cli, ["models", "show", "nope"])
    assert missing.exit_code == 1 and "has no production version" in missing.output
