"""The trainer callback that scores the validation split, keeps the best weights, stops early, and
reports progress. Rank 0 evaluates; the stop decision is broadcast so every rank stops at the same
step (a rank that stopped alone would leave the others waiting in an all-reduce).

The best weights (trainable parameters only: adapters for LoRA/adapter, everything for full) live in
memory on rank 0 and are written into each trainer checkpoint with the early-stop state, so a run
that resumes after a failure keeps both.
"""

from __future__ import annotations

import json
from pathlib import Path

from transformers import TrainerCallback

BEST_DIR = "embgov_best"


def _trainable(model) -> dict:
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


class Watch(TrainerCallback):
    def __init__(self, model, rank: int, val: dict | None, vcfg, epochs: int, reporter=None, resume_dir=None,
                 meter=None):
        from embgov.train.validation import EarlyStop

        self.model, self.rank, self.val, self.vcfg, self.epochs = model, rank, val, vcfg, epochs
        self.reporter, self.meter = reporter, meter
        self.seconds = 0.0
        self.stopper = EarlyStop(vcfg.patience, vcfg.min_delta)
        self.best: dict | None = None
        self.every = 1
        self.stopped_early = False
        self.last_val: float | None = None
        if resume_dir is not None and val is not None:
            self._load(Path(resume_dir))

    # --- validation ---------------------------------------------------------------------------
    def _evaluate(self, step: int) -> bool:
        """Score on rank 0, share (score, stop) with every rank; returns stop."""
        from embgov.train.validation import score

        import time

        started = time.perf_counter()
        value, stop = 0.0, False
        if self.rank == 0:
            value = score(self.model, self.val)[self.val["metric"]]
            improved, stop = self.stopper.update(step, value)
            if improved:
                self.best = _trainable(self.model)
        value, stop = _broadcast(value, stop)
        self.last_val = value
        spent = time.perf_counter() - started
        self.seconds += spent
        if self.meter is not None:  # throughput counts training steps only
            self.meter.paused += spent
        return stop

    def on_train_begin(self, args, state, control, **kwargs):
        from embgov.train.validation import eval_every

        self.every = eval_every(state.max_steps, self.epochs, self.vcfg.per_epoch)
        fresh = self.val is not None and state.global_step == 0  # else resumed: the start was scored before
        if fresh:
            self._evaluate(0)
        self._report(state, force=True, event="eval" if fresh else "begin")

    def on_step_end(self, args, state, control, **kwargs):
        step = state.global_step
        evaluated = False
        if self.val is not None and (step % self.every == 0 or step >= state.max_steps):
            evaluated = True
            if self._evaluate(step) and step < state.max_steps:  # at the last step it ends anyway
                self.stopped_early = True
                control.should_training_stop = True
        self._report(state, force=evaluated, event="eval" if evaluated else None)

    def on_train_end(self, args, state, control, **kwargs):
        if self.stopped_early:
            self._report(state, force=True, phase="stopped")

    def restore_best(self) -> None:
        """Rank 0: put the best weights back before the final model is saved."""
        import torch

        if self.rank != 0 or self.best is None:
            return
        params = dict(self.model.named_parameters())
        with torch.no_grad():
            for name, value in self.best.items():
                params[name].copy_(value)

    def summary(self) -> dict:
        s = self.stopper
        return {"metric": self.val["metric"], "start": s.start, "best": s.best, "best_step": s.best_step,
                "evaluations": s.history, "stopped_early": self.stopped_early, "every_steps": self.every,
                "seconds": round(self.seconds, 2)}

    # --- checkpoints --------------------------------------------------------------------------
    def on_save(self, args, state, control, **kwargs):
        if self.rank != 0 or self.val is None:
            return
        from safetensors.torch import save_file

        out = Path(args.output_dir) / f"checkpoint-{state.global_step}" / BEST_DIR
        out.mkdir(parents=True, exist_ok=True)
        (out / "state.json").write_text(json.dumps(self.stopper.state()))
        if self.best is not None:
            save_file({k: v.contiguous() for k, v in self.best.items()}, str(out / "weights.safetensors"))

    def _load(self, resume_dir: Path) -> None:
        from safetensors.torch import load_file

        from embgov.train.validation import EarlyStop

        d = resume_dir / BEST_DIR
        if (d / "state.json").exists():
            self.stopper = EarlyStop.from_state(json.loads((d / "state.json").read_text()))
            self.last_val = self.stopper.history[-1][1] if self.stopper.history else None
        if self.rank == 0 and (d / "weights.safetensors").exists():
            self.best = load_file(str(d / "weights.safetensors"))

    # --- progress -----------------------------------------------------------------------------
    def _report(self, state, force: bool = False, **extra) -> None:
        if self.reporter is None or self.rank != 0:
            return
        loss = next((h["loss"] for h in reversed(state.log_history) if "loss" in h), None)
        s = self.stopper
        val = {} if self.val is None else {"metric": self.val["metric"], "val": self.last_val, "best": s.best,
                                           "best_step": s.best_step, "start": s.start}
        self.reporter.report(state.global_step, state.max_steps, loss=loss, force=force,
                             epoch=round(state.epoch or 0.0, 3), **val, **extra)


def _broadcast(value: float, stop: bool) -> tuple[float, bool]:
    import torch
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() == 1:
        return value, stop
    t = torch.tensor([value, 1.0 if stop else 0.0], dtype=torch.float64)
    if dist.get_backend() == "nccl":
        t = t.cuda()
    dist.broadcast(t, src=0)
    return float(t[0]), bool(t[1] > 0.5)
