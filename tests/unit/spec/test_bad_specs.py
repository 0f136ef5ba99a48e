"""Table of bad specs: each gives one clear, located SpecError, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from embgov.errors import SpecError
from embgov.spec import load_spec, load_spec_text

ROOT = Path(__file__).resolve().parents[3]
GOOD = (ROOT / "jobs/scifact-lora.yaml").read_text()
JOBS = ROOT / "jobs"


def line_of(fragment: str) -> int:
    return next(i for i, line in enumerate(GOOD.splitlines(), 1) if fragment in line)


# (id, text to replace, replacement, fragments the message must contain)
EDITS = [
    ("warmup-out-of-range", "warmup_ratio: 0.1", "warmup_ratio: 1.5",
     [f"x.yaml:{line_of('warmup_ratio')} training.warmup_ratio: must be between 0 and 1 (got 1.5)"]),
    ("unknown-top-key", "domain: biomedical", "domian: biomedical", ["domian: unknown field; did you mean 'domain'?"]),
    ("unknown-nested-key", "batch_size: 16", "batch_sise: 16", ["training.batch_sise: unknown field; did you mean 'batch_size'?"]),
    ("unknown-key-in-union", "  r: 16", "  rank: 16", ["adaptation.rank: unknown field"]),
    ("unknown-adaptation", "method: lora", "method: lorra", ["adaptation: unknown method 'lorra'", "'lora'"]),
    ("missing-adaptation-method", "  method: lora\n", "", ["adaptation: missing"]),
    ("bad-enum-pairs", "method: labeled", "method: labelled", ["pairs.method: must be one of", "did you mean 'labeled'?"]),
    ("bad-enum-loss", "loss: mnrl", "loss: triplet", ["training.loss: must be one of"]),
    ("wrong-type-int", "epochs: 1", "epochs: two", ["training.epochs: must be a whole number (got text 'two')"]),
    ("wrong-type-bool", "use_gpu: false", "use_gpu: maybe", ["resources.use_gpu: must be true or false"]),
    ("wrong-type-list", "target_modules: [query, key, value, dense]", "target_modules: query", ["adaptation.target_modules:", "list"]),
    ("mapping-expected", "resources: {num_workers: 2, use_gpu: false, cpus_per_worker: 1}", "resources: 2", ["resources: must be a mapping of fields (got integer 2)"]),
    ("negative-workers", "num_workers: 2", "num_workers: 0", ["resources.num_workers: must be between 1 and 1024 (got 0)"]),
    ("lr-zero", "learning_rate: 2.0e-3", "learning_rate: 0", ["training.learning_rate: must be between 0 and 1 (got 0)"]),
    ("nan", "learning_rate: 2.0e-3", "learning_rate: .nan", ["training.learning_rate:"]),
    ("bad-name", "name: scifact-lora", "name: SciFact LoRA", ["name: not an accepted value", "lower case"]),
    ("missing-required", "owner: search-platform\n", "", ["owner: required field is missing"]),
    ("wrong-api-version", "apiVersion: embgov/v1", "apiVersion: embgov/v2", ["apiVersion: must be one of 'embgov/v1'"]),
    ("wrong-kind", "kind: EmbeddingFineTune", "kind: Job", ["kind: must be one of"]),
    ("matryoshka-not-decreasing", "loss: mnrl", "loss: mnrl\n  matryoshka_dims: [64, 128]", ["training.matryoshka_dims:", "strictly decreasing"]),
    ("bad-metric", "metrics: [ndcg@10, mrr@10, recall@100, map]", "metrics: [ndcg@10, ndcg]", ["evaluation.metrics[1]:", "retrieval metric"]),
    ("primary-not-computed", "primary_metric: ndcg@10", "primary_metric: recall@10", ["evaluation.promotion.primary_metric:", "not among evaluation.metrics"]),
    ("general-mix-too-large", "pairs:\n  method: labeled", "pairs:\n  general_mix: {source: {path: g.jsonl}, fraction: 0.8}\n  method: labeled",
     ["pairs.general_mix.fraction: must be between 0 and 0.5 (got 0.8)"]),
    ("labeled-needs-qrels", "  qrels: {path: ../demo/data/scifact/qrels/train.tsv}\n", "", ["data.qrels:", "needs data.qrels"]),
    ("unknown-model-alias", "base_model: minilm-l6", "base_model: bert-huge", ["base_model: unknown model alias 'bert-huge'"]),
    ("bad-schedule", "schedule: 1h", "schedule: hourly", ["monitoring.schedule:", "five-field cron"]),
    ("bad-cooldown", "cooldown: 24h", "cooldown: 1 day", ["monitoring.cooldown:", "duration"]),
    ("cached-minibatch", "loss: mnrl", "loss: cached_mnrl\n  mini_batch_size: 64", ["training.mini_batch_size: must not exceed training.batch_size"]),
    ("duplicate-key", "  seed: 42\n", "  seed: 42\n  seed: 7\n", [f"x.yaml:{line_of('seed: 42') + 1}: duplicate key 'seed'"]),
    ("tab-indentation", "  epochs: 1", "\tepochs: 1", ["not valid YAML"]),
    ("unclosed-flow", "resources: {num_workers: 2,", "resources: [num_workers: 2,", ["not valid YAML"]),
    ("python-tag", "owner: search-platform", "owner: !!python/object:os.system x", ["cannot read value"]),
    ("non-string-key", "owner: search-platform", "owner: search-platform\n1: x", ["key 1 is not a name"]),
]


@pytest.mark.parametrize("old,new,fragments", [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_bad_edit_is_located(old, new, fragments):
    assert old in GOOD
    with pytest.raises(SpecError) as info:
        load_spec_text(GOOD.replace(old, new, 1), source="jobs/x.yaml", base_dir=JOBS, check_files=False)
    message = info.value.render()
    assert "Traceback" not in message
    for fragment in fragments:
        assert fragment in message, message


WHOLE = [
    ("empty", "", "the job spec is empty"),
    ("only-comments", "# nothing\n", "the job spec is empty"),
    ("a-list", "- a\n- b\n", "must be a YAML mapping of fields, not a list"),
    ("a-scalar", "hello", "must be a YAML mapping of fields, not a text"),
    ("two-documents", "a: 1\n---\nb: 2\n", "not valid YAML"),
    ("alias-bomb", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi")), "alias expansion bomb"),
    ("recursive-alias", "a: &a [*a]\n", "nesting"),
    ("deep-nesting", "a: " + "[" * 200 + "]" * 200, "nesting"),
]


@pytest.mark.parametrize("text,fragment", [w[1:] for w in WHOLE], ids=[w[0] for w in WHOLE])
def test_bad_document(text, fragment):
    with pytest.raises(SpecError) as info:
        load_spec_text(text, source="x.yaml", check_files=False)
    assert fragment in info.value.render()


def test_several_problems_are_all_reported():
    text = GOOD.replace("epochs: 1", "epochs: 0").replace("seed: 42", "seed: -1").replace("domain: biomedical", "")
    with pytest.raises(SpecError) as info:
        load_spec_text(text, source="x.yaml", check_files=False)
    assert len(info.value.problems) == 3


def test_missing_files_are_named_with_field_and_resolved_path(tmp_path):
    spec = tmp_path / "job.yaml"
    spec.write_text(GOOD)
    with pytest.raises(SpecError) as info:
        load_spec(spec)
    message = info.value.render()
    assert f"{spec}:{line_of('policy:')} policy: file not found: ../policies/hipaa.yaml" in message
    assert "data.corpus.path: file not found" in message
    assert "evaluation.heldout.qrels.path: file not found" in message


def test_missing_local_model_dir_says_nothing_is_downloaded(tmp_path):
    text = GOOD.replace("base_model: minilm-l6", "base_model: sentence-transformers/all-MiniLM-L6-v2")
    with pytest.raises(SpecError) as info:
        load_spec_text(text, source="x.yaml", base_dir=JOBS)
    assert "never downloads from a hub" in info.value.render()


def test_unreadable_inputs(tmp_path):
    with pytest.raises(SpecError, match="not found"):
        load_spec(tmp_path / "nope.yaml")
    with pytest.raises(SpecError, match="is a directory"):
        load_spec(tmp_path)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"name: x\n\xff\xfe\x00")
    with pytest.raises(SpecError, match=r"bin.yaml:2: not UTF-8"):
        load_spec(binary)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (1 << 21))
    with pytest.raises(SpecError, match="the limit is"):
        load_spec(big)


def test_there_are_at_least_25_bad_spec_cases():
    assert len(EDITS) + len(WHOLE) >= 25
