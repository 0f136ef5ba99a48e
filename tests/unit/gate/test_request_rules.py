"""Rules from the first look at bench/devsets/clinical_requests.json: an extension after a comma, 'dr okoro'
without a full stop, 'March of 2023', '02/2022', "she's 96" and 'he is now 90', an age after a name before
the next field, counties, an insurer's name before the member number, a surname that is a word after a given
name that is none ('deshawn price'), a virtue name after 'for' when a listed surname follows. Values are
invented for the test and are not in any dev set."""

from __future__ import annotations

import pytest

from embgov.gate.gazetteer import NameFinder
from embgov.gate.labeled import labeled_values
from policykit import labeled_detection, pattern_matches as matches


@pytest.mark.parametrize("name, text, want", [
    ("us-phone", "questions to 503-555-0148, ext. 2207 please", ["503-555-0148, ext. 2207"]),
    ("titled-name-lower-case", "referral from dr adeyemi, ins on file", ["dr adeyemi"]),
    ("month-name-year", "the sleep study from June of 2021 shows", ["June of 2021"]),
    ("month-year-zero", "records from 07/2019 to present", ["07/2019"]),
    ("age-is", "She's 97 and on warfarin", ["97"]),
    ("age-is", "he is now 91 and lives alone", ["91"]),
    ("age-beside-name", "fall review: Ottoline Brandt, 93, Morse score 70", ["93"]),
    ("county", "placement in Dona Ana County next week", ["Dona Ana County"]),
    ("number-after-name", "f/u for Kwesi Boateng 5518207-3 w/ Dr Lin", ["5518207-3"]),
    ("number-after-name", "Lookup: Min-jun Seo, 0933-2071, TSH", ["0933-2071"]),
    ("street-address", "address: 27C Harbour Street, Napier", ["27C Harbour Street"]),
])
def test_request_shapes(policy, name, text, want):
    assert [m.strip() for m in matches(policy, name, text)] == want


@pytest.mark.parametrize("name, text", [
    ("titled-name-lower-case", "dr appt moved; the dr said to wait"),
    ("month-year-zero", "an incidence of 1/2000 births and 3/1000 in 2019"),
    ("age-beside-name", "Boston, 95% CI 1.1-1.4; Table, 92 of 100"),
    ("number-after-name", "the Kaplan Meier 2019-2020 curves; Maria Lopez 12 mg daily; New York 10016"),
])
def test_and_what_only_looks_like_them(policy, name, text):
    assert matches(policy, name, text) == []


def test_an_insurers_name_labels_the_member_number(policy):
    det = labeled_detection(policy, "HEALTH_PLAN_NUMBER")
    labels, min_chars = tuple(det.labels), det.min_chars
    text = "Ins: Molina 770418-22 | secondary aetna W88120447 01; Kaiser Permanente of Colorado; Cigna PPO 80/20"
    assert [text[s:e] for s, e in labeled_values(text, labels, min_chars)] == ["770418-22", "W88120447 01"]


@pytest.mark.parametrize("text, want", [
    ("vanc trough on deshawn price? and for jamal white mri", ["deshawn price", "jamal white"]),
    ("book the eval for summer okonkwo tomorrow", ["summer okonkwo"]),
    ("for hope of recovery; for faith in the plan; tell jamal said no", []),
])
def test_lower_case_names_that_end_on_a_word(text, want):
    got = [text[s:e] for s, e, _ in NameFinder(0.6, 0.85).find(text)]
    assert [g for g in got if " " in g] == want


def test_a_full_name_of_listed_words_holds_the_place_inside_it():
    """'Caleb Winthrop': the place list's 'Winthrop' (1.0) outscored the full name (0.85) once the name's repeat
    ('Caleb') was merged into it and lost its full-name mark, and 'Caleb' was dropped as noise."""
    from embgov.gate.recognizers import FULL_NAME
    from embgov.gate.redactor import resolve_overlaps

    R = pytest.importorskip("presidio_analyzer").RecognizerResult
    text = "serology on Caleb Winthrop from Lyme"
    place = R("LOCATION", 18, 26, 1.0)
    name = R("PERSON", 12, 26, 0.85, recognition_metadata={FULL_NAME: True})
    repeat = R("PERSON", 12, 17, 0.85)
    out = resolve_overlaps([place, name, repeat], text, {id(place): 8, id(name): 14, id(repeat): 5})
    assert [(r.entity_type, text[r.start:r.end]) for r in out] == [("PERSON", "Caleb Winthrop")]


def test_where_a_person_lives_is_a_place_and_an_insurer_in_brackets_labels_the_number(policy):
    from embgov.gate.keep import Keeper

    keeper = Keeper(policy.keep)
    text = "pt lives in Flushing with her son; flushing the line daily"
    s = text.index("Flushing")
    assert not keeper.keeps(text, s, s + 8, keeper.shapes(text), person=False)
    det = labeled_detection(policy, "HEALTH_PLAN_NUMBER")
    text = "Medicare Advantage (Wellcare) 71408826139 for her"
    assert [text[a:b] for a, b in labeled_values(text, tuple(det.labels), det.min_chars)] == ["71408826139"]
