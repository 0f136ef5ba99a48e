"""What the index stage records and returns: a table's record (identity, inputs, checks) and answers.

Figures, hashes, ids and paths only, never record text: the record is stored in the state database
and printed by `embgov index list --json`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnnCheck(_Model):
    """The approximate-nearest-neighbour index of a table and its recall against exact search."""

    index_type: str = Field(description="LanceDB index type, e.g. IVF_HNSW_SQ.")
    params: dict[str, int] = Field(description="Build parameters: partitions, HNSW m / ef_construction, sub-vectors.")
    nprobes: int = Field(description="IVF partitions searched per query (the setting that reached the bar).")
    ef: int | None = Field(None, description="HNSW candidate list size per query, for HNSW indexes.")
    refine_factor: int | None = Field(None, description="Candidates re-ranked with full vectors = k x refine_factor; none: no re-ranking.")
    recall_at_10: float = Field(description="Mean share of exact search's top 10 that ANN search returned, over the evaluation queries.")
    queries: int = Field(description="Evaluation queries the recall was measured on.")
    query_source: Literal["queries", "corpus-sample"] = Field(description="queries: the --queries file; corpus-sample: documents of the corpus (fixed seed).")
    min_recall: float = Field(description="The bar the index had to reach to serve queries.")
    passed: bool = Field(description="recall_at_10 >= min_recall; when false the table serves exact search.")
    tried: list[dict[str, float]] = Field(description="Each search setting tried, cheapest first: nprobes, ef, refine_factor (0: none) and the recall@10 it reached.")
    build_seconds: float = Field(description="Time to train and write the index.")


class IndexTable(_Model):
    """One LanceDB table: a corpus embedded by one model version, with what it was built from and checked by."""

    index: str = Field(description="Index name: what production queries name; its alias points at one table.")
    table: str = Field(description="LanceDB table name: INDEX__MODEL__vVERSION__BUILD.")
    uri: str = Field(description="LanceDB location the table was written to (directory, object-store URI or server).")
    state: Literal["building", "ready", "failed"] = Field(description="ready: complete and checked; only a ready table can become live.")
    model: str = Field(description="Registered model name whose embeddings the table holds.")
    version: int = Field(description="Model version that embedded the corpus; queries must be embedded by the same version.")
    spec_hash: str | None = Field(description="Spec hash of that model version.")
    encoder: str = Field(description="How the corpus was embedded: onnx (the exported graph) or torch; queries use the same.")
    dim: int | None = Field(description="Embedding dimension; none until the first batch was embedded.")
    rows: int | None = Field(description="Documents in the table; none until the build completed.")
    corpus: str = Field(description="The gate-passed corpus file (absolute path), for rebuilds on promotion.")
    corpus_fingerprint: str = Field(description="sha256 over the corpus file's name and bytes (embgov.hashing.fingerprint).")
    receipt_fingerprint: str = Field(description="Output fingerprint of the passing gate receipt beside the corpus.")
    policy: str = Field(description="The approved policy file the corpus was checked against (absolute path).")
    policy_hash: str = Field(description="Content hash of that policy when the table was built.")
    queries: str | None = Field(None, description="The gate-passed evaluation queries file, when one was given.")
    ann_mode: Literal["auto", "always", "never"] = Field(description="When an ANN index is built: auto (at or above the row threshold), always or never.")
    search: Literal["exact", "ann"] | None = Field(None, description="How queries search this table: ann when an index reached the recall bar; none until ready.")
    ann: AnnCheck | None = Field(None, description="The ANN index and its recall check, when one was built.")
    embed_seconds: float | None = Field(None, description="Time spent embedding the corpus.")
    build_seconds: float | None = Field(None, description="Wall time of the whole build (reading, embedding, writing, ANN, checks).")
    created_at: str = Field(description="UTC time the build started.")
    completed_at: str | None = Field(None, description="UTC time the build was complete and checked.")

    def label(self) -> str:
        return f"{self.model}:{self.version}"


class Hit(_Model):
    """One search result: a document id and its cosine similarity to the query."""

    id: str = Field(description="Document id from the corpus.")
    score: float = Field(description="Cosine similarity (1 - cosine distance).")


class QueryResult(_Model):
    """Answers to a batch of queries, all from one table, embedded by that table's model version."""

    index: str = Field(description="Index name queried.")
    table: str = Field(description="The table that answered (the alias's target when the query resolved it).")
    model: str = Field(description="Model whose embeddings were compared.")
    version: int = Field(description="Model version that embedded both the corpus and the queries.")
    search: Literal["exact", "ann"] = Field(description="Search used.")
    k: int = Field(description="Results asked for per query.")
    hits: list[list[Hit]] = Field(description="Per query, the best k documents, best first.")
    seconds: float = Field(description="Wall time: embedding plus search.")


@dataclass(frozen=True)
class Encoder:
    """A model version's text encoder, named: the stage checks the name against a table's before searching.

    `encode(texts)` returns an (n, dim) float array (L2-normalised or not: tables use cosine distance)."""

    model: str
    version: int
    kind: str  # onnx | torch | anything a test brings
    encode: Callable[[list[str]], Any]
    spec_hash: str | None = None
