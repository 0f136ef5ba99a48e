"""Rules that span sections, and the files a spec names. Each problem carries its field path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel

from embgov.spec.jobspec import MODEL_ALIASES, PATH_SCHEMA, JobSpec
from embgov.spec.yamlsrc import Loc

Problem = tuple[Loc, str]
DIR_FIELDS = frozenset({"cross_encoder"})  # path fields that name a model directory, not a file


def semantic_problems(spec: JobSpec) -> list[Problem]:
    out: list[Problem] = []
    d, p, t = spec.data, spec.pairs, spec.training
    if p.method == "labeled" and not d.pairs:
        for name in ("corpus", "queries", "qrels"):
            if getattr(d, name) is None:
                out.append((("data", name), f"pairs.method 'labeled' needs data.{name} (or ready-made data.pairs files)"))
    if p.method in ("pseudo", "bm25", "adjacent") and d.corpus is None:
        out.append((("data", "corpus"), f"pairs.method '{p.method}' builds pairs from data.corpus, which is missing"))
    if p.hard_negatives.miner != "none" and d.corpus is None:
        out.append((("pairs", "hard_negatives", "miner"), "hard-negative mining needs data.corpus; add it or set miner: none"))
    if p.hard_negatives.miner == "cross_encoder" and not p.hard_negatives.cross_encoder:
        out.append((("pairs", "hard_negatives", "cross_encoder"), "miner 'cross_encoder' needs a local cross-encoder model directory"))
    if t.loss == "cached_mnrl" and t.mini_batch_size > t.batch_size:
        out.append((("training", "mini_batch_size"), f"must not exceed training.batch_size ({t.batch_size})"))
    ev = spec.evaluation
    if ev is not None and ev.promotion.primary_metric not in ev.metrics:
        out.append((("evaluation", "promotion", "primary_metric"),
                    f"'{ev.promotion.primary_metric}' is not among evaluation.metrics {ev.metrics}"))
    if spec.base_model not in MODEL_ALIASES and not _looks_like_path(spec.base_model):
        out.append((("base_model",), f"unknown model alias {spec.base_model!r}; use one of {sorted(MODEL_ALIASES)} "
                                     "or a local directory such as ./models/my-model (nothing is downloaded from a hub)"))
    return out


def _looks_like_path(value: str) -> bool:
    return value.startswith((".", "/", "~")) or "/" in value or "\\" in value


def path_fields(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every (location, value) of a field marked as a path, at any depth."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        if info.json_schema_extra == PATH_SCHEMA and isinstance(value, str):
            yield loc + (key,), value
        elif isinstance(value, BaseModel):
            yield from path_fields(value, loc + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from path_fields(item, loc + (key, i))


def file_problems(spec: JobSpec, base_dir: Path) -> list[Problem]:
    """Each path must resolve inside the data roots (embgov.safeio) and name a regular file (a
    directory for model fields); checked by stat alone, so a FIFO or a device cannot hang `validate`."""
    from embgov.errors import SpecError
    from embgov.safeio import check_regular, confine, data_roots

    out: list[Problem] = []
    roots = data_roots(base_dir)
    for loc, value in path_fields(spec):
        try:
            target = confine(base_dir / Path(value).expanduser(), roots, what="path", error=SpecError)
            if not os.path.exists(target):  # checked after confinement: files outside the roots are not probed
                out.append((loc, f"file not found: {value} (resolved to {target}); paths are relative to the spec file"))
            elif loc[-1] in DIR_FIELDS:
                if not target.is_dir():
                    out.append((loc, f"not a directory: {value} (resolved to {target}); name a local model directory"))
            else:
                check_regular(target, what="file", error=SpecError)
        except SpecError as exc:
            out.append((loc, f"{exc.what}; {exc.fix}" if exc.fix else exc.what))
    if spec.base_model not in MODEL_ALIASES and _looks_like_path(spec.base_model):
        try:  # aliases resolve into installed packages (site-packages) and are not confined
            target = confine(base_dir / Path(spec.base_model).expanduser(), roots, what="model directory",
                             error=SpecError)
        except SpecError as exc:
            out.append((("base_model",), f"{exc.what}; {exc.fix}"))
            return out
        if not target.is_dir():
            out.append((("base_model",), f"model directory not found: {target}; embgov never downloads from a hub: "
                                         f"use an alias ({', '.join(MODEL_ALIASES)}) or a local directory"))
    return out


def resolve_path(base_dir: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base_dir / path).resolve()
