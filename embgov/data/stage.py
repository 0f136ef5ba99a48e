"""The data stage's entry point: gate-passed records -> pairs.jsonl + pairs.json (a PairSet).

Every source is read only from a gate output directory whose receipt passes `GateReceipt.accept`
(and all receipts share one policy), qrels included: the gate maps their ids as it maps record ids.
Order of work: build pairs (method) + ready-made files -> seeded shuffle -> max_pairs cap -> hard
negatives -> general mix -> seeded shuffle -> write. Every random choice uses its own generator
seeded from training.seed and a purpose, so the same inputs give byte-identical files.
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
from collections import Counter
from pathlib import Path

from embgov.contracts import GateReceipt, PairSet
from embgov.data.builders import BUILDERS, Inputs, ready_made
from embgov.data.manifest import columns_for, encode_rows, load_pairs, write_pairset
from embgov.data.mix import domain_cap, general_pairs
from embgov.data.negatives import add_negatives
from embgov.data.pseudo import kinds_of
from embgov.data.readers import read_pair_file, read_qrels, read_records
from embgov.errors import DataError, GateError
from embgov.spec.loader import LoadedSpec
from embgov.spec.jobspec import JobSpec

__all__ = ["build_pairs", "load_pairs", "needed_roles", "accept_sources"]

log = logging.getLogger("embgov.data")
_ROLE = re.compile(r"^(corpus|queries|qrels|general|pairs-(0|[1-9][0-9]*))$")
# Counters reported even when zero, so a reader of pairs.json sees every check that ran.
_STAT_KEYS = {
    "labeled": ("qrels_not_relevant", "qrels_unknown_query", "qrels_unknown_doc", "queries_without_qrels"),
    "adjacent": ("adjacent_short_docs",),
    "negatives": ("negatives_mined", "negatives_known_positive_excluded", "negatives_skipped_top",
                  "negatives_false_negative_skipped", "negatives_near_duplicate_skipped", "negatives_filled",
                  "ready_negatives_kept"),
    "general": ("general_source_rows", "general_resampled", "general_negatives_kept", "general_negatives_filled"),
}


def needed_roles(spec: JobSpec) -> dict[str, str]:
    """Role -> the file name the gate output holds for it (the source file's own name)."""
    d = spec.data
    roles = {}
    if d.corpus:
        roles["corpus"] = Path(d.corpus.path).name
    if d.queries:
        roles["queries"] = Path(d.queries.path).name
    if d.qrels:
        roles["qrels"] = Path(d.qrels.path).name
    for i, source in enumerate(d.pairs):
        roles[f"pairs-{i}"] = Path(source.path).name
    if spec.pairs.general_mix:
        roles["general"] = Path(spec.pairs.general_mix.source.path).name
    return roles


def accept_sources(gated: dict[str, Path], needed: dict[str, str], policy_hash: str | None = None) -> dict[str, GateReceipt]:
    """Accept every role's receipt (before any text is read); refuse missing, unexpected or mixed-policy sources."""
    if not needed:
        raise GateError("the spec names no data source", where="data", fix="add data.corpus, data.queries or data.pairs")
    bad = sorted(r for r in gated if not _ROLE.match(r))
    missing = sorted(set(needed) - set(gated))
    extra = sorted(set(gated) - set(needed) - set(bad))
    if bad or missing or extra:
        parts = [f"{label}: {', '.join(roles)}" for label, roles in
                 (("unknown role", bad), ("no gate output for", missing), ("not in the spec", extra)) if roles]
        raise GateError("; ".join(parts), where="gated sources",
                        fix="pass one gate output directory per data source of the spec (corpus, queries, qrels, pairs-N, general)")
    receipts = {role: GateReceipt.accept(gated[role], policy_hash) for role in sorted(gated)}
    hashes = {r.policy_hash for r in receipts.values()}
    if len(hashes) > 1:
        detail = ", ".join(f"{role}={r.policy_hash[:12]}" for role, r in receipts.items())
        raise GateError(f"the sources were redacted under different policies ({detail})", where="gated sources",
                        fix="run the gate on every source under the one approved policy")
    for role, receipt in receipts.items():
        if needed[role] not in receipt.outputs:
            raise GateError(f"the receipt for {role!r} does not cover a file named {needed[role]!r}", where=str(gated[role]),
                            fix="gate the file the spec names (the output keeps the input's file name)")
    return receipts


def build_pairs(loaded: LoadedSpec, gated: dict[str, Path], out_dir: Path, *, policy_hash: str | None = None) -> PairSet:
    """Build the training pairs of `loaded`'s spec from gate outputs; write them to out_dir; return the PairSet."""
    started = time.perf_counter()
    spec, section = loaded.spec, loaded.spec.pairs
    seed, hn, mix = spec.training.seed, section.hard_negatives, section.general_mix
    gated = {role: Path(p) for role, p in gated.items()}
    needed = needed_roles(spec)
    receipts = accept_sources(gated, needed, policy_hash)
    files = {role: gated[role] / name for role, name in needed.items()}
    stats: Counter = Counter()
    d = spec.data

    inputs = Inputs(section=section, seed=seed, stats=stats, where={r: str(f) for r, f in files.items()})
    if d.corpus:
        inputs.corpus = read_records(files["corpus"], d.corpus, role="corpus", stats=stats)
    if section.method == "labeled" and d.queries and d.qrels:
        inputs.queries = read_records(files["queries"], d.queries, role="queries", stats=stats)
        inputs.qrels = read_qrels(files["qrels"], d.qrels, stats)
    pairs, pool = BUILDERS[section.method](inputs)
    stats[f"{section.method}_pairs"] += len(pairs)
    for i, source in enumerate(d.pairs):
        rows = read_pair_file(files[f"pairs-{i}"], source)
        stats["ready_made_pairs"] += len(rows)
        pairs += ready_made(rows)
    if not pairs:
        raise DataError("no training pairs were built", where=loaded.source, fix="check the data section of the spec")

    random.Random(f"{seed}:shuffle").shuffle(pairs)
    cap = domain_cap(section.max_pairs, mix.fraction if mix else 0.0)
    if cap is not None and len(pairs) > cap:
        stats["capped"] += len(pairs) - cap
        pairs = pairs[:cap]
    ce_dir = loaded.resolve(hn.cross_encoder) if hn.cross_encoder else None
    k = add_negatives(pairs, pool, hn, seed=seed, stats=stats, cross_encoder_dir=ce_dir)
    general = []
    if mix:
        general = general_pairs(read_pair_file(files["general"], mix.source), mix.fraction, len(pairs), k,
                                seed=seed, stats=stats, where=str(files["general"]))
    rows = pairs + general
    random.Random(f"{seed}:order").shuffle(rows)
    if any(len(p.negatives) != k for p in rows):  # the trainer needs fixed columns; never write ragged rows
        raise DataError("internal error: rows with different numbers of negatives", where=str(out_dir))

    for group in (section.method, "negatives" if k else "", "general" if mix else ""):
        for key in _STAT_KEYS.get(group, ()):
            stats.setdefault(key, 0)
    if section.method in ("pseudo", "bm25"):
        for kind in kinds_of(section.pseudo_query, section.method):
            for verdict in ("none", "keep", "ambiguous", "no_match"):
                stats.setdefault(f"pseudo_{kind}_{verdict}", 0)
    stats.setdefault("capped", 0)
    columns = columns_for(k)
    data = encode_rows([[p.anchor, p.positive, *p.negatives] for p in rows], columns)
    method = section.method + ("+pairs" if d.pairs else "")
    pairset = write_pairset(
        Path(out_dir), data, columns=columns, method=method, seed=seed, pairs=len(rows),
        domain_pairs=len(pairs), mixed_pairs=len(general), negatives=len(rows) * k,
        receipts={role: os.path.relpath(gated[role].resolve(), Path(out_dir).resolve()) for role in sorted(receipts)},
        receipt_fingerprints={role: r.output_fingerprint for role, r in sorted(receipts.items())},
        policy_hash=next(iter(receipts.values())).policy_hash,
        stats={key: int(v) for key, v in sorted(stats.items())})
    log.info("pairs: %d rows (%d domain, %d general), %d negative column(s), %.2f s",
             len(rows), len(pairs), len(general), k, time.perf_counter() - started)
    return pairset
