"""The slow path (Evidently HTML report + workspace snapshot) and the `telemetry` / `monitor` click
groups through CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
np = pytest.importorskip("numpy")

from embgov.cli.monitor import monitor, telemetry
from embgov.monitor import check_window, read_window
from embgov.spec.jobspec import MonitoringSection

MON = MonitoringSection(min_window=50, drift={"method": "model"})


def gauss(n: int, seed: int, shift: float = 0.0, dim: int = 8) -> np.ndarray:
    return (np.random.default_rng(seed).normal(size=(n, dim)) + shift).astype(np.float32)


def test_report_html_and_snapshots_in_a_workspace_project_per_model(embgov_home):
    from evidently.ui.workspace import Workspace

    from embgov.monitor.report import workspace_dir, write_report

    ref, win = gauss(150, seed=0), gauss(120, seed=1, shift=1.0)
    event = check_window(ref, win, MON, model="m1", version=2)
    html, snapshot = write_report(ref, win, event)
    assert html == embgov_home / "monitor" / "reports" / "m1" / f"{event.event_id}.html"
    assert html.stat().st_size > 10_000 and "Drift in embeddings" in html.read_text()
    write_report(ref, gauss(120, seed=2), check_window(ref, gauss(120, seed=2), MON, model="m1", version=2))
    ws = Workspace(str(workspace_dir()))
    (project,) = ws.search_project("m1")
    snapshots = ws.list_runs(project.id)
    assert len(snapshots) == 2 and snapshot in {str(s) for s in snapshots}
    text = (workspace_dir() / str(project.id) / "snapshots" / f"{snapshot}.json").read_text()
    assert event.event_id in text and '"drift"' in text


def test_no_report_without_a_decision():
    from embgov.errors import MonitorError
    from embgov.monitor.report import write_report

    event = check_window(gauss(150, seed=0), gauss(10, seed=1), MON, model="m1", version=2)
    with pytest.raises(MonitorError, match="nothing to report"):
        write_report(gauss(150, seed=0), gauss(10, seed=1), event)


def test_ingest_files_by_version_and_kind(tmp_path):
    np.save(tmp_path / "v.npy", gauss(5, seed=0))
    (tmp_path / "v.jsonl").write_text("\n".join(json.dumps({"embedding": r}) for r in gauss(3, seed=1).tolist()))
    ok = CliRunner().invoke(telemetry, ["ingest", "m1", str(tmp_path / "v.npy"), "--version", "2", "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["rows"] == 5
    ok = CliRunner().invoke(telemetry, ["ingest", "m1", str(tmp_path / "v.jsonl"), "--version", "2", "--kind", "document"])
    assert ok.exit_code == 0 and "3 document vectors logged for m1:2" in ok.output
    assert read_window("m1", 2).shape == (5, 8) and read_window("m1", 2, "document").shape == (3, 8)


def test_ingest_refuses_text_and_a_model_without_production(tmp_path, monkeypatch):
    import embgov.registry

    (tmp_path / "q.txt").write_text("how do I pay\n")
    bad = CliRunner().invoke(telemetry, ["ingest", "m1", str(tmp_path / "q.txt"), "--version", "1"])
    assert bad.exit_code == 1 and "not a vector file" in bad.output and "how do I pay" not in bad.output
    monkeypatch.setattr(embgov.registry, "production", lambda name: None)
    np.save(tmp_path / "v.npy", gauss(2, seed=0))
    none = CliRunner().invoke(telemetry, ["ingest", "m1", str(tmp_path / "v.npy")])
    assert none.exit_code == 1 and "m1 has no production version" in none.output and "--version" in none.output


def test_prune_command():
    from datetime import datetime, timedelta, timezone

    from embgov.telemetry import log_embeddings

    log_embeddings("m1", 1, gauss(2, seed=0), at=datetime.now(timezone.utc) - timedelta(days=3))
    out = CliRunner().invoke(telemetry, ["prune", "--older-than", "2d", "--json"])
    assert out.exit_code == 0 and json.loads(out.stdout) == {"segments_removed": 1}
    assert CliRunner().invoke(telemetry, ["prune", "--older-than", "soon"]).exit_code == 2


def test_check_prints_the_decision_with_figures_and_json(monkeypatch):
    import embgov.daemon.check

    event = check_window(gauss(300, seed=0), gauss(200, seed=1, shift=1.0), MON, model="m1", version=4)
    seen = {}

    def fake_run_check(name, **kw):
        seen.update(kw, name=name)
        return event

    monkeypatch.setattr(embgov.daemon.check, "run_check", fake_run_check)
    human = CliRunner().invoke(monitor, ["check", "m1"])
    assert human.exit_code == 0 and "decision: drift" in human.output and "model score" in human.output
    as_json = CliRunner().invoke(monitor, ["check", "m1", "--json", "--report", "--kind", "document"])
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["decision"] == "drift"
    assert seen["report"] is True and seen["kind"] == "document" and seen["spec"] is None and seen["name"] == "m1"


def test_check_errors_exit_1(monkeypatch):
    import embgov.registry

    monkeypatch.setattr(embgov.registry, "production", lambda name: None)
    out = CliRunner().invoke(monitor, ["check", "m1"])
    assert out.exit_code == 1 and "m1 has no production version to monitor" in out.output


def test_an_mmd_report_carries_the_decisions_figures_and_no_test_of_its_own(embgov_home):
    from embgov.monitor.report import build_snapshot

    ref, win = gauss(150, seed=0), gauss(120, seed=1, shift=1.0)
    event = check_window(ref, win, MonitoringSection(min_window=50), model="m1", version=2)  # the default: mmd
    assert event.method == "mmd" and event.decision == "drift"
    data = json.dumps(build_snapshot(ref, win, event).dump_dict(), default=str)
    assert repr(event.score) in data and repr(event.calibration.p_value) in data
    assert "lte" not in data.lower()  # a model-method snapshot holds its lte(threshold) test
