"""`embgov index list|promote|rollback|prune` on tables built with the fake encoder, exit codes, and the
import discipline: the stage imports no other stage, and nothing heavy loads before a command runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
pytest.importorskip("numpy")  # a stage library the code under test needs

import indexkit as kit


def _quiet(_message: str) -> None:
    pass


def _run(*args):
    from embgov.cli.index import index

    return CliRunner().invoke(index, list(args))


@pytest.fixture
def built(corpus, policy):
    from embgov import index

    return [index.build("docs", corpus, policy=policy, encoder=kit.encoder(v), promote=v == 1, say=_quiet) for v in (1, 2)]


def test_list_promote_rollback_and_prune(built):
    v1, v2 = built
    listed = json.loads(_run("list", "--json").stdout)
    assert [(r["version"], r["live"], r["rows"], r["state"]) for r in listed] == [(1, True, 120, "ready"), (2, False, 120, "ready")]
    assert all(r["bytes"] > 0 for r in listed)

    promoted = _run("promote", "docs", "fake:2", "--by", "Ana", "--reason", "better", "--json")
    assert promoted.exit_code == 0, promoted.output
    assert json.loads(promoted.stdout)["table"] == v2.table
    text = _run("list").stdout
    assert text.splitlines()[0].startswith("prev ") and text.splitlines()[1].startswith("live ")

    back = _run("rollback", "docs")
    assert back.exit_code == 0 and f"live on {v1.table} (fake:1) again" in back.stdout
    again = _run("rollback", "docs")
    assert again.exit_code == 1 and "no earlier live table to roll back to" in again.output and "fix:" in again.output

    missing = _run("promote", "docs", "7")
    assert missing.exit_code == 1 and "no ready table of version 7" in missing.output
    assert _run("promote", "docs", "x:y").exit_code == 2
    assert _run("prune", "--stale", "soon").exit_code == 2
    pruned = _run("prune", "--json")
    assert pruned.exit_code == 0 and json.loads(pruned.stdout) == {"dropped": []}


def test_query_of_an_unknown_index_says_how_to_build_one():
    result = _run("query", "nothing", "insulin")
    assert result.exit_code == 1 and "index 'nothing' has no live table" in result.output
    assert "embgov index build" in result.output


def test_help_lists_every_command():
    result = _run("--help")
    assert result.exit_code == 0
    for command in ("build", "promote", "rollback", "query", "list", "prune"):
        assert command in result.output
    build = _run("build", "-h").output
    assert "--corpus" in build and "--policy" in build and "--queries" in build and "--promote" in build


PROBE = """
import json, sys
import embgov.index, embgov.indexing, embgov.cli.index
heavy = [m for m in ("numpy", "pyarrow", "lancedb", "torch", "mlflow", "onnxruntime", "sentence_transformers")
         if m in sys.modules]
stages = sorted({m.split(".")[1] for m in sys.modules if m.startswith("embgov.") and m.split(".")[1] in
                 ("gate", "data", "train", "evaluate", "export", "registry", "monitor", "daemon", "pipeline")})
print(json.dumps({"heavy": heavy, "stages": stages}))
"""


def test_imports_are_light_and_the_stage_imports_no_other_stage():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"heavy": [], "stages": []}
    source = "\n".join(p.read_text() for p in (kit.ROOT / "embgov" / "index").glob("*.py"))
    imported = set(re.findall(r"^\s*(?:from|import) embgov\.(\w+)", source, re.M))
    assert imported <= {"index", "contracts", "errors", "settings", "store", "audit", "spec", "policy", "hashing", "progress"}, imported
