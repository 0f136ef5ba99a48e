"""The public telemetry call, the monitor package and its CLI groups import nothing heavy: a service
imports embgov.telemetry at start-up, and `embgov --help` loads the CLI modules."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["numpy", "pandas", "evidently", "torch", "sklearn", "mlflow", "sentence_transformers", "pyarrow"]
PROBE = """
import json, sys
import embgov.telemetry, embgov.monitor, embgov.cli.monitor, embgov.daemon.check
print(json.dumps([m for m in %r if m in sys.modules]))
"""


def test_monitor_imports_are_light():
    out = subprocess.run([sys.executable, "-c", PROBE % HEAVY], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
