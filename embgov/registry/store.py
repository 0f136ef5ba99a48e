"""Model versions in MLflow: one run per trained model (parameters, metrics, artifacts) and one
registered version per run, tagged with its lineage. `production` is an MLflow alias.

The full ModelVersion is kept as the run's `embgov/model_version.json` artifact; the fields people
search on (spec hash, policy hash, parent, trigger, status) are also version tags. Promotion
history is a registered-model tag, so a rollback knows where to go back to. Every promotion and
rollback is written to the audit log.
"""

from __future__ import annotations

import json
from pathlib import Path

from embgov.contracts import EvalReport, ExportedModel, ModelVersion, TrainedModel
from embgov.errors import RegistryError
from embgov.settings import artifact_location, get_settings, register_home_scheme

ALIAS = "production"
HISTORY_TAG = "embgov.production_history"
RECORD = "embgov/model_version.json"


def _client():
    from embgov.settings import mlflow_client

    return mlflow_client()


def _experiment(client, name: str) -> str:
    found = client.get_experiment_by_name(name)
    if found is not None:
        return found.experiment_id
    # Artifacts under EMBGOV_HOME (not ./mlruns of whatever directory the command ran in), addressed
    # relative to it (embgov-home:), so a moved or restored home still finds them.
    return client.create_experiment(name, artifact_location=artifact_location(name))


def _params(spec_dict: dict, prefix: str = "") -> dict[str, str]:
    """Flattened spec fields (configuration only: no record text exists in a spec)."""
    out: dict[str, str] = {}
    for key, value in spec_dict.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_params(value, f"{name}."))
        elif key not in ("description",):
            out[name] = json.dumps(value)[:500] if not isinstance(value, str) else value[:500]
    return out


def _metric_name(model: str, metric: str) -> str:
    return f"{model}.{metric.replace('@', '_at_')}"  # MLflow metric names allow no '@'


def register(*, name: str, trained: TrainedModel, spec_dict: dict, receipts: dict[str, str], trigger: str,
             report: EvalReport | None = None, exports: list[ExportedModel] = (), files: dict[str, Path] | None = None,
             actor: str = "embgov") -> ModelVersion:
    """Log a run for `trained` and register it as the next version of `name` (a candidate)."""
    import tempfile

    from embgov.audit import append
    from embgov.store.db import utcnow

    client = _client()
    run = client.create_run(_experiment(client, name), run_name=f"{name}-{trained.spec_hash[:12]}",
                            tags={"embgov.trigger": trigger, "embgov.spec_hash": trained.spec_hash})
    run_id = run.info.run_id
    from mlflow.entities import Metric, Param

    params = _params(spec_dict)
    params.update({"embgov.policy_hash": trained.policy_hash, "embgov.pairs_sha256": trained.pairs_sha256})
    metrics = report.metrics if report else {}
    logged = [Metric(_metric_name(m, k), float(v), 0, 0) for m, values in metrics.items() for k, v in values.items()]
    logged += [Metric("train.samples_per_s", trained.samples_per_s, 0, 0), Metric("train.steps", trained.steps, 0, 0)]
    logged += [Metric("train.loss", loss, 0, int(step)) for step, loss in trained.loss_curve]
    client.log_batch(run_id, metrics=logged, params=[Param(k, v) for k, v in sorted(params.items())])
    artifacts = {"model": "model"}
    client.log_artifacts(run_id, trained.model_dir, "model")
    if trained.adapter_dir:
        client.log_artifacts(run_id, trained.adapter_dir, "adapter")
        artifacts["adapter"] = "adapter"
    for exported in exports:
        client.log_artifacts(run_id, exported.path, exported.format) if Path(exported.path).is_dir() else \
            client.log_artifact(run_id, exported.path, exported.format)
        artifacts[exported.format] = exported.format
    for label, path in (files or {}).items():
        client.log_artifact(run_id, str(path), label)
        artifacts[label] = f"{label}/{Path(path).name}"

    parent = production(name)
    if client.search_registered_models(f"name = '{name}'") == []:
        client.create_registered_model(name, tags={HISTORY_TAG: ""})
    base_uri = client.get_run(run_id).info.artifact_uri
    version = client.create_model_version(name, f"{base_uri}/model", run_id=run_id, tags={
        "embgov.status": "candidate", "embgov.spec_hash": trained.spec_hash, "embgov.policy_hash": trained.policy_hash,
        "embgov.parent_version": str(parent.version) if parent else "", "embgov.trigger": trigger,
        "embgov.receipts": ",".join(f"{r}:{fp[:16]}" for r, fp in sorted(receipts.items()))})
    record = ModelVersion(
        name=name, version=int(version.version), status="candidate", parent_version=parent.version if parent else None,
        trigger=trigger, spec_hash=trained.spec_hash, policy_hash=trained.policy_hash, receipts=receipts,
        pairs_sha256=trained.pairs_sha256, method=trained.method, metrics=metrics,
        decision=report.decision if report else None,
        artifacts={k: f"{base_uri}/{v}" for k, v in artifacts.items()}, run_id=run_id, created_at=utcnow())
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "model_version.json").write_text(record.model_dump_json(indent=2))
        client.log_artifact(run_id, str(Path(tmp) / "model_version.json"), "embgov")
    client.set_terminated(run_id)
    append(actor, "model.register", f"model:{name}:{record.version}", {
        "version": record.version, "parent_version": record.parent_version, "trigger": trigger,
        "spec_hash": trained.spec_hash, "policy_hash": trained.policy_hash, "run_id": run_id})
    return record


def _load(client, mv) -> ModelVersion:
    from mlflow.artifacts import download_artifacts

    path = download_artifacts(run_id=mv.run_id, artifact_path=RECORD, tracking_uri=get_settings().mlflow_uri)
    record = ModelVersion.model_validate_json(Path(path).read_text())
    return record.model_copy(update={"status": mv.tags.get("embgov.status", record.status)})


def list_versions(name: str | None = None) -> list[ModelVersion]:
    client = _client()
    versions = client.search_model_versions(f"name = '{name}'" if name else None)
    return sorted((_load(client, mv) for mv in versions), key=lambda r: (r.name, r.version))


def get_version(name: str, version: int | str | None = None) -> ModelVersion:
    """A version by number, or the `production` one when `version` is None or 'production'."""
    from mlflow.exceptions import MlflowException

    client = _client()
    try:
        if version in (None, ALIAS):
            mv = client.get_model_version_by_alias(name, ALIAS)
        else:
            mv = client.get_model_version(name, str(int(version)))
    except MlflowException:
        what = f"{name} has no production version" if version in (None, ALIAS) else f"no version {version} of {name}"
        raise RegistryError(what, where=f"model {name}", fix="embgov models list shows the registered versions") from None
    return _load(client, mv)


def production(name: str) -> ModelVersion | None:
    try:
        return get_version(name)
    except RegistryError:
        return None


def model_names() -> list[str]:
    """Every registered model's name, sorted."""
    return sorted(m.name for m in _client().search_registered_models())


def alias_version(name: str, alias: str = ALIAS) -> int | None:
    """The version number `alias` points at now; None when the alias (or the model) is not set."""
    from mlflow.exceptions import MlflowException

    try:
        return int(_client().get_model_version_by_alias(name, alias).version)
    except MlflowException:
        return None


def model_catalog(name: str) -> tuple[dict[str, int], dict[int, int]]:
    """({alias: version}, {version: created, unix seconds}) of a registered name; ({}, {}) when it is not
    registered. Two registry reads, no artifact downloads."""
    from mlflow.exceptions import MlflowException

    client = _client()
    try:
        aliases = {a: int(v) for a, v in (client.get_registered_model(name).aliases or {}).items()}
    except MlflowException:
        return {}, {}
    versions = {int(mv.version): int(mv.creation_timestamp or 0) // 1000
                for mv in client.search_model_versions(f"name = '{name}'")}
    return aliases, versions


def run_params(run_id: str) -> dict[str, str]:
    """The MLflow parameters of the run a version was trained in (flattened spec fields)."""
    return dict(_client().get_run(run_id).data.params)


def model_path(record: ModelVersion, kind: str = "model") -> Path:
    """A local directory (downloaded when the store is remote) holding one of the version's artifacts."""
    from mlflow.artifacts import download_artifacts

    if kind not in record.artifacts:
        raise RegistryError(f"version {record.version} of {record.name} has no {kind} artifact", where=f"model {record.name}")
    register_home_scheme()
    return Path(download_artifacts(artifact_uri=record.artifacts[kind], tracking_uri=get_settings().mlflow_uri))


def _set_production(client, name: str, version: int, history: list[str], actor: str, action: str, reason: str) -> ModelVersion:
    from embgov.audit import append

    previous = production(name)
    if previous is not None and previous.version != version:
        client.set_model_version_tag(name, str(previous.version), "embgov.status", "archived")
    client.set_registered_model_alias(name, ALIAS, str(version))
    client.set_model_version_tag(name, str(version), "embgov.status", "production")
    client.set_registered_model_tag(name, HISTORY_TAG, ",".join(history))
    append(actor, action, f"model:{name}:{version}", {
        "version": version, "previous": previous.version if previous else None, "reason": reason[:256]})
    return get_version(name, version)


def _history(client, name: str) -> list[str]:
    tags = client.get_registered_model(name).tags
    return [v for v in tags.get(HISTORY_TAG, "").split(",") if v]


def promote(name: str, version: int, *, actor: str, reason: str) -> ModelVersion:
    """Make `version` production (the previous one is archived). Audited."""
    get_version(name, version)  # exists?
    client = _client()
    history = _history(client, name)
    return _set_production(client, name, version, [*history, str(version)], actor, "model.promote", reason)


def rollback(name: str, *, actor: str, reason: str) -> ModelVersion:
    """Put the version that was production before the current one back. Audited."""
    client = _client()
    history = _history(client, name) if client.search_registered_models(f"name = '{name}'") else []
    if len(history) < 2:
        raise RegistryError(f"{name} has no earlier production version to roll back to", where=f"model {name}",
                            fix="promote a specific version instead: embgov models promote NAME VERSION")
    target = int(history[-2])
    return _set_production(client, name, target, history[:-1], actor, "model.rollback", reason)

