"""The same app as a Ray Serve deployment (FastAPI ingress), for replicas across a cluster.

    serve run embgov.serve.ray_app:build config=/etc/embgov/serve.yaml
    serve deploy deploy/ray/serve.yaml          # or a KubeRay RayService (deploy/kuberay/rayservice.yaml)

`build(args)` is a Ray Serve application builder; `args["config"]` names the `embgov serve` settings
file (the same fields); optional `num_cpus` (per replica, default 2), `max_ongoing_requests` (64) and
`env` (environment variables for the replicas, e.g. EMBGOV_HOME). Each replica builds its own Service when it starts (the app is built on the
replica, not pickled from the driver): its own pool, registry poller, batcher and telemetry sampler,
so replicas follow a promotion independently, each swapping only once the new version is loaded.
Ray's proxy listens on every interface of the node, so a tokens file is required here.
Needs `ray[serve]` (pip install 'embgov[ray-serve]').
"""

from __future__ import annotations

import os

from embgov.errors import ConfigError

DEPLOYMENT = "embgov-serve"


def _settings(args: dict):
    from embgov.serve.config import load_config

    path = args.get("config") or os.environ.get("EMBGOV_SERVE_CONFIG")
    config = load_config(path)
    if config.tokens_file is None:
        raise ConfigError("Ray Serve exposes the app on the cluster's proxy: a tokens file is required", where="tokens_file",
                          fix="set tokens_file in the serve config (embgov serve-token NAME --models MODEL --file PATH)")
    return config


def _app_builder(path: str | None):
    def build_asgi_app():
        from embgov.serve.app import create_app
        from embgov.serve.service import Service

        return create_app(Service(_settings({"config": path})))  # the app's lifespan starts and stops the service

    return build_asgi_app


def build(args: dict):
    """Ray Serve application builder: `import_path: embgov.serve.ray_app:build`, `args: {config: PATH}`."""
    from ray import serve

    _settings(args)  # refuse a bad or open configuration at deploy time, not in every replica
    ingress = serve.ingress(_app_builder(args.get("config")))

    options = {"num_cpus": float(args.get("num_cpus", 2))}
    if args.get("env"):  # e.g. EMBGOV_HOME of the registry the replicas read, when the cluster's runtime_env does not set it
        options["runtime_env"] = {"env_vars": {str(k): str(v) for k, v in dict(args["env"]).items()}}

    @serve.deployment(name=DEPLOYMENT, ray_actor_options=options,
                      max_ongoing_requests=int(args.get("max_ongoing_requests", 64)))
    @ingress
    class EmbgovServe:
        """One replica: a whole embgov Service behind the FastAPI app."""

    return EmbgovServe.bind()
