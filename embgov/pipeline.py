"""The one place that sequences the stages: gate -> pairs -> train (evaluation, export, registry and
promotion join here as they land).

Each stage writes under the run directory and is skipped when its output is already there and
still valid (same inputs, same approved policy), so re-running a run directory resumes it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from embgov.contracts import GateReceipt, PairSet, TrainedModel
from embgov.errors import GateError
from embgov.spec.loader import LoadedSpec

log = logging.getLogger("embgov.pipeline")
Say = Callable[[str], None]


def _gate_plan(loaded: LoadedSpec) -> dict[str, dict]:
    """Role -> run_gate arguments (input file, fields to redact and keep, optional ones, id field) for
    every text source in the spec. Titles and negatives are optional; texts and anchors are not."""
    d, spec = loaded.spec.data, loaded.spec
    plan: dict[str, dict] = {}
    for role, src in (("corpus", d.corpus), ("queries", d.queries)):
        if src is not None:
            text = src.format == "text"
            plan[role] = {"path": loaded.resolve(src.path), "id_field": None if text else src.id_field,
                          "fields": None if text else [f for f in (src.title_field, src.text_field) if f],
                          "optional_fields": [src.title_field] if src.title_field and not text else None}
    sources = [(f"pairs-{i}", s) for i, s in enumerate(d.pairs)]
    if spec.pairs.general_mix:
        sources.append(("general", spec.pairs.general_mix.source))
    for role, src in sources:
        plan[role] = {"path": loaded.resolve(src.path), "id_field": None,
                      "fields": [f for f in (src.anchor_field, src.positive_field, src.negative_field) if f],
                      "optional_fields": [src.negative_field] if src.negative_field else None}
    return plan


def gate_sources(loaded: LoadedSpec, run_dir: Path, *, actor: str, say: Say = log.info) -> tuple[dict[str, Path], str]:
    """Every text source of the spec through the gate under its approved policy. Returns role -> gate
    output directory, and the policy hash. Raises GateError when any source is blocked."""
    from embgov.gate.run import run_gate
    from embgov.hashing import fingerprint
    from embgov.policy.approvals import require_approved

    policy = require_approved(loaded.resolve(loaded.spec.policy))
    gated: dict[str, Path] = {}
    for role, args in _gate_plan(loaded).items():
        path, out = args.pop("path"), run_dir / "gate" / role
        if out.exists():
            try:
                receipt = GateReceipt.accept(out, policy.content_hash)
                if receipt.input_fingerprint == fingerprint([path]):
                    say(f"gate {role}: reused ({receipt.records_out} records)")
                    gated[role] = out
                    continue
            except GateError:
                pass
            raise GateError(f"gate output for {role} exists but does not match the current input and policy",
                            where=str(out), fix="start a new run directory")
        receipt = run_gate(policy.path, [path], out, actor=actor, **args)
        if receipt.verdict != "passed":
            raise GateError(f"the gate blocked {role}: {receipt.verdict_reason}", where=str(out / "receipt.json"),
                            fix="see the receipt's quarantined records (ids and reasons)")
        say(f"gate {role}: {receipt.records_out}/{receipt.records_in} records cleared, "
            f"{sum(receipt.entity_counts.values())} findings redacted")
        gated[role] = out
    return gated, policy.content_hash


def build_training_pairs(loaded: LoadedSpec, gated: dict[str, Path], policy_hash: str, run_dir: Path,
                         say: Say = log.info) -> PairSet:
    from embgov.data import build_pairs, load_pairs

    out = run_dir / "pairs"
    if (out / "pairs.json").exists():
        pairset, _ = load_pairs(out, policy_hash)
        say(f"pairs: reused ({pairset.pairs} rows)")
        return pairset
    pairset = build_pairs(loaded, gated, out, policy_hash=policy_hash)
    say(f"pairs: {pairset.pairs} rows ({pairset.domain_pairs} domain, {pairset.mixed_pairs} general), "
        f"{pairset.negatives} hard negatives")
    return pairset


def _mlm_texts(loaded: LoadedSpec, gated: dict[str, Path]) -> list[str] | None:
    """MLM pre-training reads the gate-passed corpus when the spec has one."""
    from collections import Counter

    from embgov.data.readers import read_records

    src = loaded.spec.data.corpus
    if loaded.spec.adaptation.method != "mlm" or src is None:
        return None
    records = read_records(gated["corpus"] / Path(src.path).name, src, role="corpus", stats=Counter())
    return [r.text for r in records]


def prepare_and_train(loaded: LoadedSpec, run_dir: str | Path, *, actor: str = "cli", say: Say = log.info) -> TrainedModel:
    """gate -> pairs -> train for one spec, in `run_dir`."""
    from embgov.train import train_model

    run = Path(run_dir)
    run.mkdir(parents=True, exist_ok=True)
    gated, policy_hash = gate_sources(loaded, run, actor=actor, say=say)
    build_training_pairs(loaded, gated, policy_hash, run, say=say)
    trained_json = run / "train" / "trained.json"
    if trained_json.exists():
        say("train: reused")
        return TrainedModel.model_validate_json(trained_json.read_text())
    say(f"train: {loaded.spec.adaptation.method} on {loaded.spec.resources.num_workers} Ray worker(s)")
    return train_model(loaded, run / "pairs", run / "train", policy_hash=policy_hash,
                       mlm_texts=_mlm_texts(loaded, gated), run_name=f"{run.name}-train")
