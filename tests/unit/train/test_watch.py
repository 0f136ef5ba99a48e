"""The trainer callback without a trainer: a fake metric sequence drives evaluation, early stopping
and the best weights (a tiny torch module stands in for the model)."""

from __future__ import annotations

from types import SimpleNamespace


import pytest
torch = pytest.importorskip("torch")

from embgov.spec.training import ValidationSettings
from embgov.train import watch as watch_mod
from embgov.train.watch import Watch


def _setup(monkeypatch, scores, patience=2):
    model = torch.nn.Linear(2, 2)
    model.bias.requires_grad_(False)  # frozen parameters are not part of the kept state
    sequence = iter(scores)

    def fake_score(m, val, batch_size=64):
        with torch.no_grad():
            m.weight.add_(1.0)  # each evaluation sees different weights
        return {"ndcg@10": next(sequence)}

    monkeypatch.setattr("embgov.train.validation.score", fake_score)
    sent = []
    reporter = SimpleNamespace(report=lambda step, total, **kw: sent.append({"step": step, **kw}))
    w = Watch(model, 0, {"metric": "ndcg@10"}, ValidationSettings(per_epoch=5, patience=patience, min_delta=0.0),
              epochs=1, reporter=reporter)
    return model, w, sent


def _state(step, max_steps=10):
    return SimpleNamespace(global_step=step, max_steps=max_steps, epoch=step / max_steps, log_history=[{"loss": 1.0}])


def test_best_weights_are_restored_and_training_stops_after_patience(monkeypatch):
    model, w, sent = _setup(monkeypatch, [0.5, 0.6, 0.8, 0.7, 0.75])
    control = SimpleNamespace(should_training_stop=False)
    w.on_train_begin(None, _state(0), control)  # start score 0.5 (weights +1)
    assert w.every == 2
    snapshots = {}
    for step in range(1, 11):
        w.on_step_end(None, _state(step), control)
        snapshots[step] = model.weight.detach().clone()
        if control.should_training_stop:
            break
    assert step == 8 and w.stopped_early  # evaluations at 2, 4, 6, 8: best at 4, then two without gain
    assert w.summary()["best_step"] == 4 and w.summary()["start"] == 0.5
    w.on_train_end(None, _state(8), control)
    w.restore_best()
    assert torch.equal(model.weight, snapshots[4])
    evals = [s for s in sent if s.get("event") == "eval"]
    assert [s["step"] for s in evals] == [0, 2, 4, 6, 8] and evals[-1]["best"] == 0.8
    assert sent[-1]["phase"] == "stopped"


def test_patience_running_out_at_the_last_step_is_not_an_early_stop(monkeypatch):
    _, w, sent = _setup(monkeypatch, [0.5, 0.8, 0.7, 0.7], patience=2)
    control = SimpleNamespace(should_training_stop=False)
    w.on_train_begin(None, _state(0, max_steps=6), control)
    for step in range(1, 7):
        w.on_step_end(None, _state(step, max_steps=6), control)
    w.on_train_end(None, _state(6, max_steps=6), control)
    assert not w.stopped_early and not control.should_training_stop and sent[-1].get("phase") != "stopped"


def test_best_state_survives_a_checkpoint_and_resume(monkeypatch, tmp_path):
    model, w, _ = _setup(monkeypatch, [0.5, 0.9, 0.4])
    control = SimpleNamespace(should_training_stop=False)
    w.on_train_begin(None, _state(0), control)
    w.on_step_end(None, _state(2), control)
    best = model.weight.detach().clone()
    w.on_step_end(None, _state(4), control)
    (tmp_path / "checkpoint-4").mkdir()
    w.on_save(SimpleNamespace(output_dir=str(tmp_path)), _state(4), control)

    resumed = Watch(torch.nn.Linear(2, 2), 0, {"metric": "ndcg@10"}, ValidationSettings(), epochs=1,
                    resume_dir=tmp_path / "checkpoint-4")
    assert resumed.stopper.best == 0.9 and resumed.stopper.history == [[0, 0.5], [2, 0.9], [4, 0.4]]
    resumed.restore_best()
    assert torch.equal(resumed.model.weight, best)


def test_no_validation_means_no_evaluation(monkeypatch):
    monkeypatch.setattr(watch_mod, "_broadcast", lambda *a: (_ for _ in ()).throw(AssertionError("no eval")))
    w = Watch(torch.nn.Linear(2, 2), 0, None, ValidationSettings(), epochs=1)
    control = SimpleNamespace(should_training_stop=False)
    w.on_train_begin(None, _state(0), control)
    for step in range(1, 11):
        w.on_step_end(None, _state(step), control)
    assert not control.should_training_stop
