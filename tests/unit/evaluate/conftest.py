"""Evaluation fixtures: the SciFact subset as a RetrievalSet, and a tiny random model (session-wide)."""

from __future__ import annotations

from pathlib import Path

import pytest

import trainkit as kit
from embgov.spec.models import QrelsSource, RecordSource, RetrievalSet

MINI = Path(__file__).resolve().parents[2] / "fixtures" / "data" / "scifact-mini"


@pytest.fixture
def mini_set() -> RetrievalSet:
    return RetrievalSet(corpus=RecordSource(path=str(MINI / "corpus.jsonl")),
                        queries=RecordSource(path=str(MINI / "queries.jsonl")),
                        qrels=QrelsSource(path=str(MINI / "qrels.tsv")))


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """A 2-layer random BERT (hidden 32) on MiniLM's tokenizer: fast to encode, meaningless scores."""
    return kit.make_tiny_model(tmp_path_factory.mktemp("tiny"))
