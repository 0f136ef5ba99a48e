"""The core progress meter: quiet for short work, a line every `every` seconds with counts, rate and ETA,
one closing line when it spoke; figures only."""

from __future__ import annotations

from embgov import progress
from embgov.progress import Meter, ProgressLine


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_short_work_says_nothing(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    said = []
    meter = Meter(said.append, "gate corpus", every=5.0)
    meter.add(10)
    clock.now += 1
    meter.add(10)
    meter.close()
    assert said == []


def test_long_work_says_count_rate_eta_and_closes(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    said = []
    meter = Meter(said.append, "encode documents", total=1000, unit="texts", every=5.0)
    for _ in range(4):
        clock.now += 3
        meter.add(100)
    clock.now += 1
    meter.add(50)  # too soon for a line of its own: the closing line says it
    meter.close()
    meter.close()  # nothing new: no second closing line
    assert all(isinstance(line, ProgressLine) for line in said)
    assert said[0] == "encode documents: 200/1000 texts (20%), 33/s, ETA 24s"
    assert said[0].progress["done"] == 200 and said[0].progress["eta_s"] == 24.0
    assert said[1].startswith("encode documents: 400/1000 texts (40%)")
    assert said[-1].startswith("encode documents: 450/1000 texts (45%)") and len(said) == 3


def test_without_a_total_it_is_a_running_count(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(progress.time, "monotonic", clock)
    said = []
    meter = Meter(said.append, "gate corpus")
    clock.now += 65
    meter.add(6500)
    assert said == ["gate corpus: 6500 records, 100/s, 1m05s"]


def test_no_say_no_output():
    meter = Meter(None, "x", every=0.0)
    meter.add(5)
    meter.close()
    assert meter.done == 5
