"""Build one index table: gate check, embed the corpus in batches, ANN index, checks, then `ready`.

The table gets a fresh name per build (INDEX__MODEL__vVERSION__BUILDID) and a catalogue row marked
`building` before it exists. Only when every document is written, the row count matches, a sample of
documents re-embedded finds itself, and the ANN recall is measured does the table get its completion
marker and the row turn `ready`. An exception marks the row `failed` and drops the table; a process
that dies (kill -9, a lost host) leaves a `building` row whose heartbeat stops, which `prune` removes
once it is stale. Either way the alias never moves: it can only point at a ready table.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import os
import time
import uuid
from pathlib import Path
from typing import Literal

from embgov.errors import EmbgovError, VectorIndexError
from embgov.index import ann, catalog, lance
from embgov.index.corpus import check_gated, read_docs
from embgov.index.types import Encoder, IndexTable
from embgov.progress import Meter
from embgov.settings import get_settings
from embgov import Say

log = logging.getLogger("embgov.index")
ANN_MIN_ROWS_ENV = "EMBGOV_INDEX_ANN_MIN_ROWS"
ANN_MIN_ROWS = 10_000  # below this an exact scan answers in milliseconds and an ANN index buys nothing
MIN_RECALL = 0.98
SELF_CHECK = 8  # documents re-embedded after the write: each must find its own vector
EVAL_SAMPLE = 200  # corpus documents used as evaluation queries when no queries file is given
SELF_MIN_COSINE = 0.999


def ann_min_rows() -> int:
    value = os.environ.get(ANN_MIN_ROWS_ENV) or str(ANN_MIN_ROWS)
    if not value.isdigit():
        raise VectorIndexError(f"not a row count: {value!r}", where=ANN_MIN_ROWS_ENV, fix="a whole number, e.g. 10000")
    return int(value)


def table_name(index: str, model: str, version: int) -> str:
    return f"{index}__{model}__v{version}__{uuid.uuid4().hex[:8]}"


def vectors_of(encoder: Encoder, texts: list[str], dim: int | None, where: str):
    """The encoder's output as a finite float32 (n, dim) array, or an error naming what is wrong."""
    import numpy as np

    try:
        array = np.asarray(encoder.encode(texts), dtype=np.float32)
    except (TypeError, ValueError):
        raise VectorIndexError("the encoder returned something other than numbers", where=where) from None
    if array.ndim != 2 or array.shape[0] != len(texts) or array.shape[1] == 0:
        raise VectorIndexError(f"the encoder returned shape {array.shape} for {len(texts)} texts", where=where,
                               fix="encode must return one row per text")
    if dim is not None and array.shape[1] != dim:
        raise VectorIndexError(f"dimension {array.shape[1]}, the table holds {dim}", where=where,
                               fix=f"embed with {encoder.model} version {encoder.version}, the table's model")
    if not np.isfinite(array).all() or not np.linalg.norm(array, axis=1).all():
        raise VectorIndexError("the encoder returned NaN, infinite or all-zero vectors", where=where)
    return array


class _Sample:
    """The documents with the smallest id hashes: a fixed-seed sample taken in one pass."""

    def __init__(self, size: int):
        self.size, self.heap = size, []

    def offer(self, rid: str, item) -> None:
        key = -int(hashlib.sha256(rid.encode()).hexdigest()[:15], 16)
        if len(self.heap) < self.size:
            heapq.heappush(self.heap, (key, rid, item))
        elif key > self.heap[0][0]:
            heapq.heapreplace(self.heap, (key, rid, item))

    def items(self) -> list:
        return [(rid, item) for _, rid, item in sorted(self.heap, reverse=True)]


def _existing(index: str, encoder: Encoder, fp: str, policy_hash: str, ann_mode: str) -> IndexTable | None:
    for row in reversed(catalog.rows(index, model=encoder.model)):
        r = row.record
        if (r.state == "ready" and r.version == encoder.version and r.encoder == encoder.kind and r.corpus_fingerprint == fp
                and r.policy_hash == policy_hash and r.ann_mode == ann_mode and r.uri == get_settings().index_uri):
            return r
    return None


def build(index: str, corpus: str | Path, *, policy: str | Path, encoder: Encoder, queries: str | Path | None = None,
          ann_mode: Literal["auto", "always", "never"] = "auto", index_type: str = "IVF_HNSW_SQ",
          min_recall: float = MIN_RECALL, batch_size: int = 256, reuse: bool = True, promote: bool = False,
          actor: str = "embgov", say: Say = log.info) -> IndexTable:
    """Embed the gate-passed `corpus` with `encoder` into a new table of index `index`. With `reuse`, a ready
    table of the same model version, encoder, corpus and policy is returned instead. With `promote`, the
    alias switches to the table once it is ready. Raises VectorIndexError / PolicyError / GateError."""
    from embgov.audit import append
    from embgov.hashing import fingerprint
    from embgov.index.lifecycle import check_name, promote_table
    from embgov.store.db import utcnow

    check_name(index)
    corpus, policy = Path(corpus).resolve(), Path(policy).resolve()
    policy_hash, receipt = check_gated(corpus, policy)
    if queries is not None:
        queries = Path(queries).resolve()
        check_gated(queries, policy)
    fp = fingerprint([corpus])
    found = _existing(index, encoder, fp, policy_hash, ann_mode) if reuse else None
    if found is not None:
        say(f"index {index}: reusing {found.table} ({found.label()}, same corpus and policy)")
        return promote_table(index, found.table, actor=actor, say=say) if promote else found
    record = IndexTable(
        index=index, table=table_name(index, encoder.model, encoder.version), uri=get_settings().index_uri,
        state="building", model=encoder.model, version=encoder.version, spec_hash=encoder.spec_hash,
        encoder=encoder.kind, dim=None, rows=None, corpus=str(corpus), corpus_fingerprint=fp,
        receipt_fingerprint=receipt.output_fingerprint or "", policy=str(policy), policy_hash=policy_hash,
        queries=str(queries) if queries else None, ann_mode=ann_mode, created_at=utcnow())
    catalog.start(record)
    started = time.perf_counter()
    try:
        record, samples = _fill(record, encoder, batch_size, say)
        record = _check(record, encoder, samples, queries, index_type, min_recall, say)
        record = record.model_copy(update={"state": "ready", "completed_at": utcnow(),
                                           "build_seconds": round(time.perf_counter() - started, 3)})
        table = lance.connect(record.uri).open_table(record.table)
        lance.mark_complete(table, {"embgov.search": record.search or "exact",
                                    "embgov.recall_at_10": str(record.ann.recall_at_10) if record.ann else ""})
        catalog.save(record)
    except BaseException as exc:
        failed = record.model_copy(update={"state": "failed"})
        try:
            catalog.save(failed)
            lance.drop(record.uri, record.table)
        except Exception:  # the row stays `building`; prune removes it once its heartbeat is stale
            log.warning("index %s: could not clean up the failed build %s", index, record.table)
        if isinstance(exc, Exception) and not isinstance(exc, EmbgovError):
            # By type only: a library's message can quote the text it choked on.
            raise VectorIndexError(f"the build failed ({type(exc).__name__}); the alias did not move",
                                   where=f"index {index}", fix="the failed table was removed; fix the cause and build again") from exc
        raise
    append(actor, "index.build", f"index:{index}", {
        "table": record.table, "model": record.model, "version": record.version, "rows": record.rows, "dim": record.dim,
        "encoder": record.encoder, "corpus_fingerprint": fp, "policy_hash": policy_hash, "search": record.search,
        "recall_at_10": record.ann.recall_at_10 if record.ann else None, "seconds": record.build_seconds})
    say(f"index {index}: {record.table} ready ({record.rows} documents, {record.dim}-d, {record.search} search, "
        f"{record.build_seconds:.1f} s)")
    return promote_table(index, record.table, actor=actor, say=say) if promote else record


def _fill(record: IndexTable, encoder: Encoder, batch_size: int, say: Say) -> tuple[IndexTable, tuple[list, list]]:
    """Embed and write every document; keep fixed samples for the checks. Heartbeat per batch."""
    where = f"index {record.index} ({record.corpus})"
    table, dim, rows, embed_s, seen = None, None, 0, 0.0, set()
    self_sample, eval_sample = _Sample(SELF_CHECK), _Sample(EVAL_SAMPLE)
    batch: list[tuple[str, str]] = []
    meter = Meter(say, f"index {record.index}", unit="documents embedded")

    def flush() -> None:
        nonlocal table, dim, rows, embed_s
        t0 = time.perf_counter()
        vectors = vectors_of(encoder, [t for _, t in batch], dim, where)
        embed_s += time.perf_counter() - t0
        if table is None:
            dim = vectors.shape[1]
            table = lance.create(record.model_copy(update={"dim": dim}), dim)
        ids = [i for i, _ in batch]
        lance.add(table, ids, vectors)
        for (rid, text), vector in zip(batch, vectors):
            self_sample.offer(rid, text)
            eval_sample.offer(rid, vector)
        rows += len(batch)
        meter.add(len(batch))
        batch.clear()
        catalog.heartbeat(record.table)

    for rid, text in read_docs(record.corpus):
        if rid in seen:
            raise VectorIndexError(f"duplicate document id {rid!r}", where=where, fix="ids must be unique within a corpus")
        seen.add(rid)
        batch.append((rid, text))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    meter.close()
    if rows == 0:
        raise VectorIndexError("the corpus holds no documents", where=where)
    if table.count_rows() != rows:
        raise VectorIndexError(f"the table holds {table.count_rows()} rows after writing {rows}", where=where)
    record = record.model_copy(update={"dim": dim, "rows": rows, "embed_seconds": round(embed_s, 3)})
    return record, (self_sample.items(), eval_sample.items())


def _check(record: IndexTable, encoder: Encoder, samples: tuple[list, list], queries: Path | None, index_type: str,
           min_recall: float, say: Say) -> IndexTable:
    """Self-check (re-embedded samples find themselves), then the ANN index and its recall when wanted."""
    import numpy as np

    from embgov.index.corpus import read_queries

    self_items, eval_items = samples
    table = lance.connect(record.uri).open_table(record.table)
    where = f"index {record.index} table {record.table}"
    again = vectors_of(encoder, [t for _, t in self_items], record.dim, where)
    for (rid, _), hits in zip(self_items, lance.search(table, again, 1, exact=True)):
        if not hits or hits[0][1] < SELF_MIN_COSINE:
            raise VectorIndexError(f"document {rid!r} re-embedded does not find its own vector (best cosine "
                                   f"{hits[0][1] if hits else None})", where=where,
                                   fix="the encoder is not deterministic, or the write was corrupted; build again")
    wants = record.ann_mode == "always" or (record.ann_mode == "auto" and record.rows >= ann_min_rows())
    if not wants:
        return record.model_copy(update={"search": "exact"})
    params, seconds = ann.create_index(table, index_type, record.rows, record.dim)
    catalog.heartbeat(record.table)  # training a large index takes a while: show the build is alive
    if queries is not None:
        texts = read_queries(queries, ann.MAX_EVAL_QUERIES)
        qv, source = vectors_of(encoder, texts, record.dim, f"{where} (evaluation queries)"), "queries"
    else:
        qv, source = np.stack([v for _, v in eval_items]), "corpus-sample"
    check = ann.tune(table, qv, index_type, params, min_recall=min_recall, source=source, build_seconds=seconds, say=say)
    return record.model_copy(update={"search": "ann" if check.passed else "exact", "ann": check})
