"""Spec paths stay inside the data roots and name regular files: `validate` reports each hostile
path as a located problem, never hangs, never reads it; a worker re-checks at run time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from embgov.errors import EmbgovError, SpecError
from embgov.safeio import (DEFAULT_MAX_BYTES, check_regular, confine, data_roots, max_input_bytes, open_input,
                           project_root)
from embgov.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]
GOOD = (ROOT / "jobs/scifact-lora.yaml").read_text()
MINI = ROOT / "tests/fixtures/data/scifact-mini"
CORPUS = "../demo/data/scifact/corpus.jsonl"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A spec directory holding its policy and data; no data roots beyond it."""
    monkeypatch.delenv("EMBGOV_DATA_ROOTS", raising=False)
    monkeypatch.delenv("EMBGOV_MAX_INPUT_BYTES", raising=False)
    spec_dir = tmp_path / "proj"
    (spec_dir / "data").mkdir(parents=True)
    shutil.copy(ROOT / "policies/hipaa.yaml", spec_dir / "hipaa.yaml")
    for name in ("corpus.jsonl", "queries.jsonl", "qrels.tsv"):
        shutil.copy(MINI / name, spec_dir / "data" / name)
    return spec_dir


def write_spec(spec_dir: Path, corpus: str = "data/corpus.jsonl") -> Path:
    text = (GOOD.replace("../policies/hipaa.yaml", "hipaa.yaml").replace(CORPUS, corpus)
            .replace("../demo/data/scifact/", "data/").replace("qrels/train.tsv", "qrels.tsv")
            .replace("qrels/test.tsv", "qrels.tsv"))
    path = spec_dir / "job.yaml"
    path.write_text(text)
    return path


def corpus_problem(spec: Path) -> str:
    with pytest.raises(SpecError) as info:
        load_spec(spec)
    problems = [p for p in info.value.problems if "data.corpus.path:" in p]
    assert len(problems) == 1, info.value.render()
    assert "Traceback" not in info.value.render()
    return problems[0]


def test_a_spec_inside_its_tree_is_valid(project):
    assert load_spec(write_spec(project)).spec.name == "scifact-lora"


@pytest.mark.parametrize("value", ["/etc/passwd", "../../../../../../../etc/passwd", "../outside.jsonl"],
                         ids=["absolute", "dot-dot", "sibling"])
def test_paths_outside_the_roots_are_refused_with_the_fix(project, value):
    (project.parent / "outside.jsonl").write_text('{"_id": "a", "text": "secret"}\n')
    problem = corpus_problem(write_spec(project, value))
    assert "outside the data roots" in problem and "EMBGOV_DATA_ROOTS" in problem and str(project) in problem
    assert f"job.yaml:{GOOD.splitlines().index('  corpus: {path: ' + CORPUS + '}') + 1}" in problem


def test_a_symlink_is_followed_before_the_check(project):
    (project / "data/link.jsonl").symlink_to("/etc/passwd")
    problem = corpus_problem(write_spec(project, "data/link.jsonl"))
    assert "resolves to /etc/passwd" in problem and "outside the data roots" in problem


def test_a_directory_is_not_a_file(project):
    (project / "data/adir").mkdir()
    assert "is a directory" in corpus_problem(write_spec(project, "data/adir"))


@pytest.mark.timeout(20)
def test_a_fifo_is_refused_without_opening_it(project):
    os.mkfifo(project / "data/pipe.jsonl")
    assert "FIFO" in corpus_problem(write_spec(project, "data/pipe.jsonl"))


def test_a_device_is_refused_even_inside_a_root(project, monkeypatch):
    assert "outside the data roots" in corpus_problem(write_spec(project, "/dev/zero"))
    monkeypatch.setenv("EMBGOV_DATA_ROOTS", "/dev")
    assert "character device" in corpus_problem(write_spec(project, "/dev/zero"))


def test_a_file_over_the_size_limit_is_refused_before_reading(project, monkeypatch):
    monkeypatch.setenv("EMBGOV_MAX_INPUT_BYTES", "10")
    problem = corpus_problem(write_spec(project))
    assert "the limit is 10" in problem and "EMBGOV_MAX_INPUT_BYTES" in problem


def test_data_roots_admit_an_outside_directory(project, tmp_path, monkeypatch):
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    shutil.copy(MINI / "corpus.jsonl", elsewhere / "corpus.jsonl")
    spec = write_spec(project, str(elsewhere / "corpus.jsonl"))
    assert "outside the data roots" in corpus_problem(spec)
    monkeypatch.setenv("EMBGOV_DATA_ROOTS", os.pathsep.join(["", str(tmp_path / "nowhere"), str(elsewhere), ""]))
    assert load_spec(spec).spec.name == "scifact-lora"


def test_a_worker_rechecks_at_run_time(project):
    """A spec validated and queued, whose file is later swapped for a link out of the tree."""
    from embgov.spec.loader import LoadedSpec

    loaded = LoadedSpec.from_json(load_spec(write_spec(project)).to_json())
    assert loaded.resolve("data/corpus.jsonl") == (project / "data/corpus.jsonl").resolve()
    (project / "data/corpus.jsonl").unlink()
    (project / "data/corpus.jsonl").symlink_to("/etc/passwd")
    with pytest.raises(SpecError, match="outside the data roots") as info:
        loaded.resolve("data/corpus.jsonl")
    assert info.value.fix and "EMBGOV_DATA_ROOTS" in info.value.fix
    with pytest.raises(SpecError, match="outside the data roots"):
        loaded.resolve("/etc/shadow")


def test_a_model_directory_is_confined_but_an_alias_is_not(project):
    spec = write_spec(project)
    spec.write_text(spec.read_text().replace("base_model: minilm-l6", "base_model: /usr/lib"))
    with pytest.raises(SpecError, match=r"base_model: model directory /usr/lib is outside the data roots"):
        load_spec(spec)
    (project / "model").mkdir()
    spec.write_text(spec.read_text().replace("base_model: /usr/lib", "base_model: ./model"))
    assert load_spec(spec).spec.base_model == "./model"


@pytest.mark.timeout(20)
def test_a_fifo_spec_or_policy_does_not_hang(project):
    os.mkfifo(project / "pipe.yaml")
    with pytest.raises(SpecError, match="FIFO"):
        load_spec(project / "pipe.yaml")
    from embgov.errors import PolicyError
    from embgov.policy.load import load_policy

    with pytest.raises(PolicyError, match="FIFO"):
        load_policy(project / "pipe.yaml")


def test_jobs_validate_through_their_project_root(monkeypatch):
    """jobs/*.yaml name ../demo/data and ../policies: the repository is the spec's project."""
    monkeypatch.delenv("EMBGOV_DATA_ROOTS", raising=False)
    assert project_root(ROOT / "jobs") == ROOT and data_roots(ROOT / "jobs") == [ROOT / "jobs", ROOT]
    for spec in sorted((ROOT / "jobs").glob("*.yaml")):
        load_spec(spec)


def test_safeio_basics(tmp_path, monkeypatch):
    monkeypatch.delenv("EMBGOV_MAX_INPUT_BYTES", raising=False)
    assert max_input_bytes() == DEFAULT_MAX_BYTES == 2 << 30
    monkeypatch.setenv("EMBGOV_MAX_INPUT_BYTES", "lots")
    with pytest.raises(EmbgovError, match="EMBGOV_MAX_INPUT_BYTES"):
        max_input_bytes()
    monkeypatch.setenv("EMBGOV_MAX_INPUT_BYTES", "5")
    small = tmp_path / "small.txt"
    small.write_bytes(b"12345")
    assert check_regular(small).st_size == 5
    with open_input(small) as f:
        assert f.read() == b"12345"
    small.write_bytes(b"123456")
    with pytest.raises(SpecError, match="6 bytes; the limit is 5"):
        open_input(small, error=SpecError)
    with pytest.raises(SpecError, match="input not found"):
        check_regular(tmp_path / "nope", error=SpecError)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(SpecError):
        confine(loop, [tmp_path / "elsewhere"], error=SpecError)
