"""Word-list recognizers: names and places found, ordinary words and terms left alone (no spaCy needed)."""

from __future__ import annotations

import pytest

from embgov.gate.expand import repeats, whole_words
from embgov.gate.gazetteer import NameFinder, PlaceFinder
from embgov.gate.words import caseless, tokens
from embgov.gate.lists import LISTS, fold, load


@pytest.fixture(scope="module")
def names() -> NameFinder:
    return NameFinder(0.6, 0.85)


@pytest.fixture(scope="module")
def places() -> PlaceFinder:
    return PlaceFinder(0.6, 0.85)


def found(finder, text: str) -> list[tuple[str, float]]:
    return [(text[s:e], score) for s, e, score in finder.find(text)]


def test_lists_ship_with_the_package_and_fold_accents():
    sizes = {name: len(load(name)) for name in LISTS}
    assert sizes["first_names"] > 10_000 and sizes["surnames"] > 10_000 and sizes["places"] > 50_000
    assert sizes["common_words"] > 5_000
    assert fold("KØBENHAVN") == "kobenhavn" == fold("Kobenhavn") and fold("Takáts") == "takats" and fold("O’Brien") == "o'brien"
    assert "brown" in load("common_words") and "brown" in load("surnames")
    with pytest.raises(KeyError):
        load("passwords")


NAME_CASES = [
    ("Scott is a very sympathetic person.", ["Scott"]),
    ("Halldór Árnþórsson will call back.", ["Halldór Árnþórsson"]),
    ("Zoe Young wrote the chorus.", ["Zoe Young"]),             # one common word beside a listed name
    ("Julieta S Almeida, staff nurse", ["Julieta S Almeida"]),  # middle initial
    ("follow up with patricia desrosiers in a month", ["patricia desrosiers"]),  # lower case in cased text
    ("she said: call me silvana, not vicky", ["silvana", "vicky"]),  # text typed without capitals
    ("Parkinson's disease and Hodgkin lymphoma were excluded.", []),  # eponyms
    ("The Hippo pathway and Nanog expression in mice.", []),     # gene names used as terms
    ("Sirt1 and Orai1 were knocked down.", []),                  # symbols glued to digits
    ("Brown rice, a Will to live, and Grace under pressure.", []),  # names that are ordinary words
    ("KRAS mutations in DALY analyses", []),                    # all-capital abbreviations
    ("Tamara T Stanković spoke.", ["Tamara T Stanković"]),      # a name that is also a rare word (tamara)
    ("The hind limb and an opal codon in Mice.", []),                     # lower-case dictionary words in cased text
    ("Seen in April by India", []),                              # months and places are not names
    ("ADEs and CIs were reported", []),                          # plural abbreviations
]


@pytest.mark.parametrize("text,expected", NAME_CASES, ids=[c[0][:30] for c in NAME_CASES])
def test_names(names, text, expected):
    assert [value for value, _ in found(names, text)] == expected


def test_name_scores_rank_full_names_above_single_words(names):
    scores = dict(found(names, "Halldór Árnþórsson met Scott and Zoe Young."))
    assert scores["Halldór Árnþórsson"] == 0.85 and scores["Scott"] == 0.6
    assert 0.6 < scores["Zoe Young"] < 0.85  # one of the two words is also an English word
    (_, surname_alone), = found(names, "Ask Kowalski about it.")
    assert surname_alone == pytest.approx(0.55)
    # short names alone are also gene symbols (Pol, Ras): below the threshold until a context word helps
    assert dict(found(names, "Pol II binds; ask Ida.")) == {"Pol": pytest.approx(0.4), "Ida": pytest.approx(0.4)}


PLACE_CASES = [
    ("I am in KAJAANI, at the conference", ["KAJAANI"]),
    ("We returned to København by train.", ["København"]),
    ("She moved to Rio de Janeiro last year.", ["Rio de Janeiro"]),
    ("my friend lives in harburg", ["harburg"]),                 # caseless text
    ("Reading is fun, and Nice work on Mobile apps.", []),        # places that are English words
    ("Ebola virus and Lyme disease cases rose.", []),            # places used as terms
    ("TATA box and PCNA staining", []),                          # short all-capital symbols
]


@pytest.mark.parametrize("text,expected", PLACE_CASES, ids=[c[0][:30] for c in PLACE_CASES])
def test_places(places, text, expected):
    assert [value for value, _ in found(places, text)] == expected


def test_multi_word_places_score_higher(places):
    scores = dict(found(places, "From Rio de Janeiro to Madrid."))
    assert scores == {"Rio de Janeiro": 0.85, "Madrid": 0.6}


def test_caseless_needs_almost_no_capitals():
    assert caseless(tokens("my name is borna and i live in kiel"))
    assert not caseless(tokens("My name is Borna and I live in Kiel"))
    assert not caseless(tokens("hi"))  # too short to tell


def test_tokens_drop_possessives_and_words_glued_to_digits():
    assert [t.word for t in tokens("Yefremova's tales, Bcl2 and 3Ras")] == ["Yefremova", "tales", "and"]


@pytest.mark.parametrize("text,span,expected", [
    ("Mr. Ferko Takáts paid", (4, 13), "Ferko Takáts"),
    ("says Hauta-aho today", (5, 10), "Hauta-aho"),
    ("card number 630427373398 lost", (11, 24), " 630427373398"),  # a finding that starts at a space stays
    ("ID 987654321", (3, 12), "987654321"),
])
def test_whole_words_never_cuts_a_word(text, span, expected):
    s, e = whole_words(text, *span)
    assert text[s:e] == expected


def test_repeats_carry_full_names_and_their_words_only():
    text = "Jouni Hahli wrote it. Later Jouni sang; Hahli's band and the Treg cells. Treg again."
    findings = [("PERSON", 0, 11, 0.85), ("PERSON", 61, 65, 0.85)]  # a full name and a single word
    got = {(text[s:e], s) for _, s, e, _ in repeats(text, findings, {"PERSON"})}
    assert ("Jouni", 28) in got and ("Hahli", 40) in got and ("Jouni Hahli", 0) in got
    assert not any(v == "Treg" for v, _ in got)  # single-word findings are not carried


@pytest.mark.parametrize("text,found,expected", [
    ("Call John Smith at 5.", "John Smith", "John Smith"),          # an ordinary verb does not join the name
    ("Will Smith sang", "Smith", "Will Smith"),                     # an ordinary word that is a first name does
    ("Ms. Faina D. Yefremova said", "Yefremova", "Ms. Faina D. Yefremova"),  # initials and the title join
    ("Dr. Justin Beet?", "Justin", "Dr. Justin Beet"),              # to the right, ordinary words are surnames
])
def test_name_growth(text, found, expected):
    from embgov.gate.expand import expand_name

    start = text.index(found)
    s, e = expand_name(text, start, start + len(found))
    assert text[s:e] == expected
