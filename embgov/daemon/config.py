"""`embgov daemon --config FILE`: the daemon's settings (YAML), every field described and defaulted."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class DaemonConfig(BaseModel):
    """`embgov daemon --config FILE` (YAML); every field has a default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metrics_port: int = Field(9464, ge=0, le=65535, description="Port of the Prometheus /metrics endpoint; 0 turns it off.")
    metrics_host: str = Field("127.0.0.1", min_length=1, max_length=253, pattern=r"^[A-Za-z0-9.:_-]+$",
                              description="Address the /metrics endpoint binds to. Loopback by default: only this host "
                                          "can read it; 0.0.0.0 (or ::) when a Prometheus elsewhere scrapes it, e.g. "
                                          "inside a Kubernetes pod behind its Service.")
    leader_ttl_seconds: float = Field(30, ge=1, le=3600, description="Leadership lease; renewed every third of it. A standby takes over within this after the leader dies.")
    reconcile_seconds: float = Field(60, ge=1, le=86400, description="How often the registry is read for production models to monitor.")
    misfire_grace_seconds: int = Field(600, ge=1, description="A check that missed its time (daemon down) still runs if it is at most this late; missed runs coalesce into one.")
    report: bool = Field(False, description="Also write Evidently's HTML report and a workspace snapshot per check (slow: seconds to minutes).")
    models: list[str] | None = Field(None, description="Only monitor these model names; default: every production model whose spec has monitoring enabled.")
    threads: int = Field(2, ge=1, le=64, description="Checks that may run at once (different models).")
    checkpoint_dir: str | None = Field(None, min_length=1, description="Directory the leader writes audit checkpoints to "
                                       "(one new file each, never overwritten); put it outside the database's reach, "
                                       "e.g. a volume or host the database's users cannot write. Unset: no checkpoints.")
    checkpoint_every: float = Field(3600, ge=10, le=7 * 86400, description="Seconds between checkpoints (with checkpoint_dir).")
    checkpoint_key: str | None = Field(None, min_length=1, description="SSH private key that signs each checkpoint "
                                       "(verified against allowed_signers); unset: checkpoints are unsigned.")


def load_config(path: str | None) -> DaemonConfig:
    if path is None:
        return DaemonConfig()
    from pathlib import Path

    from embgov.spec.validation import parse_model
    from embgov.spec.yamlsrc import read_text

    config, _ = parse_model(read_text(Path(path), what="daemon config"), str(path), DaemonConfig, "daemon config")
    return config
