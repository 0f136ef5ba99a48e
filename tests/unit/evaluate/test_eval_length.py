"""Like for like: every dense model in one evaluation runs at one declared max_seq_length."""

from __future__ import annotations

from pathlib import Path

import pytest

from embgov.contracts import EvalReport
from embgov.errors import EvalError
from embgov.evaluate.report import render
from embgov.evaluate.runner import evaluate
from embgov.evaluate.sets import EvalSet
from embgov.spec.jobspec import EvaluationSection

torch = pytest.importorskip("torch")

DOCS = {"insulin": "Insulin lowers blood glucose.", "markets": "Stock markets fell after the rate rise."}


def eset() -> EvalSet:
    return EvalSet(doc_ids=list(DOCS), doc_texts=list(DOCS.values()), query_ids=["q1"], query_texts=["insulin glucose"],
                   qrels={"q1": {"insulin": 1}}, fingerprint="f", corpus_fingerprint="c",
                   stats={"relevant_pairs": 1, "qrels_docs_not_in_corpus": 0, "qrels_queries_not_in_queries": 0})


class FakeModel:
    """Saves the length it was set to at encode time; embeds by a keyword so retrieval is exact."""

    def __init__(self, saved_length: int, log: dict, name: str):
        self.max_seq_length, self.log, self.name = saved_length, log, name

    def encode(self, texts, **kw):
        self.log.setdefault(self.name, set()).add(self.max_seq_length)
        return torch.tensor([[1.0, 0.0] if "nsulin" in t else [0.0, 1.0] for t in texts])


def run(tmp_path: Path, declared: int | None, *, general: bool = False):
    saved = {"cand": 128, "base": 256}
    log: dict = {}
    loader = lambda path: FakeModel(saved[path.name], log, path.name)  # noqa: E731
    report = evaluate(tmp_path / "cand", eset(), baselines={"base": tmp_path / "base", "bm25": "bm25"},
                      metrics=["ndcg@10"], base_model=tmp_path / "base", general=eset() if general else None,
                      max_seq_length=declared, _loader=loader)
    return report, log


def test_default_is_the_base_models_own_length_for_every_model(tmp_path):
    report, log = run(tmp_path, None, general=True)
    # the candidate saved 128 but is evaluated at the base model's 256, on both sets
    assert log == {"cand": {256}, "base": {256}}
    assert report.heldout["max_seq_length"] == 256
    assert "every model encoded at max_seq_length 256 tokens" in render(report)


def test_declared_length_applies_to_candidate_base_and_general(tmp_path):
    report, log = run(tmp_path, 128, general=True)
    assert log == {"cand": {128}, "base": {128}}
    assert report.heldout["max_seq_length"] == 128


def test_length_beyond_the_models_positions_is_refused(tmp_path):
    class Config:
        max_position_embeddings = 512

    class Module:
        auto_model = type("M", (), {"config": Config()})()

    class Bounded(FakeModel):
        def __getitem__(self, i):
            return Module()

    log: dict = {}
    with pytest.raises(EvalError, match="exceeds the model's 512 positions"):
        evaluate(tmp_path / "cand", eset(), baselines={"base": tmp_path / "base"}, metrics=["ndcg@10"],
                 base_model=tmp_path / "base", max_seq_length=1024, _loader=lambda p: Bounded(256, log, p.name))


def test_spec_field_defaults_to_none_and_is_bounded():
    assert EvaluationSection.model_fields["max_seq_length"].default is None
    with pytest.raises(ValueError):
        EvaluationSection.model_validate({"heldout": {"corpus": {"path": "c"}, "queries": {"path": "q"},
                                                      "qrels": {"path": "r"}}, "max_seq_length": 4})


def test_report_without_a_length_says_so():
    r = EvalReport(model_dir="m", heldout={"documents": 1}, metrics={"bm25": {"ndcg@10": 1.0}}, primary_metric="ndcg@10",
                   seconds=0.1)
    assert "each model encoded at its own max_seq_length" in render(r)


def test_jobs_show_prints_the_evaluation_length_with_the_table(capsys):
    from embgov.cli.summary import echo_outputs

    # The job's outputs carry the length (embgov.jobs.outputs_of), so `jobs show` needs no run directory.
    echo_outputs({"eval_max_seq_length": 256, "metrics": {"candidate": {"ndcg@10": 0.6}, "base": {"ndcg@10": 0.5}}})
    out = capsys.readouterr().out
    assert "evaluation: every model at max_seq_length 256 tokens" in out
    assert out.index("max_seq_length 256") < out.index("candidate")
