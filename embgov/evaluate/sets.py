"""Read a retrieval test set (corpus, queries, qrels) for evaluation.

Records are read by the reader the data stage uses too (embgov.records, in core): a record's text is
its title and body joined the same way, a malformed file is refused the same way; blank records are
skipped and counted, duplicate ids are an error. Errors name file, line and field, never text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from embgov import records as core
from embgov.errors import EvalError
from embgov.spec.qrels import iter_qrels
from embgov.hashing import sha256_file, sha256_json
from embgov.spec.jobspec import QrelsSource, RecordSource, RetrievalSet


@dataclass(frozen=True)
class EvalSet:
    """A loaded test set. `qrels` keeps only the queries that have at least one relevant document."""

    doc_ids: list[str]
    doc_texts: list[str]
    query_ids: list[str]
    query_texts: list[str]
    qrels: dict[str, dict[str, int]]
    fingerprint: str
    corpus_fingerprint: str
    stats: dict[str, int] = field(default_factory=dict)

    def describe(self) -> dict[str, int | str]:
        """Figures for the report: never text."""
        return {"fingerprint": self.fingerprint, "corpus_fingerprint": self.corpus_fingerprint,
                "documents": len(self.doc_ids), **self.stats}


def read_records(path: Path, source: RecordSource, stats: dict[str, int], role: str) -> tuple[list[str], list[str]]:
    """(ids, texts) of a corpus or query file; blank records are skipped and counted."""
    def blank() -> None:
        stats[f"{role}_empty"] = stats.get(f"{role}_empty", 0) + 1

    records = core.read_unique(path, source, EvalError, blank)
    return [r.id for r in records], [r.text for r in records]


def read_qrels(path: Path, source: QrelsSource) -> dict[str, dict[str, int]]:
    """query id -> document id -> relevance grade (integer; <= 0 means judged not relevant)."""
    qrels: dict[str, dict[str, int]] = {}
    for qid, did, score in iter_qrels(core.iter_lines(path, EvalError), source.format, path, EvalError):
        qrels.setdefault(qid, {})[did] = int(score)  # the metrics library takes integer grades
    return qrels


def load_set(rset: RetrievalSet, base_dir: Path | None = None) -> EvalSet:
    """Read a RetrievalSet (paths relative to `base_dir`, or absolute) into memory."""
    from embgov.spec.checks import resolve_path

    base = base_dir or Path.cwd()
    paths = {role: resolve_path(base, getattr(rset, role).path) for role in ("corpus", "queries", "qrels")}
    stats: dict[str, int] = {}
    doc_ids, doc_texts = read_records(paths["corpus"], rset.corpus, stats, "corpus")
    query_ids, query_texts = read_records(paths["queries"], rset.queries, stats, "queries")
    judged = read_qrels(paths["qrels"], rset.qrels)

    docs, queries = set(doc_ids), set(query_ids)
    qrels = {q: rels for q, rels in judged.items() if q in queries and any(g > 0 for g in rels.values())}
    stats.update({
        "queries": len(query_ids),
        "judged_pairs": sum(len(r) for r in qrels.values()),
        "relevant_pairs": sum(1 for r in qrels.values() for g in r.values() if g > 0),
        "evaluated_queries": len(qrels),
        "qrels_queries_without_relevant": sum(1 for q, r in judged.items() if q in queries and q not in qrels),
        "qrels_queries_not_in_queries": sum(1 for q in judged if q not in queries),
        "qrels_docs_not_in_corpus": sum(1 for r in qrels.values() for d in r if d not in docs),
    })
    if not qrels:
        raise EvalError("no query in the qrels has a relevant document among the queries read", where=str(paths["qrels"]),
                        fix="check that the qrels' query ids match the queries file's ids")
    # Only the queries that are judged get encoded and searched.
    keep = [i for i, q in enumerate(query_ids) if q in qrels]
    # Content and reading options, not paths: the same files give the same fingerprint anywhere.
    parts = {role: {**getattr(rset, role).model_dump(mode="json", exclude={"path"}), "sha256": sha256_file(p)}
             for role, p in paths.items()}
    return EvalSet(doc_ids=doc_ids, doc_texts=doc_texts, query_ids=[query_ids[i] for i in keep],
                   query_texts=[query_texts[i] for i in keep], qrels=qrels, fingerprint=sha256_json(parts),
                   corpus_fingerprint=sha256_json(parts["corpus"]), stats=stats)
