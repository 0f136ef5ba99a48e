"""Dense retrieval: encode with a SentenceTransformer, exact top-k by chunked matrix products.

Memory stays bounded by the chunk sizes (a QUERY_CHUNK x DOC_CHUNK score block and a running
top-k per query), not by queries x documents. Embeddings are L2-normalised unless the model says
its similarity is the dot product, so the score is the model's own similarity.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Sequence

from embgov import Say
from embgov.errors import EvalError
from embgov.hashing import sha256_file, sha256_json
from embgov.progress import Meter

QUERY_CHUNK = 256
PROGRESS_BLOCK = 512  # texts per encode call: batches stay full and length-sorted, and long work reports
DOC_CHUNK = 50_000


def model_hash(model_dir: Path) -> str:
    """sha256 over a model directory's files (relative paths and contents)."""
    files = sorted(p for p in Path(model_dir).rglob("*") if p.is_file())
    return sha256_json([[p.relative_to(model_dir).as_posix(), sha256_file(p)] for p in files])


def _normalise(model) -> bool:
    return getattr(model, "similarity_fn_name", "cosine") != "dot"


def encode(model, texts: Sequence[str], *, batch_size: int, role: str, say: Say | None = None):
    """A float32 torch tensor, one row per text. Uses the model's query/document prompts when it has them.
    Encoded in blocks of PROGRESS_BLOCK texts so long work says how far it is (`say`, every few seconds)."""
    import torch

    fn = getattr(model, "encode_query" if role == "query" else "encode_document", None) or model.encode
    texts = list(texts)
    meter = Meter(say, f"encode {role}s", total=len(texts), unit="texts")
    out = []
    for start in range(0, max(len(texts), 1), PROGRESS_BLOCK):
        block = texts[start:start + PROGRESS_BLOCK]
        out.append(fn(block, batch_size=batch_size, convert_to_tensor=True, normalize_embeddings=_normalise(model),
                      show_progress_bar=False).float().cpu())
        meter.add(len(block))
    meter.close()
    return out[0] if len(out) == 1 else torch.cat(out)


def encode_corpus(model, model_dir: Path, texts: Sequence[str], corpus_fingerprint: str, *, batch_size: int,
                  cache_dir: Path | None, say: Say | None = None):
    """(embeddings, whether they came from the cache). The cache in `cache_dir`, when given, is keyed
    by the model's and the corpus's content."""
    import numpy as np
    import torch

    path = None
    if cache_dir is not None:
        key = sha256_json({"model": model_hash(model_dir), "corpus": corpus_fingerprint,
                           "normalise": _normalise(model), "max_seq_length": getattr(model, "max_seq_length", None)})
        path = Path(cache_dir) / f"{key}.npy"
        if path.is_file():
            cached = np.load(path, allow_pickle=False)
            if cached.shape[0] == len(texts):
                return torch.from_numpy(cached), True
    emb = encode(model, texts, batch_size=batch_size, role="document", say=say)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{time.time_ns()}.tmp.npy")
        np.save(tmp, emb.numpy(), allow_pickle=False)
        tmp.replace(path)  # atomic: a reader never sees half a file
    return emb, False


def search(query_emb, doc_emb, k: int, *, query_chunk: int = QUERY_CHUNK, doc_chunk: int = DOC_CHUNK):
    """Exact top-k by dot product: (scores, indices), each queries x min(k, documents), best first."""
    import torch

    n_docs = doc_emb.shape[0]
    k = min(k, n_docs)
    if k <= 0 or query_emb.shape[0] == 0:
        empty = torch.empty((query_emb.shape[0], 0))
        return empty, empty.long()
    if query_emb.shape[1] != doc_emb.shape[1]:
        raise EvalError(f"query and document embeddings differ in size ({query_emb.shape[1]} vs {doc_emb.shape[1]})")
    all_scores, all_idx = [], []
    with torch.inference_mode():
        for qs in range(0, query_emb.shape[0], query_chunk):
            q = query_emb[qs:qs + query_chunk]
            best_s = best_i = None
            for ds in range(0, n_docs, doc_chunk):
                block = q @ doc_emb[ds:ds + doc_chunk].T
                s, i = torch.topk(block, min(k, block.shape[1]), dim=1)
                i = i + ds
                if best_s is not None:  # merge with the running top-k
                    merged = torch.cat([best_s, s], 1)
                    s, pos = torch.topk(merged, min(k, merged.shape[1]), dim=1)
                    i = torch.gather(torch.cat([best_i, i], 1), 1, pos)
                best_s, best_i = s, i
            all_scores.append(best_s)
            all_idx.append(best_i)
    return torch.cat(all_scores), torch.cat(all_idx)


def dense_run(model, model_dir: Path, eset, *, k: int, batch_size: int, cache_dir: Path | None = None,
              say: Say | None = None) -> dict[str, dict[str, float]]:
    """{query id: {doc id: score}} with each query's top k documents."""
    t0 = time.perf_counter()
    docs, cached = encode_corpus(model, model_dir, eset.doc_texts, eset.corpus_fingerprint, batch_size=batch_size,
                         cache_dir=cache_dir, say=say)
    queries = encode(model, eset.query_texts, batch_size=batch_size, role="query", say=say)
    scores, idx = search(queries, docs, k)
    if say:
        where = "from the cache" if cached else "encoded"
        say(f"  {len(eset.doc_ids)} documents ({where}), {len(eset.query_ids)} queries encoded and searched: "
            f"{time.perf_counter() - t0:.1f} s")
    ids = eset.doc_ids
    return {qid: {ids[j]: float(s) for j, s in zip(row_i.tolist(), row_s.tolist())}
            for qid, row_s, row_i in zip(eset.query_ids, scores, idx)}
