"""Evaluate a candidate against its baselines on a held-out set (and a general set), into an EvalReport."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Collection, Mapping

from embgov.contracts import EvalReport
from embgov.errors import EvalError
from embgov.evaluate.bm25 import BM25_NAME, bm25_run, stemmer_name
from embgov.evaluate.decision import BASE, CANDIDATE, decide
from embgov.evaluate.metrics import compute_metrics, parse_metric, run_depth
from embgov.evaluate.sets import EvalSet, load_set
from embgov.spec.jobspec import PromotionRules, RetrievalSet
from embgov import Say

MIN_PAIRS = 500  # the article's bar for a held-out set


def cache_dir() -> Path:
    from embgov.settings import get_settings

    return get_settings().home / "cache" / "embeddings"


class _Models:
    """Within one evaluation: each model directory is loaded once, and each (model, set) pair is
    searched once, whatever names it appears under (e.g. the base model on the held-out and the
    general set when both share a corpus, or a candidate that is the base model). With
    `max_seq_length`, every model is set to that length when loaded (like for like), whatever it saved."""

    def __init__(self, max_seq_length: int | None = None, loader: Callable[[Path], object] | None = None):
        self.max_seq_length = max_seq_length
        self._loader = loader
        self._loaded: dict[Path, object] = {}
        self._runs: dict[tuple, dict] = {}

    def load(self, path: Path):
        """The model as saved (its own length); loaded once."""
        if path not in self._loaded:
            if self._loader is not None:
                self._loaded[path] = self._loader(path)
            else:
                from embgov.modelio import load_model

                self._loaded[path] = load_model(path, device=None)
        return self._loaded[path]

    def get(self, path: Path):
        model = self.load(path)
        if self.max_seq_length is not None:
            set_length(model, self.max_seq_length, path)
        return model

    def run(self, path: Path, eset: EvalSet, k: int, make: Callable[[], dict]) -> dict:
        key = (path.resolve(), eset.fingerprint, k)
        if key not in self._runs:
            self._runs[key] = make()
        return self._runs[key]


def own_length(model) -> int | None:
    """The max_seq_length a model was saved with (None when it declares none)."""
    value = getattr(model, "max_seq_length", None)
    return int(value) if value else None


def set_length(model, length: int, path: Path) -> None:
    """Truncate every text at `length` tokens; refuse a length beyond the model's position embeddings."""
    limit = None
    try:
        limit = int(model[0].auto_model.config.max_position_embeddings)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        pass  # a model without a transformer config (e.g. a test fake): no limit to check
    if limit is not None and length > limit:
        raise EvalError(f"evaluation.max_seq_length {length} exceeds the model's {limit} positions", where=str(path),
                        fix=f"set evaluation.max_seq_length to at most {limit}")
    model.max_seq_length = length


def evaluate_models(heldout: RetrievalSet | EvalSet, models: Mapping[str, str | Path], metrics: Collection[str],
                    batch_size: int = 64, *, base_dir: Path | None = None, cached: Collection[str] = (),
                    max_seq_length: int | None = None, say: Say | None = None,
                    _pool: _Models | None = None) -> dict[str, dict[str, float]]:
    """name -> metric -> value. A model is a sentence-transformers directory, or "bm25" for BM25.
    With `max_seq_length`, every dense model runs at that length (else each at its own, or the pool's).

    Models named in `cached` keep their corpus embeddings under EMBGOV_HOME/cache/embeddings
    (keyed by model and corpus content), so a baseline is encoded once across runs."""
    metrics = list(dict.fromkeys(metrics))
    for name in metrics:
        parse_metric(name)
    eset = heldout if isinstance(heldout, EvalSet) else load_set(heldout, base_dir)
    k = run_depth(metrics)
    pool = _pool or _Models(max_seq_length)
    # Caching is a property of the model directory: a candidate that is also a cached baseline is cached.
    cached_dirs = {Path(models[n]).resolve() for n in cached if n in models and str(models[n]) != BM25_NAME}
    out: dict[str, dict[str, float]] = {}
    for name, model in models.items():
        t0 = time.perf_counter()
        if str(model) == BM25_NAME:
            run = bm25_run(eset, k=k)
            if say:
                say(f"{name}: bm25s, stemmer {stemmer_name()}: {time.perf_counter() - t0:.1f} s")
        else:
            from embgov.evaluate.dense import dense_run

            path = Path(model)
            if say:
                say(f"{name}: {path}")
            run = pool.run(path, eset, k, lambda: dense_run(pool.get(path), path, eset, k=k, batch_size=batch_size,
                                                            cache_dir=cache_dir() if path.resolve() in cached_dirs else None,
                                                            say=say))
        out[name] = compute_metrics(eset.qrels, run, metrics)
    return out


def set_warnings(eset: EvalSet, label: str, *, min_pairs: int | None = None) -> list[str]:
    s = eset.stats
    notes = []
    if min_pairs is not None and s["relevant_pairs"] < min_pairs:
        notes.append(f"{label} set has {s['relevant_pairs']} relevant query-document pairs, fewer than {min_pairs}: "
                     f"differences of a point or two may be noise")
    if s["qrels_docs_not_in_corpus"]:
        notes.append(f"{label} set: {s['qrels_docs_not_in_corpus']} judged documents are not in the corpus "
                     f"(they count as never retrieved)")
    if s["qrels_queries_not_in_queries"]:
        notes.append(f"{label} set: {s['qrels_queries_not_in_queries']} judged query ids are not in the queries file (skipped)")
    for role in ("corpus", "queries"):
        if s.get(f"{role}_empty"):
            notes.append(f"{label} set: {s[f'{role}_empty']} blank {role} records skipped")
    return notes


def evaluate(candidate: str | Path, heldout: RetrievalSet | EvalSet, *, baselines: Mapping[str, str | Path],
             metrics: Collection[str], batch_size: int = 64, primary_metric: str | None = None,
             general: RetrievalSet | EvalSet | None = None, base_model: str | Path | None = None,
             rules: PromotionRules | None = None, base_dir: Path | None = None, cached: Collection[str] = (),
             max_seq_length: int | None = None, say: Say | None = None,
             _loader: Callable[[Path], object] | None = None) -> EvalReport:
    """The candidate and its baselines on `heldout`; with `general`, the candidate and `base_model`
    there too (forgetting). With `rules`, a promotion decision (baselines `base` and `bm25`).

    Every dense model runs at one length: `max_seq_length`, or else the own length of the base
    model (`base_model`, or the baseline named base, or else the candidate). The report records it."""
    t0 = time.perf_counter()
    clash = {CANDIDATE} & set(baselines)
    if clash or any(BM25_NAME in n and str(m) != BM25_NAME for n, m in baselines.items()):
        raise EvalError(f"baseline names must not be {CANDIDATE!r} and only BM25 may contain {BM25_NAME!r}",
                        where="baselines", fix="rename the baseline (e.g. base=DIR)")
    primary = primary_metric or (rules.primary_metric if rules else next(iter(metrics)))
    metrics = list(dict.fromkeys([*metrics, primary]))
    reference = base_model or baselines.get(BASE) or candidate
    pool = _Models(loader=_loader)
    length = max_seq_length
    if length is None and str(reference) != BM25_NAME:
        length = own_length(pool.load(Path(reference)))
    pool.max_seq_length = length
    eset = heldout if isinstance(heldout, EvalSet) else load_set(heldout, base_dir)
    warnings = set_warnings(eset, "held-out", min_pairs=MIN_PAIRS)
    models = {CANDIDATE: candidate, **baselines}
    if say:
        say(f"held-out set: {len(eset.doc_ids)} documents, {len(eset.query_ids)} judged queries, "
            f"{eset.stats['relevant_pairs']} relevant pairs; every model at {length or 'its own'} tokens"
            + (" (evaluation.max_seq_length)" if max_seq_length else " (the base model's length)" if length else ""))
    scores = evaluate_models(eset, models, metrics, batch_size, cached=cached, say=say, _pool=pool)
    if BM25_NAME in scores and stemmer_name() == "none":
        warnings.append("BM25 ran without a stemmer (PyStemmer is not installed): it scores lower than a stemmed "
                        "BM25, so gains over it look larger (pip install PyStemmer)")

    general_scores = None
    if general is not None:
        if base_model is None:
            raise EvalError("the forgetting check needs the base model", where="evaluation.general")
        gset = general if isinstance(general, EvalSet) else load_set(general, base_dir)
        warnings += set_warnings(gset, "general")
        if say:
            say(f"general set: {len(gset.doc_ids)} documents, {len(gset.query_ids)} judged queries")
        general_scores = evaluate_models(gset, {CANDIDATE: candidate, BASE: base_model}, metrics, batch_size,
                                         cached=cached, say=say, _pool=pool)

    decision = decide(rules, scores, general_scores, bm25=BM25_NAME) if rules is not None else None
    heldout_info = {**eset.describe(), **({"max_seq_length": length} if length else {})}
    return EvalReport(model_dir=str(candidate), heldout=heldout_info, metrics=scores, general=general_scores,
                      primary_metric=primary, decision=decision, warnings=warnings,
                      seconds=round(time.perf_counter() - t0, 3))


def evaluate_spec(loaded, candidate_dir: str | Path, *, say: Say | None = None) -> EvalReport:
    """Evaluate a trained model as the spec's `evaluation` section says, with the promotion decision."""
    from embgov.spec.loader import resolve_model

    ev = loaded.spec.evaluation
    if ev is None:
        raise EvalError("the spec has no evaluation section", where=f"{loaded.source}: evaluation",
                        fix="add evaluation.heldout (corpus, queries, qrels) to the spec")
    base = resolve_model(loaded.spec.base_model, loaded.base_dir)
    baselines = {name: (base if name == BASE else BM25_NAME) for name in ev.baselines}
    return evaluate(Path(candidate_dir), ev.heldout, baselines=baselines, metrics=ev.metrics,
                    batch_size=ev.batch_size, primary_metric=ev.promotion.primary_metric, general=ev.general,
                    base_model=base, rules=ev.promotion, base_dir=loaded.base_dir, cached={BASE},
                    max_seq_length=ev.max_seq_length, say=say)
