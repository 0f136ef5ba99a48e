"""Progress lines and their throttling (no Ray)."""

from __future__ import annotations

from embgov.train.progress import Reporter, Throttle, format_progress, read_progress, training_line, write_progress


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_format_progress_line():
    line = format_progress({"phase": "train", "step": 12, "total": 40, "loss": 1.23456, "samples_per_s": 45.21,
                            "eta_s": 65, "metric": "ndcg@10", "val": 0.7123, "best": 0.72, "best_step": 8,
                            "trial": 2, "trials": 3})
    assert line == ("train trial 2/3: step 12/40 (30%), loss 1.2346, 45.2 samples/s, ETA 1m05s, "
                    "val ndcg@10 0.7123 (best 0.7200 @8)")
    assert format_progress({"phase": "starting", "elapsed_s": 12}).endswith("(12s)")
    assert "stopped early" in format_progress({"phase": "stopped", "step": 5, "total": 9})
    assert "ETA" not in format_progress({"phase": "done", "step": 9, "total": 9, "eta_s": 3})
    assert "(no update for 9s)" in format_progress({"step": 1, "total": 9, "waiting_s": 9})


def test_progress_line_is_a_string_with_its_data():
    line = training_line({"step": 1, "total": 2})
    assert isinstance(line, str) and line.progress == {"step": 1, "total": 2} and "step 1/2" in line


def test_throttle_speaks_every_period_forces_evaluations_and_repeats_when_silent():
    clock = Clock()
    th = Throttle(every=5.0, clock=clock)
    assert th.tick() is None  # nothing yet
    assert th.update({"step": 1}) is None  # too soon after start
    clock.t += 5
    assert th.update({"step": 2}) == {"step": 2}
    clock.t += 1
    assert th.update({"step": 3}) is None
    assert th.update({"step": 3, "event": "eval"}) == {"step": 3, "event": "eval"}  # evaluations at once
    clock.t += 5
    assert th.tick() == {"step": 3, "waiting_s": 5.0}  # silence never lasts more than `every`
    clock.t += 2
    assert th.update({"step": 4}) is None
    clock.t += 3
    assert th.tick() == {"step": 4}  # the fresh update, not a repeat


def test_reporter_throttles_and_computes_rate_and_eta(monkeypatch):
    import embgov.train.progress as progress

    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    sent = []

    class Queue:
        def put_nowait(self, item):
            sent.append(item)

    r = Reporter(Queue(), global_batch=32, every=2.0)
    r.report(0, 100, force=True)
    clock.t += 10
    r.report(10, 100, loss=1.5)
    clock.t += 1
    r.report(11, 100)  # within 2 s of the last: dropped
    r.report(11, 100, force=True, event="eval")
    assert [s["step"] for s in sent] == [0, 10, 11]
    assert sent[1]["samples_per_s"] == 32.0 and sent[1]["eta_s"] == 90.0 and sent[1]["loss"] == 1.5
    assert sent[2]["event"] == "eval"


def test_latest_progress_round_trips_through_the_run_directory(tmp_path):
    assert read_progress(tmp_path) is None and read_progress(None) is None
    write_progress(tmp_path / "train", {"step": 3, "total": 9})
    write_progress(tmp_path / "train", {"step": 4, "total": 9})
    assert read_progress(tmp_path) == {"step": 4, "total": 9}
    assert [p.name for p in (tmp_path / "train").iterdir()] == ["progress.json"]
