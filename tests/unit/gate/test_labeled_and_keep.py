"""Labeled values (the label anchors the value, whatever its shape) and kept domain vocabulary. No spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

from embgov.gate.keep import Keeper
from embgov.gate.labeled import labeled_names, labeled_values
from embgov.gate.lists import load
from embgov.policy.load import load_policy

ROOT = Path(__file__).resolve().parents[3]
ID_LABELS = ("MRN", "MR#", "medical record", "med rec", "chart", "SSN", "SS#", "social security", "member id", "HICN",
             "HBN", "policy", "group no", "medicare", "DL", "account", "acct")


@pytest.mark.parametrize("text, values", [
    ("SSN: 123-45-6789 and SSN 987-65-4321.", ["123-45-6789", "987-65-4321"]),  # numbers the SSA never issues
    ("social security no. 912-44-0187", ["912-44-0187"]),
    ("ssn is 123 45 6789 ok", ["123 45 6789"]),
    ("MRN: ZX-99183", ["ZX-99183"]),
    ("MR# 12345-NYP, chart # 00123456", ["12345-NYP", "00123456"]),
    ("Med Rec No. 1234-5678", ["1234-5678"]),
    ("the mrn 12345ABC was", ["12345ABC"]),
    ("MRN:\n ST-998877", ["ST-998877"]),
    ("HBN: 789-456-123 / HICN: B123456789 / policy #11223344.", ["789-456-123", "B123456789", "11223344"]),
    ("Member ID: W2231-88410", ["W2231-88410"]),
    ("acct no. 0004412-33", ["0004412-33"]),
    ("group no. 25360397, x", ["25360397"]),
    ("Fin class: Medicare   HICN: 267475", ["267475"]),  # a label with no value does not swallow the next one
    ("DL 12345678", ["12345678"]),
])
def test_labeled_values_whatever_their_shape(text, values):
    assert [text[s:e] for s, e in labeled_values(text, ID_LABELS)] == values


@pytest.mark.parametrize("text", [
    "glucose 126 mg/dL 70-100",        # 'dL' is a unit, not 'DL'
    "dl 1234567",                       # two-letter labels match as written, capitalised or in capitals
    "the chart shows 3 peaks",          # no value with a digit and four characters
    "policy: pending review",           # a value needs a digit
    "policy stated that 5 patients",
])
def test_no_value_without_a_label_and_a_digit(text):
    assert labeled_values(text, ID_LABELS) == []


ORDINARY = load("common_words") - load("first_names") - load("surnames")
NAME_LABELS = ("name", "patient", "pt", "emergency contact", "contact", "policyholder", "message from", "partner")


@pytest.mark.parametrize("text, names", [
    ("Emergency contact: Wystan Hobbledon (husband), cell", ["Wystan Hobbledon"]),
    ("Name:\tBRISEWOOD, JOVANKA\nDOB", ["BRISEWOOD, JOVANKA"]),
    ("Pt: DELACROIX, WINIFRED   Fin class: Medicare", ["DELACROIX, WINIFRED"]),
    ("Patient Ysolde Quennavelt (MRN", ["Ysolde Quennavelt"]),
    ("Pt Radomir Quillfeather, 61M,", ["Radomir Quillfeather"]),
    ("policyholder Cosimo Vantablack.", ["Cosimo Vantablack"]),
    ("lives with his partner Lioba at 12", ["Lioba"]),
    ("Patient John Smith Presented with", ["John Smith"]),  # stops at an English word
    ("Patient Denies chest pain", []),
    ("the patient was seen", []),
])
def test_labeled_names(text, names):
    assert [text[s:e] for s, e in labeled_names(text, NAME_LABELS, ORDINARY)] == names


@pytest.fixture(scope="module")
def keeper():
    return Keeper(load_policy(ROOT / "policies/hipaa.yaml").policy.keep)


def _keeps(keeper, text, value, person):
    start = text.index(value)
    return keeper.keeps(text, start, start + len(value), keeper.shapes(text), person=person)


@pytest.mark.parametrize("text, value, person", [
    ("activated Kras in the lung", "Kras", True),                    # gene symbol
    ("oocytes of Xenopus were injected", "Xenopus", False),          # genus
    ("treated with Losartan daily", "Losartan", True),                # drug
    ("we used data from South Africa as", "Africa", True),           # part of a country's name
    ("in eastern sub-Saharan Africa", "sub-Saharan Africa", False),
    ("a cohort in Eastern China", "Eastern China", False),
    ("Isolation from African Sykes' monkeys", "Sykes", True),        # an eponym before its noun
    ("Candida albicans, a fungus", "Candida", False),                # a genus before its species
    ("proteins such as Chordin; chordin binds", "Chordin", True),    # the text also writes it in lower case
    ("measured by Western blot", "Western", True),                   # an English word
    ("(95% CI 1.02-1.26)", "02-1.26", False),                        # inside a kept shape
    ("registered as NCT01234567.", "NCT01234567", False),
])
def test_domain_vocabulary_is_kept(keeper, text, value, person):
    assert _keeps(keeper, text, value, person)


@pytest.mark.parametrize("text, value, person", [
    ("Patient Will Smith reported", "Will Smith", True),             # a listed first name is never a term
    ("we moved from Tacoma to Leeds. Our", "Leeds", False),          # a listed place stays a place
    ("Lives alone in Kings County.", "Kings County", False),         # English words, one listed place
    ("Patient Kenya Jones", "Kenya", True),                          # a country that is a person's name
    ("seen by Ignatia Volkonskaya today", "Ignatia Volkonskaya", True),
    ("John Smith's disease", "John Smith", True),                    # a person before an eponym noun stays a person
])
def test_identifiers_are_not_kept(keeper, text, value, person):
    assert not _keeps(keeper, text, value, person)


def test_trim_name_drops_the_ordinary_words_a_sentence_starts_with(keeper):
    text = "Using Cox regression, Call John Smith, Will Smith said"
    assert text[keeper.trim_name(text, 0, 9):9] == "Cox"
    at = text.index("Call")
    assert text[keeper.trim_name(text, at, at + 15):at + 15] == "John Smith"
    at = text.index("Will")
    assert text[keeper.trim_name(text, at, at + 10):at + 10] == "Will Smith"   # 'Will' is a first name


def test_a_policy_without_keep_rules_keeps_nothing():
    from embgov.policy.document import KeepRules

    keeper = Keeper(KeepRules())
    assert not keeper.active
    assert not keeper.keeps("activated Kras here", 10, 14, [], person=True)
