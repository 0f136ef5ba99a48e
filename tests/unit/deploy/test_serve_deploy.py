"""deploy/ for `embgov serve`: the Ray Serve config and the RayService run the app's real builder with
a valid server config; the RayService pods sit behind the network policy; the systemd unit runs
`embgov serve` with the example config, which the server accepts."""

from __future__ import annotations

import importlib
import shlex

import yaml
from test_closed_by_default import _selects
from test_manifests import DEPLOY, KUBERAY, SYSTEMD, docs, one, unit

from embgov.serve.config import ServeConfig


def _application(serve_config: dict) -> dict:
    [app] = serve_config["applications"]
    return app


def test_ray_serve_config_names_the_builder():
    cfg = docs(DEPLOY / "ray" / "serve.yaml")[0]
    app = _application(cfg)
    module, _, attr = app["import_path"].partition(":")
    assert callable(getattr(importlib.import_module(module), attr))  # importable without ray[serve]
    assert [d["name"] for d in app["deployments"]] == ["embgov-serve"]
    assert importlib.import_module(module).DEPLOYMENT == "embgov-serve"


def test_rayservice_runs_the_same_application_with_a_valid_config():
    service = one("RayService")
    assert service["apiVersion"] == "ray.io/v1"
    inline = yaml.safe_load(service["spec"]["serveConfigV2"])
    ray_yaml = docs(DEPLOY / "ray" / "serve.yaml")[0]
    assert _application(inline)["import_path"] == _application(ray_yaml)["import_path"]
    [config_map] = [d for d in docs(KUBERAY / "rayservice.yaml") if d["kind"] == "ConfigMap"]
    settings = ServeConfig.model_validate(yaml.safe_load(config_map["data"]["serve.yaml"]))
    assert settings.tokens_file and settings.tokens_file.startswith("/etc/embgov-serve/")
    assert _application(inline)["args"]["config"] == "/etc/embgov-serve/serve.yaml"
    cluster = service["spec"]["rayClusterConfig"]
    policy = one("NetworkPolicy")["spec"]
    pods = [cluster["headGroupSpec"]["template"]] + [g["template"] for g in cluster["workerGroupSpecs"]]
    for template in pods:
        labels = {**template["metadata"]["labels"], "ray.io/node-type": "worker"}
        assert _selects(policy["podSelector"], labels), "a RayService pod is outside the network policy"
        mounts = {m["mountPath"] for c in template["spec"]["containers"] for m in c["volumeMounts"]}
        assert {"/var/lib/embgov", "/etc/embgov-serve"} <= mounts
    serve_rules = [r for r in policy["ingress"] if any(p["port"] == 8000 for p in r.get("ports", []))]
    assert serve_rules and all([p["port"] for p in r["ports"]] == [8000] for r in serve_rules)


def test_systemd_unit_serves_the_example_config():
    argv = shlex.split(unit(SYSTEMD / "embgov-serve.service")["Service"]["ExecStart"])
    assert argv[1:] == ["serve", "--config", "/etc/embgov/serve.yaml"]
    example = ServeConfig.model_validate(yaml.safe_load((SYSTEMD / "serve.yaml.example").read_text()))
    assert example.host == "127.0.0.1" and example.tokens_file
