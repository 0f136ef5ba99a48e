"""The same text gets the same findings from every Redactor, whenever it was built (real spaCy).

Presidio hands the analyzer its recognizers through a set, so which of two equal findings of one span its
de-duplication kept followed memory addresses: a Redactor built after another one's first analysis typed
'Keisha Monroe' as a name in one process and as 'Keisha' + a place in another, and a labeled record number
as an SSN. Receipts must be reproducible, and the finding kept must be the one that says most."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
TEXTS = [
    "Social work referral: Keisha Monroe is homeless, last known address 22 Alder St, Apt 3, Tacoma, WA 98405.",
    "Pull genotype results for Kofi Asamoah-Boateng (MRN 700184329): is he homozygous for HbS?",
]


def test_recognizers_come_in_the_policy_order_labeled_and_word_lists_first(redactors):
    from embgov.gate.recognizers import GAZETTEER, LABELED

    analyzer = redactors("hipaa").analyzer
    got = analyzer.registry.get_recognizers(language="en", entities=redactors("hipaa").entities)
    names = [r.name for r in got]
    assert names == [r.name for r in analyzer.registry.get_recognizers(language="en", entities=redactors("hipaa").entities)]
    kinds = [0 if n.endswith(LABELED) else 1 if n.endswith(GAZETTEER) else 2 for n in names]
    assert kinds == sorted(kinds) and kinds[0] == 0 and 1 in kinds
    policy_order = [r.name for r in analyzer.registry.recognizers]
    for kind in (0, 1, 2):
        ours = [n for n, k in zip(names, kinds) if k == kind]
        assert ours == [n for n in policy_order if n in ours]


def test_a_redactor_built_after_another_ones_analysis_finds_the_same(redactors):
    from embgov.gate.redactor import Redactor
    from embgov.policy.load import load_policy

    first = redactors("hipaa")
    before = first.find_batch(TEXTS)
    later = Redactor(load_policy(ROOT / "policies/hipaa.yaml").policy, b"test-key")
    assert later.find_batch(TEXTS) == before == first.find_batch(TEXTS)
    found = [{(e, t[s:x]) for e, s, x in f} for t, f in zip(TEXTS, before)]
    assert ("PERSON", "Keisha Monroe") in found[0]  # the word list's full-name finding, not NER's equal one
    assert ("MEDICAL_RECORD_NUMBER", "700184329") in found[1]  # the label's finding, not the SSN shape
