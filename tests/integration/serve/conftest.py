"""A real `embgov serve` process on a free loopback port over a registry of tiny versions: `mini`
(full; v1 with its ONNX export) and `dom` (two LoRA versions of one base, served on it)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import servekit
import trainkit

EMBGOV = str(Path(sys.executable).with_name("embgov"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def register(name: str, model_dir: Path, *, method: str = "full", adapter_dir: Path | None = None, exports=()):
    from embgov.contracts import TrainedModel
    from embgov.registry import register as reg

    trained = TrainedModel(model_dir=str(model_dir), adapter_dir=str(adapter_dir) if adapter_dir else None, method=method,
                           base_model="tiny", spec_hash="s" * 64, pairs_sha256="a" * 64, policy_hash="p" * 64, steps=1,
                           epochs=1, workers=1, use_gpu=False, trainable_params=1, total_params=1, samples_per_s=1.0,
                           train_seconds=1.0, startup_seconds=1.0, loss_curve=[])
    return reg(name=name, trained=trained, spec_dict={"name": name}, receipts={}, trigger="person:ana", exports=list(exports))


@pytest.fixture
def versions(tiny_model, tmp_path):
    """mini:1 (ONNX export, production), mini:2 (torch), dom:1 and dom:2 (LoRA, dom:1 production)."""
    from embgov.export import export_model
    from embgov.registry import promote

    exports = export_model(tiny_model, tmp_path / "export", formats=["onnx"])
    promote("mini", register("mini", tiny_model, exports=exports).version, actor="person:ana", reason="test")
    mini2 = trainkit.make_tiny_model(tmp_path / "tiny2", layers=1)
    register("mini", mini2)
    dirs = {}
    for seed in (1, 2):
        model_dir, adapter_dir = servekit.make_lora(tiny_model, tmp_path / f"lora{seed}", seed=seed)
        record = register("dom", model_dir, method="lora", adapter_dir=adapter_dir)
        dirs[f"dom:{record.version}"] = model_dir
    promote("dom", 1, actor="person:ana", reason="test")
    dirs["mini:1"], dirs["mini:2"] = tiny_model, mini2
    return dirs


@pytest.fixture
def server(tmp_path):
    """start(config_text) -> (base_url, process); the process is stopped (SIGTERM) after the test."""
    started = []

    def start(config: str):
        port = free_port()
        path = tmp_path / "serve.yaml"
        path.write_text(config)
        log = open(tmp_path / "server.log", "w")
        proc = subprocess.Popen([EMBGOV, "serve", "--config", str(path), "--port", str(port)], stdout=log,
                                stderr=subprocess.STDOUT, env=dict(os.environ))
        started.append((proc, log))
        url = f"http://127.0.0.1:{port}"
        import httpx

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {(tmp_path / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    return url, proc
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise AssertionError("server not ready in 120 s")

    yield start
    for proc, log in started:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
