"""The package's layers, enforced on every import (function-level ones too):
cli -> orchestration -> stages -> core; stages never import each other; within orchestration a module
imports only those ranked below it (the pipeline never reaches up into the daemon or the worker); above the
stages, a stage is used through its package's API (`from embgov.gate import run_gate`), never its modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from hostkit import job_host

ROOT = Path(__file__).resolve().parents[2] / "embgov"

CORE = {"", "spec", "policy", "contracts", "store", "audit", "errors", "settings", "hashing", "safeio",
        "signing", "modelio", "records", "lexical", "formats", "progress"}
STAGES = {"gate", "data", "train", "evaluate", "export", "registry", "index", "monitor"}
# Orchestration, bottom to top: a module may import the ones before it in this list, never after.
ORCHESTRATION = ["telemetry", "preflight", "gating", "indexing", "monitoring", "promotion", "pipeline", "jobs",
                 "worker", "daemon", "serve", "home"]


def _rank(top: str) -> tuple[int, int] | None:
    if top == "cli":
        return (3, 0)
    if top in ORCHESTRATION:
        return (2, ORCHESTRATION.index(top))
    if top in STAGES:
        return (1, 0)
    if top in CORE:
        return (0, 0)
    return None


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(root: Path) -> list[str]:
    """Every `embgov.*` import in `root` (an embgov package directory) that breaks the layering."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        here = _top(".".join(p for p in rel.parts if p != "__init__"))
        mine = _rank(here)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names  # a submodule by name
                                         if (root / Path(*node.module.split(".")[1:]) / f"{a.name}.py").exists()]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                if not name.startswith("embgov.") or _top(name) == here:
                    continue
                theirs = _rank(_top(name))
                where = f"{path.relative_to(root.parent)}:{node.lineno} imports {name}"
                if mine is None or theirs is None:
                    found.append(f"{where} (a module outside every layer: add it to tests/unit/test_layers.py)")
                elif theirs[0] > mine[0] or (theirs[0] == mine[0] and mine[0] == 2 and theirs[1] > mine[1]):
                    found.append(f"{where} (upward)")
                elif theirs[0] == mine[0] == 1:
                    found.append(f"{where} (one stage importing another: pass a contract object instead)")
                elif mine[0] >= 2 and theirs[0] == 1 and len(name.split(".")) > 2:
                    found.append(f"{where} (inside a stage: use its API, embgov.{_top(name)}, and add the name "
                                 f"to its __all__)")
    return found


def test_the_package_keeps_its_layers():
    assert violations(ROOT) == []


@pytest.mark.parametrize("planted, reason", [
    ("embgov/gate/x.py", "from embgov.train import loop\n"),
    ("embgov/spec/x.py", "def f():\n    from embgov.pipeline import run_job\n"),
    ("embgov/pipeline.py", "import embgov.daemon.check\n"),
    ("embgov/export/x.py", "import embgov.cli.main\n"),
    ("embgov/cli/x.py", "def f():\n    from embgov.gate.run import run_gate\n"),
    ("embgov/jobs.py", "from embgov.registry.store import _client\n"),
])
def test_a_planted_wrong_import_is_caught(tmp_path, planted, reason):
    path = tmp_path / planted
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(reason)
    assert len(violations(tmp_path / "embgov")) == 1


def test_a_stage_submodule_imported_by_name_is_caught(tmp_path):
    (tmp_path / "embgov/monitor").mkdir(parents=True)
    (tmp_path / "embgov/monitor/checkcache.py").write_text("")
    (tmp_path / "embgov/monitoring.py").write_text("from embgov.monitor import checkcache, save_reference\n")
    assert [v.split(" imports ")[1].split(" ")[0] for v in violations(tmp_path / "embgov")] == ["embgov.monitor.checkcache"]


def test_a_downward_import_is_allowed(tmp_path):
    for rel, src in {"embgov/cli/x.py": "from embgov.pipeline import run_job\n",
                     "embgov/worker.py": "from embgov.jobs import claim\n",
                     "embgov/gate/x.py": "from embgov.contracts import GateReceipt\n"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(src)
    assert violations(tmp_path / "embgov") == []


STAGE_PACKAGES = sorted(f"embgov.{s}" for s in STAGES)


@pytest.mark.parametrize("argv", [["--help"], pytest.param(["validate", "jobs/scifact-lora.yaml"], marks=job_host)])
def test_help_and_validate_import_no_stage(argv, monkeypatch):
    """Start-up stays light: neither command imports a stage package (nor torch, ray, presidio)."""
    monkeypatch.setenv("EMBGOV_HASH_KEY", "3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e")  # validate checks the host has the policy's key
    code = ("import sys\nfrom click.testing import CliRunner\nfrom embgov.cli.main import cli\n"
            f"r = CliRunner().invoke(cli, {argv!r})\n"
            "print(r.exit_code)\nprint(' '.join(sorted(m for m in sys.modules if m.startswith('embgov.') or m in "
            "('torch', 'ray', 'presidio_analyzer', 'mlflow', 'evidently', 'spacy'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT.parent, check=True)
    code_line, modules = out.stdout.strip().splitlines()[-2:]
    assert code_line == "0", out.stdout + out.stderr
    loaded = set(modules.split())
    heavy = loaded & {"torch", "ray", "presidio_analyzer", "mlflow", "evidently", "spacy"}
    stages = {m for m in loaded if any(m == s or m.startswith(s + ".") for s in STAGE_PACKAGES)}
    assert not heavy and not stages, sorted(heavy | stages)
