"""Rules for identifiers in short clinical queries and chat (bench/devsets/clinical_queries.json): lower-case names after
a word that introduces a person, hospitals by their short names, ages over 89 as clinicians write them, unlabeled record
numbers, label grammar; and the domain terms each rule must leave alone. No spaCy."""

from __future__ import annotations

import pytest

from embgov.gate.gazetteer import NameFinder
from embgov.gate.labeled import labeled_values
from embgov.gate.redactor import resolve_overlaps
from policykit import pattern_matches as matches


@pytest.fixture(scope="module")
def names():
    return NameFinder(0.6, 0.85)


def found(finder: NameFinder, text: str) -> list[str]:
    return [text[s:e] for s, e, score in finder.find(text) if score >= 0.5]


# ---------------------------------------------------------------- lower-case names after a cue word

@pytest.mark.parametrize("text, name", [
    ("pt fatoumata diallo 42F, mrn# 3390417, what antibiotics did she get in ED", "fatoumata diallo"),
    ("hx for bo-ram yoon please, mrn 20481937", "bo-ram yoon"),
    ("last colonoscopy report for j. whitcombe please", "j. whitcombe"),
    ("Records for lorcan h. tanaka-reyes, DOB on file", "lorcan h. tanaka-reyes"),
    ("hello Dr Osei, my son kwame still has fever since yesterday", "kwame"),
    ("pt harrington at Brigham had a reaction to vanc", "harrington"),
    ("text from yolanda: running late, at Parkland parking garage", "yolanda"),
])
def test_lower_case_name_after_a_cue_word(names, text, name):
    assert name in found(names, text)


@pytest.mark.parametrize("text", [
    "Daf-7 is required for dauer formation in C. elegans.",       # a surname-shaped term after a weak cue
    "Max dose for metformin in CKD stage 4 with eGFR 25?",         # a drug after 'for'
    "She was started on warfarin for atrial fibrillation.",
    "Refund request for my card payment from last week.",
])
def test_cue_words_leave_terms_alone(names, text):
    assert found(names, text) == []


def test_lower_case_first_name_and_unlisted_surname_in_text_without_capitals(names):
    assert "priya raghunathan" in found(names, "priya raghunathan 56120984 creatinine?")


# ---------------------------------------------------------------- hospitals by their short names

@pytest.mark.parametrize("name, text, value", [
    ("hospital-head", "Ref: to nephrology, Northwestern Memorial, Cr 2.8", "Northwestern Memorial"),
    ("hospital-head", "Transfer from Good Shepherd to the floor", "Good Shepherd"),
    ("hospital-head", "admitted to Valley Memorial Hospital overnight", "Valley Memorial Hospital"),
    ("childrens-hospital", "The pharmacist at Children's Mercy said to message you", "Children's Mercy"),
    ("saint-possessive", "her mammogram at St. Vincent's last week", "St. Vincent's"),
    ("saint-possessive", "transferred to St. Mary's Hospital for PCI", "St. Mary's Hospital"),
    ("acronym-site", "Referral to GI at UPMC Shadyside for dysphagia", "UPMC Shadyside"),
])
def test_hospital_short_names(policy, name, text, value):
    assert value in matches(policy, name, text)


@pytest.mark.parametrize("name, text", [
    ("hospital-head", "The Good Shepherd Ltd sponsored the fair."),
    ("hospital-head", "Massachusetts General Court passed the bill."),   # not a hospital head noun
    ("acronym-site", "Transferred to ICU Monday for monitoring."),
    ("acronym-site", "Data from WHO Geneva were used."),
    ("saint-possessive", "St. John's wort interacts with warfarin."),
])
def test_hospital_rules_leave_other_names_alone(policy, name, text):
    assert matches(policy, name, text) == []


# ---------------------------------------------------------------- ages over 89

@pytest.mark.parametrize("text, value", [
    ("my mother (96 y/o) needs a referral", "96 y/o"),
    ("is a 102 yo with afib", "102 yo"),
    ("L. Moreau, 90 years old, CrCl 25", "90 years old"),
    ("a 91-year-old woman", "91-year-old"),
])
def test_written_age_over_89(policy, text, value):
    assert value in matches(policy, "age-over-89-written", text)


@pytest.mark.parametrize("text, value", [("Jolene Whitfield, 91F, from", "91F"), ("ANDERSEN, KJELL 94M CHF", "94M")])
def test_age_and_sex(policy, text, value):
    assert matches(policy, "age-over-89-sex", text) == [value]


@pytest.mark.parametrize("text", ["96 years ago", "aged 45 y/o", "95 mg daily", "SpO2 95%", "T 98.6F", "99.1F", "Room 95B"])
def test_age_rules_leave_other_numbers_alone(policy, text):
    assert matches(policy, "age-over-89-written", text) == [] and matches(policy, "age-over-89-sex", text) == []


# ---------------------------------------------------------------- unlabeled record numbers

@pytest.mark.parametrize("text, value", [
    ("priya raghunathan 56120984 creatinine?", "56120984"),
    ("Was Siobhan (1120-448-93) ever tested for HCV?", "1120-448-93"),
])
def test_unlabeled_record_numbers(policy, text, value):
    assert value in matches(policy, "bare-record-number", text) + matches(policy, "dashed-record-number", text)


@pytest.mark.parametrize("text", [
    "CPT 99214-25, 83036", "shift 0700-1900", "call (678) 796-9934", "SSN 123-45-6789", "DOB 11-29-2023",
    "seen 2024-05-07", "between 1995-2005", "paid $1500000", "3.1415926 rounded", "ref 1234567.5",
])
def test_record_number_rules_leave_other_numbers_alone(policy, text):
    assert matches(policy, "bare-record-number", text) == [] and matches(policy, "dashed-record-number", text) == []


# ---------------------------------------------------------------- label grammar

@pytest.mark.parametrize("text, value", [
    ("Chart # CH 44-19-302 Benedetto, Aurelio", "CH 44-19-302"),
    ("card on file ending 4471 declined", "4471"),
    ("card ending in 1234", "1234"),
    ("Card ending 4471", "4471"),
])
def test_label_grammar(text, value):
    labels = ("chart", "card", "card number", "card ending", "credit card", "acct")
    assert [text[s:e] for s, e in labeled_values(text, labels)] == [value]


def test_a_label_without_a_value_takes_no_word():
    assert labeled_values("the card ends there", ("card",)) == []


# ---------------------------------------------------------------- overlaps: an expansion is no evidence

def test_expansion_of_words_held_by_a_stronger_finding_is_dropped():
    RecognizerResult = pytest.importorskip("presidio_analyzer").RecognizerResult

    text = "claim for Winifred Gallo, dos 11/29/2023"
    person = RecognizerResult("PERSON", 10, 24, 1.0)
    place = RecognizerResult("LOCATION", 19, 29, 0.6)   # 'Gallo' grown to 'Gallo, dos'
    cores = {id(person): (10, 24), id(place): (19, 24)}
    out = resolve_overlaps([person, place], text, {id(person): 14, id(place): 5}, cores)
    assert [(r.entity_type, text[r.start:r.end]) for r in out] == [("PERSON", "Winifred Gallo")]


def test_expansion_of_a_number_core_is_kept():
    RecognizerResult = pytest.importorskip("presidio_analyzer").RecognizerResult

    text = "18 Quarry Rd, Montague 01351"
    zip_ = RecognizerResult("ZIP_CODE", 23, 28, 0.9)
    address = RecognizerResult("LOCATION", 0, 28, 0.6)
    cores = {id(zip_): (23, 28), id(address): (0, 12)}
    out = resolve_overlaps([zip_, address], text, {id(zip_): 5, id(address): 12}, cores)
    assert ("LOCATION", "18 Quarry Rd, Montague") in [(r.entity_type, text[r.start:r.end]) for r in out]


# ---------------------------------------------------------------- NER: a symbol is no name

@pytest.mark.parametrize("word", ["SpO2", "CrCl", "HbA1c", "eGFR", "MiR-21"])
def test_symbols_are_no_names(word):
    from embgov.gate.words import symbol

    assert symbol(word)


@pytest.mark.parametrize("word", ["McDonald", "DeShawn", "O'Neil", "Maria", "UCSF", "Smith's", "Mary Ann"])
def test_names_are_no_symbols(word):
    from embgov.gate.words import symbol

    assert not symbol(word)


# ---------------------------------------------------------------- a place's name inside the name of a standard or product

@pytest.mark.parametrize("text", ["Basel III requires banks to hold more capital.", "Roth IRA contributions are taxed."])
def test_place_word_in_a_named_standard_is_kept(text):
    from embgov.gate.gazetteer import PlaceFinder

    assert PlaceFinder(0.6, 0.85).find(text) == []


@pytest.mark.parametrize("text, place", [("She moved to Basel last year.", "Basel"),
                                         ("He lives in Springfield IL now.", "Springfield")])
def test_place_word_before_a_state_code_or_a_word_is_a_place(text, place):
    from embgov.gate.gazetteer import PlaceFinder

    assert place in [text[s:e] for s, e, _ in PlaceFinder(0.6, 0.85).find(text)]
