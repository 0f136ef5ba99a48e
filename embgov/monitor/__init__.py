"""Monitor stage: the telemetry store (vectors and statistics, never text), reference windows, window
statistics, Evidently embedding drift with calibrated thresholds, probe comparison, decisions
(DriftEvent) and the slow-path Evidently report.

Imports only core (contracts, errors, settings, spec); numpy, pandas and evidently load inside the
functions that use them, so importing this package stays cheap.
"""

from embgov.monitor.checkcache import Promotion, describe as describe_cache, read as read_cache, write as write_cache
from embgov.monitor.report import report_libraries, workspace_dir, write_report
from embgov.monitor.window_check import check_window
from embgov.monitor.drift import DESCRIPTIONS, METHODS, calibrate, detect
from embgov.monitor.reference import Reference, ReferenceInfo, has_reference, load_reference, save_reference
from embgov.monitor.telemetry_store import Window, append, latest_window, prune, read_window
from embgov.monitor.vectorfile import ingest_file, read_vectors

__all__ = ["DESCRIPTIONS", "METHODS", "Promotion", "Reference", "ReferenceInfo", "Window", "append", "calibrate", "check_window",
           "detect", "has_reference", "ingest_file", "latest_window", "load_reference", "prune", "read_vectors",
           "read_cache", "read_window", "report_libraries", "save_reference", "workspace_dir", "write_cache", "write_report", "describe_cache"]
