"""embgov.serve.ray_app on a real local Ray Serve (num_cpus=2, one replica): deployed from the app
builder, it answers /v1/embeddings over HTTP with the served version's embeddings, behind a token."""

from __future__ import annotations

import socket
import time

import httpx
import numpy as np
import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ray_serve_deployment_answers_embeddings(versions, tmp_path, embgov_home):
    serve = pytest.importorskip("ray.serve")
    import ray

    from embgov.modelio import load_model
    from embgov.serve.auth import add_token
    from embgov.serve.ray_app import DEPLOYMENT, build
    from embgov.train.launcher import WORKER_ENV

    tokens = tmp_path / "tokens.yaml"
    token = add_token(tokens, "ops", ["mini"])
    config = tmp_path / "serve.yaml"
    config.write_text(f"tokens_file: {tokens}\nmodels: [mini]\ntelemetry_sample: 0\npoll_seconds: 60\n")
    started_here = not ray.is_initialized()
    if started_here:
        ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
    port = free_port()
    try:
        serve.start(http_options={"host": "127.0.0.1", "port": port})
        env = {**WORKER_ENV, "EMBGOV_HOME": str(embgov_home), "MLFLOW_DISABLE_TELEMETRY": "true"}
        serve.run(build({"config": str(config), "num_cpus": 1, "env": env}), name="embgov", route_prefix="/")
        url, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {token}"}
        deadline = time.monotonic() + 120
        while httpx.get(f"{url}/readyz", timeout=10).status_code != 200:  # the proxy answers 503 until routed
            assert time.monotonic() < deadline, "the Ray Serve replica was not ready in 120 s"
            time.sleep(0.5)

        texts = ["protein binds receptor", "gene therapy dose"]
        r = httpx.post(f"{url}/v1/embeddings", json={"model": "mini", "input": texts}, headers=auth, timeout=60)
        assert r.status_code == 200 and r.json()["model"] == "mini:1" and r.headers["x-embgov-model-version"] == "1"
        got = np.array([d["embedding"] for d in r.json()["data"]])
        ref = load_model(versions["mini:1"], device="cpu").encode(texts, normalize_embeddings=True)
        assert (got * ref).sum(1).min() >= 0.999
        assert httpx.post(f"{url}/v1/embeddings", json={"model": "mini", "input": "x"}, timeout=30).status_code == 401
        status = serve.status().applications["embgov"]
        assert status.status == "RUNNING" and DEPLOYMENT in status.deployments
    finally:
        serve.shutdown()
        if started_here:
            ray.shutdown()
