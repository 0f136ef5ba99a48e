"""Typed objects that pass between stages. No heavy imports; no record text, ever."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


RECEIPT_FILE = "receipt.json"
PAIRS_MANIFEST = "pairs.json"


class _Contract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuarantinedRecord(_Contract):
    """A record set aside by the gate, by id and reason only."""

    source: str = Field(description="Input file name (not its path).")
    record_id: str = Field(description="The id as it would have left the gate (its pseudonym, unless the policy keeps ids), "
                                       "or 'line:N' / 'row:N' when the record has none or its id was not checked.")
    line: int | None = Field(None, description="Line (jsonl, text, qrels) or row (csv) of the record in its file.")
    reason: Literal["invalid_json", "undecodable", "not_an_object", "missing_field", "empty_text", "too_large",
                    "too_deep", "malformed_row", "identifying_id", "residual_pii"] = Field(
        description="Why it was set aside. too_deep: nesting beyond the JSON parser; malformed_row: a CSV row that does not "
                    "parse; identifying_id: the policy keeps ids and the detectors flagged this one.")
    detail: str | None = Field(None, description="Entity types or field names involved; never text.")


class GateReceipt(_Contract):
    """What the redaction gate did to a dataset. Training accepts only a passing receipt's output."""

    receipt_version: Literal[1] = Field(1, description="Receipt format version.")
    created_at: str = Field(description="UTC time the gate finished.")
    policy_name: str = Field(description="Policy name.")
    policy_version: str = Field(description="Policy version.")
    policy_hash: str = Field(description="Content hash of the approved policy that was applied.")
    input_fingerprint: str = Field(description="sha256 over the input files' names and bytes.")
    output_fingerprint: str | None = Field(description="sha256 over the redacted files; none when blocked.")
    inputs: list[str] = Field(description="Input file names.")
    outputs: list[str] = Field(description="Redacted file names, relative to the receipt's directory.")
    records_in: int = Field(description="Records read.")
    records_out: int = Field(description="Records written.")
    fields: list[str] = Field(description="Fields that were redacted and written; other fields were dropped.")
    record_ids: Literal["pseudonym", "keep"] = Field("keep", description="What the output's ids are: keyed hashes of the input's, or the input's own (checked; receipts from before pseudonyms say keep).")
    entity_counts: dict[str, int] = Field(description="Findings redacted, per policy entity id.")
    residual_counts: dict[str, int] = Field(description="Findings left after redaction (rescan), per entity id.")
    quarantined: list[QuarantinedRecord] = Field(description="Records set aside, with reasons.")
    quarantine_rate: float = Field(description="Quarantined records / records read.")
    verdict: Literal["passed", "blocked"] = Field(description="passed: output usable; blocked: the job must stop.")
    verdict_reason: str = Field(description="Why, in one line.")
    workers: int = Field(description="Processes used.")
    seconds: float = Field(description="Wall time of the gate.")
    records_per_s: float = Field(description="Throughput.")

    @classmethod
    def accept(cls, directory: str | Path, policy_hash: str | None = None) -> "GateReceipt":
        """The check every downstream stage makes: the directory holds a passing receipt whose output
        fingerprint matches the files (and, when given, the currently approved policy's hash), and the
        audit log holds the gate's matching verdict (a hand-written receipt is refused)."""
        from embgov.audit.evidence import require_gate_verdict
        from embgov.errors import GateError
        from embgov.hashing import fingerprint

        out = Path(directory)
        try:
            receipt = cls.model_validate(json.loads((out / RECEIPT_FILE).read_text()))
        except (OSError, ValueError) as exc:
            raise GateError(f"no valid gate receipt ({type(exc).__name__})", where=str(out / RECEIPT_FILE),
                            fix="run the data through the gate first: embgov redact --policy POLICY INPUT... --out DIR") from None
        if receipt.verdict != "passed":
            raise GateError(f"the gate blocked this dataset: {receipt.verdict_reason}", where=str(out),
                            fix="see the receipt's quarantine list; clean or drop those records and run the gate again")
        if policy_hash and receipt.policy_hash != policy_hash:
            raise GateError("the dataset was redacted under another version of the policy", where=str(out),
                            fix="run the gate again under the currently approved policy")
        if fingerprint(out / o for o in receipt.outputs) != receipt.output_fingerprint:
            raise GateError("the redacted files changed after the gate ran (fingerprint mismatch)", where=str(out),
                            fix="run the gate again; never edit gate output by hand")
        require_gate_verdict(receipt, out)
        return receipt


class PairSet(_Contract):
    """Training pairs built from gate-passed data: what the data stage hands to the train stage.

    Written as `pairs.json` beside `pairs.jsonl`. The train stage re-checks the file hash and every
    source receipt, so pairs cannot be swapped for un-gated text after they were built."""

    path: str = Field(description="pairs.jsonl, relative to the manifest's directory.")
    sha256: str = Field(description="sha256 of pairs.jsonl.")
    columns: list[str] = Field(description="Text columns in order: anchor, positive, negative_1..negative_k.")
    method: str = Field(description="Pair method (labeled, bm25, adjacent) plus ready-made pair files.")
    seed: int = Field(description="Seed used for sampling, mining and mixing.")
    pairs: int = Field(description="Rows in pairs.jsonl (domain + general).")
    domain_pairs: int = Field(description="Rows built from the domain data.")
    mixed_pairs: int = Field(description="Rows drawn from the general-data mix.")
    negatives: int = Field(description="Hard negatives in the file (all rows, all negative columns).")
    receipts: dict[str, str] = Field(description="Source role (corpus, queries, pairs-N, general) -> gate output directory, relative to the manifest's directory.")
    receipt_fingerprints: dict[str, str] = Field(description="Source role -> output fingerprint of its passing receipt.")
    policy_hash: str = Field(description="Content hash of the policy every source was redacted under.")
    stats: dict[str, int] = Field(default_factory=dict, description="Builder counters: dropped ambiguous pseudo-labels, skipped false negatives, filled negatives...")


    @classmethod
    def accept(cls, directory: str | Path, policy_hash: str | None = None) -> tuple["PairSet", list[dict]]:
        """The train stage's check: the manifest, the pairs file's hash, every source's passing receipt
        and output fingerprint, and (when given) the approved policy. Returns the manifest and the rows."""
        import hashlib

        from embgov.errors import DataError, GateError

        where = Path(directory)
        try:
            pairset = cls.model_validate_json((where / PAIRS_MANIFEST).read_bytes())
        except (OSError, ValueError) as exc:
            raise GateError(f"no valid pairs manifest ({type(exc).__name__})", where=str(where / PAIRS_MANIFEST),
                            fix="build the pairs from gate-passed data first (embgov train SPEC does both)") from None
        if Path(pairset.path).name != pairset.path:
            raise GateError("the manifest's pairs path leaves its directory", where=str(where / PAIRS_MANIFEST),
                            fix="build the pairs again")
        path = where / pairset.path
        try:
            data = path.read_bytes()  # hash and parse the same bytes
        except OSError as exc:
            raise DataError(f"cannot read the pairs file ({type(exc).__name__})", where=str(path), outcome="fault") from None
        if hashlib.sha256(data).hexdigest() != pairset.sha256:
            raise GateError("the pairs file changed after it was built (sha256 mismatch)", where=str(path),
                            fix="build the pairs again; never edit pairs.jsonl by hand")
        if policy_hash and pairset.policy_hash != policy_hash:
            raise GateError("the pairs were built from data redacted under another version of the policy",
                            where=str(where), fix="run the gate and the data stage again under the approved policy")
        for role, rel in sorted(pairset.receipts.items()):
            receipt = GateReceipt.accept(where / rel, pairset.policy_hash)
            if receipt.output_fingerprint != pairset.receipt_fingerprints.get(role):
                raise GateError(f"the gate output for {role!r} is not the one the pairs were built from",
                                where=str(where / rel), fix="build the pairs again from the current gate output")
        rows = []
        # Line feeds only: pairs are written with ensure_ascii=False, so U+2028 may sit inside a JSON string.
        for n, line in enumerate(data.decode("utf-8").split("\n"), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise DataError("the row is not a JSON object", where=f"{path}:{n}",
                                fix="build the pairs again; never edit pairs.jsonl by hand") from None
            if list(row) != pairset.columns:
                raise DataError(f"the row's columns differ from the manifest's {pairset.columns}", where=f"{path}:{n}")
            rows.append(row)
        if len(rows) != pairset.pairs:
            raise DataError(f"{len(rows)} rows, the manifest says {pairset.pairs}", where=str(path))
        return pairset, rows


class TrainedModel(_Contract):
    """What the train stage hands to evaluation, export and the registry."""

    model_dir: str = Field(description="A sentence-transformers model directory (merged for lora when asked, else full weights).")
    adapter_dir: str | None = Field(None, description="Adapter files (lora: peft adapter; adapter: bottleneck weights), when the method has them.")
    method: str = Field(description="Adaptation method, e.g. lora or mlm+full.")
    base_model: str = Field(description="Base model as named in the spec.")
    spec_hash: str = Field(description="Hash of the spec that was trained.")
    pairs_sha256: str = Field(description="sha256 of the pairs file trained on.")
    policy_hash: str = Field(description="Policy the training data was redacted under.")
    steps: int = Field(description="Optimizer steps taken.")
    epochs: int = Field(description="Epochs.")
    workers: int = Field(description="Ray Train workers.")
    use_gpu: bool = Field(description="Whether workers used GPUs.")
    trainable_params: int = Field(description="Parameters updated by training.")
    total_params: int = Field(description="All parameters of the encoder (+adapters).")
    samples_per_s: float = Field(description="Steady-state training throughput (all workers).")
    train_seconds: float = Field(description="Wall time of the training loop.")
    startup_seconds: float = Field(description="Everything outside the training loop: Ray start-up, worker processes, imports, model loading, copying the result.")
    restarts: int = Field(0, description="Times the run resumed from a checkpoint after a failure.")
    loss_curve: list[list[float]] = Field(description="[step, loss] pairs as logged.")
    checkpoint_dir: str | None = Field(None, description="Ray Train run with the checkpoints, when kept (remote storage); local checkpoints are removed once the model is saved.")
    extra: dict = Field(default_factory=dict, description="Other figures: MLM steps, loss and time; checkpoint seconds; max steps.")


class PromotionDecision(_Contract):
    """Whether a candidate may become `production`, from the spec's promotion rules, with reasons."""

    promote: bool = Field(description="True when every rule holds.")
    primary_metric: str = Field(description="Metric the gains are measured on, e.g. ndcg@10.")
    gain_over_base: float | None = Field(description="Candidate minus base model on the held-out set (absolute); none when not evaluated.")
    gain_over_bm25: float | None = Field(description="Candidate minus BM25 on the held-out set (absolute); none when not evaluated.")
    general_drop: float | None = Field(description="Base minus candidate on the general set (forgetting); none without a general set.")
    reasons: list[str] = Field(description="One line per rule: what was required, what was measured, pass or fail.")


class EvalReport(_Contract):
    """What evaluation hands to the promotion decision and the registry. Figures only, no text."""

    model_dir: str = Field(description="The candidate model directory that was evaluated.")
    heldout: dict[str, float | int | str] = Field(description="The held-out set: corpus fingerprint, documents, queries, judged pairs.")
    metrics: dict[str, dict[str, float]] = Field(description="Model name (candidate, base, bm25) -> metric -> value on the held-out set.")
    general: dict[str, dict[str, float]] | None = Field(None, description="Model name -> metric -> value on the general set (forgetting check).")
    primary_metric: str = Field(description="Metric promotion decisions use.")
    decision: PromotionDecision | None = Field(None, description="Promotion decision, when the spec has evaluation rules.")
    warnings: list[str] = Field(default_factory=list, description="E.g. fewer than 500 judged query-document pairs in the held-out set.")
    seconds: float = Field(description="Wall time of the evaluation.")


class ExportedModel(_Contract):
    """One exported artifact and its parity check against the torch model."""

    format: Literal["onnx", "onnx-int8", "torchscript"] = Field(description="Export format.")
    path: str = Field(description="Directory (or file) holding the exported model.")
    min_cosine: float = Field(description="Lowest cosine between exported and torch embeddings on the fixed parity sample.")
    required_cosine: float = Field(description="The bar the export had to reach.")
    passed: bool = Field(description="min_cosine >= required_cosine; a failing export is not shipped.")
    sentences_per_s: float | None = Field(None, description="Encoding throughput of the exported model on the parity sample, when measured.")


class ModelVersion(_Contract):
    """A registered model version with its lineage: what the registry returns and stores."""

    name: str = Field(description="Registered model name (the job's name).")
    version: int = Field(description="Version number, from 1.")
    status: Literal["candidate", "production", "archived"] = Field(description="candidate until promoted; archived once replaced or rolled back.")
    parent_version: int | None = Field(None, description="The production version when this one was trained; none for the first.")
    trigger: str = Field(description="Who or what started the job: `person:NAME` or `drift:EVENT_ID`.")
    spec_hash: str = Field(description="Hash of the job spec.")
    policy_hash: str = Field(description="Content hash of the approved policy the data was redacted under.")
    receipts: dict[str, str] = Field(description="Data source role -> output fingerprint of its passing gate receipt.")
    pairs_sha256: str = Field(description="sha256 of the training pairs.")
    method: str = Field(description="Adaptation method.")
    metrics: dict[str, dict[str, float]] = Field(default_factory=dict, description="Model name (candidate, base, bm25) -> metric -> value.")
    decision: PromotionDecision | None = Field(None, description="The automatic promotion decision, when evaluated.")
    artifacts: dict[str, str] = Field(description="Artifact kind (model, adapter, onnx, ...) -> location.")
    run_id: str = Field(description="MLflow run id.")
    created_at: str = Field(description="UTC time the version was registered.")


class WindowStats(_Contract):
    """Statistics of one set of embeddings (a telemetry window, or the reference). Figures only."""

    count: int = Field(description="Vectors in the set.")
    dim: int = Field(description="Embedding dimension.")
    zero_vectors: int = Field(0, description="All-zero vectors (they have no direction and are left out of the cosine figures).")
    mean_pairwise_cosine: float | None = Field(description="Mean cosine over all pairs of distinct vectors (exact, not sampled); none below 2 vectors. Rises when queries bunch together.")
    mean_cosine_to_reference_centroid: float | None = Field(None, description="Mean cosine between each vector and the reference's centroid; none when no reference was given.")
    centroid_cosine_to_reference: float | None = Field(None, description="Cosine between this set's centroid and the reference's centroid; none when no reference was given.")
    inter_query_variance: float = Field(description="Mean squared Euclidean distance of the vectors to their centroid (equal to the trace of the covariance matrix, ddof=0).")
    norm_mean: float = Field(description="Mean L2 norm of the vectors.")
    norm_std: float = Field(description="Standard deviation of the L2 norms (ddof=0).")
    norm_min: float = Field(description="Smallest L2 norm.")
    norm_max: float = Field(description="Largest L2 norm.")


class DriftCalibration(_Contract):
    """How a drift threshold was set when the spec gives none: the method's scores on same-distribution
    samples (a null distribution), and the rule applied to them. For mmd: the pooled reference and window
    rows relabelled at random (a permutation test at the live sizes); for the other methods: pseudo-windows
    drawn from the reference."""

    resamples: int = Field(description="Null samples scored: relabellings (mmd) or pseudo-windows.")
    pseudo_window: int = Field(description="Window rows in each null sample (mmd: the live window's rows; otherwise drawn without replacement from the reference, the rest of it being the pseudo-reference).")
    null_mean: float = Field(description="Mean score over the pseudo-windows.")
    null_std: float = Field(description="Standard deviation of those scores (ddof=1).")
    null_median: float = Field(description="Median of those scores.")
    null_max: float = Field(description="Largest of those scores.")
    rule: str = Field(description="How the threshold follows from the null scores: mmd, the permutation test's level; otherwise null max + (null max - null median).")
    seconds: float = Field(description="Time the calibration took (0 when it came from the cache).")
    cached: bool = Field(description="True when the calibration was reused from an earlier check on the same reference.")
    p_value: float | None = Field(None, description="Permutation p-value of the live score, (1 + null scores >= it) / (resamples + 1); mmd only.")


class ProbeResult(_Contract):
    """The production model's retrieval metric on the spec's probe set, now and at promotion."""

    metric: str = Field(description="Metric compared, e.g. ndcg@10.")
    value: float = Field(description="The metric now.")
    at_promotion: float = Field(description="The metric recorded when the reference was captured (at promotion).")
    drop: float = Field(description="at_promotion - value (positive: worse now).")
    max_drop: float = Field(description="The spec's limit on the drop.")
    degraded: bool = Field(description="drop > max_drop.")


class DriftEvent(_Contract):
    """One monitoring check of a production model version: its window, statistics, drift score and
    decision. Figures, ids and times only: never text."""

    event_id: str = Field(description="Unique id of the check (hex); re-tuning jobs name it in their trigger `drift:EVENT_ID`.")
    model: str = Field(description="Registered model name.")
    version: int = Field(description="Model version watched (the production version at the time of the check).")
    kind: str = Field(description="Telemetry stream checked, e.g. query.")
    window_start: str | None = Field(description="UTC start of the window (inclusive); none when the window was given directly.")
    window_end: str | None = Field(description="UTC end of the window (exclusive); none when the window was given directly.")
    window_size: int = Field(description="Vectors in the window.")
    min_window: int = Field(description="The spec's minimum window size for a decision.")
    reference_size: int = Field(description="Vectors in the reference.")
    reference_source: str | None = Field(None, description="What the reference was made from, e.g. eval-queries or probe-queries.")
    statistics: WindowStats | None = Field(description="Statistics of the window; none when the window is empty.")
    reference_statistics: WindowStats = Field(description="The same statistics of the reference.")
    method: str = Field(description="Drift method: mmd (permutation test, the default), or Evidently's model, ratio or distance.")
    score: float | None = Field(description="The method's drift score on the window; none when no decision was made.")
    threshold: float | None = Field(description="Score above which drift is declared; none when no decision was made.")
    threshold_source: Literal["spec", "calibrated"] | None = Field(description="spec: the spec's threshold; calibrated: set from the reference (see calibration).")
    calibration: DriftCalibration | None = Field(None, description="How the threshold was calibrated, when it was.")
    drifted: bool | None = Field(description="The drift method's verdict (score > threshold); none when the window was too small.")
    rows_used: list[int] | None = Field(None, description="[reference rows, window rows] the drift method saw, when it was given a deterministic sample (mmd caps both sides).")
    decision_seconds: float = Field(description="Time of the drift decision itself (statistics and calibration excluded).")
    probe: ProbeResult | None = Field(None, description="Probe-set comparison, when the spec has a probe check and both figures were available.")
    decision: Literal["drift", "no_drift", "insufficient", "degraded"] = Field(description="degraded: the probe metric dropped beyond the limit; drift: the drift method fired; insufficient: the window is below min_window (and the probe did not degrade); else no_drift.")
    reasons: list[str] = Field(description="One line per finding, with the figures behind the decision.")
    report: str | None = Field(None, description="Evidently HTML report of reference vs window, when one was made.")
    snapshot_id: str | None = Field(None, description="Id of the snapshot added to the local Evidently workspace, when one was made.")
    seconds: float = Field(description="Wall time of the whole check.")
    created_at: str = Field(description="UTC time of the check.")
    job_id: str | None = Field(None, description="The re-tuning job this event enqueued, if any (filled by the daemon).")
