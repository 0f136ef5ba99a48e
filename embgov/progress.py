"""Progress of long work (gate, encoding, evaluation, training) told through `say`: a `ProgressLine` is a
plain line in a job log, one redrawn line on a terminal, and left out under --json (the CLI's `say`
decides). Counts, rates and times only, never record text."""

from __future__ import annotations

import time

from embgov import Say


class ProgressLine(str):
    """A progress message: a plain string for logs, with its figures attached for terminals that redraw
    one line and for `--json` callers that drop it."""

    progress: dict

    @classmethod
    def with_figures(cls, text: str, data: dict) -> "ProgressLine":
        line = cls(text)
        line.progress = data
        return line


def duration(seconds: float | None) -> str:
    """'45s', '3m05s', '1h02m'; '-' when unknown."""
    if seconds is None:
        return "-"
    s = int(round(seconds))
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class Meter:
    """Counts work done and says a ProgressLine at most every `every` seconds (the first one after `every`,
    so short work says nothing) and once at `close()` when it said anything before and the count moved since:
    'gate corpus: 12000/50000 records (24%), 350/s, ETA 1m49s'. `total` None: a running count."""

    def __init__(self, say: Say | None, label: str, *, total: int | None = None, unit: str = "records",
                 every: float = 5.0):
        self.say, self.label, self.total, self.unit, self.every = say, label, total, unit, every
        self.done, self.said = 0, None  # `said`: the count at the last line, None before the first
        self.start = self.last = time.monotonic()

    def line(self) -> ProgressLine:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        data = {"label": self.label, "done": self.done, "total": self.total, "unit": self.unit,
                "per_s": round(rate, 1), "elapsed_s": round(elapsed, 1)}
        text = f"{self.label}: {self.done}"
        if self.total:
            left = (self.total - self.done) / rate if rate > 0 else None
            data["eta_s"] = None if left is None else round(left, 1)
            text += f"/{self.total} {self.unit} ({100 * self.done // self.total}%), {rate:.0f}/s, ETA {duration(left)}"
        else:
            text += f" {self.unit}, {rate:.0f}/s, {duration(elapsed)}"
        return ProgressLine.with_figures(text, data)

    def add(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if self.say is not None and now - self.last >= self.every:
            self.last, self.said = now, self.done
            self.say(self.line())

    def close(self) -> None:
        if self.say is not None and self.said is not None and self.said != self.done:
            self.said = self.done
            self.say(self.line())
