"""deploy/: every file parses, and agrees with the product (its CLI, the image) and with the others.

Fast and offline: no docker, no kubectl, no cluster. The Ray launcher config is checked against
the JSON schema shipped inside the installed Ray; KubeRay manifests against the fields KubeRay
requires; every `embgov ...` invocation against the click commands registered today.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import click
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
KUBERAY = DEPLOY / "kuberay"
SYSTEMD = DEPLOY / "systemd"
CONTAINERFILE = DEPLOY / "Containerfile"
IMAGE = "registry.example.com/embgov"
STATE = "/var/lib/embgov"
# Sub-commands other issues are adding: manifests may name them before they are registered.
UPCOMING = {"worker", "daemon", "submit", "jobs"}


def docs(path: Path) -> list:
    return [d for d in yaml.safe_load_all(path.read_text()) if d is not None]


def kube_docs() -> list[tuple[str, dict]]:
    return [(p.name, d) for p in sorted(KUBERAY.glob("*.yaml")) for d in docs(p)]


def one(kind: str) -> dict:
    found = [d for _, d in kube_docs() if d["kind"] == kind]
    assert len(found) == 1, f"expected one {kind} in deploy/kuberay, found {len(found)}"
    return found[0]


def cluster_pods(cluster_spec: dict) -> list[tuple[str, dict]]:
    pods = [("head", cluster_spec["headGroupSpec"]["template"]["spec"])]
    pods += [(g["groupName"], g["template"]["spec"]) for g in cluster_spec["workerGroupSpecs"]]
    return pods


def all_pods() -> list[tuple[str, dict]]:
    """Every pod template in deploy/kuberay, labelled file:kind/name/group."""
    out = []
    for fname, d in kube_docs():
        label = f"{fname}:{d['kind']}/{d['metadata'].get('name') or d['metadata'].get('generateName')}"
        if d["kind"] == "Deployment":
            out.append((label, d["spec"]["template"]["spec"]))
        elif d["kind"] == "RayCluster":
            out += [(f"{label}/{g}", p) for g, p in cluster_pods(d["spec"])]
        elif d["kind"] == "RayJob":
            out += [(f"{label}/{g}", p) for g, p in cluster_pods(d["spec"]["rayClusterSpec"])]
    return out


def instructions(path: Path) -> list[tuple[str, str]]:
    """Containerfile instructions as (KEYWORD, rest), continuation lines joined, comments dropped."""
    out, buf = [], ""
    for line in path.read_text().splitlines():
        if not buf and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            buf += line.rstrip()[:-1] + " "
            continue
        buf += line
        keyword, _, rest = buf.strip().partition(" ")
        out.append((keyword.upper(), rest.strip()))
        buf = ""
    return out


def final_stage(path: Path) -> list[tuple[str, str]]:
    ins = instructions(path)
    last_from = max(i for i, (k, _) in enumerate(ins) if k == "FROM")
    return ins[last_from:]


def unit(path: Path) -> configparser.ConfigParser:
    cp = configparser.ConfigParser(strict=False, interpolation=None)  # systemd repeats keys, uses %i
    cp.optionxform = str  # keys are case-sensitive
    cp.read_string(path.read_text(), source=str(path))
    return cp


def env_example() -> dict[str, str]:
    out = {}
    for line in (SYSTEMD / "embgov.env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"embgov.env.example: not KEY=VALUE: {line!r}"
            out[key.strip()] = value.strip()
    return out


# --- every YAML file parses -----------------------------------------------------------------

YAML_FILES = sorted(DEPLOY.rglob("*.yaml")) + sorted(DEPLOY.rglob("*.yml"))


def test_deploy_directory_has_the_expected_files():
    for rel in ("Containerfile", "Containerfile.dockerignore", "README.md", "ray/cluster.yaml",
                "kuberay/raycluster.yaml", "kuberay/rayjob.yaml", "kuberay/storage.yaml",
                "kuberay/worker-deployment.yaml", "kuberay/daemon-deployment.yaml",
                "systemd/embgov-worker@.service", "systemd/embgov-daemon.service",
                "systemd/embgov.env.example"):
        assert (DEPLOY / rel).is_file(), f"deploy/{rel} is missing"


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_yaml_parses(path):
    loaded = docs(path)
    assert loaded, f"{path}: no YAML document"
    assert all(isinstance(d, dict) for d in loaded), f"{path}: a document is not a mapping"


def test_kubernetes_documents_have_api_version_kind_and_name():
    for fname, d in kube_docs():
        assert d.get("apiVersion") and d.get("kind"), f"{fname}: apiVersion/kind missing"
        meta = d.get("metadata") or {}
        assert meta.get("name") or meta.get("generateName"), f"{fname}: {d['kind']} has no name"


# --- KubeRay --------------------------------------------------------------------------------

def check_cluster_spec(spec: dict, where: str) -> None:
    head = spec["headGroupSpec"]
    assert isinstance(head.get("rayStartParams"), dict), f"{where}: headGroupSpec.rayStartParams"
    assert head["template"]["spec"]["containers"], f"{where}: head has no container"
    groups = spec["workerGroupSpecs"]
    assert groups, f"{where}: no workerGroupSpecs"
    for g in groups:
        for field in ("groupName", "replicas", "minReplicas", "maxReplicas", "rayStartParams", "template"):
            assert field in g, f"{where}: worker group {g.get('groupName')} lacks {field}"
        assert 0 <= g["minReplicas"] <= g["replicas"] <= g["maxReplicas"], \
            f"{where}: group {g['groupName']}: needs minReplicas <= replicas <= maxReplicas"
        assert g["template"]["spec"]["containers"], f"{where}: group {g['groupName']} has no container"
    assert len({g["groupName"] for g in groups}) == len(groups), f"{where}: duplicate groupName"
    for name, pod in cluster_pods(spec):
        # KubeRay writes the Ray container's command (`ray start ...`, in place of the image's
        # `embgov` entrypoint); a command or args of ours would interfere with it.
        ray_container = pod["containers"][0]
        assert "command" not in ray_container and "args" not in ray_container, \
            f"{where}/{name}: leave the Ray container's command to KubeRay"


def test_raycluster():
    rc = one("RayCluster")
    assert rc["apiVersion"] == "ray.io/v1"
    check_cluster_spec(rc["spec"], "RayCluster")
    groups = {g["groupName"]: g for g in rc["spec"]["workerGroupSpecs"]}
    assert {"cpu", "gpu"} <= set(groups)
    gpu = groups["gpu"]["template"]["spec"]["containers"][0]
    assert int(gpu["resources"]["limits"]["nvidia.com/gpu"]) >= 1
    assert gpu["image"].endswith("-cuda"), "GPU workers need the CUDA build of the image"
    cpu = groups["cpu"]["template"]["spec"]["containers"][0]
    assert "nvidia.com/gpu" not in cpu["resources"].get("limits", {})
    assert not cpu["image"].endswith("-cuda")
    head_ports = {p["containerPort"] for p in rc["spec"]["headGroupSpec"]["template"]["spec"]["containers"][0]["ports"]}
    assert {6379, 8265, 10001} <= head_ports  # GCS, dashboard/jobs, Ray Client


def test_rayjob():
    job = one("RayJob")
    assert job["apiVersion"] == "ray.io/v1"
    spec = job["spec"]
    assert isinstance(spec["entrypoint"], str) and shlex.split(spec["entrypoint"])[0] == "embgov"
    assert spec["shutdownAfterJobFinishes"] is True
    check_cluster_spec(spec["rayClusterSpec"], "RayJob")


def test_ray_version_is_the_one_the_image_pins():
    args = dict(rest.partition("=")[::2] for k, rest in instructions(CONTAINERFILE) if k == "ARG" and "=" in rest)
    pinned = args["RAY_VERSION"]
    assert one("RayCluster")["spec"]["rayVersion"] == pinned
    assert one("RayJob")["spec"]["rayClusterSpec"]["rayVersion"] == pinned
    cluster_yaml = (DEPLOY / "ray" / "cluster.yaml").read_text()
    assert set(re.findall(r"ray\[[a-z,]+\]==([\w.]+)", cluster_yaml)) == {pinned}


def test_every_pod_uses_the_image_the_secret_and_the_shared_volume():
    claim = one("PersistentVolumeClaim")
    assert "ReadWriteMany" in claim["spec"]["accessModes"], "nodes on different hosts share checkpoints"
    pods = all_pods()
    assert len(pods) >= 7  # 2 deployments, RayCluster head+2 groups, RayJob head+1 group
    for label, pod in pods:
        assert pod.get("securityContext", {}).get("runAsNonRoot") is True, f"{label}: runAsNonRoot"
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for c in pod["containers"]:
            assert c["image"].startswith(IMAGE + ":"), f"{label}: image {c['image']}"
            assert {e["secretRef"]["name"] for e in c.get("envFrom", [])} == {"embgov"}, f"{label}: envFrom"
            env = {e["name"]: e.get("value") for e in c.get("env", [])}
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            for m in c.get("volumeMounts", []):
                assert m["name"] in volumes, f"{label}: volumeMount {m['name']} has no volume"
            assert env.get("EMBGOV_HOME") == STATE, f"{label}: EMBGOV_HOME"
            shared = volumes[mounts[STATE]]
            assert shared["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"], \
                f"{label}: EMBGOV_HOME must be the shared claim"


def test_worker_deployment_points_at_the_raycluster_head():
    rc = one("RayCluster")
    worker = next(d for _, d in kube_docs() if d["kind"] == "Deployment" and d["metadata"]["name"] == "embgov-worker")
    container = worker["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e.get("value") for e in container["env"]}
    # KubeRay's head Service is <cluster>-head-svc; 10001 is Ray Client.
    assert env["RAY_ADDRESS"] == f"ray://{rc['metadata']['name']}-head-svc:10001"
    assert container["args"][0] == "worker"


def test_daemon_service_reaches_the_metrics_port():
    deps = [d for _, d in kube_docs() if d["kind"] == "Deployment" and d["metadata"]["name"] == "embgov-daemon"]
    svc = one("Service")
    daemon = deps[0]
    pod_labels = daemon["spec"]["template"]["metadata"]["labels"]
    assert daemon["spec"]["replicas"] >= 1
    assert daemon["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    assert svc["spec"]["selector"].items() <= pod_labels.items(), "the Service selects no daemon pod"
    container = daemon["spec"]["template"]["spec"]["containers"][0]
    args = container["args"]
    assert args[0] == "daemon"
    port = int(args[args.index("--metrics-port") + 1])
    named = {p["name"]: p["containerPort"] for p in container["ports"]}
    target = svc["spec"]["ports"][0]["targetPort"]
    assert named.get(target, target) == port == svc["spec"]["ports"][0]["port"] == 9464


# --- every `embgov ...` invocation is a real command with real options ----------------------

def _argv_after_embgov(tokens: list[str]) -> list[str] | None:
    """The arguments after `embgov` where it is the command word (first, or after `--`)."""
    for i, tok in enumerate(tokens):
        if (tok == "embgov" or tok.endswith("/embgov")) and (i == 0 or tokens[i - 1] == "--"):
            rest = tokens[i + 1:]
            for j, t in enumerate(rest):
                if t in ("|", "&&", ";", "||"):
                    return rest[:j]
            return rest
    return None


def _shell_invocations(line: str) -> list[list[str]]:
    try:
        tokens = shlex.split(line, comments=True)
    except ValueError:
        return []
    found = []
    argv = _argv_after_embgov(tokens)
    if argv is not None:
        found.append(argv)
    for tok in tokens:  # quoted commands: ray exec CLUSTER 'ray job submit -- embgov worker'
        if " " in tok:
            found += _shell_invocations(tok)
    return found


def invocations() -> list[tuple[str, list[str]]]:
    out = []
    ins = final_stage(CONTAINERFILE)
    entry = [json.loads(r) for k, r in ins if k == "ENTRYPOINT"][-1]
    cmd = [json.loads(r) for k, r in ins if k == "CMD"]
    if entry == ["embgov"]:
        out.append(("Containerfile CMD", cmd[-1] if cmd else []))
    for label, pod in all_pods():
        for c in pod["containers"]:
            command, args = c.get("command"), c.get("args", [])
            if command and Path(command[0]).name == "embgov":
                out.append((label, command[1:] + args))
            elif not command and args:  # the image's ENTRYPOINT is embgov
                out.append((label, args))
    out.append(("rayjob.yaml entrypoint", shlex.split(one("RayJob")["spec"]["entrypoint"])[1:]))
    for path in sorted(SYSTEMD.glob("*.service")):
        out.append((f"{path.name} ExecStart", shlex.split(unit(path)["Service"]["ExecStart"])[1:]))
    readme = (DEPLOY / "README.md").read_text()
    for block in re.findall(r"```(?:bash|sh)?\n(.*?)```", readme, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            out += [("README.md", argv) for argv in _shell_invocations(line)]
    for span in re.findall(r"`(embgov [^`]+)`", readme):
        out.append(("README.md", shlex.split(span)[1:]))
    for source, cluster_yaml_cmd in _cluster_yaml_commands():
        out += [(source, argv) for argv in _shell_invocations(cluster_yaml_cmd)]
    return out


def _cluster_yaml_commands():
    cfg = docs(DEPLOY / "ray" / "cluster.yaml")[0]
    keys = ("setup_commands", "head_setup_commands", "worker_setup_commands", "head_start_ray_commands",
            "worker_start_ray_commands")
    for key in keys:
        for c in cfg.get(key, []):
            yield f"cluster.yaml {key}", c
    for name, node in cfg["available_node_types"].items():
        for c in node.get("worker_setup_commands", []):
            yield f"cluster.yaml {name}", c


try:  # at collection: a broken file fails the tests below, not the whole module
    INVOCATIONS, INVOCATIONS_ERROR = invocations(), None
except Exception as exc:  # noqa: BLE001 - reported by test_invocations_were_found
    INVOCATIONS, INVOCATIONS_ERROR = [], f"{type(exc).__name__}: {exc}"


def test_invocations_were_found():
    assert INVOCATIONS_ERROR is None, f"could not collect the embgov invocations: {INVOCATIONS_ERROR}"
    sources = {s.split(":")[0].split(" ")[0] for s, _ in INVOCATIONS}
    assert {"Containerfile", "worker-deployment.yaml", "daemon-deployment.yaml", "rayjob.yaml",
            "embgov-worker@.service", "embgov-daemon.service", "README.md"} <= sources


@pytest.mark.parametrize("source,argv", INVOCATIONS, ids=[f"{s}: embgov {' '.join(a)}" for s, a in INVOCATIONS])
def test_invocation_is_an_embgov_command(source, argv):
    from embgov.cli.main import cli

    cmd: click.Command = cli
    path: list[str] = []
    args = list(argv)
    while isinstance(cmd, click.Group) and args and not args[0].startswith("-"):
        name = args.pop(0)
        sub = cmd.commands.get(name)
        if sub is None:
            if not path and name in UPCOMING:
                pytest.skip(f"`embgov {name}` is not registered yet (being written in another issue)")
            pytest.fail(f"{source}: `embgov {' '.join(path + [name])}` is not an embgov command")
        path.append(name)
        cmd = sub
    assert not isinstance(cmd, click.Group) or args, f"{source}: `embgov {' '.join(path)}` needs a sub-command"
    options = {o: p for p in cmd.params if isinstance(p, click.Option) for o in (*p.opts, *p.secondary_opts)}
    positionals, it = [], iter(args)
    for tok in it:
        if tok.startswith("-") and tok != "-":
            name, eq, _ = tok.partition("=")
            if name in ("-h", "--help"):
                continue
            assert name in options, f"{source}: `embgov {' '.join(path)}` has no option {name}"
            if not eq and not (options[name].is_flag or options[name].count):
                assert next(it, None) is not None, f"{source}: {name} needs a value"
        else:
            positionals.append(tok)
    if "-h" not in args and "--help" not in args:
        needed = sum(max(p.nargs, 1) for p in cmd.params if isinstance(p, click.Argument) and p.required)
        assert len(positionals) >= needed, f"{source}: `embgov {' '.join(path)}` needs {needed} argument(s)"


# --- systemd ----------------------------------------------------------------------------------

UNITS = sorted(SYSTEMD.glob("*.service"))


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_unit(path):
    u = unit(path)
    assert {"Unit", "Service", "Install"} <= set(u.sections())
    s = u["Service"]
    exec_start = shlex.split(s["ExecStart"])
    assert exec_start[0].startswith("/"), "systemd needs an absolute ExecStart path"
    assert Path(exec_start[0]).name == "embgov"
    assert s["User"] not in ("root", "0")
    assert s["EnvironmentFile"].lstrip("-") == "/etc/embgov/embgov.env"
    assert s["Restart"] == "always"
    assert s["KillSignal"] == "SIGTERM"
    assert s["NoNewPrivileges"] == "true" and s["PrivateTmp"] == "true" and s["ProtectSystem"] == "strict"
    home = env_example()["EMBGOV_HOME"]
    assert home in s["ReadWritePaths"].split(), "ProtectSystem=strict: the state dir must stay writable"
    assert f"/var/lib/{s['StateDirectory']}" == home
    for forbidden in ("PrivateDevices", "MemoryDenyWriteExecute"):  # GPUs; torch's JIT
        assert s.get(forbidden, "false") == "false", f"{forbidden} breaks Ray/torch"
    assert u["Install"]["WantedBy"]


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_analyze_verify_knows_every_directive(path, tmp_path):
    """systemd's own parser, where installed: an unknown or misspelled key is reported."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed")
    name = path.name.replace("@.", "@1.")  # a template is verified through an instance
    (tmp_path / name).write_text(path.read_text())
    proc = subprocess.run([tool, "verify", "--man=no", str(tmp_path / name)], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    problems = [ln for ln in (proc.stdout + proc.stderr).splitlines()
                if ln.strip() and "is not executable" not in ln]  # embgov is not installed under /opt here
    assert not problems, "\n".join(problems)


def test_worker_unit_is_a_template_with_a_graceful_stop():
    u = unit(SYSTEMD / "embgov-worker@.service")
    s = u["Service"]
    assert shlex.split(s["ExecStart"])[1] == "worker"
    assert int(s["TimeoutStopSec"]) >= 60
    assert s["KillMode"] == "mixed", "SIGTERM to embgov only: it shuts its own Ray down"
    assert shlex.split(unit(SYSTEMD / "embgov-daemon.service")["Service"]["ExecStart"])[1] == "daemon"


def test_env_example_names_every_setting_with_placeholders():
    env = env_example()
    for key in ("EMBGOV_HOME", "EMBGOV_DB_URL", "MLFLOW_TRACKING_URI", "EMBGOV_HASH_KEY"):
        assert env.get(key), f"embgov.env.example: {key} missing"
    assert env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] == ""
    assert env["EMBGOV_DB_URL"].startswith("postgresql+psycopg://")
    assert env["EMBGOV_HASH_KEY"] == "CHANGE_ME"


# --- the image --------------------------------------------------------------------------------

def test_containerfile():
    ins = final_stage(CONTAINERFILE)
    assert ins[0] == ("FROM", "python:3.12-slim")
    users = [r for k, r in ins if k == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image must not run as root"
    entry = [r for k, r in ins if k == "ENTRYPOINT"]
    assert entry and json.loads(entry[-1]) == ["embgov"], "ENTRYPOINT in exec form: [\"embgov\"]"
    env = {}
    for k, r in ins:
        if k == "ENV":
            env.update(tok.split("=", 1) for tok in shlex.split(r))
    assert env["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] == ""
    assert env["EMBGOV_HOME"] == STATE
    assert any(k == "VOLUME" and STATE in r for k, r in ins)


def test_containerfile_build_args_and_sources():
    every = instructions(CONTAINERFILE)
    args = dict(r.partition("=")[::2] for k, r in every if k == "ARG" and "=" in r)
    assert args["TORCH"] == "torch==2.13.0"
    assert args["TORCH_INDEX"].endswith("/cpu")
    runs = " ".join(r for k, r in every if k == "RUN")
    assert '"$TORCH"' in runs and "[postgres]" in runs
    ignored = {ln.strip() for ln in (DEPLOY / "Containerfile.dockerignore").read_text().splitlines()
               if ln.strip() and not ln.startswith("#")}
    assert {".venv", ".git"} <= ignored
    for k, r in every:  # what COPY takes from the build context (the repository root) exists
        if k == "COPY" and not r.startswith("--from"):
            *sources, _dest = r.split()
            for src in sources:
                assert (ROOT / src).exists(), f"Containerfile copies {src}, which the repository lacks"
                assert src not in ignored, f"Containerfile.dockerignore excludes {src}"


# --- the Ray cluster launcher config ------------------------------------------------------------

def test_ray_cluster_yaml():
    cfg = docs(DEPLOY / "ray" / "cluster.yaml")[0]
    assert cfg["cluster_name"]
    types = cfg["available_node_types"]
    assert cfg["head_node_type"] in types
    workers = [n for n in types if n != cfg["head_node_type"]]
    assert len(workers) >= 2, "CPU and GPU worker types"
    assert any("embgov[postgres]" in c for c in cfg["setup_commands"])
    gpu = types["gpu_worker"]  # its own setup (a CUDA torch) replaces the global one
    assert any("embgov[postgres]" in c for c in gpu["worker_setup_commands"])
    assert not any("whl/cpu" in c for c in gpu["worker_setup_commands"])
    assert any("ray start --head" in c for c in cfg["head_start_ray_commands"])
    assert any("ray start --address" in c for c in cfg["worker_start_ray_commands"])


def test_ray_cluster_yaml_matches_the_launcher_schema():
    jsonschema = pytest.importorskip("jsonschema")
    spec = importlib.util.find_spec("ray")  # locate Ray's files without importing Ray
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("ray is not installed")
    schema_path = Path(list(spec.submodule_search_locations)[0]) / "autoscaler" / "ray-schema.json"
    if not schema_path.exists():
        pytest.skip(f"this Ray has no {schema_path.name}")
    jsonschema.validate(docs(DEPLOY / "ray" / "cluster.yaml")[0], json.loads(schema_path.read_text()))


# --- no secrets; the guide covers every file ---------------------------------------------------

DEPLOY_FILES = sorted(p for p in DEPLOY.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", DEPLOY_FILES, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_no_secrets(path):
    text = path.read_text()
    for password in re.findall(r"://[^/\s:@'\"]+:([^@\s'\"]+)@", text):
        assert password == "CHANGE_ME", f"{path.name}: a password in a URL; use CHANGE_ME"
    for key, value in re.findall(r"(EMBGOV_HASH_KEY|PASSWORD|TOKEN)\s*[=:]\s*(\S+)", text):
        assert value in ("CHANGE_ME", '"$(openssl'), f"{path.name}: {key} has a value; use CHANGE_ME"


def test_readme_names_every_deploy_file():
    readme = (DEPLOY / "README.md").read_text()
    for path in DEPLOY_FILES:
        if path.name != "README.md":
            assert path.name in readme, f"deploy/README.md does not mention {path.name}"
