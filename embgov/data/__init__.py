"""The data stage: gate-passed records -> training pairs (with hard negatives and a general mix),
and the vocabulary-coverage report. Heavy libraries (bm25s, numpy, transformers) load lazily."""

from embgov.data.stage import build_pairs
from embgov.data.manifest import load_pairs
from embgov.data.readers import read_records
from embgov.data.vocab import vocab_report

__all__ = ["build_pairs", "load_pairs", "read_records", "vocab_report"]
