"""Word lists shipped with the gate (see README.md here for sources and licences; build.py rebuilds them)."""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

LISTS = ("first_names", "surnames", "places", "common_words", "name_words",
         # domain vocabularies (build_vocab.py): terms of science and medicine, not people
         "vocab_genes", "vocab_organisms", "vocab_epithets", "vocab_drugs", "vocab_medical",
         "countries", "us_states")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lookup key: lower case without accents, so 'KØBENHAVN', 'Kaká' and 'ΠΑΦΟΣ' meet their list entries."""
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
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


def english_word(word: str, ordinary: frozenset[str]) -> bool:
    """An English word, inflections included ('denies', 'reported', 'presenting')."""
    stems = [word]
    if word.endswith("ies"):
        stems.append(word[:-3] + "y")
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix):
            stems.append(word[:-len(suffix)])
    return any(stem in ordinary for stem in stems)
