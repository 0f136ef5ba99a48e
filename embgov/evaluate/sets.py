"""Read a retrieval test set (corpus, queries, qrels) for evaluation.

A small reader of its own: stages never import each other, so this does not reuse the data
stage's. It follows the same rules where they matter for scores: a record's text is its title and
body joined by a line break (as the data stage joins them), blank records are skipped and counted,
duplicate ids are an error. Errors name file, line and field, never text.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from embgov.errors import EvalError
from embgov.spec.qrels import iter_qrels
from embgov.hashing import sha256_file, sha256_json
from embgov.spec.models import QrelsSource, RecordSource, RetrievalSet

TITLE_JOINER = "\n"  # the data stage's joiner, so training and evaluation see the same text


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


def join_title(title: str | None, body: str) -> str:
    title, body = (title or "").strip(), body.strip()
    if not title:
        return body
    return f"{title}{TITLE_JOINER}{body}" if body else title


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    from embgov.safeio import MAX_LINE_BYTES, bounded_lines, open_input

    try:  # a regular file within the size limit only, streamed: a FIFO or a device is refused unread
        f = open_input(path, what="file", error=EvalError)
    except EvalError as exc:
        raise EvalError(f"cannot read the file: {exc.what}", where=str(path),
                        fix=f"{exc.fix} (spec paths are relative to the spec file)") from None
    with f:
        # Binary lines split on line feeds only (str.splitlines would split on U+2028 inside a JSON string).
        for n, raw in enumerate(bounded_lines(f, MAX_LINE_BYTES), 1):
            if raw is None:
                raise EvalError(f"a line over {MAX_LINE_BYTES} bytes", where=f"{path}:{n}", fix="one record per line")
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                raise EvalError("not valid UTF-8", where=f"{path}:{n}", fix="re-encode the file as UTF-8") from None
            yield n, line.removesuffix("\n").removesuffix("\r")


def _rows(path: Path, source: RecordSource) -> Iterator[tuple[int, dict]]:
    if source.format == "jsonl":
        for n, line in _lines(path):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                raise EvalError("invalid JSON", where=f"{path}:{n}", fix="one JSON object per line") from None
            if not isinstance(obj, dict):
                raise EvalError("the line is not a JSON object", where=f"{path}:{n}", fix="one JSON object per line")
            yield n, obj
    elif source.format == "csv":
        reader = csv.DictReader(io.StringIO("\n".join(line for _, line in _lines(path)), newline=""))
        missing = [c for c in (source.id_field, source.text_field) if c not in (reader.fieldnames or [])]
        if missing:
            raise EvalError(f"the header has no column {', '.join(map(repr, missing))}", where=f"{path}:1",
                            fix="name the columns in the spec (id_field, text_field) as they are in the header")
        for row in reader:
            yield reader.line_num, row
    else:  # text: one record per non-empty line, id line:N
        for n, line in _lines(path):
            if line.strip():
                yield n, {"_line_id": f"line:{n}", "_line_text": line}


def read_records(path: Path, source: RecordSource, stats: dict[str, int], role: str) -> tuple[list[str], list[str]]:
    """(ids, texts) of a corpus or query file; blank records are skipped and counted."""
    text_field = "_line_text" if source.format == "text" else source.text_field
    id_field = "_line_id" if source.format == "text" else source.id_field
    title_field = None if source.format == "text" else source.title_field
    ids, texts, seen = [], [], set()
    for n, obj in _rows(path, source):
        where = f"{path}:{n}"
        rid, body = obj.get(id_field), obj.get(text_field)
        if isinstance(rid, bool) or not isinstance(rid, (str, int)) or not str(rid).strip():
            raise EvalError(f"missing id field {id_field!r}", where=where, fix="every record needs an id (id_field)")
        if not isinstance(body, str):
            raise EvalError(f"missing or non-string text field {text_field!r}", where=where,
                            fix="check the field names in the spec against the file")
        title = obj.get(title_field) if title_field else None
        if title is not None and not isinstance(title, str):
            raise EvalError(f"field {title_field!r} is not a string", where=where)
        rid = str(rid)
        if rid in seen:
            raise EvalError(f"duplicate id {rid!r}", where=where, fix="record ids must be unique within a file")
        seen.add(rid)
        text = join_title(title, body)
        if not text:
            stats[f"{role}_empty"] = stats.get(f"{role}_empty", 0) + 1
            continue
        ids.append(rid)
        texts.append(text)
    return ids, texts


def read_qrels(path: Path, source: QrelsSource) -> dict[str, dict[str, int]]:
    """query id -> document id -> relevance grade (integer; <= 0 means judged not relevant)."""
    qrels: dict[str, dict[str, int]] = {}
    for qid, did, score in iter_qrels(_lines(path), source.format, path, EvalError):
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
