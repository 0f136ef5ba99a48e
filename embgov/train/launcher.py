"""Ray Train launcher: one spec -> one TorchTrainer run -> a TrainedModel.

Local by default (a Ray sized to this machine); RAY_ADDRESS sends the same run to a cluster, whose
workers then need embgov installed and the run storage on a path every node can reach
(`resources.storage_path`). Re-running with the same run name resumes from the latest checkpoint
(and, under `training.search: auto`, skips the trials that had finished).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from pathlib import Path

from embgov.contracts import PairSet, TrainedModel
from embgov.errors import TrainError
from embgov.settings import get_settings
from embgov.spec.loader import LoadedSpec, resolve_model
from embgov.train.progress import OnProgress, Relay
from embgov.train.search import best_trial, log_trials, trial_rates
from embgov.train.validation import describe, split_validation

log = logging.getLogger("embgov.train")
WORKER_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1",
              "TOKENIZERS_PARALLELISM": "false", "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}


def ensure_ray() -> None:
    """Connect to RAY_ADDRESS, or start a local Ray sized to this machine (once per process)."""
    import ray

    if ray.is_initialized():
        return
    address = get_settings().ray_address
    # Worker output stays in Ray's session logs (/tmp/ray/session_latest/logs); errors come back
    # through the exception. EMBGOV_RAY_LOGS=1 streams it to this terminal instead.
    kwargs = dict(include_dashboard=False, logging_level=logging.WARNING, runtime_env={"env_vars": WORKER_ENV},
                  log_to_driver=os.environ.get("EMBGOV_RAY_LOGS") == "1")
    if address:
        ray.init(address=address, **kwargs)
    else:
        # "local": always a private cluster. Without it Ray joins any cluster it finds on this host
        # (e.g. another worker's, left by a killed process), and fails on num_cpus there.
        ray.init(address="local", num_cpus=os.cpu_count() or 1, **kwargs)


def _explain(exc: Exception, name: str, storage: str) -> TrainError:
    text = str(exc)
    if "low on memory" in text or "OutOfMemory" in text:
        return TrainError("training failed: Ray killed the workers, the machine ran out of memory", where=f"ray run {name}",
                          fix="lower training.batch_size (per worker) or max_seq_length, use loss: cached_mnrl with a "
                              "small mini_batch_size, or run fewer workers")
    first = text.strip().splitlines()[0][:300] if text.strip() else ""
    return TrainError(f"training failed: {type(exc).__name__}: {first}", where=f"ray run {name}",
                      fix=f"see the worker logs (/tmp/ray/session_latest/logs/train); checkpoints are under {storage}/{name}")


def _collect(checkpoint, out: Path) -> dict:
    """Copy the final model (and adapter) out of the run's last checkpoint; all or nothing."""
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:6]}"
    try:
        with checkpoint.as_directory() as d:
            figures = json.loads((Path(d) / "figures.json").read_text())
            tmp.mkdir(parents=True)
            for part in ("model", "adapter"):
                if (Path(d) / part).exists():
                    shutil.copytree(Path(d) / part, tmp / part)
        out.mkdir(parents=True, exist_ok=True)
        for part in ("model", "adapter"):
            if (tmp / part).exists():
                os.replace(tmp / part, out / part)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return figures


def train_model(loaded: LoadedSpec, pairs_dir: str | Path, out_dir: str | Path, *, policy_hash: str | None = None,
                mlm_texts: list[str] | None = None, run_name: str | None = None,
                fault_step: int | None = None, fault_marker: str | None = None,
                on_progress: OnProgress | None = None, should_stop=None) -> TrainedModel:
    """Train the spec's model on gate-passed pairs; write `out_dir/model` (and `out_dir/adapter`).

    A validation split is held out from the pairs (training.validation) and the best step is kept;
    with `training.search: auto` a few learning rates each train in turn and the best on that split
    wins. `on_progress(dict)` is called from a thread of this (the driver's) process at least every 5 s
    while training runs (see train/progress.py); the latest dict is also kept in `out_dir/progress.json`.
    `mlm_texts` (gate-passed corpus texts) feed MLM pre-training; without them MLM reads the pairs'
    texts. `fault_step`/`fault_marker` make rank 0 die once at that step (tests of resumption).
    `should_stop()` (polled from a thread) turning true aborts the Ray run: TrainError "training stopped"."""
    pairset, rows = PairSet.accept(pairs_dir, policy_hash)  # refuses un-gated or altered data
    spec = loaded.spec
    out = Path(out_dir)
    if (out / "model").exists():
        raise TrainError("output directory already holds a model", where=str(out), fix="choose a new directory")
    base_path = resolve_model(spec.base_model, loaded.base_dir)
    started = time.perf_counter()
    train_rows, val = split_validation(rows, spec.training.validation, spec.training.seed)
    rates = trial_rates(spec) if val is not None else [spec.training.learning_rate]
    if spec.training.search == "auto" and val is None:
        log.warning("training.search: auto needs a validation split (too few queries, or validation off): "
                    "one run at learning_rate %g", spec.training.learning_rate)
    ensure_ray()
    import ray

    if spec.adaptation.method == "mlm" and not mlm_texts:
        mlm_texts = sorted({t for r in rows for t in r.values()})
    config = {"spec": loaded.to_json(), "base_path": str(base_path), "pairs_ref": ray.put(train_rows),
              "val_ref": ray.put(val) if val is not None else None,
              "mlm_texts_ref": ray.put(mlm_texts or []), "fault_step": fault_step, "fault_marker": fault_marker}
    res = spec.resources
    remote = bool(res.storage_path and "://" in res.storage_path)
    storage = res.storage_path if remote else str((Path(res.storage_path) if res.storage_path
                                                   else get_settings().ensure_home() / "ray").resolve())
    name = run_name or f"{spec.name}-{loaded.hash[:12]}-{uuid.uuid4().hex[:6]}"
    many = len(rates) > 1
    trials = []
    for i, rate in enumerate(rates):
        where = out / "trials" / f"t{i + 1}" if many else out
        done = where / "figures.json"
        if many and done.exists():  # finished before an interruption: not trained again
            figures = json.loads(done.read_text())
        else:
            overrides = {"learning_rate": rate} if rate != spec.training.learning_rate else {}
            with Relay(on_progress, out, base={"trial": i + 1, "trials": len(rates)}) as relay:
                figures = _fit({**config, "overrides": overrides, "progress": relay.queue}, spec,
                               f"{name}-t{i + 1}" if many else name, storage, remote, where, should_stop)
                relay.push(_final_progress(figures))
            if many:
                done.write_text(json.dumps(figures))
        trials.append({"learning_rate": rate, "method": spec.adaptation.method, "epochs": spec.training.epochs,
                       **{k: figures.get(k) for k in ("steps", "train_seconds", "validation")}})
    chosen = best_trial(trials) if many else 0
    if many:
        for part in ("model", "adapter"):
            if (out / "trials" / f"t{chosen + 1}" / part).exists():
                os.replace(out / "trials" / f"t{chosen + 1}" / part, out / part)
        for i in range(len(rates)):  # the losers' weights are not needed; their figures stay
            for part in ("model", "adapter"):
                shutil.rmtree(out / "trials" / f"t{i + 1}" / part, ignore_errors=True)
        figures = json.loads((out / "trials" / f"t{chosen + 1}" / "figures.json").read_text())
        # every trial's training is this model's cost (and start-up is what is left of the wall time)
        figures["train_seconds"] = round(sum(t["train_seconds"] or 0.0 for t in trials), 2)
        log_trials(spec.name, loaded.hash, trials, chosen)
        log.info("search: trial %d of %d (learning rate %g) kept", chosen + 1, len(rates), rates[chosen])
    return _record(loaded, out, figures, pairset, started, storage, name, remote,
                   {"learning_rate": rates[chosen], "validation_split": describe(val),
                    **({"validation": figures["validation"]} if figures.get("validation") else {}),
                    **({"search": trials, "search_chosen": chosen + 1} if many else {})})


def _fit(config: dict, spec, name: str, storage: str, remote: bool, out: Path, should_stop=None) -> dict:
    """One TorchTrainer run; the final model lands in `out`. Returns the run's figures."""
    from ray.train import CheckpointConfig, FailureConfig, RunConfig, ScalingConfig
    from ray.train.torch import TorchTrainer

    from embgov.train.loop import worker_loop
    from embgov.train.stop import StopWatch, stoppable

    res = spec.resources
    trainer = stoppable(TorchTrainer)(
        worker_loop, train_loop_config=config,
        scaling_config=ScalingConfig(num_workers=res.num_workers, use_gpu=res.use_gpu,
                                     resources_per_worker={"CPU": res.cpus_per_worker}),
        run_config=RunConfig(name=name, storage_path=storage,
                             failure_config=FailureConfig(max_failures=spec.training.max_failures),
                             checkpoint_config=CheckpointConfig(num_to_keep=2)))
    with StopWatch(trainer, should_stop, name):  # aborts the run when the job is cancelled (train/stop.py)
        try:
            result = trainer.fit()
        except Exception as exc:  # Ray wraps worker errors; keep the type and a known cause, never data
            raise _explain(exc, name, storage) from None
    if result.checkpoint is None:
        raise TrainError("training finished without a final model", where=f"ray run {name}")
    figures = _collect(result.checkpoint, out)
    if not remote:  # local checkpoints (a full one with optimizer state is ~260 MB) only serve resumption
        shutil.rmtree(Path(storage) / name, ignore_errors=True)
    return figures


def _final_progress(figures: dict) -> dict:
    v = figures.get("validation") or {}
    curve = figures.get("loss_curve") or [[0, None]]
    return {"phase": "done", "step": figures.get("steps", 0), "total": figures.get("max_steps", 0),
            "loss": curve[-1][1], "samples_per_s": figures.get("samples_per_s"), "metric": v.get("metric"),
            "val": v.get("best"), "best": v.get("best"), "best_step": v.get("best_step"), "start": v.get("start")}


def _record(loaded: LoadedSpec, out: Path, figures: dict, pairset, started: float, storage: str, name: str,
            remote: bool, extra: dict) -> TrainedModel:
    spec, res = loaded.spec, loaded.spec.resources
    method = spec.adaptation.method
    if method == "mlm" and spec.adaptation.followed_by is not None:
        method = f"mlm+{spec.adaptation.followed_by.method}"
    train_seconds = figures.get("train_seconds", figures.get("mlm_seconds", 0.0))
    trained = TrainedModel(
        model_dir=str(out / "model"), adapter_dir=str(out / "adapter") if (out / "adapter").exists() else None,
        method=method, base_model=spec.base_model, spec_hash=loaded.hash, pairs_sha256=pairset.sha256,
        policy_hash=pairset.policy_hash, steps=figures.get("steps", figures.get("mlm_steps", 0)),
        epochs=spec.training.epochs, workers=res.num_workers, use_gpu=res.use_gpu,
        trainable_params=figures["trainable_params"], total_params=figures["total_params"],
        samples_per_s=figures.get("samples_per_s", 0.0), train_seconds=train_seconds,
        startup_seconds=round(max(0.0, time.perf_counter() - started - train_seconds), 2),
        restarts=figures.get("resumed", 0), loss_curve=figures.get("loss_curve", []),
        checkpoint_dir=f"{storage}/{name}" if remote else None,
        extra={**{k: v for k, v in figures.items() if k.startswith("mlm_") or k in ("max_steps", "steady_steps", "checkpoint_seconds")},
               **extra})
    (out / "trained.json").write_text(trained.model_dump_json(indent=2))
    log.info("trained %s: %d steps, %.1f samples/s", method, trained.steps, trained.samples_per_s)
    return trained
