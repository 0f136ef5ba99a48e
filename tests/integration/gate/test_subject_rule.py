"""The shipped HIPAA policy on text about no one and on the same words about a person."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

STUDY = ("Vitamin D status in adults. We conducted a randomized trial in 412 patients at Mayo Clinic in Boston "
         "between March 1, 1999, and May 31, 2002; participants were followed for two years and we found no "
         "difference in outcomes (p = 0.42).")


def test_a_study_keeps_its_sites_and_dates(redactors):
    (out,) = redactors("hipaa").redact_batch([STUDY])
    assert out.text == STUDY and not out.counts


def test_the_same_words_about_a_patient_are_redacted(redactors):
    text = "She was admitted to Mayo Clinic in Boston on March 1, 1999. " + STUDY.split(". ", 1)[1]
    (out,) = redactors("hipaa").redact_batch([text])
    for value in ("Mayo Clinic", "Boston", "March 1, 1999"):
        assert value not in out.text


def test_a_phone_number_makes_a_study_record_personal(redactors):
    (out,) = redactors("hipaa").redact_batch([STUDY + " Contact: 617-248-4867."])
    assert "<PHONE>" in out.text and "Boston" not in out.text


def test_short_notes_without_cues_are_still_redacted(redactors):
    (out,) = redactors("hipaa").redact_batch(["Tamsin Ellerbrook was admitted to Mayo Clinic in Boston."])
    assert "Boston" not in out.text and "Mayo Clinic" not in out.text
