"""Pair builders, chosen by `pairs.method` through the BUILDERS registry.

Each builder turns gate-passed records into `Pair`s and returns the `Pool` their hard negatives are
drawn from: the corpus documents in the same form as the positives (so a negative never differs
from a positive by form alone, e.g. by having a title), with every pair naming the pool entries
that must never be its negatives.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from embgov.data.bm25 import Bm25Index
from embgov.data.readers import PairRow, Record
from embgov.data.text import split_sentences
from embgov.errors import DataError
from embgov.spec.jobspec import PairsSection

ADJACENT_SENTENCES = 3  # adjacent: a sentence's positive is the passage of up to this many following sentences
QUERY_CHUNK = 256       # pseudo-queries tokenized per bm25s call


@dataclass
class Pair:
    anchor: str
    positive: str
    negatives: list[str] = field(default_factory=list)
    pos_doc: int | None = None          # pool index of the positive (the false-negative guard scores it)
    known: frozenset[int] = frozenset()  # pool indices never to be used as this pair's negatives
    origin: str = "domain"              # domain | ready | general


class Pool:
    """The texts hard negatives come from, with a BM25 index built on first use."""

    def __init__(self, texts: list[str], index: Bm25Index | None = None):
        self.texts = texts
        self._index = index
        self._words: list[frozenset[str]] | None = None

    @property
    def words(self) -> list[frozenset[str]]:
        """Each text's content words (for the near-duplicate guard), computed on first use."""
        if self._words is None:
            from embgov.data.bm25 import word_sets

            self._words = word_sets(self.texts)
        return self._words

    @property
    def index(self) -> Bm25Index:
        if self._index is None:
            self._index = Bm25Index(self.texts)
        return self._index


@dataclass
class Inputs:
    section: PairsSection
    seed: int
    stats: Counter
    corpus: list[Record] | None = None
    queries: list[Record] | None = None
    qrels: dict[str, list[str]] | None = None
    where: dict[str, str] = field(default_factory=dict)  # role -> file, for error messages


def _corpus_pool(inp: Inputs) -> Pool | None:
    return Pool([r.text for r in inp.corpus]) if inp.corpus is not None else None


def labeled(inp: Inputs) -> tuple[list[Pair], Pool | None]:
    """Query text -> each relevant document's text; one pair per (query, relevant document)."""
    pool = _corpus_pool(inp)
    if inp.queries is None or inp.qrels is None:
        return [], pool  # only ready-made pair files (the spec checks allow it)
    if pool is None:
        raise DataError("labeled pairs need the corpus the qrels point into", where="data.corpus",
                        fix="add data.corpus to the spec")
    stats = inp.stats
    docs = {r.id: i for i, r in enumerate(inp.corpus)}
    query_ids = {q.id for q in inp.queries}
    stats["qrels_unknown_query"] += sum(len(d) for q, d in inp.qrels.items() if q not in query_ids)
    pairs: list[Pair] = []
    for q in inp.queries:
        relevant = inp.qrels.get(q.id)
        if not relevant:
            stats["queries_without_qrels"] += 1
            continue
        known = frozenset(docs[d] for d in relevant if d in docs)
        for d in relevant:
            if d not in docs:
                stats["qrels_unknown_doc"] += 1
                continue
            pairs.append(Pair(q.text, pool.texts[docs[d]], pos_doc=docs[d], known=known))
    if not pairs:
        raise DataError("no qrels line names both a known query and a known document, so no labeled pair was built",
                        where=inp.where.get("qrels"),
                        fix="check that the qrels ids match the query and corpus ids (and the gate kept those records)")
    return pairs, pool


def adjacent(inp: Inputs) -> tuple[list[Pair], Pool]:
    """Unsupervised: a sentence -> the passage of the next few sentences of the same document.
    Windows do not overlap, so no sentence is both an anchor and part of another pair's positive."""
    if inp.corpus is None:
        raise DataError("adjacent pairs are built from data.corpus, which is missing", where="data.corpus")
    pool = _corpus_pool(inp)
    pairs: list[Pair] = []
    for i, rec in enumerate(inp.corpus):
        sentences = split_sentences(rec.text)
        if len(sentences) < 2:
            inp.stats["adjacent_short_docs"] += 1
            continue
        for j in range(0, len(sentences) - 1, ADJACENT_SENTENCES + 1):
            passage = " ".join(sentences[j + 1:j + 1 + ADJACENT_SENTENCES])
            pairs.append(Pair(sentences[j], passage, pos_doc=i, known=frozenset({i})))
    if not pairs:
        raise DataError("no document has two sentences, so no adjacent pair was built", where=inp.where.get("corpus"),
                        fix="use longer documents or another pairs.method")
    return pairs, pool


def ready_made(rows: list[PairRow], origin: str = "ready") -> list[Pair]:
    """Pairs from files, as they are (their negative, when present, is kept)."""
    return [Pair(r.anchor, r.positive, [r.negative] if r.negative else [], origin=origin) for r in rows]


def _pseudo(inp: Inputs) -> tuple[list[Pair], Pool]:
    from embgov.data.pseudo import pseudo

    return pseudo(inp)


BUILDERS: dict[str, Callable[[Inputs], tuple[list[Pair], Pool | None]]] = {
    "labeled": labeled,
    "pseudo": _pseudo,
    "bm25": _pseudo,  # the same builder with one kind (default title): the positive is the query's own document
    "adjacent": adjacent,
}
