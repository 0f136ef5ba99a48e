"""`embgov serve --config FILE`: the server's settings (YAML), every field described and defaulted."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

LOOPBACK = ("127.0.0.1", "::1", "localhost")


class ServeConfig(BaseModel):
    """`embgov serve --config FILE` (YAML); every field has a default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field("127.0.0.1", min_length=1, max_length=253, pattern=r"^[A-Za-z0-9.:_-]+$",
                      description="Address to bind. Loopback by default; any other address needs a tokens file.")
    port: int = Field(8080, ge=0, le=65535, description="TCP port (0: any free port).")
    tokens_file: str | None = Field(None, min_length=1, description="YAML file of bearer tokens (sha256 hashes only) and "
                                    "the models each may use; `embgov serve-token` writes it. Unset: no tokens, allowed on "
                                    "a loopback bind only (anyone on this host may call the server).")
    models: list[str] | None = Field(None, description="Registered model names served; their production versions load at "
                                     "start-up and follow promotion. Unset: every registered name, loaded on first request.")
    poll_seconds: float = Field(10, ge=0.2, le=3600, description="How often the registry is read for promotions and rollbacks.")
    prefer_onnx: bool = Field(True, description="Serve full and layer-selective versions through their ONNX export when "
                              "they have one (faster on CPU); adapter versions always share their base in torch.")
    share_adapters: bool = Field(True, description="Load LoRA and bottleneck-adapter versions of one base onto one base "
                                 "model (adapter chosen per batch); off: every version is its own merged model.")
    memory_mb: int = Field(4096, ge=16, description="Ceiling on loaded weights (MiB); the least recently used versions "
                           "are unloaded past it (a version in production stays).")
    max_batch: int = Field(64, ge=1, le=4096, description="Most texts in one model call (dynamic batching across requests).")
    max_wait_ms: float = Field(5, ge=0, le=1000, description="How long a batch waits for more requests before it runs.")
    max_inputs: int = Field(256, ge=1, le=65536, description="Most texts in one request (413 beyond).")
    max_input_chars: int = Field(32768, ge=1, description="Longest text accepted, in characters (413 beyond).")
    max_body_bytes: int = Field(4 * 1024 * 1024, ge=1024, description="Largest request body (413 beyond).")
    threads: int | None = Field(None, ge=1, le=256, description="Intra-op threads for torch and onnxruntime; unset: their default.")
    telemetry_sample: float = Field(1.0, ge=0, le=1, description="Share of embedded texts whose vectors (never the text) go "
                                    "to the telemetry store the daemon watches; 0 turns it off.")
    telemetry_flush_rows: int = Field(256, ge=1, description="Vectors buffered per model version before a segment is written.")
    telemetry_flush_seconds: float = Field(10, gt=0, description="Longest a sampled vector waits in the buffer.")
    max_k: int = Field(100, ge=1, le=1000, description="Largest k accepted by /v1/search.")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK or host.startswith("127.")


def load_config(path: str | None, **overrides) -> ServeConfig:
    """The file's settings (defaults without one), with `overrides` (non-None values) applied and validated."""
    if path is None:
        config = ServeConfig()
    else:
        from pathlib import Path

        from embgov.spec.validation import parse_model
        from embgov.spec.yamlsrc import read_text

        config, _ = parse_model(read_text(Path(path), what="serve config"), str(path), ServeConfig, "serve config")
    given = {k: v for k, v in overrides.items() if v is not None}
    return ServeConfig.model_validate({**config.model_dump(), **given}) if given else config
