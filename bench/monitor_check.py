"""Wall time of one `embgov monitor check` from the command line: as it was (the classifier at 0.75 with the
registry asked through MLflow), with the registry asked (`--no-cache`), and answered from the check cache
(the default). Prints the median of each and the ratio to the old way.

    python bench/monitor_check.py [--runs 3] [--home .embgov/bench-monitor-check] [--fresh]

Setup (once, about 4 minutes here; reused unless --fresh): a home where scifact-lora:1 (the packaged
all-MiniLM-L6-v2 registered as if trained, with jobs/scifact-lora.yaml as its spec) is promoted; the
promotion gates the held-out set, captures the 500-claim reference and writes the check cache; 300
telemetry vectors (the reference's own vectors with noise) are logged. Goal (issue 20): <= 3 s warm.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 3.0


def setup(home: Path) -> None:
    import numpy as np

    from embgov.contracts import TrainedModel
    from embgov.promotion import after_promotion
    from embgov.policy.approvals import approve
    from embgov.registry import promote, register
    from embgov.registry.specs import registered_spec_json
    from embgov.spec import load_spec
    from embgov.spec.loader import resolve_model
    from embgov.telemetry import log_embeddings

    shutil.rmtree(home, ignore_errors=True)
    (home / "policies").mkdir(parents=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", str(home / "key")], check=True)
    (home / "allowed_signers").write_text(f"bench@example.org {' '.join((home / 'key.pub').read_text().split()[:2])}\n")
    os.environ["EMBGOV_ALLOWED_SIGNERS"] = str(home / "allowed_signers")
    shutil.copy(ROOT / "policies/hipaa.yaml", home / "policies/hipaa.yaml")
    approve(home / "policies/hipaa.yaml", "bench@example.org", key=home / "key")
    text = (ROOT / "jobs/scifact-lora.yaml").read_text()
    text = text.replace("../policies/hipaa.yaml", str(home / "policies/hipaa.yaml")).replace("../demo/data", str(ROOT / "demo/data"))
    (home / "jobs").mkdir()
    (home / "jobs/scifact-lora.yaml").write_text(text)
    old = text.replace("drift: {method: mmd, significance: 0.001}", "drift: {method: model, threshold: 0.75}")
    (home / "jobs/scifact-lora-old-default.yaml").write_text(old)
    loaded = load_spec(home / "jobs/scifact-lora.yaml")
    (home / "spec.json").write_text(registered_spec_json(loaded))
    trained = TrainedModel(model_dir=str(resolve_model("minilm-l6", ROOT)), method="lora", base_model="minilm-l6",
                           spec_hash=loaded.hash, pairs_sha256="a" * 64, policy_hash="p" * 64, steps=1, epochs=1,
                           workers=1, use_gpu=False, trainable_params=1, total_params=1, samples_per_s=1.0,
                           train_seconds=1.0, startup_seconds=1.0, loss_curve=[])
    record = register(name="scifact-lora", trained=trained, spec_dict={"name": "scifact-lora"}, receipts={},
                      trigger="person:bench", files={"spec": home / "spec.json"})
    after_promotion(promote("scifact-lora", record.version, actor="person:bench", reason="bench"), actor="person:bench",
                    say=print)
    from embgov.monitor import load_reference

    ref = load_reference("scifact-lora", record.version).vectors
    rng = np.random.default_rng(0)
    log_embeddings("scifact-lora", record.version, ref[rng.choice(len(ref), 300)] + rng.normal(0, 0.01, (300, ref.shape[1])))


def timed(args: list[str], env: dict, runs: int) -> tuple[float, str]:
    samples, out = [], ""
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "embgov.cli.main", *args], capture_output=True, text=True, env=env,
                              cwd=ROOT, timeout=300)
        samples.append(time.perf_counter() - t0)
        if done.returncode:
            sys.exit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
        out = done.stdout
    return statistics.median(samples), next((line for line in out.splitlines() if line.startswith("decision:")), "?")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--home", type=Path, default=ROOT / ".embgov" / "bench-monitor-check")
    ap.add_argument("--fresh", action="store_true", help="build the home again")
    args = ap.parse_args()
    home = args.home.resolve()
    os.environ.update({"EMBGOV_HOME": str(home), "MLFLOW_DISABLE_TELEMETRY": "true", "HF_HUB_OFFLINE": "1",
                       "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
                       "EMBGOV_DATA_ROOTS": os.pathsep.join([str(ROOT / "demo/data"), str(home)])})
    os.environ.setdefault("EMBGOV_HASH_KEY", secrets.token_hex(32))
    os.environ["EMBGOV_ALLOWED_SIGNERS"] = str(home / "allowed_signers")
    if args.fresh or not (home / "spec.json").exists():
        t0 = time.perf_counter()
        setup(home)
        print(f"setup: {time.perf_counter() - t0:.0f} s")
    env = dict(os.environ)
    timed(["monitor", "check", "scifact-lora"], env, 1)  # warm the file cache
    cases = {"before: model@0.75, registry (MLflow)": ["monitor", "check", "scifact-lora", "--no-cache", "--spec",
                                                       str(home / "jobs/scifact-lora-old-default.yaml")],
             "default method, registry (--no-cache)": ["monitor", "check", "scifact-lora", "--no-cache"],
             "default method, check cache": ["monitor", "check", "scifact-lora"]}
    results = {}
    for label, cmd in cases.items():
        results[label] = timed(cmd, env, args.runs)
    base = results["before: model@0.75, registry (MLflow)"][0]
    print(f"monitor check wall time, median of {args.runs} ({os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f}):")
    for label, (seconds, decision) in results.items():
        print(f"  {label:<40} {seconds:6.2f} s  {base / seconds:5.1f}x  {decision}")
    cached = results["default method, check cache"][0]
    print(f"goal <= {GOAL_S:g} s warm: {'met' if cached <= GOAL_S else 'MISSED'}")


if __name__ == "__main__":
    main()
