"""The base model: a local sentence-transformers directory (or a bare transformers one), with mean
pooling and L2 normalisation. Offline only: nothing is fetched from a hub."""

from __future__ import annotations

import json
import os
from pathlib import Path


def offline() -> None:
    # Belt and braces: a missing local file must fail, never trigger a download.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def load_base(path: str | Path, max_seq_length: int, device: str = "cpu"):
    """A SentenceTransformer from `path`: its own modules when it is a sentence-transformers
    directory (a Normalize is appended when missing), else Transformer + mean pooling + Normalize."""
    offline()
    import transformers
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.base.modules import Normalize, Transformer
    from sentence_transformers.sentence_transformer.modules import Pooling

    transformers.utils.logging.disable_progress_bar()
    path = Path(path)
    if (path / "modules.json").is_file():
        model = SentenceTransformer(str(path), device=device, local_files_only=True)
        types = [m["type"] for m in json.loads((path / "modules.json").read_text())]
        if not any(t.endswith("Normalize") for t in types):
            model.append(Normalize())
    else:
        word = Transformer(str(path), max_seq_length=max_seq_length)
        pooling = Pooling(word.get_embedding_dimension(), pooling_mode="mean")
        model = SentenceTransformer(modules=[word, pooling, Normalize()], device=device)
    model.max_seq_length = max_seq_length
    return model
