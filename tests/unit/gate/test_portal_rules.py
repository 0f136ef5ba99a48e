"""Rules from the first look at bench/devsets/clinical_portal.json: values under a table's header ('name,dob,mrn'
then rows), JSON keys as labels, the second date of a range, a day and month after a word that dates it or in a
'thru' range, a weekday or 24-hour time with a day and month, lower-case month names, a compact date of birth
after its label. Values are invented for the test and are not in any dev set."""

from __future__ import annotations

import pytest

from embgov.gate.keep import Keeper
from embgov.gate.labeled import labeled_names, labeled_values, table_cells
from policykit import labeled_detection, pattern_matches as matches


@pytest.mark.parametrize("name, text, want", [
    ("numeric-date-range-end", "coverage valid 2/1/25-7/30/25 only", ["7/30/25"]),
    ("month-day-dated", "the lab lost my sample from 6/9?? and", ["6/9"]),
    ("month-day-dated", "off work 4/7 thru 4/11, fax it", ["4/7", "4/11"]),
    ("month-day-dated", "Ethics board 9/18: two cases", ["9/18"]),
    ("month-day-anchored", "pickup Tue 5/7 0545 from the SNF", ["Tue 5/7 0545"]),
    ("month-day-anchored", "ETA 6/2 2130 by air", ["6/2 2130"]),
    ("month-day-anchored", "lab draw on saturday 2/15 at 8:10am fasting", ["saturday 2/15 at 8:10am"]),
    ("day-mon-year", "reminder: Wed 9 Oct 2024 14:45 at the annex", ["Wed 9 Oct 2024 14:45"]),
    ("day-month-date", "dob the 3rd of february 1977, lot 4", ["the 3rd of february 1977"]),
    ("month-name-year", "thyroid labs since feb 2022 please", ["feb 2022"]),
    ("dob-compact", "lookup WREN, ADA dob 072649 and DOB: 11301948", ["072649", "11301948"]),
    ("date-in-words", "admitted february second, discharged february the eleventh", ["february second", "february the eleventh"]),
    ("date-in-words", "date of birth june ninth nineteen forty one, and on the twentieth of may", [
        "june ninth nineteen forty one", "the twentieth of may"]),
    ("weekday-the-nth", "confused since tuesday the fourth", ["tuesday the fourth"]),
    ("age-in-words", "a ninety-three-year-old man; she is a one hundred and one year old", ["ninety-three", "one hundred and one"]),
    ("age-is", "hes 96 and lives alone", ["96"]),
    ("titled-name-lower-case", "her ob dr Lindqvist is away", ["dr Lindqvist"]),
    ("mail-display-name", "From: Wren Talbot <w.talbot@example.org>\nTo: desk@example.org", ["Wren Talbot"]),
    ("number-after-name", "CT head, Ivo Marsh 00000771920, Cr 0.9", ["00000771920"]),
    ("fhir-patient-reference", "Observation.subject: Patient/px-00418872", ["px-00418872"]),
    ("hl7-facility", "MSH|^~\\&|LAB|NWH|EHR|NWH|20240303||ORU^R01\nPID|1||7710221^^^NWH^MR||", ["NWH", "NWH", "NWH"]),
    ("our-lady-of", '"facility": "Our Lady of the Pines", "unit": 4', ["Our Lady of the Pines"]),
    ("saint-regional", "lab at St. Wenceslas Regional lost it; from st agatha general", ["St. Wenceslas Regional", "st agatha general"]),
    ("one-word-health-system", "transfer to OhioHealth neuro, then seen at WellSpan", ["OhioHealth", "WellSpan"]),
    ("surname-comma-first-capitals", "find OYELARAN, TOBI K dob 040451", ["OYELARAN, TOBI K"]),
    ("email-shape", "mail it to ana.ruiz+rx@clinic.local or to j_o@ward-4.corp.", ["ana.ruiz+rx@clinic.local", "j_o@ward-4.corp"]),
    ("age-beside-name", "my father Ezra Lindqvist, 93. I am his POA", ["93"]),
    ("age-is", "My mother Pia Marchetti is 101 and lives alone", ["101"]),
    ("hl7-address-street", "PID|1||7710221^^^NWH^MR||LEE^AMY||19600101|F|||4 OAK LN^^SALEM^OR^97301", ["4 OAK LN"]),
])
def test_portal_shapes(policy, name, text, want):
    assert [m.strip() for m in matches(policy, name, text)] == want


@pytest.mark.parametrize("name, text", [
    ("month-day-dated", "rose from 1/3 of patients to 2/3; cut from 3/4 tab to half"),
    ("month-day-anchored", "given 3/4 1000 units of heparin; 5/6 0.9 saline"),
    ("dob-compact", "born 1952, batch 123456; dob unknown 99"),
    ("date-in-words", "the first of many; may the second trial succeed; in the second of two studies"),
    ("age-in-words", "ninety patients; ninety one percent were over ninety years"),
    ("mail-display-name", "Sent from my phone. From the desk <note>"),
    ("one-word-health-system", "Health and Healthcare workers; mHealth apps; insurance EmblemHealth GHI"),
    ("surname-comma-first-capitals", "labs: CBC, BMP dob pending; WBC, RBC mrn"),
    ("ca-postcode", "GCS 13 (E3V4M6), pupils 3 mm"),
    ("age-is", "Oxygen Saturation is 94 on room air; Heart Rate was 96"),
    ("email-shape", "the @ sign; user@localhost; a@b"),
])
def test_and_what_only_looks_like_them(policy, name, text):
    assert matches(policy, name, text) == []


def test_a_table_header_labels_its_columns(policy):
    text = "visit list\nname,dob,mrn,phone\nOlwen Gray,2/9/51,55102937,555-330-1182\nYoung Park,8/1/44,55102940,\n\nnotes, later"
    cells = {text[a:b]: name for name, a, b in table_cells(text)}
    assert cells["Young Park"] == "name" and cells["55102940"] == "mrn" and "notes" not in cells
    mrn = labeled_detection(policy, "MEDICAL_RECORD_NUMBER")
    assert [text[a:b] for a, b in labeled_values(text, tuple(mrn.labels), mrn.min_chars)] == ["55102937", "55102940"]
    person = labeled_detection(policy, "PERSON")
    names = [text[a:b] for a, b in labeled_names(text, tuple(person.labels), frozenset({"young", "gray"}))]
    assert "Olwen Gray" in names and "Young Park" in names  # the column says name, whatever the words


def test_a_sentence_with_commas_labels_nothing(policy):
    person = labeled_detection(policy, "PERSON")
    text = "Name, address, phone below\nI will send mine, later today, thanks\nHi, thanks, bye\nsee you, at noon, ok"
    assert labeled_names(text, tuple(person.labels), frozenset()) == []
    assert table_cells("one line, no rows") == ()


def test_a_label_may_lead_its_value_with_dots_and_initials_may_end_at_a_comma(policy):
    person = labeled_detection(policy, "PERSON")
    text = "  Name ........ OYELOWO, TEMI\n  SSN ......... x\nPt K.L., 81F"
    assert [text[a:b] for a, b in labeled_names(text, tuple(person.labels), frozenset())] == ["OYELOWO, TEMI", "K.L."]


def test_a_national_health_number_after_its_label(policy):
    mrn = labeled_detection(policy, "MEDICAL_RECORD_NUMBER")
    text = "CT read for Aroha Tane (NHI QRT4471) and OHIP 4410-229-871"
    assert [text[a:b] for a, b in labeled_values(text, tuple(mrn.labels), mrn.min_chars)] == ["QRT4471", "4410-229-871"]


def test_json_keys_label_their_values(policy):
    text = '{"patient_name":"OSEI, KOFI","mrn": "AB-4410923", "member_id":"ZQ88120934"}'
    person, mrn = labeled_detection(policy, "PERSON"), labeled_detection(policy, "MEDICAL_RECORD_NUMBER")
    assert [text[a:b] for a, b in labeled_names(text, tuple(person.labels), frozenset())] == ["OSEI, KOFI"]
    assert [text[a:b] for a, b in labeled_values(text, tuple(mrn.labels), mrn.min_chars)] == ["AB-4410923"]


@pytest.mark.parametrize("text, value", [
    ("STEMI, Killip class II on arrival", "Killip"),
    ("Is Tanner stage 2 at 8 years early?", "Tanner"),
])
def test_a_name_before_a_grade_or_stage_is_a_term(policy, text, value):
    keeper, s = Keeper(policy.keep), text.index(value)
    assert keeper.keeps(text, s, s + len(value), keeper.shapes(text), person=True)


def test_a_short_unlisted_word_in_capitals_is_no_surname_before_a_comma():
    from embgov.gate.gazetteer import NameFinder

    text = "to the neuro ICU, ETA 2130; Killip class II, TIMI 4; seen by OKONKWO, ADA"
    assert [text[s:e] for s, e, _ in NameFinder(0.6, 0.85).find(text)] == ["OKONKWO, ADA"]
