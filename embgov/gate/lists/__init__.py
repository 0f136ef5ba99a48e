"""Word lists shipped with the gate (see README.md here for sources and licences; build.py rebuilds them)."""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

LISTS = ("first_names", "first_names_world", "surnames", "places", "common_words", "name_words",
         # domain vocabularies (build_vocab.py): terms of science and medicine, not people
         "vocab_genes", "vocab_organisms", "vocab_epithets", "vocab_drugs", "vocab_medical",
         "countries", "us_states", "languages")


# Letters that carry no accent to strip and that people write plainly: 'Tromso' for Tromsø, 'Lodz' for Łódź
_PLAIN = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lookup key: lower case without accents, so 'KØBENHAVN', 'Kaká', 'Tromso' and 'ΠΑΦΟΣ' meet their list entries."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("’", "'").translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def load(name: str) -> frozenset[str]:
    """One list as folded keys. Raises FileNotFoundError when the package data is missing."""
    if name not in LISTS:
        raise KeyError(f"unknown word list {name!r}; known: {', '.join(LISTS)}")
    data = resources.files(__name__).joinpath(f"{name}.txt.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    # entries are stored lower-cased: only the non-ASCII ones need folding (most do not; 4x faster)
    return frozenset(line if line.isascii() else fold(line) for line in lines if line)


# Irregular past forms: the dictionary the common words come from lists few of them, and some are surnames
# too ('Held. Restarted at 0600', 'Dealt with'). Those that are also given names (Rose, Drew, Sung, Won) stay names.
_IRREGULAR = frozenset("""held upheld withheld led fed bled fled sped dealt dwelt knelt meant slept swept wept crept bent lent
sent spent built burnt learnt spelt spilt taught caught bought brought fought sought thought sold told stood understood
spun stung swung hung clung flung struck stuck dug shone shot slid met bred froze frozen chose chosen drove driven rode
ridden risen wrote written woke woken spoke spoken stole stolen broke broken wore worn tore torn swore sworn drawn grew
grown knew known threw thrown flew flown blew blown began begun drank drunk sank sunk swam rang ran came became gave
given forgave forgiven ate eaten fell fallen saw seen took taken shook shaken went gone did done made paid laid said
found ground bound kept left felt lost heard sat got gotten forgot forgotten hid hidden bit bitten""".split())


@lru_cache(maxsize=1)
def _irregular() -> frozenset[str]:
    return _IRREGULAR - given_names()


def english_word(word: str, ordinary: frozenset[str]) -> bool:
    """An English word, inflections included ('denies', 'reported', 'presenting', 'held')."""
    if word in _irregular():
        return True
    stems = [word]
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix):
            stems.append(word[:-len(suffix)])
    return any(stem in ordinary for stem in stems)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every listed given name: Faker's and the census's (first_names) and the world's (first_names_world)."""
    return load("first_names") | load("first_names_world")
