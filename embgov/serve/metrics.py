"""The server's Prometheus metrics (its own registry: counts, times, sizes and versions, never text)."""

from __future__ import annotations

ENDPOINTS = ("/v1/embeddings", "/v1/search", "/v1/models", "/healthz", "/readyz", "/metrics")


class Metrics:
    def __init__(self) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = r = CollectorRegistry()
        self.requests = Counter("embgov_serve_requests_total", "HTTP requests by endpoint and status code",
                                ["endpoint", "code"], registry=r)
        self.latency = Histogram("embgov_serve_request_seconds", "Request latency by endpoint", ["endpoint"], registry=r,
                                 buckets=(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
        self.batch = Histogram("embgov_serve_batch_texts", "Texts per model call (dynamic batching)", registry=r,
                               buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024))
        self.texts = Counter("embgov_serve_texts_total", "Texts embedded by model version", ["model"], registry=r)
        self.swaps = Counter("embgov_serve_adapter_swaps_total", "Adapter switches on a shared base", registry=r)
        self.errors = Counter("embgov_serve_errors_total", "Error responses by endpoint and type", ["endpoint", "type"],
                              registry=r)
        self.promotions = Counter("embgov_serve_version_switches_total", "Alias switches picked up from the registry",
                                  ["model"], registry=r)
        self.version = Gauge("embgov_serve_model_version", "Version served for each followed alias", ["model"], registry=r)
        self.loaded_bytes = Gauge("embgov_serve_loaded_bytes", "Bytes of loaded weights (shared bases counted once)",
                                  registry=r)
        self.loaded = Gauge("embgov_serve_loaded_versions", "Model versions loaded", registry=r)
        self.telemetry = Counter("embgov_serve_telemetry_vectors_total", "Vectors written to the telemetry store",
                                 registry=r)

    def render(self) -> tuple[bytes, str]:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def endpoint_label(path: str) -> str:
    return path if path in ENDPOINTS else "other"
