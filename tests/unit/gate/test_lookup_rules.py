"""Rules from the first look at bench/devsets/clinical_lookups.json and the SciFact review: a time written
after a date belongs to it, a day and month with a weekday or a time is a date, 'she is 94' is an age, a
member suffix and a bracketed value after a label, a labeled value wins over a shape guess, a dropped rival's
glued prefix is part of the identifier; and the other way, what stays: 'live at latitudes ...', 'Boston,
exposure ...', eponyms written as instruments, 'West Nile virus', 'Alzheimers'. Values are invented for
the test and are not in any dev set."""

from __future__ import annotations

import pytest

from embgov.gate.expand import expand_address
from embgov.gate.keep import Keeper
from embgov.gate.labeled import labeled_values
from policykit import labeled_detection, pattern_matches as matches


def _labels(policy, entity: str):
    det = labeled_detection(policy, entity)
    return tuple(det.labels), det.min_chars


@pytest.mark.parametrize("name, text, want", [
    ("numeric-date", "appt 05/14/2025 09:40 / reason: wellness", ["05/14/2025 09:40"]),
    ("numeric-date", "drawn 2/7/2025 at 6:15 pm, hemolyzed", ["2/7/2025 at 6:15 pm"]),
    ("month-day-anchored", "family meeting Thursday 3/13 with the team", ["Thursday 3/13"]),
    ("month-day-anchored", "please cancel 10/21 at 3:30 PM and rebook", ["10/21 at 3:30 PM"]),
    ("day-ordinal", "she prefers the week of the 23rd", ["the 23rd"]),
    ("age-is", "pull chart: she is 96 and lives alone", ["96"]),
    ("age-is", "My grandfather, Tobiah, is 102 and frail", ["102"]),
])
def test_dates_with_times_and_anchored_days_and_ages_in_words(policy, name, text, want):
    assert [m.strip() for m in matches(policy, name, text)] == want


@pytest.mark.parametrize("name, text", [
    ("month-day-anchored", "take 1/2 tab at bedtime; BP 128/84; HPV 16/18 negative"),
    ("day-ordinal", "fracture of the 4th metatarsal; pain of the 5th finger"),
    ("age-is", "he is 95% adherent; she is 92 kg; patient is 98.6 F; he was 91 mg/dL"),
])
def test_and_what_only_looks_like_them(policy, name, text):
    assert matches(policy, name, text) == []


def test_an_address_after_lives_at_holds_a_number_a_capital_or_a_street_word(policy):
    assert matches(policy, "after-address-phrase", "people who live at latitudes that lack winter sun.") == []
    assert matches(policy, "after-address-phrase", "lives at collections by mistake") == []
    assert matches(policy, "after-address-phrase", "pt lives at 41 juniper rd, apt 2") == ["41 juniper rd, apt 2"]
    assert matches(policy, "after-address-phrase", "resides at kerrow country club") == ["kerrow country club"]


def test_a_place_after_a_comma_is_no_clause_and_a_full_stop_ends_it():
    for text, start, want in [("In Oslo, exposure to light was low", "Oslo", "Oslo"),
                              ("located in Tabriz, Iran. For this aim we", "Tabriz", "Tabriz, Iran"),
                              ("lives at 9 Ferry Rd, valdeperales for now", "9", "9 Ferry Rd, valdeperales")]:
        s = text.index(start)
        a, b = expand_address(text, s, s + (len(start) if start != "9" else len("9 Ferry Rd")))
        assert text[a:b] == want


@pytest.mark.parametrize("entity, text, want", [
    ("OTHER_ID", "Aetna ID W55190872 03): billed twice", ["W55190872 03"]),
    ("HEALTH_PLAN_NUMBER", "her husband is the subscriber (55021937-01).", ["55021937-01"]),
    ("HEALTH_PLAN_NUMBER", "member 408812266, group KSMCD17.", ["408812266", "KSMCD17"]),
    ("MEDICAL_RECORD_NUMBER", "chart lookup: MR 44-18-09 / dob", ["44-18-09"]),
])
def test_labeled_values_with_suffixes_brackets_and_short_labels(policy, entity, text, want):
    labels, min_chars = _labels(policy, entity)
    assert [text[s:e] for s, e in labeled_values(text, labels, min_chars)] == want


@pytest.mark.parametrize("entity, text", [
    ("MEDICAL_RECORD_NUMBER", "severe MR 3-4+ and moderate MR (grade 2)"),
    ("HEALTH_PLAN_NUMBER", "group 2 (n=45) and group 3 got 10 mg; care plan (2 weeks)"),
])
def test_short_labels_take_no_grades_or_counts(policy, entity, text):
    labels, min_chars = _labels(policy, entity)
    assert labeled_values(text, labels, min_chars) == []


def test_a_labeled_value_wins_and_a_glued_prefix_goes_with_the_identifier():
    from embgov.gate.redactor import resolve_overlaps

    presidio = pytest.importorskip("presidio_analyzer")
    R = presidio.RecognizerResult
    text = "member ID 300418872 and MRN QT-661204/x"
    labeled = R("HEALTH_PLAN_NUMBER", 10, 19, 0.95, recognition_metadata={"recognizer_name": "HEALTH_PLAN_NUMBER:2:labeled"})
    guess = R("SSN", 10, 19, 1.0, recognition_metadata={"recognizer_name": "SSN:1"})
    digits, whole = R("MEDICAL_RECORD_NUMBER", 31, 37, 0.6), R("OTHER_ID", 28, 37, 0.5)
    out = resolve_overlaps([guess, labeled, digits, whole], text)
    assert [(r.entity_type, text[r.start:r.end]) for r in out] == [
        ("HEALTH_PLAN_NUMBER", "300418872"), ("MEDICAL_RECORD_NUMBER", "QT-661204")]


@pytest.fixture(scope="module")
def keeper(policy):
    return Keeper(policy.keep)


@pytest.mark.parametrize("text, value, person, kept", [
    ("The Beck depression score and Hamilton Rating Scale fell.", "Hamilton Rating Scale", True, True),
    ("The Beck depression score fell.", "Beck", True, True),
    ("Individuals with Alzheimers who exercise", "Alzheimers", True, True),
    ("Irf1 encourages West Nile virus replication", "West Nile", False, True),
    ("Please call Maria cell 617-555-0134 tomorrow", "Maria", True, False),
    ("Okafor cell 617-555-0134 after 5", "Okafor", True, False),
    ("pt ximena ruiz, mother gabriela flores 915 555 0143", "gabriela", True, False),
    ("Candida albicans was isolated", "Candida", True, True),
])
def test_what_the_keeper_keeps(keeper, text, value, person, kept):
    s = text.index(value)
    assert keeper.keeps(text, s, s + len(value), keeper.shapes(text), person=person) is kept


def test_a_member_suffix_follows_digits_only(policy):
    labels, min_chars = _labels(policy, "HEALTH_PLAN_NUMBER")
    text = "132 patients in the short-term group and 98 in the long-term group had died"
    assert labeled_values(text, labels, min_chars) == []


def test_an_address_found_whole_wins_over_a_name_grown_into_it():
    """'Halsted' (a surname list's) grown to 'N Halsted St' outscored the address '1420 N Halsted St' and left
    '1420' behind as noise; the address was matched whole, so it wins."""
    from embgov.gate.redactor import resolve_overlaps

    R = pytest.importorskip("presidio_analyzer").RecognizerResult
    text = "pharmacy on 1420 N Halsted St called"
    name, address = R("PERSON", 17, 29, 1.0), R("LOCATION", 12, 29, 0.85)  # 'N Halsted St', grown from 'Halsted'
    out = resolve_overlaps([name, address], text, {id(name): 7, id(address): 17})
    assert [(r.entity_type, text[r.start:r.end]) for r in out] == [("LOCATION", "1420 N Halsted St")]
    assert text[17:29] == "N Halsted St"
    whole = R("PERSON", 19, 26, 1.0)  # a name found whole inside a longer match keeps its place
    out = resolve_overlaps([whole, R("LOCATION", 12, 29, 0.85)], text)
    assert [(r.entity_type, text[r.start:r.end]) for r in out] == [("LOCATION", "1420 N"), ("PERSON", "Halsted"),
                                                                   ("LOCATION", "St")]
