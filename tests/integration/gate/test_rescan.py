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
    monkeypatch.setattr(redactor, "_find_subject", lambda text, artifacts, field=None: ([], True))
    nlp = redactor.analyzer.nlp_engine.nlp["en"]
    passes = []

    class Counting:
        def pipe(self, texts, **kw):
            texts = list(texts)
            passes.append(len(texts))
            return nlp.pipe(texts, **kw)

    monkeypatch.setitem(redactor.analyzer.nlp_engine.nlp, "en", Counting())
    return request.param, redactor, passes


def test_rescan_finds_what_the_first_pass_left_and_the_next_round_redacts_it(blind_redactor):
    mode, redactor, passes = blind_redactor
    (out,) = redactor.redact_batch([TEXT])
    # the word lists and patterns check the output in both modes; what they find is redacted in a second round
    assert out.text == "Call <PERSON> at <PHONE> about the results." and not out.residual
    assert out.counts == {"PERSON": 1, "PHONE": 1}
    assert passes == ([1, 1, 1] if mode == "full" else [1])  # full: spaCy runs again on each round's output


def test_a_record_that_does_not_come_clean_is_residual(blind_redactor, monkeypatch):
    mode, redactor, passes = blind_redactor
    monkeypatch.setattr(redactor, "_back", lambda original, found, left, inserted: [])  # nothing can be placed back
    (out,) = redactor.redact_batch([TEXT])
    assert out.text == TEXT and not out.counts
    assert out.residual["PERSON"] >= 1 and out.residual["PHONE"] == 1


def test_residual_findings_are_redacted_until_none_is_left(redactors, monkeypatch):
    """The first pass redacts only the phone; rounds two and three take the rest, offsets shifted by the
    replacements before them."""
    redactor = redactors("hipaa")
    real_find = redactor._find_subject

    def phone_only(text, artifacts, field=None):
        found, personal = real_find(text, artifacts, field)
        return [r for r in found if r.entity_type == "PHONE"], personal

    monkeypatch.setattr(redactor, "_find_subject", phone_only)
    text = "Tel 617-248-4867. MRN: ZX-99183 for Halldór Árnþórsson, SSN 123-45-6789."
    (out,) = redactor.redact_batch([text])
    assert not out.residual
    for value in ("617-248-4867", "ZX-99183", "Halldór", "Árnþórsson", "123-45-6789"):
        assert value not in out.text
    assert out.text.startswith("Tel <PHONE>. MRN: <MEDICAL_RECORD_NUMBER:") and "SSN <SSN:" in out.text


def test_shipped_policies_rescan_without_ner_and_explain_says_so():
    from pathlib import Path

    from embgov.policy.explain import explain_rows, render_table
    from embgov.policy.load import load_policy

    root = Path(__file__).resolve().parents[3] / "policies"
    for name in ("hipaa", "glba"):
        policy = load_policy(root / f"{name}.yaml").policy
        assert policy.rescan == "patterns"
        assert "every detector but spaCy NER" in render_table(policy, explain_rows(policy))
