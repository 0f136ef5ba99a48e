"""Paths recorded relative to EMBGOV_HOME follow it; `home check` names every record that points outside
(where: database, table, row, field), and a registered spec is written so that a copied home reads its
own policy."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from embgov.settings import from_home, to_home

SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: mini
owner: tests
domain: test
base_model: minilm-l6
policy: {policy}
data: {{pairs: [{{path: {pairs}}}]}}
pairs: {{method: labeled, hard_negatives: {{miner: none}}}}
adaptation: {{method: full}}
"""


def test_paths_inside_the_home_are_recorded_relative_and_follow_it(embgov_home, tmp_path, monkeypatch):
    assert to_home(embgov_home / "runs" / "j1") == "runs/j1"
    assert to_home(tmp_path / "data.jsonl") == str(tmp_path / "data.jsonl")  # outside: absolute, as it was
    monkeypatch.setenv("EMBGOV_HOME", str(tmp_path / "moved"))
    assert from_home("runs/j1") == (tmp_path / "moved" / "runs" / "j1").resolve()
    assert from_home(str(tmp_path / "data.jsonl")) == tmp_path / "data.jsonl"


def test_a_claimed_jobs_run_dir_follows_the_home(embgov_home, tmp_path, monkeypatch):
    from embgov.store import dispose_all, get_engine
    from embgov.store import queue as q

    job, _ = q.enqueue(name="job", spec_hash="h" * 64, spec_json="{}", trigger="person:t")
    claimed = q.claim("w1", lease_seconds=60, runs_root=str(embgov_home / "runs"))
    assert claimed.run_dir == str(embgov_home / "runs" / job.id)
    with get_engine().connect() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT run_dir FROM jobs")).scalar() == f"runs/{job.id}"
    q.finish(job.id, "w1", "succeeded", outputs={"run_dir": claimed.run_dir}, actor="t")
    moved = tmp_path / "moved"
    (embgov_home).rename(moved)
    dispose_all()
    monkeypatch.setenv("EMBGOV_HOME", str(moved))
    again = q.get_job(job.id)
    assert again.run_dir == str(moved / "runs" / job.id) and again.outputs["run_dir"] == again.run_dir


def _loaded(base: Path, policy: str, pairs: str = "pairs.jsonl"):
    from embgov.spec.loader import load_spec_text

    return load_spec_text(SPEC.format(policy=policy, pairs=pairs), base_dir=base, check_files=False)


def test_a_registered_spec_names_the_homes_own_policy_wherever_the_home_goes(embgov_home, tmp_path, monkeypatch):
    from embgov.registry.specs import registered_spec_json
    from embgov.spec.loader import LoadedSpec

    (embgov_home / "jobs").mkdir(parents=True)
    policy = embgov_home / "policies" / "p.yaml"
    policy.parent.mkdir()
    policy.write_text("name: p\n")
    data = tmp_path / "inputs" / "pairs.jsonl"
    data.parent.mkdir()
    data.write_text("{}\n")
    loaded = _loaded(embgov_home / "jobs", str(policy), str(data))  # as the demo's copy: absolute into the home
    text = registered_spec_json(loaded)
    payload = json.loads(text)
    assert payload["base_dir"] == "jobs" and payload["spec"]["policy"] == "../policies/p.yaml"
    assert payload["spec"]["data"]["pairs"][0]["path"] == str(data)  # inputs outside the home stay where they are
    assert set(payload["inputs"]) == {"policy", "data.pairs.0.path"} and all(len(h) == 64 for h in payload["inputs"].values())

    monkeypatch.setenv("EMBGOV_HOME", str(tmp_path / "copy"))
    again = LoadedSpec.from_json(text)
    assert again.resolve(again.spec.policy) == (tmp_path / "copy" / "policies" / "p.yaml").resolve()


def test_home_check_names_each_record_that_points_outside(embgov_home, tmp_path):
    from embgov.home.findings import check_home, state_findings
    from embgov.store import get_engine
    from embgov.store import queue as q
    from embgov.store.db import index_tables, utcnow

    assert check_home() == []  # a fresh home
    outside = tmp_path / "elsewhere"
    job, _ = q.enqueue(name="job", spec_hash="h" * 64, trigger="person:t", run_dir=str(outside / "runs" / "j"),
                       spec_json=json.dumps({"spec": {}, "base_dir": str(embgov_home / "jobs"), "source": "x"}))
    record = {"uri": str(outside / "lancedb"), "corpus": "runs/j/gate/corpus.jsonl", "policy": str(embgov_home / "p.yaml"),
              "queries": None}
    with get_engine().begin() as conn:
        conn.execute(index_tables.insert().values(table_name="t1", index_name="i", model="m", version=1, state="ready",
                                                  owner="o", created_at=utcnow(), updated_at=utcnow(),
                                                  record_json=json.dumps(record)))
    found = {(f.where, f.problem) for f in state_findings(embgov_home.resolve())}
    assert (f"state db jobs[{job.id}].run_dir", "outside the home") in found
    assert ("state db index_tables[t1].uri", "outside the home") in found
    assert ("state db index_tables[t1].policy", "absolute path into the home (recorded before portable homes)") in found
    assert not any("corpus" in where for where, _ in found)  # relative: follows the home
    # A queued job's spec: its base_dir recorded absolute, and the spec itself no longer valid.
    assert (f"state db jobs[{job.id}].spec_json base_dir", "absolute path into the home (recorded before portable homes)") in found
    assert (f"state db jobs[{job.id}].spec_json", "not a valid spec") in found


def test_home_check_reads_mlflow_locations_and_skips_an_unused_default_experiment(embgov_home, tmp_path):
    from embgov.home.findings import mlflow_findings

    embgov_home.mkdir(parents=True)
    con = sqlite3.connect(embgov_home / "mlflow.db")
    con.executescript("""
        CREATE TABLE experiments (experiment_id INTEGER, artifact_location TEXT);
        CREATE TABLE runs (run_uuid TEXT, experiment_id INTEGER, artifact_uri TEXT);
        CREATE TABLE model_versions (name TEXT, version INTEGER, source TEXT, storage_location TEXT);
    """)
    con.executemany("INSERT INTO experiments VALUES (?, ?)", [
        (0, (tmp_path / "cwd" / "mlruns").as_uri()), (1, "embgov-home:mlartifacts/m"), (2, (tmp_path / "old" / "a").as_uri())])
    con.executemany("INSERT INTO runs VALUES (?, ?, ?)", [("r1", 1, "embgov-home:mlartifacts/m/r1/artifacts"),
                                                          ("r2", 2, (tmp_path / "old" / "a" / "r2").as_uri())])
    con.execute("INSERT INTO model_versions VALUES ('m', 1, ?, 's3://bucket/m')", ((tmp_path / "old" / "m").as_uri(),))
    con.commit()
    con.close()
    found = {f.where for f in mlflow_findings(embgov_home.resolve())}
    assert found == {"mlflow.db experiments[2].artifact_location", "mlflow.db runs[r2].artifact_uri",
                     "mlflow.db model_versions[m:1].source"}


def test_home_check_cli_exits_1_and_lists_where(embgov_home, tmp_path):
    from click.testing import CliRunner

    from embgov.cli.main import cli
    from embgov.store import queue as q

    assert CliRunner().invoke(cli, ["home", "check"]).exit_code == 0
    q.enqueue(name="job", spec_hash="h" * 64, spec_json="{}", trigger="person:t", run_dir=str(tmp_path / "x"))
    result = CliRunner().invoke(cli, ["home", "check", "--json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    [finding] = [f for f in findings if f["where"].endswith(".run_dir")]
    assert finding["problem"] == "outside the home" and finding["path"] == str(tmp_path / "x")
    assert {f["where"] for f in findings} - {finding["where"]} == {f"{finding['where'].removesuffix('.run_dir')}.spec_json"}


def test_an_artifact_uri_cannot_leave_the_home(embgov_home):
    from embgov.errors import ConfigError
    from embgov.settings import home_uri_path

    assert home_uri_path("embgov-home:mlartifacts/m") == (embgov_home / "mlartifacts" / "m").resolve()
    with pytest.raises(ConfigError, match="leaves EMBGOV_HOME"):
        home_uri_path("embgov-home:../elsewhere")


def test_a_resumed_run_reads_its_own_files(tmp_path):
    from embgov.pipeline import in_run

    run = tmp_path / "new" / "runs" / "20261207-000000-abcdef"
    (run / "train" / "model").mkdir(parents=True)
    assert in_run(f"/old/home/runs/{run.name}/train/model", run) == str(run / "train" / "model")
    assert in_run("/somewhere/else/model", run) == "/somewhere/else/model"


def test_a_check_cache_naming_a_model_outside_the_home_is_a_finding(embgov_home, tmp_path):
    from embgov.home.findings import file_findings

    cache = embgov_home / "monitor" / "references" / "m" / "v1" / "check.json"
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps({"model_dir": "mlartifacts/m/r1/artifacts/model"}))
    assert list(file_findings(embgov_home.resolve())) == []
    cache.write_text(json.dumps({"model_dir": str(tmp_path / "old" / "model")}))
    [finding] = file_findings(embgov_home.resolve())
    assert finding.where == "file monitor/references/m/v1/check.json model_dir" and finding.problem == "outside the home"
