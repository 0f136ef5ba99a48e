"""Wall time of `embgov --help` and `embgov validate` against a bare `python -c pass`.

    python bench/cli_start.py [--runs 7]

Prints the median of each and the ratio to the interpreter's own start-up. The point: the CLI
imports no stage package and none of torch/ray/presidio/evidently/mlflow (≈14 s together) for these
commands (tests/unit/test_layers.py asserts it); the target for `--help` is <= 0.15 s on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], runs: int) -> float:
    # validate checks this host too: give it a key of its own when none is set (a throw-away one).
    env = {"EMBGOV_HASH_KEY": secrets.token_hex(32), **os.environ}
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    cli = [sys.executable, "-m", "embgov.cli.main"]
    cases = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "embgov --help": cli + ["--help"],
        "embgov validate jobs/*.yaml": cli + ["validate", *map(str, sorted((ROOT / "jobs").glob("*.yaml")))],
        "import torch (for scale)": [sys.executable, "-c", "import torch"],
    }
    base = None
    print(f"{'command':<32} {'median s':>9} {'x baseline':>11}")
    for name, cmd in cases.items():
        t = timed(cmd, args.runs)
        base = base or t
        print(f"{name:<32} {t:>9.3f} {t / base:>11.1f}")


if __name__ == "__main__":
    main()
