"""The two rescan modes: what checks the redacted output, and how many spaCy passes that costs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

TEXT = "Call Halldór Árnþórsson at 617-248-4867 about the results."


@pytest.fixture(params=["patterns", "full"])
def blind_redactor(request, redactors, monkeypatch):
    """The shipped HIPAA redactor in one rescan mode, with a first pass that finds nothing, so
    everything the rescan reports is residual; spaCy passes are counted."""
    redactor = redactors("hipaa")
    monkeypatch.setattr(redactor, "policy", redactor.policy.model_copy(update={"rescan": request.param}))
    monkeypatch.setattr(redactor, "_find", lambda text, artifacts, field=None: [])
    nlp = redactor.analyzer.nlp_engine.nlp["en"]
    passes = []

    class Counting:
        def pipe(self, texts, **kw):
            texts = list(texts)
            passes.append(len(texts))
            return nlp.pipe(texts, **kw)

    monkeypatch.setitem(redactor.analyzer.nlp_engine.nlp, "en", Counting())
    return request.param, redactor, passes


def test_rescan_reports_what_the_first_pass_left(blind_redactor):
    mode, redactor, passes = blind_redactor
    (out,) = redactor.redact_batch([TEXT])
    assert out.text == TEXT and not out.counts
    # the word lists and patterns check the output in both modes
    assert out.residual["PERSON"] >= 1 and out.residual["PHONE"] == 1
    assert passes == ([1, 1] if mode == "full" else [1])  # full: spaCy runs again on the output


def test_shipped_policies_rescan_without_ner_and_explain_says_so():
    from pathlib import Path

    from embgov.policy.explain import explain_rows, render_table
    from embgov.policy.load import load_policy

    root = Path(__file__).resolve().parents[3] / "policies"
    for name in ("hipaa", "glba"):
        policy = load_policy(root / f"{name}.yaml").policy
        assert policy.rescan == "patterns"
        assert "every detector but spaCy NER" in render_table(policy, explain_rows(policy))
