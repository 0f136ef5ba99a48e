"""The one place that sequences the stages: gate -> pairs -> train -> evaluate -> export ->
register -> promotion decision.

Each stage writes under the run directory and is skipped when its output is already there and
still valid (same inputs, same approved policy), so re-running a run directory resumes it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from embgov.contracts import EvalReport, ExportedModel, ModelVersion, PairSet, TrainedModel
from embgov.spec.loader import LoadedSpec
from embgov import Say

log = logging.getLogger("embgov.pipeline")
STAGES = ("gate", "pairs", "train", "evaluate", "export", "register", "promote")


def _quiet_stage(stage: str) -> None:
    pass


def in_run(path: str, run: Path) -> str:
    """A path a stage recorded inside a run directory, taken in `run` (a job resumed in a moved or restored
    home must read its own run, never the original's): the run directory's name is the job's id, so what
    follows it is the same place in this run."""
    if f"/{run.name}/" not in path:
        return path
    mapped = run / path.split(f"/{run.name}/", 1)[1]
    return str(mapped) if mapped.exists() else path


def gate_sources(loaded: LoadedSpec, run_dir: Path, *, actor: str, say: Say = log.info) -> tuple[dict[str, Path], str]:
    """Every training source of the spec through the gate (embgov.gating): role -> output directory, policy hash."""
    from embgov.gating import gate_sources as gate

    return gate(loaded, run_dir, actor=actor, say=say)


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

    from embgov.data import read_records

    src = loaded.spec.data.corpus
    if loaded.spec.adaptation.method != "mlm" or src is None:
        return None
    records = read_records(gated["corpus"] / Path(src.path).name, src, role="corpus", stats=Counter())
    return [r.text for r in records]


def prepare_and_train(loaded: LoadedSpec, run_dir: str | Path, *, actor: str = "cli", say: Say = log.info,
                      stage: Callable[[str], None] = _quiet_stage,
                      should_stop: Callable[[], bool] | None = None) -> TrainedModel:
    """gate -> pairs -> train for one spec, in `run_dir`. `stage(name)` is called as each stage starts;
    `should_stop()` turning true while training aborts the Ray run (the job was cancelled)."""
    from embgov.train import train_model

    run = Path(run_dir)
    run.mkdir(parents=True, exist_ok=True)
    stage("gate")
    gated, policy_hash = gate_sources(loaded, run, actor=actor, say=say)
    stage("pairs")
    build_training_pairs(loaded, gated, policy_hash, run, say=say)
    stage("train")
    trained_json = run / "train" / "trained.json"
    if trained_json.exists():
        say("train: reused")
        trained = TrainedModel.model_validate_json(trained_json.read_text())
        return trained.model_copy(update={"model_dir": in_run(trained.model_dir, run),
                                          "adapter_dir": trained.adapter_dir and in_run(trained.adapter_dir, run)})
    say(f"train: {loaded.spec.adaptation.method} on {loaded.spec.resources.num_workers} Ray worker(s)")
    from embgov.train import training_line

    # Progress goes through `say` too: job logs get plain lines, a terminal may redraw ProgressLines.
    return train_model(loaded, run / "pairs", run / "train", policy_hash=policy_hash,
                       mlm_texts=_mlm_texts(loaded, gated), run_name=f"{run.name}-train",
                       on_progress=lambda d: say(training_line(d)), should_stop=should_stop)


def _evaluate(loaded: LoadedSpec, trained: TrainedModel, run: Path, actor: str, say: Say) -> EvalReport | None:
    from embgov.evaluate import evaluate_spec
    from embgov.gating import gate_sets

    if loaded.spec.evaluation is None:
        say("evaluate: skipped (the spec has no evaluation section; nothing is promoted automatically)")
        return None
    path = run / "eval" / "report.json"
    if path.exists():
        say("evaluate: reused")
        return EvalReport.model_validate_json(path.read_text())
    report = evaluate_spec(gate_sets(loaded, actor=actor, say=say, run_dir=run), trained.model_dir, say=say)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.model_dump_json(indent=2))
    for warning in report.warnings:
        say(f"evaluate: warning: {warning}")
    return report


def _export(loaded: LoadedSpec, trained: TrainedModel, run: Path, say: Say) -> list[ExportedModel]:
    import json

    from embgov.export import export_model

    ex = loaded.spec.export
    out = run / "export"
    if (out / "export.json").exists():
        say("export: reused")
        return [ExportedModel.model_validate({**e, "path": in_run(e["path"], run)})
                for e in json.loads((out / "export.json").read_text())]
    exported = export_model(trained.model_dir, out, formats=list(ex.formats), quantize=ex.quantize,
                            parity_min_cosine=ex.parity_min_cosine)
    for e in exported:
        say(f"export {e.format}: parity min cosine {e.min_cosine:.6f} (needs {e.required_cosine})")
    return exported


def _register(loaded: LoadedSpec, trained: TrainedModel, report: EvalReport | None, exports: list[ExportedModel],
              run: Path, trigger: str, actor: str, say: Say) -> ModelVersion:
    from embgov.registry import register
    from embgov.registry import registered_spec_json
    from embgov.spec.loader import spec_dict

    path = run / "registered.json"
    if path.exists():
        say("register: reused")
        return ModelVersion.model_validate_json(path.read_text())
    pairset = PairSet.model_validate_json((run / "pairs" / "pairs.json").read_text())
    files = {f"receipts/{role}": run / "gate" / role / "receipt.json" for role in sorted(pairset.receipts)}
    # The daemon re-submits a production model's own spec: recorded relative to the home (embgov.registry.specs).
    (run / "spec.json").write_text(registered_spec_json(loaded))
    files.update({"pairs": run / "pairs" / "pairs.json", "train": run / "train" / "trained.json", "spec": run / "spec.json"})
    if report is not None:
        files["eval"] = run / "eval" / "report.json"
    version = register(name=loaded.spec.name, trained=trained, spec_dict=spec_dict(loaded.spec),
                       receipts=pairset.receipt_fingerprints, trigger=trigger, report=report, exports=exports,
                       files=files, actor=actor)
    path.write_text(version.model_dump_json(indent=2))
    say(f"register: {version.name}:{version.version} (parent {version.parent_version or '-'}, trigger {trigger})")
    return version


def run_job(loaded: LoadedSpec, run_dir: str | Path, *, trigger: str = "person:cli", actor: str = "cli",
            say: Say = log.info, stage: Callable[[str], None] = _quiet_stage,
            should_stop: Callable[[], bool] | None = None) -> dict:
    """The whole job. Returns the model version and whether the promotion rules made it production
    (`promoted`), and `promotion`, that decision in one line; a candidate the rules refuse stays
    registered, with the reasons. `stage(name)` is called as each of STAGES starts (the worker
    records it); `should_stop` as in prepare_and_train."""
    from embgov.promotion import promote

    run = Path(run_dir)
    trained = prepare_and_train(loaded, run, actor=actor, say=say, stage=stage, should_stop=should_stop)
    stage("evaluate")
    report = _evaluate(loaded, trained, run, actor, say)
    stage("export")
    exports = _export(loaded, trained, run, say)
    stage("register")
    version = _register(loaded, trained, report, exports, run, trigger, actor, say)
    stage("promote")
    decision = report.decision if report else None
    promoted = False
    if decision is not None and decision.promote and version.status == "candidate":
        # The rules decide, so the rules are the actor of the change and of what follows (reference, indexes).
        version = promote(version.name, version.version, actor="embgov:promotion-rules",
                          reason="; ".join(decision.reasons), loaded=loaded, say=say)
        promoted = True
    summary = promotion_summary(decision, promoted, version.status)
    say(f"promotion: {summary}")
    for reason in decision.reasons if decision is not None else []:
        say(f"  {reason}")
    return {"version": version, "report": report, "exports": exports, "trained": trained, "promoted": promoted,
            "promotion": summary}


def promotion_summary(decision, promoted: bool, status: str) -> str:
    """The promotion decision as one line: a refusal by the rules is a decision, not an error."""
    if decision is None:
        return f"not decided: the spec has no evaluation section (the version is {status})"
    if decision.promote:
        return "promoted to production by the rules" if promoted else f"the rules allow it (the version is {status})"
    failed = [r.removesuffix(": fail") for r in decision.reasons if r.endswith(": fail")]
    return "kept as candidate — " + "; ".join(failed or decision.reasons)
