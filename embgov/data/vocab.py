"""Vocabulary coverage (the article's Phase 1): how badly the base model's tokenizer fragments the
domain's words, against a reference text when one is given.

Words are `[A-Za-z][A-Za-z0-9-]+` occurrences; each distinct word is tokenized once (in one batch)
and weighted by its count. Above `max_words` occurrences, records are sampled with a fixed seed,
so the same file always gives the same figures.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Callable

from embgov.data.readers import iter_records
from embgov.data.text import WORD
from embgov.errors import DataError

FRAGMENTED = 3  # a word split into this many pieces or more counts as fragmented
_SUFFIX_FORMAT = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def detect_format(path: Path) -> str:
    return _SUFFIX_FORMAT.get(path.suffix.lower(), "text")


def load_tokenizer(model: str, base_dir: Path | None = None):
    """A spec-style alias (minilm-l6) or a local directory -> its tokenizer; never a hub download."""
    from embgov.spec.loader import resolve_model

    model_dir = resolve_model(model, base_dir or Path.cwd())
    try:
        from transformers import AutoTokenizer
    except ImportError:
        raise DataError("transformers is not installed", fix="pip install transformers") from None
    error = None
    for candidate in [model_dir, *_module_dirs(model_dir)]:
        try:
            return AutoTokenizer.from_pretrained(str(candidate), local_files_only=True), candidate
        except Exception as exc:  # try the next place, then say what failed
            error = error or exc
    raise DataError(f"cannot load a tokenizer ({type(error).__name__})", where=str(model_dir),
                    fix="the model directory needs its tokenizer files (tokenizer.json or vocab.txt)")


def _module_dirs(model_dir: Path) -> list[Path]:
    """Older sentence-transformers layouts keep the tokenizer in a module folder (0_Transformer/)."""
    import json

    try:
        modules = json.loads((model_dir / "modules.json").read_text())
        return [model_dir / m["path"] for m in modules if m.get("path") and (model_dir / m["path"]).is_dir()]
    except (OSError, ValueError, TypeError, KeyError):
        return []


def count_words(path: Path, *, fmt: str | None = None, text_field: str = "text", title_field: str | None = "title",
                max_words: int = 200_000, key: Callable[[str], str] = str, seed: int = 0) -> tuple[Counter, int]:
    """(word counts, words in the whole file). Over max_words, whole records are kept at random
    (seeded) until the cap is reached, so the sample is spread over the file, not its head."""
    fmt = fmt or detect_format(path)

    def texts():
        for _, rec in iter_records(path, fmt, id_field=None, text_field=text_field,
                                   title_field=title_field if fmt != "text" else None):
            yield rec.text

    sizes = [sum(1 for _ in WORD.finditer(t)) for t in texts()]
    total = sum(sizes)
    rate = 1.0 if total <= max_words else max_words / total
    rng = random.Random(seed)
    counts: Counter = Counter()
    kept = 0
    for size, text in zip(sizes, texts()):
        if kept >= max_words:
            break
        if rate < 1.0 and rng.random() >= rate:
            continue
        words = [key(m.group()) for m in WORD.finditer(text)][: max_words - kept]
        counts.update(words)
        kept += len(words)
    return counts, total


def _figures(counts: Counter, pieces: dict[str, int], total: int) -> dict:
    words = sum(counts.values())
    unique = len(counts)
    tokens = sum(pieces[w] * c for w, c in counts.items())
    frag = sum(c for w, c in counts.items() if pieces[w] >= FRAGMENTED)
    single = sum(c for w, c in counts.items() if pieces[w] == 1)
    return {
        "words": words,
        "words_in_file": total,
        "sampled": words < total,
        "unique_words": unique,
        "tokens_per_word": round(tokens / words, 6) if words else 0.0,
        "fragmented_share": round(frag / words, 6) if words else 0.0,
        "fragmented_unique_share": round(sum(1 for w in counts if pieces[w] >= FRAGMENTED) / unique, 6) if unique else 0.0,
        "single_token_share": round(single / words, 6) if words else 0.0,
    }


def vocab_report(model: str, corpus: str | Path, *, reference: str | Path | None = None, top: int = 20,
                 min_count: int = 2, text_field: str = "text", title_field: str | None = "title",
                 fmt: str | None = None, max_words: int = 200_000, base_dir: Path | None = None) -> dict:
    """Subword fragmentation of the corpus's words under `model`'s tokenizer (and of the reference's)."""
    tokenizer, model_dir = load_tokenizer(model, base_dir)
    # An uncased tokenizer reads "Protein" and "protein" alike: count them as one word.
    lower = tokenizer.tokenize("Abc") == tokenizer.tokenize("abc")
    key = str.lower if lower else str
    opts = dict(text_field=text_field, title_field=title_field, max_words=max_words, key=key)
    paths = {"domain": Path(corpus)}
    if reference is not None:
        paths["reference"] = Path(reference)
    counted = {name: count_words(p, fmt=fmt if name == "domain" else None, **opts) for name, p in paths.items()}
    if not sum(counted["domain"][0].values()):
        raise DataError("no words found", where=str(corpus), fix="check --text-field and the file's format")
    vocab = sorted(set().union(*(c for c, _ in counted.values())))
    ids = tokenizer(vocab, add_special_tokens=False)["input_ids"] if vocab else []
    pieces = {w: max(1, len(i)) for w, i in zip(vocab, ids)}

    report: dict = {"model": model, "model_dir": str(model_dir), "lowercase": lower, "max_words": max_words,
                    "fragmented_at": FRAGMENTED}
    for name, (counts, total) in counted.items():
        report[name] = {"path": str(paths[name]), **_figures(counts, pieces, total)}
    domain_counts = counted["domain"][0]
    ref_counts = counted["reference"][0] if reference is not None else None
    # "Most fragmented frequent": the subword tokens a word costs beyond one, over all its occurrences.
    ranked = sorted((w for w, c in domain_counts.items() if pieces[w] >= FRAGMENTED and c >= min_count),
                    key=lambda w: (-domain_counts[w] * (pieces[w] - 1), w))[:top]
    report["top_fragmented"] = [
        {"word": w, "pieces": pieces[w], "tokens": tokenizer.tokenize(w), "count": domain_counts[w],
         **({"reference_count": ref_counts.get(w, 0)} if ref_counts is not None else {})}
        for w in ranked]
    if reference is None:
        report["reference"] = None
        report["difference"] = None
        report["note"] = "no reference given: domain figures only"
    else:
        d, r = report["domain"], report["reference"]
        report["difference"] = {k: round(d[k] - r[k], 6) for k in
                                ("tokens_per_word", "fragmented_share", "fragmented_unique_share", "single_token_share")}
    return report
