"""Every text a model sees passes the gate: the spec's training sources and its retrieval sets.

`gate_sources` gates the training sources (corpus, queries, qrels, pair files, the general mix) into
the run directory. `gate_sets` gates the held-out, general and probe sets (corpus, queries and
qrels each) into a cache under EMBGOV_HOME keyed by policy and input, and returns the spec with
those sets pointing at the gated files: evaluation, reference capture and monitoring checks read
only these. A gate output is reused when its receipt passes and matches the input; a blocked
source stops the caller with the receipt's reason.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Callable

from embgov.contracts import GateReceipt
from embgov.errors import GateError
from embgov.spec.loader import LoadedSpec
from embgov.spec.jobspec import RetrievalSet
from embgov import Say
from embgov.progress import Meter

log = logging.getLogger("embgov.gate")
SETS_DIR = "gated"  # under EMBGOV_HOME


def gate_plan(loaded: LoadedSpec) -> dict[str, dict]:
    """Role -> run_gate arguments (input file, fields to redact and keep, optional ones, id field, qrels
    format) for every training source of the spec. Titles and negatives are optional; texts and anchors are not."""
    d, spec = loaded.spec.data, loaded.spec
    plan: dict[str, dict] = {}
    for role, src in (("corpus", d.corpus), ("queries", d.queries)):
        if src is not None:
            plan[role] = _source_args(loaded.resolve, src)
    if d.qrels is not None:
        plan["qrels"] = {"path": loaded.resolve(d.qrels.path), "qrels_format": d.qrels.format}
    sources = [(f"pairs-{i}", s) for i, s in enumerate(d.pairs)]
    if spec.pairs.general_mix:
        sources.append(("general", spec.pairs.general_mix.source))
    for role, src in sources:
        plan[role] = {"path": loaded.resolve(src.path), "id_field": None,
                      "fields": [f for f in (src.anchor_field, src.positive_field, src.negative_field) if f],
                      "optional_fields": [src.negative_field] if src.negative_field else None}
    return plan


def _source_args(resolve: Callable[[str], Path], src) -> dict:
    text = src.format == "text"
    return {"path": resolve(src.path), "id_field": None if text else src.id_field,
            "fields": None if text else [f for f in (src.title_field, src.text_field) if f],
            "optional_fields": [src.title_field] if src.title_field and not text else None}


def _gate_one(policy, role: str, args: dict, out: Path, *, actor: str, say: Say, same: Path | None = None) -> Path:
    """One source through the gate into `out`, or `out` reused when it already holds this input's passing
    output. `same`: a directory where the gate already cleared this input with these arguments (the run's
    training gate, when the held-out corpus is the training corpus): copied, then checked like any reuse."""
    from embgov.gate import run_gate
    from embgov.hashing import fingerprint

    args = dict(args)
    path = args.pop("path")
    if not out.exists() and same is not None and (same / "receipt.json").is_file():
        _copy_dir(same, out)
    if out.exists():
        try:
            receipt = GateReceipt.accept(out, policy.content_hash)
            if receipt.input_fingerprint == fingerprint([path]):
                say(f"gate {role}: reused ({receipt.records_out} records)")
                return out
        except GateError:
            pass
        raise GateError(f"gate output for {role} exists but does not match the current input and policy",
                        where=str(out), fix="start a new run directory")
    meter = Meter(say, f"gate {role}")  # long inputs say how far they are, every few seconds
    receipt = run_gate(policy.path, [path], out, actor=actor, progress=meter.add, **args)
    meter.close()
    if receipt.verdict != "passed":
        raise GateError(f"the gate blocked {role}: {receipt.verdict_reason}", where=str(out / "receipt.json"),
                        fix="see the receipt's quarantined records (ids and reasons)")
    say(f"gate {role}: {receipt.records_out}/{receipt.records_in} records cleared, "
        f"{sum(receipt.entity_counts.values())} findings redacted")
    return out


def _copy_dir(src: Path, out: Path) -> None:
    """Copy a gate output into place atomically (a temporary sibling, then a rename)."""
    import shutil
    import tempfile

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        shutil.copytree(src, tmp, dirs_exist_ok=True)
        tmp.rename(out)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not out.exists():
            raise


def gate_sources(loaded: LoadedSpec, run_dir: Path, *, actor: str, say: Say = log.info) -> tuple[dict[str, Path], str]:
    """Every training source of the spec through the gate under its approved policy. Returns role -> gate
    output directory, and the policy hash. Raises GateError when any source is blocked."""
    from embgov.policy.approvals import require_approved

    policy = require_approved(loaded.resolve(loaded.spec.policy))
    gated = {role: _gate_one(policy, role, args, run_dir / "gate" / role, actor=actor, say=say)
             for role, args in gate_plan(loaded).items()}
    return gated, policy.content_hash


def retrieval_sets(loaded: LoadedSpec) -> dict[str, RetrievalSet]:
    """The spec's retrieval sets by role: eval-heldout, eval-general, probe."""
    spec, sets = loaded.spec, {}
    if spec.evaluation is not None:
        sets["eval-heldout"] = spec.evaluation.heldout
        if spec.evaluation.general is not None:
            sets["eval-general"] = spec.evaluation.general
    if spec.monitoring is not None and spec.monitoring.probe is not None:
        sets["probe"] = spec.monitoring.probe.probe
    return sets


def _gate_set(policy, role: str, rset: RetrievalSet, resolve: Callable[[str], Path], root: Path, *,
              actor: str, say: Say, done: list[tuple[dict, Path]] = ()) -> RetrievalSet:
    """A retrieval set's corpus, queries and qrels through the gate, cached under `root` by policy and input.
    `done`: (gate arguments, output directory) the run's training gate already produced, reused when equal."""
    from embgov.hashing import fingerprint

    parts = {"corpus": _source_args(resolve, rset.corpus), "queries": _source_args(resolve, rset.queries),
             "qrels": {"path": resolve(rset.qrels.path), "qrels_format": rset.qrels.format}}
    update = {}
    for part, args in parts.items():
        key = f"{policy.content_hash[:12]}-{fingerprint([args['path']])[:16]}"
        same = next((out for prior, out in done if prior == args), None)
        out = _gate_one(policy, f"{role}-{part}", args, root / f"{role}-{part}-{key}", actor=actor, say=say,
                        same=same)
        source = getattr(rset, part)
        update[part] = source.model_copy(update={"path": str(out.resolve() / Path(source.path).name)})
    return rset.model_copy(update=update)


def gate_files_set(policy_path: str | Path, rset: RetrievalSet, *, actor: str, say: Say = log.info) -> RetrievalSet:
    """A retrieval set named by files (not by a spec) through the gate under an approved policy."""
    from embgov.policy.approvals import require_approved
    from embgov.settings import get_settings

    policy = require_approved(policy_path)
    root = get_settings().ensure_home() / SETS_DIR
    return _gate_set(policy, "files", rset, lambda p: Path(p).resolve(), root, actor=actor, say=say)


def gate_sets(loaded: LoadedSpec, *, actor: str, say: Say = log.info, root: Path | None = None,
              run_dir: Path | None = None) -> LoadedSpec:
    """The spec with every retrieval set read from its gated copy (gated now, or reused from the cache).
    `run_dir`: a run whose training gate output may stand in for a set's file that is a training source
    too (the same file read the same way: a held-out set drawn from the training corpus is gated once)."""
    from embgov.policy.approvals import require_approved
    from embgov.settings import get_settings

    sets = retrieval_sets(loaded)
    if not sets or loaded.extra_roots:  # nothing to gate, or already read from gated copies
        return loaded
    policy = require_approved(loaded.resolve(loaded.spec.policy))
    root = root or get_settings().ensure_home() / SETS_DIR
    done = [(args, run_dir / "gate" / role) for role, args in gate_plan(loaded).items()] if run_dir else []
    gated = {role: _gate_set(policy, role, rset, loaded.resolve, root, actor=actor, say=say, done=done)
             for role, rset in sets.items()}
    spec = loaded.spec
    changes = {}
    if spec.evaluation is not None:
        changes["evaluation"] = spec.evaluation.model_copy(update={
            "heldout": gated["eval-heldout"], "general": gated.get("eval-general")})
    if "probe" in gated:
        probe = spec.monitoring.probe.model_copy(update={"probe": gated["probe"]})
        changes["monitoring"] = spec.monitoring.model_copy(update={"probe": probe})
    # Same hash: the spec is unchanged, only where its sets are read from. Gated files live outside the
    # spec's tree, so their directory joins the roots its paths may resolve into.
    return dataclasses.replace(loaded, spec=spec.model_copy(update=changes), extra_roots=(root.resolve(),))
