"""`training.search: auto`: a few learning rates, each a whole training run scored on the
validation split; the best trial's model is kept. Epochs are not searched apart: each trial keeps
its best validation step, which already chooses how long to train (up to `training.epochs`).

Every trial is an MLflow run (parameters and validation scores, never text) in the experiment
`<job name>.search`, so the choice can be reviewed beside the registered versions.
"""

from __future__ import annotations

import logging

log = logging.getLogger("embgov.train")

# Per method, most likely first: a budget of one trial still gets a sensible rate.
DEFAULT_RATES = {"lora": (2e-3, 1e-3, 5e-4), "adapter": (2e-3, 1e-3, 5e-4),
                 "full": (2e-5, 5e-5, 1e-5), "layer_selective": (5e-5, 2e-5, 1e-4)}


def trial_rates(spec) -> list[float]:
    """The learning rates to try, within the budget; [spec's rate] when search is off."""
    t = spec.training
    if t.search != "auto":
        return [t.learning_rate]
    method = spec.adaptation.method
    if method == "mlm":
        method = spec.adaptation.followed_by.method if spec.adaptation.followed_by else None
    rates = list(t.search_space.learning_rates) or list(DEFAULT_RATES.get(method, (t.learning_rate,)))
    return rates[: t.search_space.max_trials]


def best_trial(trials: list[dict]) -> int:
    """Index of the trial with the best validation score; ties go to the earlier (more likely) one;
    a trial without a score (validation off) never beats one with a score."""
    def key(i: int):
        best = (trials[i].get("validation") or {}).get("best")
        return (best is not None, best if best is not None else 0.0, -i)

    return max(range(len(trials)), key=key)


def log_trials(job: str, spec_hash: str, trials: list[dict], chosen: int) -> list[str]:
    """One MLflow run per trial; returns their run ids (empty when MLflow is unreachable: the trials
    stay in trained.json, and the failure is logged, not raised)."""
    try:
        from mlflow.entities import Metric, Param, RunTag

        from embgov.settings import artifact_location, mlflow_client

        client = mlflow_client()  # artifact locations relative to EMBGOV_HOME (embgov.settings)
        name = f"{job}.search"
        found = client.get_experiment_by_name(name)
        exp = found.experiment_id if found else client.create_experiment(name, artifact_location=artifact_location(name))
        ids = []
        for i, t in enumerate(trials):
            run = client.create_run(exp, run_name=f"{job}-{spec_hash[:12]}-trial{i + 1}")
            v = t.get("validation") or {}
            params = {"learning_rate": t["learning_rate"], "trial": i + 1, "trials": len(trials), "method": t["method"],
                      "epochs": t["epochs"], "spec_hash": spec_hash, "metric": v.get("metric", "-")}
            metrics = [Metric(f"val_{v.get('metric', 'ndcg@10').replace('@', '_at_')}", s, 0, st)
                       for st, s in v.get("evaluations", [])]
            if v.get("best") is not None:
                metrics.append(Metric("val_best", v["best"], 0, v["best_step"]))
            metrics += [Metric("steps", t["steps"], 0, 0), Metric("train_seconds", t["train_seconds"], 0, 0)]
            client.log_batch(run.info.run_id, metrics=metrics, params=[Param(k, str(x)) for k, x in params.items()],
                             tags=[RunTag("embgov.chosen", str(i == chosen).lower()), RunTag("embgov.kind", "search-trial")])
            client.set_terminated(run.info.run_id)
            ids.append(run.info.run_id)
        return ids
    except Exception as exc:  # noqa: BLE001 - the model stands without its trial log
        log.warning("search trials not logged to MLflow: %s", type(exc).__name__)
        return []
