"""Canary corpus through the real gate: no canary value may survive anywhere the run leaves data.

The corpus and the values are those of bench/canary.py (tests/fixtures/data/canary.jsonl): invented
names, ids of many shapes, addresses in invented towns, phones, emails, dates. Quarantine does not
block here, so the written documents are there to be searched.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import shutil
from pathlib import Path

import pytest

from embgov.gate.run import run_gate

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]


def _canary_module():
    spec = importlib.util.spec_from_file_location("bench_canary", ROOT / "bench" / "canary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_canary_value_survives_the_gate(tmp_path, approved_policy, embgov_home, caplog, capsys):
    canary = _canary_module()
    canary.check_corpus()
    policy = approved_policy("hipaa", edit=lambda t: re.sub(r"max_quarantine_rate: [0-9.]+", "max_quarantine_rate: 1.0", t))
    src = tmp_path / "canary.jsonl"
    shutil.copyfile(canary.DATA, src)
    caplog.set_level(logging.DEBUG)
    receipt = run_gate(policy, [src], tmp_path / "out", workers=1)
    assert receipt.verdict == "passed" and receipt.records_in == 25
    assert (tmp_path / "out" / "canary.jsonl").is_file()

    found = canary.scan_run(tmp_path / "out", embgov_home, [caplog.text, capsys.readouterr().out])
    report = "; ".join(f"{loc}: {len(vals)} ({', '.join(v for _, v in vals)})" for loc, vals in found.items() if vals)
    assert not report, f"canary values survive the gate: {report}"
