"""The domain vocabularies and country/state lists (embgov/gate/lists/build_vocab.py) ship and hold what they should."""

from __future__ import annotations

import gzip
from importlib import resources

import pytest

from embgov.gate.lists import LISTS, fold, load

NEW_LISTS = ("vocab_genes", "vocab_organisms", "vocab_epithets", "vocab_drugs", "vocab_medical", "countries", "us_states")
VOCABULARIES = ("vocab_genes", "vocab_organisms", "vocab_drugs", "vocab_medical")
PEOPLE = ("john", "mary", "smith", "rose", "james", "garcia", "max", "grace", "lee", "chen", "wang", "martin", "may",
          "kimura", "larsson", "verma")


@pytest.mark.parametrize("name", NEW_LISTS)
def test_list_loads_sorted_lower_case_and_small(name):
    assert name in LISTS
    words = load(name)
    assert len(words) > 50
    path = resources.files("embgov.gate.lists").joinpath(f"{name}.txt.gz")
    data = path.read_bytes()
    assert len(data) < 1_000_000
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    assert lines == sorted(set(lines)) and all(line == line.lower() and line.strip() == line for line in lines)
    assert data[4:8] == b"\0\0\0\0"  # gzip mtime fixed: byte-identical rebuilds


@pytest.mark.parametrize(("name", "terms"), [
    ("vocab_genes", ["kras", "nanog", "pcna", "brca1", "p53", "src", "akt", "notch", "bax", "tp53"]),
    ("vocab_organisms", ["xenopus", "caenorhabditis", "drosophila", "plasmodium", "myxococcus", "candida"]),
    ("vocab_epithets", ["elegans", "albicans", "laevis", "coli", "perpetua"]),
    ("vocab_drugs", ["lisinopril", "losartan", "metformin", "herceptin", "concerta", "trastuzumab"]),
    ("vocab_medical", ["kaposi", "broca", "schwann", "alzheimer", "parkinson", "crohn", "hodgkin", "langerhans",
                       "purkinje", "sarcoma", "hepatocyte"]),
    ("countries", ["germany", "united kingdom", "uk", "usa", "the netherlands", "south korea", "côte d'ivoire"]),
    ("us_states", ["california", "new york", "district of columbia", "puerto rico"]),
])
def test_known_terms_present(name, terms):
    words = load(name)
    assert [t for t in terms if fold(t) not in words] == []


@pytest.mark.parametrize("name", VOCABULARIES)
def test_person_names_are_not_vocabulary(name):
    words = load(name)
    assert [p for p in PEOPLE if p in words] == []


def test_genes_have_no_one_or_two_letter_symbols():
    assert min(len(w) for w in load("vocab_genes")) >= 3


def test_us_states_are_full_names_only():
    assert {"in", "or", "me", "ca"}.isdisjoint(load("us_states")) and len(load("us_states")) < 70
