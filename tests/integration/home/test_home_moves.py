"""A home built as a user would (a job run by a worker and promoted, its reference captured, an index
built and queried, telemetry checked), with its spec and approved policy inside the home like the demo's
and its data outside: moved to another directory, then backed up and restored elsewhere. Each time the
original is gone (renamed away), and the new home passes `home check` and `audit verify` and runs a
monitor check, a worker job from the registered spec (the daemon's re-tuning path), a promotion and an
index query; nothing is written at, or read from, the old path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import trainkit as kit

pytestmark = pytest.mark.integration
NAME = "mini-run"
MONITORING = "monitoring: {min_window: 20, cooldown: 1h, drift: {method: distance}}\n"


def _cli(*args, ok: bool = True):
    from embgov.cli.main import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (args, result.output)
    return result


def _worker_once():
    from embgov.worker import Worker

    assert Worker(lease_seconds=60, poll_seconds=0.5, say=lambda m: None).run(once=True) == 1


def _use_home(monkeypatch, home: Path) -> None:
    from embgov.store import dispose_all

    dispose_all()
    monkeypatch.setenv("EMBGOV_HOME", str(home))


def _build(home: Path, inputs: Path, tiny_model) -> None:
    """The original home: spec and policy in it (the spec names the policy by its absolute path, as the
    demo's copy does), data outside it."""
    from approvekit import approve

    from embgov.jobs import submit
    from embgov.spec import load_spec
    from embgov.store.queue import list_jobs

    shutil.copytree(kit.MINI, inputs / "data")
    policy = home / "policies" / "hipaa.yaml"
    policy.parent.mkdir(parents=True)
    policy.write_text((kit.POLICIES / "hipaa.yaml").read_text().replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.1"))
    approve(policy)
    spec = home / "jobs" / f"{NAME}.yaml"
    spec.parent.mkdir()
    text = kit.JOB_SPEC.format(model=tiny_model, gain=-1.0, name=NAME, retries=0)
    spec.write_text(text.replace("policy: policy.yaml", f"policy: {policy}").replace("path: data/", f"path: {inputs}/data/")
                    + MONITORING)
    submit(load_spec(spec), trigger="person:test", actor="test")
    _worker_once()
    [job] = list_jobs(limit=None)
    assert job.state == "succeeded" and job.outputs["promoted"] is True, job.error
    corpus = Path(job.run_dir) / "gate" / "corpus" / "corpus.jsonl"
    _cli("index", "build", NAME, "--corpus", corpus, "--policy", policy, "--promote")
    _cli("index", "query", NAME, "protein kinase", "-k", "3")
    rng = np.random.default_rng(0)
    window = rng.normal(size=(40, 32)).astype(np.float32)
    np.save(inputs / "window.npy", window / np.linalg.norm(window, axis=1, keepdims=True))
    _cli("telemetry", "ingest", NAME, inputs / "window.npy")
    _cli("monitor", "check", NAME)


def _four_actions(home: Path, gone: Path) -> None:
    from embgov.monitoring import spec_for
    from embgov.jobs import submit
    from embgov.registry import production
    from embgov.settings import is_under
    from embgov.store.queue import list_jobs

    checked = json.loads(_cli("home", "check", "--json").stdout)
    assert checked["ok"] and checked["findings"] == [] and checked["home"] == str(home)
    assert _cli("audit", "verify").exit_code == 0

    event = json.loads(_cli("monitor", "check", NAME, "--json").stdout)
    assert event["decision"] in ("drift", "no_drift") and event["version"] == production(NAME).version

    # The daemon's re-tuning path: the production version's registered spec, submitted and run by a worker.
    before = production(NAME).version
    loaded = spec_for(production(NAME), None)
    assert is_under(loaded.base_dir, home) and is_under(loaded.resolve(loaded.spec.policy), home)
    job, _ = submit(loaded, trigger="person:test", actor="test")
    _worker_once()
    done = next(j for j in list_jobs(limit=None) if j.id == job.id)
    assert done.state == "succeeded", done.error
    assert is_under(done.run_dir, home) and done.outputs["promoted"] is True
    assert production(NAME).version > before

    # A promotion by a person (back to the version before), the index following it, and a query.
    promoted = json.loads(_cli("models", "promote", NAME, str(before), "--by", "ana", "--reason", "moved", "--json").stdout)
    assert promoted["version"] == before
    answer = json.loads(_cli("index", "query", NAME, "protein kinase", "-k", "3", "--json").stdout)
    assert answer["version"] == before and answer["hits"][0]

    assert _cli("home", "check").exit_code == 0
    assert _cli("audit", "verify").exit_code == 0
    assert not gone.exists()  # nothing wrote at the old path


def test_a_moved_and_a_restored_home_run_as_the_original(tmp_path, tiny_model, monkeypatch, embgov_home):
    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    original = embgov_home
    _build(original, tmp_path / "inputs", tiny_model)
    assert _cli("home", "check").exit_code == 0

    # Moved: the original path no longer exists.
    moved = tmp_path / "elsewhere" / "home"
    moved.parent.mkdir()
    shutil.move(original, moved)
    _use_home(monkeypatch, moved)
    _four_actions(moved, original)

    # Backed up, the home put away, restored into a third path.
    backup_dir = tmp_path / "backup"
    out = json.loads(_cli("backup", backup_dir, "--json").stdout)
    assert out["files"] > 0 and out["not_included"] == []
    shelved = tmp_path / "shelved"
    shutil.move(moved, shelved)
    restored = tmp_path / "restored" / "home"
    _use_home(monkeypatch, restored)
    result = _cli("restore", backup_dir, "--expect-sha256", out["manifest_sha256"])
    assert "audit verify: ok" in result.output
    _four_actions(restored, moved)
