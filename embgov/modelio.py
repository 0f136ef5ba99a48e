"""Open a model directory that embgov wrote (or a base model) as a SentenceTransformer, offline.

Shared by every stage that reads models (evaluation, export, index, monitor). A directory whose
modules.json names a class outside sentence-transformers is refused, except embgov's own
bottleneck-adapter transformer, which is imported from the installed package (never from files
in the directory), so loading a model never runs code that came with it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from embgov.errors import EmbgovError

OWN_MODULES = {"embgov.train.bottleneck.AdapterTransformer"}


def load_model(path: str | Path, device: str | None = None):
    """A SentenceTransformer from a local directory; raises EmbgovError naming the problem."""
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(var, "1")
    path = Path(path)
    modules = path / "modules.json"
    if not modules.is_file():
        raise EmbgovError("not a sentence-transformers model directory (no modules.json)", where=str(path),
                          fix="pass the `model` directory of a training run, or a base model directory")
    types = {m.get("type", "") for m in json.loads(modules.read_text())}
    foreign = {t for t in types if not t.startswith("sentence_transformers.")}
    if foreign - OWN_MODULES:
        raise EmbgovError(f"model uses code outside sentence-transformers: {sorted(foreign - OWN_MODULES)}", where=str(path),
                          fix="embgov loads only sentence-transformers modules and its own adapter module")
    if foreign and any(path.rglob("*.py")):
        raise EmbgovError("model directory carries Python files; refusing to load it", where=str(path))
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.disable_progress_bar()  # "Loading weights" bars on every load

    # trust_remote_code lets sentence-transformers import embgov's own (installed) module class; the
    # checks above make sure nothing else can be imported.
    return SentenceTransformer(str(path), device=device, local_files_only=True, trust_remote_code=bool(foreign))
