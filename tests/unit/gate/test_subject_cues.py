"""Records about no one: findings of needs_subject detectors are kept there, and only there."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from embgov.gate.recognizers import FULL_NAME
from embgov.gate.subject import Subject
from embgov.policy.load import load_policy

ROOT = Path(__file__).resolve().parents[3]
HIPAA = load_policy(ROOT / "policies" / "hipaa.yaml").policy
THRESHOLDS = {e.id: HIPAA.score_threshold for e in HIPAA.entities}
STUDY = ("We conducted a randomized trial in 412 patients; participants were followed for two years and "
         "we found no difference in outcomes.")


def finding(entity: str, recognizer: str, score: float = 0.9, **meta):
    return SimpleNamespace(entity_type=entity, score=score, recognition_metadata={"recognizer_name": recognizer, **meta})


@pytest.fixture(scope="module")
def subject():
    return Subject(HIPAA)


def test_policy_marks_ner_and_word_lists_but_not_labels_or_phones(subject):
    assert subject.active
    assert subject.depends(finding("PERSON", "PERSON:0:ner")) and subject.depends(finding("LOCATION", "LOCATION:1:wordlist"))
    assert not subject.depends(finding("PERSON", "PERSON:2"))  # titled names and the like: any record
    assert not subject.depends(finding("PHONE", "PHONE:0")) and not subject.depends(finding("EMAIL", "EmailRecognizer"))
    labeled = next(i for i, d in enumerate(next(e for e in HIPAA.entities if e.id == "SSN").detection) if d.kind == "labeled")
    assert not subject.depends(finding("SSN", f"SSN:{labeled}:labeled"))
    # a first name with a surname from the lists counts anywhere
    assert not subject.depends(finding("PERSON", "PERSON:1:wordlist", **{FULL_NAME: True}))


def test_study_text_is_about_no_one(subject):
    weak = [finding("LOCATION", "LOCATION:0:ner")]
    assert not subject.about_person(STUDY + " It was conducted in Leiden.", weak, THRESHOLDS)


@pytest.mark.parametrize("text", [
    "She lives in Leiden and we found her records in the trial of 412 patients; participants were followed.",
    "The patient's daughter called. " + STUDY,
    "A 45-year-old man with fever. " + STUDY,
    "Pt moved here from Leiden. " + STUDY,
])
def test_a_personal_cue_makes_it_about_a_person(subject, text):
    assert subject.about_person(text, [finding("LOCATION", "LOCATION:0:ner")], THRESHOLDS)


def test_an_independent_finding_makes_it_about_a_person(subject):
    assert subject.about_person(STUDY, [finding("PHONE", "PHONE:0")], THRESHOLDS)
    assert not subject.about_person(STUDY, [finding("PHONE", "PHONE:0", score=0.2)], THRESHOLDS)  # below its threshold


@pytest.mark.parametrize("text", ["Tamsin Ellerbrook reviewed the trial.", "We moved here from Kenosha",
                                  "Follow-up in Leiden next week."])
def test_short_text_without_study_register_counts_as_about_a_person(subject, text):
    """Without two impersonal cues nothing is kept: the rule fails towards redaction."""
    assert subject.about_person(text, [], THRESHOLDS)


def test_generic_pronouns_are_no_cue(subject):
    assert not subject.cued("Each participant and his or her partner completed the survey.")
    assert subject.cued("He was admitted on Monday.")


def test_without_impersonal_cues_every_record_is_about_a_person():
    policy = HIPAA.model_copy(update={"keep": HIPAA.keep.model_copy(update={"impersonal_cues": []})})
    assert not Subject(policy).active


def test_diff_reports_the_rule_as_a_weakening_change():
    from embgov.policy.diff import diff_policies

    data = HIPAA.model_dump(mode="json", by_alias=True)
    person = next(e for e in data["entities"] if e["id"] == "PERSON")
    titled = next(d for d in person["detection"] if d["kind"] == "patterns")
    titled["needs_subject"] = True
    data["keep"]["subject_cues"] = data["keep"]["subject_cues"][1:]
    changes = {c.field: c for c in diff_policies(HIPAA, type(HIPAA).model_validate(data))}
    assert changes["patterns.needs_subject"].weakens
    assert changes[f"keep.subject_cues[{HIPAA.keep.subject_cues[0].name}]"].weakens
