"""`embgov --help` and `embgov validate` must not import the heavy stack (≈14 s of imports)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostkit import job_host

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ["torch", "ray", "presidio_analyzer", "presidio_anonymizer", "evidently", "mlflow",
         "sentence_transformers", "transformers", "spacy", "pandas", "numpy"]

PROBE = """
import json, sys
from click.testing import CliRunner
from embgov.cli.main import cli
result = CliRunner().invoke(cli, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "heavy": [m for m in %r if m in sys.modules]}))
"""


@pytest.mark.parametrize("args", [["--help"], pytest.param(["validate", str(ROOT / "jobs/scifact-lora.yaml")], marks=job_host),
                                  ["schema", "job"]],
                         ids=["help", "validate", "schema"])
def test_light_commands_import_nothing_heavy(args):
    out = subprocess.run([sys.executable, "-c", PROBE % HEAVY, *args], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"exit": 0, "heavy": []}
