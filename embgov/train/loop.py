"""The per-worker training loop that Ray Train runs on every worker.

Everything a worker needs arrives in `config`: the spec as JSON (re-validated here), the pairs
and MLM texts as Ray object refs, the base model's path. Rank 0 reports checkpoints every
`checkpoint_every_steps`; after a failure Ray restarts the workers and the loop resumes from the
latest one, skipping the batches already seen, so the run ends at the same step count.
"""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

# Heavy, but this module is only imported by the launcher's functions and on Ray workers.
from transformers import TrainerCallback

from embgov.train.progress import Reporter
from embgov.train.watch import Watch

MLM_MARKER = "mlm_done"
FINAL_MARKER = "final"


def worker_loop(config: dict) -> None:
    import ray
    import ray.train
    import torch

    from embgov.settings import private_umask
    from embgov.spec.loader import LoadedSpec
    from embgov.train.model import load_base, offline

    private_umask()  # a Ray worker process has the umask of whoever ran `ray start`; checkpoints stay private
    offline()
    _quiet()
    ctx = ray.train.get_context()
    rank, world = ctx.get_world_rank(), ctx.get_world_size()
    loaded = LoadedSpec.from_json(config["spec"])
    spec = loaded.spec
    if config.get("overrides"):  # a search trial: same spec, another learning rate
        spec = spec.model_copy(update={"training": spec.training.model_copy(update=config["overrides"])})
    torch.set_num_threads(max(1, int(spec.resources.cpus_per_worker)))
    torch.manual_seed(spec.training.seed)
    scratch = Path(tempfile.mkdtemp(prefix=f"embgov-rank{rank}-"))  # per-rank: HF checkpoint copies race otherwise
    model = load_base(config["base_path"], spec.training.max_seq_length, device="cuda" if spec.resources.use_gpu else "cpu")

    adaptation, figures = spec.adaptation, {}
    checkpoint = ray.train.get_checkpoint()
    if checkpoint is not None and _has(checkpoint, FINAL_MARKER):
        ray.train.report({"phase": "final", "step": -1}, checkpoint=checkpoint if rank == 0 else None)
        return  # restarted after the model was already saved
    # A checkpoint is either MLM's end (encoder weights) or the contrastive trainer's (everything).
    mlm_done = checkpoint if checkpoint is not None and _has(checkpoint, MLM_MARKER) else None
    resume_dir = checkpoint if checkpoint is not None and mlm_done is None else None
    progress = config.get("progress") if rank == 0 else None
    if adaptation.method == "mlm":
        if progress is not None and resume_dir is None and mlm_done is None:
            _put(progress, {"phase": "mlm"})
        if resume_dir is None:  # else MLM finished earlier and the trainer's checkpoint holds its weights
            figures = _mlm_phase(model, config, adaptation, spec, scratch, mlm_done, rank)
        adaptation = adaptation.followed_by
    from embgov.train.methods import METHODS, count_params

    if adaptation is None:  # MLM alone: the adapted encoder with mean pooling is the model
        figures["trainable_params"], figures["total_params"] = count_params(model)
        _finish(model, None, config, figures, rank, scratch)
        return

    METHODS[adaptation.method].prepare(model, adaptation)
    trainable, total = count_params(model)
    meter = Meter(rank, config.get("fault_step"), config.get("fault_marker"))
    val = ray.get(config["val_ref"]) if config.get("val_ref") is not None else None
    reporter = Reporter(progress, spec.training.batch_size * world) if progress is not None else None
    with (resume_dir.as_directory() if resume_dir is not None else nullcontext()) as d:
        # Watch first: it writes the best weights into a checkpoint before Meter reports it to Ray.
        watch = Watch(model, rank, val, spec.training.validation, spec.training.epochs, reporter, resume_dir=d,
                      meter=meter)
        trainer = build_trainer(model, ray.get(config["pairs_ref"]), spec, world, scratch, meter, callbacks=[watch],
                                base_path=config["base_path"])
        trainer.train(resume_from_checkpoint=d)
    if d is not None:
        figures["resumed"] = 1
    figures.update(meter.figures(trainer.state, spec.training.batch_size * world))
    if val is not None:
        watch.restore_best()
        figures["validation"] = watch.summary()
    figures.update({"trainable_params": trainable, "total_params": total})
    _finish(model, adaptation, config, figures, rank, scratch)


def _put(queue, data: dict) -> None:
    try:
        queue.put_nowait(data)
    except Exception:  # noqa: BLE001 - progress must never break training
        pass


def _has(checkpoint, name: str) -> bool:
    with checkpoint.as_directory() as d:
        return (Path(d) / name).exists()


def _quiet() -> None:
    import logging

    import transformers

    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)


def _mlm_phase(model, config, adaptation, spec, scratch, checkpoint, rank) -> dict:
    import json

    import ray
    import ray.train
    from safetensors.torch import load_file, save_file

    from embgov.train.mlm import mlm_pretrain

    encoder = model[0].auto_model
    if checkpoint is not None:  # MLM finished before the failure: take its encoder, don't redo it
        with checkpoint.as_directory() as d:
            encoder.load_state_dict(load_file(str(Path(d) / "mlm" / "encoder.safetensors")))
            return json.loads((Path(d) / "mlm" / "figures.json").read_text())
    texts = ray.get(config["mlm_texts_ref"])
    figures = mlm_pretrain(encoder, model[0].tokenizer, texts, adaptation, spec.training, scratch / "mlm",
                           spec.resources.use_gpu)
    ckpt = None
    if rank == 0:
        d = scratch / "mlm-ckpt"
        (d / "mlm").mkdir(parents=True)
        save_file({k: v.contiguous() for k, v in encoder.state_dict().items()}, str(d / "mlm" / "encoder.safetensors"))
        (d / "mlm" / "figures.json").write_text(json.dumps(figures))
        (d / MLM_MARKER).write_text("1")
        ckpt = ray.train.Checkpoint.from_directory(str(d))
    ray.train.report({"phase": "mlm", "step": 0}, checkpoint=ckpt)
    return figures


def build_trainer(model, rows, spec, world: int, scratch: Path, meter: "Meter", checkpoints: bool = True,
                  callbacks: list | None = None, base_path: str | None = None):
    """The sentence-transformers trainer for one worker (also used by bench/train.py's plain baseline,
    with `checkpoints=False` and world 1). `callbacks` run before the meter; `base_path` loads the
    frozen guide of a guided loss (gist)."""
    from datasets import Dataset
    from sentence_transformers import SentenceTransformerTrainingArguments
    from sentence_transformers.base.sampler import BatchSamplers

    from embgov.train.losses import NEEDS_GUIDE, build_loss

    t = spec.training
    guide = None
    if t.loss in NEEDS_GUIDE:
        from embgov.train.model import load_base

        if base_path is None:
            from embgov.errors import TrainError

            raise TrainError(f"loss {t.loss} needs the base model as its guide", where="training.loss",
                             fix="pass base_path= to build_trainer (the worker does), or use loss mnrl")
        guide = load_base(base_path, t.max_seq_length, device="cuda" if spec.resources.use_gpu else "cpu")
        guide.requires_grad_(False)
        guide.eval()
    use_gpu = spec.resources.use_gpu
    bf16 = False
    if use_gpu:
        import torch

        bf16 = torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    args = SentenceTransformerTrainingArguments(
        output_dir=str(scratch / "hf"), per_device_train_batch_size=t.batch_size, num_train_epochs=t.epochs,
        learning_rate=t.learning_rate, warmup_steps=t.warmup_ratio,  # a float < 1 is a ratio of all steps
        lr_scheduler_type={"constant": "constant_with_warmup"}.get(t.scheduler, t.scheduler),
        weight_decay=t.weight_decay, seed=t.seed, data_seed=t.seed, use_cpu=not use_gpu, bf16=bf16,
        batch_sampler=BatchSamplers.NO_DUPLICATES, save_strategy="steps" if checkpoints else "no",
        save_steps=t.checkpoint_every_steps,
        save_total_limit=1, logging_steps=0.05, report_to="none",  # ~20 points on the loss curve
        disable_tqdm=True, dataloader_num_workers=0, ddp_find_unused_parameters=False, ddp_broadcast_buffers=False)
    return _no_card_trainer()(model=model, args=args, train_dataset=Dataset.from_list(rows),
                              loss=build_loss(model, t, world, guide=guide), callbacks=[*(callbacks or []), meter])


def _no_card_trainer():
    from sentence_transformers import SentenceTransformerTrainer

    class NoCardTrainer(SentenceTransformerTrainer):
        # The model card would quote training examples ("widget examples"): record text never
        # leaves the run, so no card is made.
        def add_model_card_callback(self, *args, **kwargs) -> None:
            return None

    return NoCardTrainer


def _finish(model, adaptation, config, figures, rank, scratch) -> None:
    """Rank 0 saves the final model and reports it as the run's last checkpoint."""
    import json

    import ray.train

    from embgov.train.methods import METHODS, MODEL_DIR

    ckpt = None
    if rank == 0:
        out = scratch / "final"
        out.mkdir()
        if adaptation is None:
            model.save(str(out / MODEL_DIR), create_model_card=False)
            adapter = None
        else:
            adapter = METHODS[adaptation.method].save(model, adaptation, out)
        figures["adapter"] = bool(adapter)
        (out / "figures.json").write_text(json.dumps(figures))
        (out / FINAL_MARKER).write_text("1")
        ckpt = ray.train.Checkpoint.from_directory(str(out))
    ray.train.report({"phase": "final", "step": figures.get("steps", 0)}, checkpoint=ckpt)


class Meter(TrainerCallback):
    """Reports checkpoints to Ray, records the loss curve and steady-state throughput; in tests it
    can kill its own worker once at a given step to prove resumption."""

    WARMUP_STEPS = 3  # first steps include lazy initialisation: not steady state

    def __init__(self, rank: int, fault_step: int | None = None, fault_marker: str | None = None):
        self.rank, self.fault_step, self.fault_marker = rank, fault_step, fault_marker
        self.started = time.perf_counter()
        self.step_started = self.started
        self.steady_seconds, self.steady_steps = 0.0, 0
        self.checkpoint_seconds = 0.0
        self.paused = 0.0  # validation inside the current step (Watch runs first): not training time

    def on_step_begin(self, args, state, control, **kwargs):
        self.step_started = time.perf_counter()

    def on_step_end(self, args, state, control, **kwargs):
        # Steady state: the sum of step times after the first few (which include lazy initialisation);
        # checkpoint saving and logging happen between steps and are counted apart.
        if state.global_step > min(self.WARMUP_STEPS, max(1, state.max_steps // 4)):
            self.steady_seconds += time.perf_counter() - self.step_started - self.paused
            self.steady_steps += 1
        self.paused = 0.0
        if (self.fault_step and state.global_step == self.fault_step and self.rank == 0
                and self.fault_marker and not Path(self.fault_marker).exists()):
            Path(self.fault_marker).write_text(str(state.global_step))
            # Ray's controller collects reports by polling; give it the time a real step would, so the
            # last checkpoint is registered before the worker dies.
            time.sleep(3)
            os._exit(17)  # a worker dying mid-run, as a crash or a lost node would

    def on_save(self, args, state, control, **kwargs):
        import ray.train

        # Rank 0 holds the trainer's checkpoint (model, optimizer, scheduler, trainer state); Ray copies it
        # into the run's storage. Every rank must report, so all call it.
        ckpt = None
        if self.rank == 0:
            ckpt = ray.train.Checkpoint.from_directory(str(Path(args.output_dir) / f"checkpoint-{state.global_step}"))
        loss = next((h["loss"] for h in reversed(state.log_history) if "loss" in h), None)
        started = time.perf_counter()
        ray.train.report({"phase": "train", "step": state.global_step, "loss": loss}, checkpoint=ckpt)
        self.checkpoint_seconds += time.perf_counter() - started

    def figures(self, state, global_batch: int) -> dict:
        rate = self.steady_steps * global_batch / self.steady_seconds if self.steady_seconds else 0.0
        return {"steps": state.global_step, "max_steps": state.max_steps, "samples_per_s": round(rate, 2),
                "steady_steps": self.steady_steps, "train_seconds": round(time.perf_counter() - self.started, 2),
                "checkpoint_seconds": round(self.checkpoint_seconds, 2),
                "loss_curve": [[h["step"], round(h["loss"], 5)] for h in state.log_history if "loss" in h]}
