"""Rules for identifiers in clinical notes (bench/devsets/clinical_notes.json): given names of the world
(first_names_world), a given name that is also a word after a relative ('daughter hope quartey'), a facility's
name that goes on after its kind ('... Neurology Associates', 'Hospice House', 'Home Health', a named
pharmacy), 'Rx #', an insurance number after 'insurance', dates after 'recheck'; irregular past forms
that are surnames ('Held.') are words. Values here are invented for the test and are not in any dev set."""

from __future__ import annotations

import pytest

from embgov.gate.gazetteer import NameFinder
from embgov.gate.labeled import labeled_values
from embgov.gate.lists import english_word, given_names, load
from policykit import labeled_detection, pattern_matches as matches


@pytest.fixture(scope="module")
def names() -> NameFinder:
    return NameFinder(0.6, 0.85)


def test_the_world_list_adds_given_names_and_leaves_out_the_words_typed_for_them():
    world = load("first_names_world")
    assert {"rajesh", "harpreet", "oluwaseun", "xiaoming", "thabo", "venkat"} <= given_names()
    # only what Faker and the census lack; the few shared keys are names written with a letter fold() writes
    # plainly ('Bahadır' there, 'Bahadir' here)
    assert len(world & load("first_names")) < 100
    assert not {"are", "the", "given", "english", "july", "okay", "were"} & world


@pytest.mark.parametrize("text, want", [
    ("Seen with Gurdeep and Thandeka Zulu-Mabaso today.", ["Gurdeep", "Thandeka Zulu-Mabaso"]),
    ("spoke w/ daughter patience okwuosa about the refill", ["patience okwuosa"]),
    ("called pt's daughter hope quartey about transport", ["hope quartey"]),
])
def test_world_and_virtue_names_are_found(names, text, want):
    assert [text[s:e] for s, e, _ in names.find(text)] == want


@pytest.mark.parametrize("text", [
    "pt reports memory loss and poor sleep",
    "daughter hope to visit tomorrow",
    "Held. Restarted at 0600 after the CT.",
    "ADEs and CIs were reported",
])
def test_words_stay_words(names, text):
    assert names.find(text) == []


def test_irregular_past_forms_are_english_words_unless_they_are_given_names():
    assert english_word("held", frozenset()) and english_word("withheld", frozenset())
    assert not english_word("rose", frozenset())  # Rose is a given name


@pytest.mark.parametrize("name, text, want", [
    ("named-practice", "Referred to Kessel Point Neurology Associates for EMG", ["Kessel Point Neurology Associates"]),
    ("named-practice", "filled at Orchard Lane Family Pharmacy yesterday", ["Orchard Lane Family Pharmacy"]),
    ("facility-name", "transfer to Brightwater Hospice House tomorrow", ["Brightwater Hospice House"]),
    ("facility-name", "arranged via Sunmere Home Health", ["Sunmere Home Health"]),
    ("facility-name", "admitted to Ōkawa Memorial Hospital", ["Ōkawa Memorial Hospital"]),
])
def test_facility_names_go_on_after_their_kind(policy, name, text, want):
    assert any(g.strip() in want for g in matches(policy, name, text)), matches(policy, name, text)


@pytest.mark.parametrize("name, text", [
    ("named-practice", "the Hospital Pharmacy and the Clinical Pharmacy service"),
    ("named-practice", "School of Pharmacy faculty; Department of Neurology Associates"),
])
def test_facility_rules_leave_generic_names(policy, name, text):
    assert matches(policy, name, text) == []


def test_rx_and_insurance_numbers_after_their_labels(policy):
    other = labeled_detection(policy, "OTHER_ID")
    plan = labeled_detection(policy, "HEALTH_PLAN_NUMBER")
    text = "verified Rx #5512093 and Rx#5512094; insurance QRT 771 204 889 on file"
    got = [text[s:e] for s, e in labeled_values(text, tuple(other.labels))]
    assert any("5512093" in g for g in got) and any("5512094" in g for g in got)  # 'Rx#5512094' is one token
    assert [text[s:e] for s, e in labeled_values(text, tuple(plan.labels), plan.min_chars)] == ["QRT 771 204 889"]
    assert labeled_values("insurance 2019 data", tuple(plan.labels), plan.min_chars) == []


def test_a_month_day_after_recheck_reads_as_a_date(policy):
    date = next(e for e in policy.entities if e.id == "DATE")
    context = {w for d in date.detection for w in getattr(d, "context", [])}
    assert {"recheck", "repeat", "expires"} <= context and not {"effective", "last"} & context  # science writes them


def test_a_name_in_brackets_after_a_relative(policy):
    from embgov.gate.labeled import labeled_names

    person = labeled_detection(policy, "PERSON")
    labels = tuple(person.labels)
    text = "Mom (Seo-hyun) staying overnight; mother (Ondine Marchetti, RN) called; interpreter (Arabic) booked"
    assert [text[s:e] for s, e in labeled_names(text, labels, load("common_words"))] == ["Seo-hyun", "Ondine Marchetti"]
    assert labeled_names("the patient (n=3) and the mother (age 34) declined", labels, load("common_words")) == []


def test_two_names_grown_into_each_other_are_one_finding_and_leave_nothing():
    """'Grant Ellison and Will Marchetti': each name's list expansion takes a word of the other; resolving them
    as rivals dropped the rest of 'Grant Ellison' as noise and left 'Grant' in the text."""
    from embgov.gate.redactor import resolve_overlaps

    RecognizerResult = pytest.importorskip("presidio_analyzer").RecognizerResult
    text = "Grant Ellison and Will Marchetti have pending authorizations"
    first = RecognizerResult("PERSON", 0, 22, 0.85)    # 'Grant Ellison and Will'
    second = RecognizerResult("PERSON", 6, 32, 0.85)   # 'Ellison and Will Marchetti'
    cores = {id(first): (0, 13), id(second): (18, 32)}
    out = resolve_overlaps([first, second], text, {id(first): 13, id(second): 14}, cores)
    assert [(r.entity_type, text[r.start:r.end]) for r in out] == [("PERSON", "Grant Ellison and Will Marchetti")]
    email = RecognizerResult("EMAIL", 20, 30, 1.0)  # another entity still wins its overlap
    out = resolve_overlaps([RecognizerResult("PERSON", 0, 22, 0.85), email], text)
    assert [r.entity_type for r in out] == ["PERSON", "EMAIL"] and out[0].end <= 20
