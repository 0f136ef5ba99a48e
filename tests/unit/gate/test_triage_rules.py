"""Rules from the first look at bench/devsets/clinical_triage.json (triage logs, EMS run sheets, incident reports,
line lists): a day and month whose day is past 10, 'the 23rd' at the end of a clause, an age after a name's
parenthesis or before a house number, a store or site by its number, transfer destinations; and what stays
(counts out of a total, scores, hospital units); rural grid and road-numbered addresses, street corners and
highway positions. Values are invented for the test and are not in any dev set."""

from __future__ import annotations

import pytest

from embgov.gate.expand import expand_date
from embgov.gate.keep import Keeper
from embgov.gate.labeled import labeled_values
from embgov.gate.lists import load
from policykit import labeled_detection, pattern_matches as matches


@pytest.mark.parametrize("name, text, want", [
    ("month-day-late", "OT visit — 3/17 — pt practicing transfers", ["3/17"]),
    ("month-day-late", "line list: R. Amsel (onset 1/29), T. Brill (1/30)", ["1/29", "1/30"]),
    ("month-day-late", "bitten by a dog 8/14. Wound clean", ["8/14"]),
    ("month-day-late", "resubmit after 6/15.", ["6/15"]),
    ("day-ordinal-clause", "Form faxed the 4th by the unit clerk", ["the 4th"]),
    ("day-ordinal-clause", "skin tear noted the 21st, on apixaban", ["the 21st"]),
    ("age-beside-name", "resident Ines Varga (retired teacher), 94, fell", ["94"]),
    ("age-beside-name", "referral: Oskar Lindfors, 91, 118 Birch Row, Duluth", ["91"]),
    ("numbered-site", "flu shot given at Corner Drug #2291, then to Hilltop Pharmacy # 88", ["Corner Drug #2291", "Hilltop Pharmacy # 88"]),
    ("one-word-health-system", "Hypothermic. To RiverHealth.", ["RiverHealth"]),
    ("road-numbered-address", "farm at S4410 County Hwy JJ, then 1880 County Road 52", ["S4410 County Hwy JJ", "1880 County Road 52"]),
    ("street-intersection", "found at the corner of Alder and W 38th, cold", ["Alder and W 38th"]),
    ("street-intersection", "MVC at intersection of 3rd & Pine St. Two pts", ["3rd & Pine St."]),
    ("highway-position", "car on I-35 southbound near exit 72, then US-59 & FM 2100", ["I-35 southbound near exit 72", "US-59 & FM 2100"]),
    ("residence-facility", "BIBA from Maple Crest Villa SNF, febrile; a Quail Run Acres resident", ["Maple Crest Villa SNF", "Quail Run Acres"]),
    ("childrens-short", "seen at Dayton Children's urgent care, then Rady Children's.", ["Dayton Children's", "Rady Children's"]),
    ("quoted-name", 'pt says his name is "Dusty", and aide "Marisela Ruiz" helped', ["Dusty", "Marisela Ruiz"]),
    ("name-before-id", "verify allergies for Min-Ji Song (DOB 1980/02/11) and Ivo Grant, MRN 5541", ["Min-Ji Song", "Ivo Grant"]),
    ("month-year", "PFTs from 4/2023 showed it", ["4/2023"]),
    ("street-type-first", "lives at Pod Lipami 14, Brno", ["Pod Lipami 14"]),
    ("nickname-in-name", 'plan: Theodora "Teddy" Vasquez-Lind home today', ['Theodora "Teddy" Vasquez-Lind']),
    ("facility-name", "moved to Lakeside Retirement Home after, per Fenwick Medical Practice", [
        "Lakeside Retirement Home", "Fenwick Medical Practice"]),
])
def test_triage_rules_take(policy, name, text, want):
    assert matches(policy, name, text) == want


@pytest.mark.parametrize("name, text", [
    ("month-day-late", "positive in 6/13 (46%) patients and 11/20, 55%"),
    ("month-day-late", "3/12 cores positive; 2/14 lymph nodes negative"),
    ("month-day-late", "vancomycin day 9/14; only 7/19 cause sterility"),
    ("month-day-late", "dose 2.5/12 and 1/12.5 and 3/15 mg"),
    ("month-day-late", "strength 5/5, murmur 2/6, pain 8/10, PS 10/5"),
    ("day-ordinal-clause", "the 3rd ventricle and the 21st century"),
    ("age-beside-name", "Table, 95, 96, 97"),
    ("numbered-site", "moved to Room #204, then to Bed #12 and Medic #14"),
    ("road-numbered-address", "Route 66 nostalgia; the I-94 corridor; 12 mg q4h"),
    ("street-intersection", "at the corner of the room and the bed"),
    ("highway-position", "the I-94 corridor study and US-2 funding"),
    ("residence-facility", "the Royal Gardens were lovely; Maple Villa by the lake"),
    ("childrens-short", "reads Golden Children's Books and Save the Children's fund"),
    ("quoted-name", 'the "Stop" sign; called "bad blood"; his wife "feels fine"'),
    ("name-before-id", "Pull chart (DOB on file); Patient (MRN 4410)"),
    ("month-year", "events in 5/2000 patients and 3/1999 cases; 1/2000 in UK; 1/1000 live births"),
    ("street-type-first", "hip fx POD 3, wound clean; POD 12 today"),  # a post-operative day
])
def test_triage_rules_leave(policy, name, text):
    assert matches(policy, name, text) == []


@pytest.mark.parametrize("text", ["transferred to ICU, then to CT", "transfer to Cath lab", "sent to ED, then to OR"])
def test_hospital_units_are_no_facility(policy, text):
    assert matches(policy, "facility-after-visit", text) == []


def test_language_names_are_a_listed_vocabulary():
    langs = load("languages")
    assert {"english", "somali", "hmong", "sylheti", "marshallese", "cantonese", "tagalog", "greek"} <= langs
    assert not {"maria", "are", "even", "smith", "boston"} & langs  # 7,000 ISO names hold words, names and places


@pytest.mark.parametrize("text, value, person, kept", [
    ("Need Somali interpreter in person", "Somali", False, True),  # Somali is also a region's name
    ("husband speaks some English, call", "English", True, True),
    ("Interpreter booked: Hmong, Marshallese", "Hmong, Marshallese", False, True),
    ("she lives in Somali region", "Somali", False, False),  # where a person lives is a place
    ("Mr. French at bedside", "French", True, False),  # a listed first name stays a name
])
def test_keeper_keeps_what_a_person_speaks(policy, text, value, person, kept):
    keeper = Keeper(policy.keep)
    start = text.index(value)
    assert keeper.keeps(text, start, start + len(value), keeper.shapes(text), person=person) is kept


@pytest.mark.parametrize("text, found, want", [
    ("call, Sat 11/18/23 22:47. Pt", "11/18/23 22:47", "Sat 11/18/23 22:47"),
    ("in the dayroom 12/2/23 at approx 15:30. No", "12/2/23", "12/2/23 at approx 15:30"),
    ("at 19:40 on 8/3. Bracelet", "8/3", "19:40 on 8/3"),
    ("log: 0234 on 12/31, caller", "12/31", "0234 on 12/31"),
    ("crash, Jan 14 '24 at 1930.", "Jan 14 '24", "Jan 14 '24 at 1930"),
    ("appt 6/4 @ 0930 at the clinic", "6/4", "6/4 @ 0930"),
    ("arrival Monday June 10th around 2pm. Ground", "June 10th", "Monday June 10th around 2pm"),
    ("seen 12/2/23 120 mg daily", "12/2/23", "12/2/23"),  # a number without a colon needs 'at' or '@'
    ("on 3/11/24 at 3 doses", "3/11/24", "3/11/24"),
    ("in 2000 1/18 cohort", "1/18", "1/18"),  # four digits before a date are a time only with 'on'
])
def test_a_date_takes_its_weekday_and_time(text, found, want):
    start = text.index(found)
    s, e = expand_date(text, start, start + len(found))
    assert text[s:e] == want


@pytest.mark.parametrize("text, values", [
    ("Incident #: 2024-041993\nDate: today", ["2024-041993"]),
    ("via CoverMyMeds key QZT4RM8K.", ["QZT4RM8K"]),
    ("Ride LY-8PQ21ZX. Scheduled by the desk", ["LY-8PQ21ZX"]),
    ("consented (subj KT-0448) today", ["KT-0448"]),
    ("Reg. no. ABJ/2023/551902.", ["ABJ/2023/551902"]),
    ("Spanish interpreter #558120 joined", ["558120"]),
])
def test_operations_ids_after_their_labels(policy, text, values):
    det = labeled_detection(policy, "OTHER_ID")
    assert [text[s:e] for s, e in labeled_values(text, tuple(det.labels), det.min_chars)] == values


@pytest.mark.parametrize("text", ["the key findings were 3 lesions", "ride 5 miles daily", "subject 2 of 10", "trip 3 days"])
def test_operations_labels_take_no_words_or_counts(policy, text):
    det = labeled_detection(policy, "OTHER_ID")
    assert labeled_values(text, tuple(det.labels), det.min_chars) == []
