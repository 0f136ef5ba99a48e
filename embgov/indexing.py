"""Indexing glue between the registry, the export and the index stage (a pipeline-level module).

- `encoder_for(record)`: a registered model version as an index `Encoder`: its ONNX export when the
  version has one (onnxruntime, no torch), else the torch model.
- `build(...)`: `embgov index build`: embed a gate-passed corpus with a registered version.
- `query(...)`: `embgov index query`: resolve the alias once, embed with *that table's* model version
  (so an answer always comes from one version, however often the alias switches), search, and log the
  query embeddings (never text) to the monitor's telemetry.
- `on_promotion(record)`: after a model version becomes production, rebuild (or reuse) every index
  whose live table holds another version of that model, and switch each alias once its new table is
  ready and checked. A failure leaves that index on its old table and is reported, not raised: the
  model's promotion already happened, and queries through `query` stay consistent either way.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Literal

from embgov.contracts import ModelVersion
from embgov.errors import EmbgovError, VectorIndexError
from embgov.index import Encoder, IndexTable, QueryResult
from embgov import Say

log = logging.getLogger("embgov.indexing")
EncoderKind = Literal["auto", "onnx", "torch"]
_CACHE_SIZE = 4  # encoders kept per process: the live version, the next one during a switch, a spare
_cache: dict[tuple, Encoder] = {}
_records: dict[tuple, ModelVersion] = {}
_guard = threading.Lock()


def _load(record: ModelVersion, kind: str, threads: int | None) -> Encoder:
    from embgov.registry import model_path

    if kind == "onnx":
        from embgov.export import open_encoder

        encoder = open_encoder(model_path(record, "onnx"), threads=threads)
        return Encoder(record.name, record.version, "onnx", encoder.encode, record.spec_hash)
    from embgov.modelio import load_model

    model = load_model(model_path(record, "model"))

    def encode(texts: list[str]):
        return model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)

    return Encoder(record.name, record.version, "torch", encode, record.spec_hash)


def encoder_for(record: ModelVersion, kind: EncoderKind = "auto", *, threads: int | None = None) -> Encoder:
    """The version's encoder (cached per process). auto: the ONNX export when registered, else torch."""
    if kind == "auto":
        kind = "onnx" if "onnx" in record.artifacts else "torch"
    if kind == "onnx" and "onnx" not in record.artifacts:
        raise VectorIndexError(f"{record.name}:{record.version} has no ONNX export", where=f"model {record.name}",
                               fix="use --encoder torch, or export the model (spec: export.formats: [onnx])")
    key = (record.name, record.version, record.run_id, kind, threads)
    with _guard:
        if key in _cache:
            return _cache[key]
    encoder = _load(record, kind, threads)
    with _guard:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = encoder
    return encoder


def resolve_version(ref: str) -> ModelVersion:
    """MODEL[:VERSION] (the production version when VERSION is left out) from the registry."""
    from embgov.registry import get_version

    name, _, version = ref.partition(":")
    return get_version(name, version or None)


def build(model: str | ModelVersion, corpus: str | Path, *, policy: str | Path, name: str | None = None,
          queries: str | Path | None = None, encoder: EncoderKind = "auto", threads: int | None = None,
          promote: bool = False, actor: str = "embgov", say: Say = log.info, **options: Any) -> IndexTable:
    """Embed a gate-passed corpus with a registered version into index `name` (default: the model's name).
    `threads`: onnxruntime's intra-op threads (None: all cores). `options` go to embgov.index.build
    (ann_mode, index_type, min_recall, batch_size, reuse)."""
    from embgov import index
    from embgov.index import check_gated

    record = resolve_version(model) if isinstance(model, str) else model
    check_gated(corpus, policy)  # refuse an un-gated corpus before loading a model (index.build checks again)
    return index.build(name or record.name, corpus, policy=policy, encoder=encoder_for(record, encoder, threads=threads),
                       queries=queries, promote=promote, actor=actor, say=say, **options)


def _log_query(target: IndexTable, vectors) -> None:
    from embgov.telemetry import log_embeddings

    try:
        log_embeddings(target.model, target.version, vectors, kind="query")
    except EmbgovError as exc:  # monitoring must not take answers away; the warning names the problem
        log.warning("query telemetry not logged for %s: %s", target.label(), exc.what)


def _version(model: str, version: int) -> ModelVersion:
    """A registered version, looked up once per process: the fields an encoder needs (artifacts, run id,
    spec hash) never change after registration, and a registry round trip per query would dominate latency."""
    from embgov.registry import get_version
    from embgov.settings import get_settings

    key = (get_settings().mlflow_uri, model, version)
    with _guard:
        if key in _records:
            return _records[key]
    record = get_version(model, version)
    with _guard:
        _records[key] = record
    return record


def query(name: str, texts: list[str] | str, *, k: int = 10, exact: bool = False, telemetry: bool = True) -> QueryResult:
    """Search index `name`: the live table is resolved once, and the query embedded by that table's
    model version with the table's encoder kind; embeddings go to telemetry (kind `query`)."""
    from embgov import index

    target = index.resolve(name)
    record = _version(target.model, target.version)
    kind = target.encoder if target.encoder in ("onnx", "torch") else "auto"
    return index.search(target, texts, encoder_for(record, kind), k=k, exact=exact,
                        on_vectors=_log_query if telemetry else None)


def _kind_like(live: IndexTable, record: ModelVersion) -> EncoderKind:
    """The kind of a ready table of `record` from the same corpus, when there is one (so `build` reuses it:
    a model rollback goes back to the table it had); else the kind the live table was built with, when the
    new version has it (torch always exists)."""
    from embgov import index

    for earlier in reversed(index.tables(live.index, model=record.name)):
        if (earlier.state == "ready" and earlier.version == record.version and earlier.encoder in ("onnx", "torch")
                and earlier.corpus_fingerprint == live.corpus_fingerprint):
            return earlier.encoder
    if live.encoder == "onnx":
        return "onnx" if "onnx" in record.artifacts else "torch"
    return "torch" if live.encoder == "torch" else "auto"


def on_promotion(record: ModelVersion, *, actor: str = "embgov:promotion", say: Say = log.info) -> list[dict]:
    """Make every index that serves another version of `record`'s model follow it: build (or reuse) a table
    of `record` from the same gate-passed corpus under the same policy, re-checked now, and switch the alias
    once it is ready. Indexes without a live table are left alone. Returns one outcome per index."""
    from embgov import index

    outcomes = []
    for live in index.live_tables(model=record.name):
        if live.version == record.version:
            continue
        try:
            built = index.build(live.index, live.corpus, policy=live.policy, encoder=encoder_for(record, _kind_like(live, record)),
                                queries=live.queries, ann_mode=live.ann_mode,
                                index_type=live.ann.index_type if live.ann else "IVF_HNSW_SQ",
                                promote=True, actor=actor, say=say)
            outcomes.append({"index": live.index, "switched": True, "table": built.table, "previous": live.table,
                             "version": record.version})
        except EmbgovError as exc:
            say(f"index {live.index}: stays on {live.label()} ({live.table}); {record.name}:{record.version} not indexed: {exc.what}")
            outcomes.append({"index": live.index, "switched": False, "table": live.table, "version": live.version,
                             "error": exc.render()})
    return outcomes
