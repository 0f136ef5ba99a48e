"""capture_reference and run_check against a real MLflow registry with the tiny model: a version is
registered and promoted, its reference captured from the spec's held-out queries (with the probe
metrics at promotion), telemetry logged, and checks decide no_drift, drift and degraded; every check is
audited. Then the same through `embgov monitor reference|check` (CliRunner on the group)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest
from click.testing import CliRunner

from trainkit import MINI, MONITORED_SPEC

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
SPEC = MONITORED_SPEC.replace("{monitoring}", """
  min_window: 10
  drift: {{method: distance}}
  probe:
    probe: {{corpus: {{path: probe/corpus.jsonl}}, queries: {{path: probe/queries.jsonl}}, qrels: {{path: probe/qrels.tsv}}}}
    metric: ndcg@10
    max_drop: 0.05""")


@pytest.fixture
def promoted(tiny_model, tmp_path, approved_policy):
    """`mini` version 1 in production, and its spec file (paths relative to tmp_path). The spec's sets
    pass the gate under an approved policy before the model encodes them."""
    from embgov.contracts import TrainedModel
    from embgov.registry import promote, register
    from embgov.spec import load_spec

    for name in ("data", "probe"):
        shutil.copytree(MINI, tmp_path / name)
    approved_policy("hipaa")
    (tmp_path / "pairs.jsonl").write_text("")
    spec_path = tmp_path / "mini.yaml"
    spec_path.write_text(SPEC.format(model=tiny_model))
    loaded = load_spec(spec_path)
    trained = TrainedModel(model_dir=str(tiny_model), method="full", base_model="tiny", spec_hash=loaded.hash,
                           pairs_sha256="a" * 64, policy_hash="p" * 64, steps=1, epochs=1, workers=1, use_gpu=False,
                           trainable_params=1, total_params=1, samples_per_s=1.0, train_seconds=1.0,
                           startup_seconds=1.0, loss_curve=[])
    record = register(name="mini", trained=trained, spec_dict={"name": "mini"}, receipts={}, trigger="person:ana")
    record = promote("mini", record.version, actor="person:ana", reason="test")
    return record, loaded, spec_path


def test_capture_then_checks_decide_no_drift_drift_and_degraded(promoted, tmp_path):
    from embgov.audit import list_events
    from embgov.daemon.check import run_check
    from embgov.monitoring import capture_reference
    from embgov.telemetry import log_embeddings

    record, loaded, _ = promoted
    ref = capture_reference("mini", record, loaded)
    # 23 of the 26 fixture queries are judged in its qrels; the other 3 top the reference up (reference_size
    # 500 by default: all there are); the tiny model is 32-d
    assert (ref.info.count, ref.info.judged, ref.info.dim, ref.info.source) == (26, 23, 32, "eval-queries")
    assert ref.info.spec_hash == loaded.hash and 0 < ref.info.promotion_metrics["ndcg@10"] <= 1

    rng = np.random.default_rng(0)
    same = ref.vectors[rng.choice(23, 20)] + rng.normal(0, 1e-3, (20, 32)).astype(np.float32)
    log_embeddings("mini", 1, same, at=T0 - timedelta(minutes=20))
    calm = run_check("mini", spec=loaded, now=T0)
    assert calm.decision == "no_drift", calm.reasons
    assert calm.window_size == 20 and calm.threshold_source == "calibrated" and calm.probe.drop == pytest.approx(0.0)

    log_embeddings("mini", 1, same + 0.5, at=T0 + timedelta(minutes=40))
    shifted = run_check("mini", spec=loaded, now=T0 + timedelta(hours=1), report=True)
    assert shifted.decision == "drift" and shifted.score > shifted.threshold
    assert shifted.report and (tmp_path / "home").exists() and shifted.snapshot_id

    # The probe collection changes under the model (its judgements now point elsewhere): quality drops.
    qrels = tmp_path / "probe" / "qrels.tsv"
    head, *rows = qrels.read_text().splitlines()
    docs = [r.split("\t")[1] for r in rows]
    qrels.write_text("\n".join([head, *(f"{r.split(chr(9))[0]}\t{docs[(i + 7) % len(docs)]}\t1"
                                        for i, r in enumerate(rows))]) + "\n")
    degraded = run_check("mini", spec=loaded, now=T0 + timedelta(hours=1))
    assert degraded.decision == "degraded" and degraded.probe.drop > 0.05

    checks = list_events(action="monitor.check")
    assert [e.payload["decision"] for e in checks] == ["no_drift", "drift", "degraded"]
    assert all(e.subject == "model:mini:1" for e in checks)
    assert len(list_events(action="monitor.reference")) == 1
    assert "text" not in json.dumps([e.payload for e in checks])


def test_first_check_captures_a_missing_reference_and_refuses_a_small_window(promoted):
    from embgov.daemon.check import run_check
    from embgov.monitor import has_reference

    record, loaded, _ = promoted
    assert not has_reference("mini", 1)
    event = run_check("mini", spec=loaded, now=T0)
    assert has_reference("mini", 1) and event.decision == "insufficient" and event.window_size == 0
    assert any("reference captured during this check" in r for r in event.reasons)


def test_errors_without_production_spec_or_monitoring(promoted, tmp_path):
    from embgov.daemon.check import run_check
    from embgov.errors import MonitorError
    from embgov.spec.loader import load_spec_text

    _, loaded, spec_path = promoted
    with pytest.raises(MonitorError, match="no registered spec artifact") as exc:
        run_check("mini")
    assert exc.value.fix == "pass the job spec: --spec SPEC"
    with pytest.raises(MonitorError, match="no production version"):
        run_check("other", spec=loaded)
    bare = load_spec_text(spec_path.read_text().split("monitoring:")[0], base_dir=tmp_path, check_files=False)
    with pytest.raises(MonitorError, match="no monitoring section"):
        run_check("mini", spec=bare)


def test_cli_reference_and_check(promoted):
    from embgov.cli.monitor import monitor

    _, _, spec_path = promoted
    captured = CliRunner().invoke(monitor, ["reference", "mini:1", "--spec", str(spec_path), "--json"])
    assert captured.exit_code == 0, captured.output
    assert json.loads(captured.stdout)["count"] == 26
    checked = CliRunner().invoke(monitor, ["check", "mini", "--spec", str(spec_path)])
    assert checked.exit_code == 0, checked.output
    assert "decision: insufficient" in checked.output and "fewer than min_window 10" in checked.output
    as_json = CliRunner().invoke(monitor, ["check", "mini", "--spec", str(spec_path), "--json"])
    assert as_json.exit_code == 0 and json.loads(as_json.stdout)["probe"]["metric"] == "ndcg@10"
