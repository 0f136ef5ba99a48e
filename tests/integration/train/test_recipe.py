"""The training recipe on a real local Ray with the tiny model: a validation split from the pairs,
the best step kept (also across a worker failure), live progress, and a bounded learning-rate search
logged to MLflow."""

from __future__ import annotations

import pytest

import trainkit as kit

pytestmark = pytest.mark.integration

VALIDATION = "validation: {share: 0.2, min_queries: 5, per_epoch: 2, patience: 0, candidates: 64}"


def _saved_score(model_dir, rows, spec) -> float:
    import torch

    from embgov.modelio import load_model
    from embgov.train.validation import score, split_validation

    torch.set_num_threads(1)  # as on the worker (cpus_per_worker 1)
    _, val = split_validation(rows, spec.spec.training.validation, spec.spec.training.seed)
    return score(load_model(model_dir), val)[val["metric"]]


def test_best_step_is_kept_across_a_failure_and_progress_is_reported(ray_local, tiny_spec, tmp_path):
    from embgov.train import train_model
    from embgov.train.progress import format_progress, read_progress

    rows = kit.make_rows(160, negatives=1)
    pairs = kit.write_gated_pairs(tmp_path, rows)
    spec = tiny_spec("{method: full}", f"batch_size: 8, epochs: 2, checkpoint_every_steps: 2, {VALIDATION}", workers=2)
    seen: list[dict] = []
    marker = tmp_path / "fault"
    trained = train_model(spec, pairs, tmp_path / "out", on_progress=seen.append, fault_step=6, fault_marker=str(marker))

    v = trained.extra["validation"]
    assert trained.extra["validation_split"] == {"queries": 32, "candidates": 64, "metric": "ndcg@10"}
    assert trained.restarts == 1 and marker.read_text() == "6"
    # 128 training pairs / (8 x 2) = 8 steps an epoch, evaluated every 4: the state from before the
    # failure (steps 0 and 4, restored from the step-4 checkpoint) continues; no step is scored twice.
    assert [s for s, _ in v["evaluations"]] == [0, 4, 8, 12, 16]
    trained_scores = {s: x for s, x in v["evaluations"] if s > 0}
    assert v["best"] == max(trained_scores.values()) and trained_scores[v["best_step"]] == v["best"]
    assert _saved_score(trained.model_dir, rows, spec) == pytest.approx(v["best"], abs=1e-3)

    phases = [d.get("phase") for d in seen]
    assert phases[0] == "starting" and phases[-1] == "done" and "train" in phases
    evals = [d for d in seen if d.get("event") == "eval"]
    assert evals and all(d["metric"] == "ndcg@10" and d["val"] is not None for d in evals)
    assert any(d.get("samples_per_s") and d.get("eta_s") is not None and d.get("total") == 16 for d in seen)
    assert seen[-1]["best"] == v["best"] and seen[-1]["step"] == 16
    (tmp_path / "train").symlink_to(tmp_path / "out")  # the pipeline trains into RUN_DIR/train
    assert read_progress(tmp_path)["phase"] == "done"  # what `jobs show` prints
    assert "step 16/16" in format_progress(seen[-1])


def test_search_tries_each_rate_keeps_the_best_and_logs_every_trial(ray_local, tiny_spec, tmp_path):
    from mlflow import MlflowClient

    from embgov.settings import get_settings
    from embgov.train import train_model

    rows = kit.make_rows(120, negatives=1)
    pairs = kit.write_gated_pairs(tmp_path, rows)
    training = (f"batch_size: 8, epochs: 1, {VALIDATION}, search: auto, "
                "search_space: {learning_rates: [1.0e-4, 3.0e-3], max_trials: 2}")
    seen: list[dict] = []
    trained = train_model(tiny_spec("{method: lora, r: 4, alpha: 8}", training), pairs, tmp_path / "out",
                          on_progress=seen.append)

    trials = trained.extra["search"]
    assert [t["learning_rate"] for t in trials] == [1e-4, 3e-3]
    scores = [t["validation"]["best"] for t in trials]
    chosen = trained.extra["search_chosen"]
    assert scores[chosen - 1] == max(scores) and trained.extra["learning_rate"] == trials[chosen - 1]["learning_rate"]
    assert trained.extra["validation"] == trials[chosen - 1]["validation"]
    out = tmp_path / "out"
    assert (out / "model").is_dir() and (out / "adapter").is_dir()
    assert not any((out / "trials" / t / "model").exists() for t in ("t1", "t2"))  # losers' weights removed
    assert {(d.get("trial"), d.get("trials")) for d in seen} == {(1, 2), (2, 2)}

    s = get_settings()
    client = MlflowClient(tracking_uri=s.mlflow_uri)
    runs = client.search_runs([client.get_experiment_by_name("tiny.search").experiment_id])
    assert sorted(float(r.data.params["learning_rate"]) for r in runs) == [1e-4, 3e-3]
    assert sorted(r.data.tags["embgov.chosen"] for r in runs) == ["false", "true"]
    assert all("val_best" in r.data.metrics for r in runs)
