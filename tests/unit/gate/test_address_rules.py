"""Address blocks and other real-world formats: the expander grows a street finding over its unit, town, country
and postal code lines; the policy's shape patterns find towns before US state codes, foreign postal codes, spelled-out
phone digits and zero-padded record numbers. Each rule has a case it must take and a domain sentence it must leave."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from embgov.gate.expand import expand_address
from embgov.policy.load import load_policy

ROOT = Path(__file__).resolve().parents[3]
HIPAA = load_policy(ROOT / "policies" / "hipaa.yaml").policy


def grown(text: str, found: str) -> str:
    start = text.index(found)
    s, e = expand_address(text, start, start + len(found))
    return text[s:e]


@pytest.mark.parametrize("text, found, whole", [
    # a building number before the street number
    ("Jane Roe\n\n04 44 Rue Abel\n Suite 783\n Gargara", "44 Rue Abel", "04 44 Rue Abel\n Suite 783\n Gargara"),
    # lower-case unit and comma-led town and country with a postal code on the same line
    ("the office is at 114 rue sidi apt. 789, valverde de valdelacasa, spain 14385", "114 rue sidi",
     "114 rue sidi apt. 789, valverde de valdelacasa, spain 14385"),
    # list markers before each line of the block
    ("x\n- 42 Kerkstraat 197\n- suite 834\n- Montzen\n- Belgium 64733", "42 Kerkstraat 197",
     "42 Kerkstraat 197\n- suite 834\n- Montzen\n- Belgium 64733"),
    # the last line up to its postal code, though the sentence goes on
    ("Please return to 51 Rostsestraat 222\nMakareao, ZH 57132 in case of an issue.", "51 Rostsestraat 222",
     "51 Rostsestraat 222\nMakareao, ZH 57132"),
    # country and postal code after a blank line
    ("12 Via Roma 5\n Apt. 4\n Bisegna\n\n Italy 65001", "12 Via Roma 5\n Apt. 4\n Bisegna",
     "12 Via Roma 5\n Apt. 4\n Bisegna\n\n Italy 65001"),
])
def test_address_blocks_grow_whole(text, found, whole):
    assert grown(text, found) == whole


@pytest.mark.parametrize("text, found", [
    ("She lives at 12 Main St, and she is happy there.", "12 Main St"),
    ("Seen at 12 Main St.\n\nPlan: follow up in 2 weeks, 12345 units given", "12 Main St"),
    ("Sent to 12 Main St, for the records of 2019.", "12 Main St"),
])
def test_address_growth_stops_at_clauses_and_prose(text, found):
    assert grown(text, found) == found


def pattern(name: str) -> tuple[regex.Pattern, bool]:
    for entity in HIPAA.entities:
        for det in entity.detection:
            for p in getattr(det, "patterns", None) or []:
                if p.name == name:
                    return regex.compile(p.regex), bool(getattr(det, "needs_subject", False))
    raise KeyError(name)


@pytest.mark.parametrize("name, text, value", [
    ("street-address-any-case", "send it to 12 fourth avenue suite 9 leeds", "12 fourth avenue"),
    ("unit", "moved to flat 3B last year", "flat 3B"),
    ("city-state", "lives with her son outside Montpelier, VT; drives in", "Montpelier"),
    ("city-state", "works at a plant in Rocky Mount Heights, NC", "Rocky Mount Heights"),
    ("military-address", "change my address to unit 9456 box 8731", "unit 9456 box 8731"),
    ("uk-postcode", "Flat 2, 10 Downing St, London SW1A 2AA", "SW1A 2AA"),
    ("ca-postcode", "Ottawa, ON K1A 0B1", "K1A 0B1"),
    ("postcode-after-town", "in Quinta de São Tiago 3610-114 in its", "3610-114"),
    ("spelled-digits", "call her son at six one seven, 555 0199 today", "six one seven, 555 0199"),
    ("zero-padded-number", "DOE, JANE 5/6/1970 00123456 F", "00123456"),
])
def test_real_world_formats_are_found(name, text, value):
    rx, _ = pattern(name)
    assert value in [m.group() for m in rx.finditer(text)]


@pytest.mark.parametrize("name, text", [
    ("street-address-any-case", "We followed 412 patients along the road to recovery in 3 years."),
    ("city-state", "Treatment A, OR 1.42 (95% CI 1.1-1.8); Boston, OR=2"),
    ("uk-postcode", "CD4 T cells and IL6 levels rose; HLA-B27 was typed."),
    ("postcode-after-town", "Table 12-345 and Figure 3-4 show the ranges 10-20."),
    ("spelled-digits", "One of the two groups received one dose."),
    ("zero-padded-number", "p = 0.0001234 and 1000000 cells; 0.5 mg"),
    ("unit", "one unit 5 times a day; the ICU unit of care"),
])
def test_domain_text_is_left_alone(name, text):
    rx, _ = pattern(name)
    assert not list(rx.finditer(text)), [m.group() for m in rx.finditer(text)]


@pytest.mark.parametrize("name", ["street-address-any-case", "city-state", "uk-postcode", "ca-postcode",
                                  "postcode-after-town", "spelled-digits", "zero-padded-number"])
def test_new_shapes_count_only_in_a_record_about_a_person(name):
    assert pattern(name)[1]


@pytest.mark.parametrize("text", ["Signed H.L. Achterberg, MD, NPI 1684490968.", "Insurance card: Aetna, ID K7740-21956",
                                  "Seen by Jo Smith, PA today", "Treatment A, OR 1.42"])
def test_state_codes_that_are_degrees_or_labels_make_no_town(text):
    assert not list(pattern("city-state")[0].finditer(text))


@pytest.mark.parametrize("text, found, whole", [
    ("as promised:\n\n19 pierre laan 211 apt. 098 erwetegem belgium", "19 pierre laan 211 apt",
     "19 pierre laan 211 apt. 098 erwetegem belgium"),
    ("19 calle mayor 1268\n apt. 013\n rocha\n uruguay 13453", "apt. 013", "19 calle mayor 1268\n apt. 013\n rocha\n uruguay 13453"),
    ("Home\n08 251 Main Str.\n- Suite 383\n- Springfield", "Suite 383", "08 251 Main Str.\n- Suite 383\n- Springfield"),
    ("change my address to 97 guildry street suite 709, keaau, belgium 18632 for post mail?", "97 guildry street",
     "97 guildry street suite 709, keaau, belgium 18632"),
])
def test_units_and_lines_above_join_the_block(text, found, whole):
    assert grown(text, found) == whole


def test_no_line_above_without_a_house_number():
    text = "Temp 38.5 overnight\nApt 4 is hers"
    assert grown(text, "Apt 4") == "Apt 4"


def test_lower_case_titled_names():
    rx, _ = pattern("titled-name-lower-case")
    assert [m.group() for m in rx.finditer("mr. martin is a 50 year old man; dr. hurst agreed")] == ["mr. martin", "dr. hurst"]
    assert not list(rx.finditer("Drs. Smith and the dr of the group; Mr. Smith; cdr. values"))


@pytest.mark.parametrize("text, found, whole", [
    ("change my address to 70 Omonia Square Suite 685, Quebec, Bosnia and Herzegovina 78990 for post mail?",
     "70 Omonia Square", "70 Omonia Square Suite 685, Quebec, Bosnia and Herzegovina 78990"),
    ("billing address: 04 Oli 68\n Apt. 983\n Himmiste\n Thailand for this card: 4916711412905603", "04 Oli 68",
     "04 Oli 68\n Apt. 983\n Himmiste\n Thailand"),
])
def test_a_country_closes_the_block(text, found, whole):
    assert grown(text, found) == whole


def test_a_line_that_names_no_country_is_not_taken():
    text = "Lives at 12 Main St\nBlood pressure was stable: 120/80"
    assert grown(text, "12 Main St") == "12 Main St"


def test_a_role_word_before_a_verb_is_no_name():
    rx, _ = pattern("name-before-verb")
    assert not list(rx.finditer("Pt reports travel to Peru. Patient states she is well."))
    assert [m.group() for m in rx.finditer("Nakamura states he is well.")] == ["Nakamura"]
