"""The slow path of a check: an Evidently HTML report of reference vs window, and a snapshot in a local
Evidently workspace (one project per model) so `evidently ui --workspace EMBGOV_HOME/evidently`
shows the history of checks.

The report runs the same drift method, at the threshold the decision used, as an `EmbeddingsDrift`
metric with an `lte(threshold)` test, so its verdict matches the DriftEvent's. For mmd the metric is
Evidently's own MMD, whose kernel width also depends on the window, so its score differs a little from
the decision's (embgov.monitor.mmd): that report carries the plot and the decision's score, threshold
and p-value in its metadata, and no test of its own. Evidently adds a t-SNE
plot of up to 2,500 rows per side (tens of seconds): this is why the decision never waits for it.
What is written: vectors reduced to 2-D density contours, scores and ids; never text, and not the
vectors themselves (`include_data` stays off).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from embgov.contracts import DriftEvent
from embgov.errors import MonitorError
from embgov.settings import get_settings

if TYPE_CHECKING:
    import numpy as np

EMBEDDINGS = "embeddings"


def workspace_dir() -> Path:
    return get_settings().home / "evidently"


def reports_dir(model: str) -> Path:
    return get_settings().home / "monitor" / "reports" / model


def report_libraries():
    os.environ.setdefault("DO_NOT_TRACK", "1")  # Evidently's usage telemetry: no network at run time
    try:
        from evidently import DataDefinition, Dataset, Report
        from evidently.metrics import EmbeddingsDrift
        from evidently.tests import lte
        from evidently.ui.workspace import Workspace
    except ImportError as exc:
        raise MonitorError(f"Evidently is not importable ({exc})", where="monitor report",
                           fix="pip install 'evidently>=0.7,<0.8' 'pandas<3'") from None
    return DataDefinition, Dataset, Report, EmbeddingsDrift, lte, Workspace


def build_snapshot(reference: "np.ndarray", window: "np.ndarray", event: DriftEvent, *, threads: int | None = None):
    """Run the Evidently report; returns its Snapshot. `threads`: OpenMP threads for t-SNE (default 1)."""
    import pandas as pd
    from threadpoolctl import threadpool_limits  # a dependency of scikit-learn, which Evidently requires

    from embgov.monitor.drift import get_method

    DataDefinition, Dataset, Report, EmbeddingsDrift, lte, _ = report_libraries()
    if event.score is None or event.threshold is None:
        raise MonitorError("this check made no drift decision (window too small): there is nothing to report",
                           where=f"report {event.model}:{event.version}")
    cols = [f"e{i}" for i in range(reference.shape[1])]
    definition = DataDefinition(numerical_columns=cols, embeddings={EMBEDDINGS: cols})
    ref = Dataset.from_pandas(pd.DataFrame(reference, columns=cols), data_definition=definition)
    cur = Dataset.from_pandas(pd.DataFrame(window, columns=cols), data_definition=definition)
    own_score = event.method != "mmd"  # Evidently computes the same score as the decision did
    metric = EmbeddingsDrift(embeddings_name=EMBEDDINGS, drift_method=get_method(event.method, event.threshold),
                             tests=[lte(event.threshold)] if own_score else [])
    metadata = {"model": event.model, "version": str(event.version), "kind": event.kind, "event_id": event.event_id,
                "decision": event.decision, "window_start": event.window_start or "", "window_end": event.window_end or "",
                "method": event.method, "score": repr(event.score), "threshold": repr(event.threshold)}
    if event.calibration is not None and event.calibration.p_value is not None:
        metadata["p_value"] = repr(event.calibration.p_value)
    report = Report([metric], metadata=metadata, tags=["embgov", event.method, event.decision])
    # One OpenMP thread for t-SNE by default: with two, on this 2-core machine while another job ran, t-SNE
    # of 270 rows took 36 s instead of 1.8 s (OpenMP threads spin-wait against the busy cores).
    with threadpool_limits(limits=threads or 1, user_api="openmp"):
        return report.run(cur, ref, name=f"{event.model}:{event.version} {event.window_end or event.created_at}")


def write_report(reference: "np.ndarray", window: "np.ndarray", event: DriftEvent, *, html: Path | None = None,
                 workspace: Path | None = None, threads: int | None = None) -> tuple[Path, str]:
    """Write the HTML report and add the snapshot to the workspace. Returns (html path, snapshot id)."""
    snapshot = build_snapshot(reference, window, event, threads=threads)
    html = html or reports_dir(event.model) / f"{event.event_id}.html"
    html.parent.mkdir(parents=True, exist_ok=True)
    snapshot.save_html(str(html))
    *_, Workspace = report_libraries()
    ws_dir = workspace or workspace_dir()
    ws_dir.mkdir(parents=True, exist_ok=True)
    ws = Workspace.create(str(ws_dir))
    found = ws.search_project(event.model)
    project = found[0] if found else ws.create_project(event.model, description=f"embgov drift checks of {event.model}")
    ref = ws.add_run(project.id, snapshot, include_data=False)
    return html, str(ref.id)
