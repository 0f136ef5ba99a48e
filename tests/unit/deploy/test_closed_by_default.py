"""deploy/ is closed by default: private files (UMask=0077, umask 077 before `ray start`), Ray's
dashboard / Jobs API on loopback or behind a NetworkPolicy that admits only who needs it, the
daemon's metrics on loopback unless a manifest says why not, and a hash-key placeholder the gate refuses."""

from __future__ import annotations

import re
import shlex

import pytest
from test_manifests import DEPLOY, SYSTEMD, UNITS, cluster_pods, docs, env_example, kube_docs, one, unit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DASHBOARD = 8265


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_units_are_private(path):
    s = unit(path)["Service"]
    assert s["UMask"] == "0077"
    assert s["StateDirectoryMode"] == "0700"


def test_ray_up_starts_ray_under_umask_077_with_the_dashboard_on_loopback():
    cfg = docs(DEPLOY / "ray" / "cluster.yaml")[0]
    starts = [c for key in ("head_start_ray_commands", "worker_start_ray_commands") for c in cfg[key] if "ray start" in c]
    assert len(starts) == 2
    for command in starts:
        assert command.startswith("umask 077 && "), command
    [head] = [c for c in starts if "--head" in c]
    hosts = re.findall(r"--dashboard-host[= ](\S+)", head)
    assert hosts and set(hosts) <= LOOPBACK, f"the head's dashboard binds {hosts}"


def _ray_pods() -> list[tuple[str, dict]]:
    """(label, pod template) of every Ray pod: the RayCluster's and the RayJob's."""
    rc, job = one("RayCluster"), one("RayJob")
    return [(f"RayCluster/{g}", t) for g, t in _templates(rc["spec"])] + \
           [(f"RayJob/{g}", t) for g, t in _templates(job["spec"]["rayClusterSpec"])]


def _templates(spec: dict) -> list[tuple[str, dict]]:
    out = [("head", spec["headGroupSpec"]["template"])]
    return out + [(g["groupName"], g["template"]) for g in spec["workerGroupSpecs"]]


def test_raycluster_dashboard_is_on_loopback():
    params = one("RayCluster")["spec"]["headGroupSpec"]["rayStartParams"]
    assert params.get("dashboard-host") in LOOPBACK


def test_rayjob_dashboard_is_open_only_to_the_operator():
    job = one("RayJob")
    params = job["spec"]["rayClusterSpec"]["headGroupSpec"]["rayStartParams"]
    if params.get("dashboard-host", "127.0.0.1") in LOOPBACK:
        return  # nothing to protect
    # Reachable from other pods: the operator submits itself (no submitter pod) and a policy admits only it.
    assert job["spec"].get("submissionMode") == "HTTPMode"
    policy = one("NetworkPolicy")
    dashboard_rules = [r for r in policy["spec"]["ingress"] if any(p["port"] == DASHBOARD for p in r.get("ports", []))]
    assert dashboard_rules, "no rule names the dashboard port"
    for rule in dashboard_rules:
        for peer in rule["from"]:
            assert peer["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "kuberay-operator"}, peer


def _selects(selector: dict, labels: dict) -> bool:
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for e in selector.get("matchExpressions", []):
        present = e["key"] in labels
        if (e["operator"] == "Exists" and not present) or (e["operator"] == "In" and labels.get(e["key"]) not in e["values"]):
            return False
    return True


def test_the_network_policy_covers_every_ray_pod_and_admits_few():
    policy = one("NetworkPolicy")
    spec = policy["spec"]
    assert spec["policyTypes"] == ["Ingress"]
    for label, template in _ray_pods():
        # KubeRay keeps a template's labels and adds ray.io/node-type to each Ray pod it makes.
        labels = {**template.get("metadata", {}).get("labels", {}), "ray.io/node-type": "head"}
        assert _selects(spec["podSelector"], labels), f"{label}: not covered by {policy['metadata']['name']}"
    worker = next(d for _, d in kube_docs() if d["kind"] == "Deployment" and d["metadata"]["name"] == "embgov-worker")
    worker_labels = worker["spec"]["template"]["metadata"]["labels"]
    daemon = next(d for _, d in kube_docs() if d["kind"] == "Deployment" and d["metadata"]["name"] == "embgov-daemon")
    daemon_labels = daemon["spec"]["template"]["metadata"]["labels"]
    for rule in spec["ingress"]:
        assert rule.get("from"), "a rule without `from` admits every source"
        for peer in rule["from"]:
            assert "ipBlock" not in peer
            if _selects(peer["podSelector"], worker_labels):  # the embgov workers: Ray Client only
                assert [p["port"] for p in rule["ports"]] == [10001]
            assert not _selects(peer["podSelector"], daemon_labels), "the daemon does not use Ray"


def test_daemon_metrics_bind_loopback_unless_a_manifest_opens_them():
    daemon = next(d for _, d in kube_docs() if d["kind"] == "Deployment" and d["metadata"]["name"] == "embgov-daemon")
    args = daemon["spec"]["template"]["spec"]["containers"][0]["args"]
    # In a pod, Prometheus comes through the Service: the pod's interfaces, on purpose.
    assert args[args.index("--metrics-host") + 1] == "0.0.0.0"
    exec_start = shlex.split(unit(SYSTEMD / "embgov-daemon.service")["Service"]["ExecStart"])
    assert "--metrics-host" not in exec_start, "on a host the default (127.0.0.1) applies"


def test_the_env_example_hash_key_is_a_placeholder_the_gate_refuses():
    from embgov.errors import GateError
    from embgov.policy.keys import strong_key

    with pytest.raises(GateError):
        strong_key(env_example()["EMBGOV_HASH_KEY"].encode(), "embgov.env.example")
