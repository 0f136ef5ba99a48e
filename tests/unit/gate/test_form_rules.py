"""Rules for identifiers in forms (HL7 and X12 segments, headers, fax sheets, claims lines) and the domain terms
they must leave alone: each rule caught where it should be, quiet where a term stands. No spaCy."""

from __future__ import annotations

import pytest
import regex

from embgov.gate.expand import expand_address, expand_name
from embgov.gate.gazetteer import NameFinder
from embgov.gate.keep import Keeper
from embgov.gate.labeled import labeled_names, labeled_values
from embgov.gate.lists import load


def pattern(policy, name: str) -> regex.Pattern:
    for entity in policy.entities:
        for det in entity.detection:
            for p in getattr(det, "patterns", None) or []:
                if p.name == name:
                    return regex.compile(p.regex, regex.DOTALL | regex.MULTILINE)
    raise KeyError(name)


def matches(policy, name: str, text: str) -> list[str]:
    return [m.group() for m in pattern(policy, name).finditer(text)]


ID_LABELS = ("MRN", "MR#", "member id", "health plan", "policy", "grp", "SSN", "acct", "ref", "Rx#", "visit:", "group:")


@pytest.mark.parametrize("text, values", [
    ("Health Plan ID: ZHP 884 120 337\nI saw", ["ZHP 884 120 337"]),      # a prefix in capitals, spaced digit groups
    ("Member ID: W 2280 1177 4   Group: 00418-220", ["W 2280 1177 4", "00418-220"]),
    ("outside MR# SB 4471092.", ["SB 4471092"]),
    ("MR#:HX_0041187  Visit:VX_20240118_02", ["HX_0041187", "VX_20240118_02"]),  # underscores; 'Visit:' stays
    ("Health plan: KP#0098817734", ["KP#0098817734"]),                  # a '#' inside the value
    ("(MRN#88120045)?", ["MRN#88120045"]),                              # a label glued to its value: all of it
    ("||||GRP-440918|||", ["GRP-440918"]),
    ("SSN on file ends in 7793; full SSN 508-29-7793", ["7793", "508-29-7793"]),
    ("Rx# 6620194-07  LINDQVIST", ["6620194-07"]),
])
def test_labeled_values_in_forms(text, values):
    assert [text[s:e] for s, e in labeled_values(text, ID_LABELS)] == values


@pytest.mark.parametrize("text", [
    "HbA1c 7.9% (ref 4.0-5.6). eGFR 54",    # a range of decimals after 'ref' is a reference range
    "account 1234 is 5 days late",           # (one value: '1234'; the count after it is not part of it)
])
def test_labeled_values_leave_decimals_and_counts(text):
    values = [text[s:e] for s, e in labeled_values(text, ID_LABELS)]
    assert "4.0-5.6" not in values and "1234 5" not in values


ORDINARY = load("common_words") - load("first_names") - load("surnames")
NAME_LABELS = ("pcp", "provider", "member", "patient", "grandson", "dictated by", "name")


@pytest.mark.parametrize("text, names", [
    ("Follow-up: PCP Dr. Anneliese Marchbanks within 7 days", ["Anneliese Marchbanks"]),  # the title is not the name
    ("Mrs. Thornbury's grandson, Caspian, age 9", ["Caspian"]),         # an appositive after a comma
    ("Dictated by Ferris Olawale, PA-C; transcribed", ["Ferris Olawale"]),  # credentials are no given name
    ("Patient: Margarethe Osei-Bonsu    MRN: 7720-1193-4", ["Margarethe Osei-Bonsu"]),  # two spaces end a field
    ("Referring provider NPI: 1740298817", []),                          # the next field's label
    ("new member ID is 199601403N", []),
])
def test_labeled_names_in_forms(text, names):
    assert [text[s:e] for s, e in labeled_names(text, NAME_LABELS, ORDINARY)] == names


def test_hl7_segments(policy):
    pid = "PID|1||556201873^^^LKS^MR||HARGREAVES^TOBIAS^R||19520819|M|||27 Quarry Hill Rd^^Montague^MA^01351||x"
    assert matches(policy, "hl7-person-name", pid) == ["HARGREAVES^TOBIAS^R"]   # not the id's 'LKS^MR'
    assert matches(policy, "hl7-identifier", pid) == ["556201873"]
    assert matches(policy, "compact-date", pid) == ["19520819"]
    assert matches(policy, "hl7-address-city", pid) == ["Montague"]
    assert matches(policy, "hl7-address-zip", pid) == ["01351"]
    pv1 = "PV1|1|I|4W^412^B||||1558392014^OKAFOR^CHIDI^^^MD|||MED"
    assert matches(policy, "hl7-person-id", pv1) == ["1558392014"]
    assert matches(policy, "hl7-person-name", pv1) == ["OKAFOR^CHIDI"]
    assert matches(policy, "hl7-person-name", "OBR|1|ORD448120|80053^COMPREHENSIVE METABOLIC PANEL") == []


def test_x12_person_names_only(policy):
    assert matches(policy, "x12-person-name", "NM1*IL*1*PEMBERTON*OLIVE****MI*YQX440192018~") == ["PEMBERTON*OLIVE"]
    assert matches(policy, "x12-person-name", "NM1*PR*2*BLUE CROSS*****PI*00112~") == []   # '2': an organisation


@pytest.mark.parametrize("name, text, found", [
    ("iso-date", "Last seen 2023.08.10; next appt 2024/02/12 10:15", ["2023.08.10", "2024/02/12 10:15"]),
    ("iso-date", "edited 2024-03-11T08:30:00Z from", ["2024-03-11T08:30:00Z"]),
    ("iso-date", "version 2023.08.101 and 1.2.3", []),
    ("compact-date", "DTP*472*D8*20240115~ and 20240311083000", ["20240115", "20240311083000"]),
    ("compact-date", "accession 20241399, PMID 20231104.5", []),       # month 13; a decimal
    ("month-year", "claims DOS 11/2023", ["11/2023"]),
    ("month-year", "ratio 11/20234 and 3/10", []),
    ("weekday", "labs from last Tuesday", ["last Tuesday"]),
    ("day-ordinal", "switch from the 14th to Friday", ["the 14th"]),
    ("day-ordinal", "dates back to the 14th century; up to the 5th percentile", []),
])
def test_date_forms(policy, name, text, found):
    assert matches(policy, name, text) == found


@pytest.mark.parametrize("name, text, found", [
    ("rural-route", "Home health referral: RR 2 Box 118, Pittsfield, ME.", ["RR 2 Box 118"]),
    ("street-name", "send it to the walgreens on Elm St? thanks", ["Elm St"]),
    ("street-name", "based on Western blot and on Cox regression", []),
    ("house-street-number", "LISINOPRIL 10 MG TAB  Qty 90  Refills 3", []),   # a dose, not a house number
    ("house-street-number", "lives at 17 Harbour View Road 4 now", ["17 Harbour View Road 4"]),
])
def test_address_forms(policy, name, text, found):
    assert matches(policy, name, text) == found


@pytest.mark.parametrize("name, text, found", [
    ("named-practice", "From: Penobscot Valley Cardiology   Phone", ["Penobscot Valley Cardiology"]),
    ("named-practice", "cc: Northgate Family Practice", ["Northgate Family Practice"]),
    ("named-practice", "To: Riverside Sleep Center", ["Riverside Sleep Center"]),
    ("named-practice", "the Department of Pediatric Cardiology and the Journal of Family Practice", []),
    ("named-practice", "guidelines of the American College of Cardiology", []),
    ("facility-name", "Discharged to Willowcrest Nursing & Rehab in", ["Willowcrest Nursing & Rehab"]),
    ("clinician-affiliation", "referred by Dr. Halloran of Holy Cross for", ["Holy Cross"]),
    ("clinician-affiliation", "seen by Dr. Halloran of Cardiology today", []),
    ("patient-at-facility", "Kofi is at Mt. Sinai since Thursday.", ["Mt. Sinai"]),
    ("specialty-comma-institution", "Referral: Noor to Cardiology, Holy Cross. Reason", ["Holy Cross"]),
])
def test_facility_forms(policy, name, text, found):
    assert matches(policy, name, text) == found


@pytest.fixture(scope="module")
def keeper(policy):
    return Keeper(policy.keep)


def _keeps(keeper, text, value, person):
    start = text.index(value)
    return keeper.keeps(text, start, start + len(value), keeper.shapes(text), person=person)


@pytest.mark.parametrize("text, value, person", [
    ("In Germany, France and Italy, reimbursement differs", "France", True),   # an enumeration of countries
    ("all 50 states and the District of Columbia.", "the District of Columbia", False),
    ("The Apgar, Ballard and Dubowitz scores assess", "Apgar", True),          # eponyms listed before their noun
    ("The circle of Willis provides collateral flow", "Willis", True),        # 'X of <eponym>'
    ("used the Wilcoxon signed-rank test", "Wilcoxon", True),
    ("in Okazaki fragments", "Okazaki", False),                           # a place before an eponym's noun
    ("Cohen's kappa was 0.8", "Cohen", True),
    ("TRIAL REGISTRATION: ClinicalTrials.gov NCT01234567.", "ClinicalTrials.gov", False),
])
def test_domain_terms_kept(keeper, text, value, person):
    assert _keeps(keeper, text, value, person)


@pytest.mark.parametrize("text, value, person", [
    ("Dr. Willis saw her on Monday", "Willis", True),                 # the same word as a person
    ("Patient France Dubois, seen today", "France", True),             # a country as a first name, no enumeration
    ("Mother Cohen signed the consent", "Cohen", True),                 # 'signed' alone is no eponym noun
    ("Lives in Maricopa County; valley fever serology", "Maricopa County", False),  # the noun must follow the place
])
def test_people_not_kept(keeper, text, value, person):
    assert not _keeps(keeper, text, value, person)


def test_names_do_not_run_across_sentences_or_function_words():
    names = NameFinder(0.6, 0.85)
    found = lambda t: [t[s:e] for s, e, score in names.find(t) if score >= 0.5]  # noqa: E731  (the PERSON threshold)
    assert found("assessed by fluorescence in situ hybridization") == []
    assert "America. Helicobacter" not in found("endemic in Latin America. Helicobacter pylori eradication")
    assert found("seen by Julieta S. Almeida today") == ["Julieta S. Almeida"]   # a middle initial still joins
    # a first name introduced in lower case inside cased text; the same words otherwise stay words
    assert "ravi" in found("hi this is ravi (Anjali's husband). She has a fever")
    assert found("hi this is fine, she has a fever") == []


def test_expansion_stops_at_a_form_field():
    text = "Member: Ferdinand Alcott   Member ID: W 2280 1177 4"
    at = text.index("Ferdinand")
    start, end = expand_name(text, at, at + len("Ferdinand Alcott"))
    assert text[start:end] == "Ferdinand Alcott"
    text = "Beneficiary Everett Hollis, DOB 11-Sep-1963"
    at = text.index("Hollis")
    assert text[slice(*expand_address(text, at, at + 6))] == "Hollis"
