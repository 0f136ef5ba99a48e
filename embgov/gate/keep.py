"""Domain vocabulary the gate leaves alone (a policy's `keep:`), so training text keeps its terms.

Names and places come from detectors that read word shape (spaCy NER, the word lists, unlabeled
patterns), and in scientific and clinical text many capitalised words are terms: gene symbols
(Kras, Nanog), genera (Xenopus), drugs (Losartan), eponyms (Schwann, Broca), countries and
states (not identifiers under Safe Harbor). A finding from such a detector stays in the text when
every word of it is a kept term, when it is a single word used as an eponym ('Kaposi sarcoma') or
a genus ('Candida albicans'), or when it lies inside a shape that is no identifier (a trial
registry id, a confidence interval). Labeled values and structured fields are never kept: a
label says what the value is.

Which words count depends on what the finding is taken for, so that a term list never hides a
person or a town: for a name, a word that is a listed first name is never a term ('Will Smith',
'Kenya' the person); for a place, a word that is a listed place is only kept as a country or state
('Helsinki' stays a place, whatever a term list says).
"""

from __future__ import annotations

import regex

from embgov.gate.words import EPONYM_NOUNS, NAME_PARTICLES, OF_EPONYM_NOUNS, POSSESSIVE, STUDY_NOUNS
from embgov.gate.lists import english_word, fold, load
from embgov.policy.document import KeepRules

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_NEXT_WORD = regex.compile(r"^(?:['’]s?)?[ \t-]?(\p{L}+(?:-\p{L}+)?)")  # 'Wilcoxon signed-rank test'
_LIST_OF = {"english": "common_words", "genes": "vocab_genes", "organisms": "vocab_organisms", "drugs": "vocab_drugs",
            "medical": "vocab_medical", "countries": "countries", "states": "us_states", "languages": "languages"}
_PLACE_VOCABULARIES = {"countries", "states"}
_OWN_VOCABULARIES = _PLACE_VOCABULARIES | {"languages"}
# Larger than a state, so never an identifier under Safe Harbor; kept with the countries
WORLD_REGIONS = frozenset({
    "africa", "asia", "europe", "america", "north america", "south america", "central america", "latin america",
    "oceania", "antarctica", "australasia", "middle east", "near east", "far east", "caribbean", "scandinavia",
    "balkans", "the balkans", "mediterranean", "sahel", "maghreb", "sub-saharan africa", "subsaharan africa",
    "southeast asia", "south-east asia", "east asia", "south asia", "central asia", "western europe", "eastern europe",
    "nordic countries", "pacific", "pacific islands", "arctic", "the americas", "americas", "eurasia", "indian subcontinent",
    # first-level subdivisions of Canada and Australia (the states list holds the US ones)
    "alberta", "british columbia", "manitoba", "new brunswick", "newfoundland and labrador", "nova scotia", "ontario",
    "prince edward island", "quebec", "saskatchewan", "northwest territories", "nunavut", "yukon",
    "new south wales", "queensland", "south australia", "tasmania", "victoria", "western australia",
    "northern territory", "australian capital territory",
    # state-level units of the United States besides the states
    "district of columbia", "puerto rico", "guam", "american samoa", "us virgin islands", "northern mariana islands"})
# "Eastern China", "sub-Saharan Africa", "rural India": a part of a kept region is larger than a state or in one
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                      "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
                      "southwestern", "north-east", "north-west", "south-east", "south-west", "sub-saharan", "mainland",
                      "rural", "urban", "upper", "lower", "greater"})
_COMPOUND = regex.compile(r"\p{Lu}\p{Ll}+-\p{Ll}{3,}")  # 'Web-based', 'Africa-trained'
_OF_BEFORE = regex.compile(r"(\p{L}+)[ \t]+of[ \t]+(?:the[ \t]+)?$")
_LEADING_WORD = regex.compile(r"(\p{L}+)[ \t]+(?=\p{Lu})")
_CAPITALISED = regex.compile(r"^[ \t]+(\p{Lu}[\p{L}'’-]*)")
# Nouns that end the name of an instrument or disease: 'Hamilton Rating Scale', 'Beck depression score'
_NAMED_HEADS = frozenset({"scale", "scales", "score", "scores", "criteria", "index", "classification", "questionnaire",
                          "inventory", "test", "syndrome", "disease", "virus", "fever", "sarcoma", "lymphoma", "palsy"})
_RESIDENCE = regex.compile(r"\b(?i:lives|lived|living|resides|resided|residing|relocated|moved)[ \t]+(?:in|to)[ \t]+$")
_NUMBER_NEXT = regex.compile(r"[ \t]*[:#(+]?[ \t]*\d")
# Eponym nouns that also follow a person's given name in a note: 'call Maria cell', 'Rosa line 2', 'Tom unit 4'
_PERSONAL_NOUNS = frozenset({"cell", "cells", "line", "lines", "unit", "units", "type", "point", "area", "review",
                             "level", "levels", "network", "project", "program", "programme", "space", "body", "model",
                             "approach", "statement", "fish", "mouse", "rat", "monkey", "law", "loop", "plot"})


class Keeper:
    def __init__(self, rules: KeepRules):
        self.patterns = [regex.compile(p.regex) for p in rules.patterns]
        self.terms = frozenset().union(*(_load(_LIST_OF[v]) for v in rules.vocabularies if v not in _OWN_VOCABULARIES))
        self.languages = _load("languages") if "languages" in rules.vocabularies else frozenset()
        self.regions = frozenset().union(*(_load(_LIST_OF[v]) for v in rules.vocabularies if v in _PLACE_VOCABULARIES))
        if "countries" in rules.vocabularies:
            self.regions |= WORLD_REGIONS
        self.species = _load("vocab_epithets") if "organisms" in rules.vocabularies else frozenset()
        self.english = load("common_words")
        self.first, self.names, self.places = load("first_names"), load("first_names") | load("surnames"), load("places")
        self.active = bool(self.patterns or self.terms or self.regions or self.languages)

    def trim_name(self, text: str, start: int, end: int) -> int:
        """A name pattern's match without the ordinary words a sentence starts with: 'Using Cox', 'From Darwin'."""
        while True:
            m = _LEADING_WORD.match(text, start, end)
            if not m or m.end() >= end:
                return start
            key = fold(m.group(1))
            if not english_word(key, self.english) or key in self.first:
                return start
            start = m.end()

    def shapes(self, text: str) -> list[tuple[int, int]]:
        """Spans of the text that match a keep pattern."""
        return [(m.start(), m.end()) for p in self.patterns for m in p.finditer(text)]

    def keeps(self, text: str, start: int, end: int, shapes: list[tuple[int, int]], *, person: bool,
              words: bool = True) -> bool:
        """Is text[start:end] domain vocabulary rather than an identifier? `person`: the finding is a name;
        `words`: check its words against the term lists (else only the kept shapes)."""
        if any(s <= start and end <= e for s, e in shapes):
            return True
        if not words:
            return False
        value = text[start:end]
        tokens = [POSSESSIVE.sub("", w) for w in _WORD.findall(value)]
        keys = [fold(w) for w in tokens if w and w.lower() not in NAME_PARTICLES]
        if not keys or any(c.isdigit() for c in value):
            return False
        if self.regions and not person:
            region = [fold(w) for w in tokens if w]  # particles stay: 'District of Columbia'
            region = region[1:] if len(region) > 1 and region[0] == "the" else region
            while len(region) > 1 and region[0] in _COMPASS:
                region = region[1:]
            if " ".join(region) in self.regions:
                return True  # 'United States', 'New South Wales', 'Eastern China'
        if not person and _RESIDENCE.search(text, max(0, start - 30), start):
            return False  # 'lives in Flushing': where a person lives is a place, whatever else the word means
        if len(tokens) == 1 and _COMPOUND.fullmatch(tokens[0]) \
                and english_word(fold(tokens[0].split("-", 1)[1]), self.english):
            return True  # 'Web-based', 'Africa-trained': a compound adjective, no name or place
        if not person and len(keys) > 1 and " ".join(keys) in self.places:
            return self._names_term(text, end)  # 'Kings County', 'Cedar Rapids' stay; 'West Nile virus' is a term
        if all(self._term(k, person) for k in keys) or self._inside_region(text, start, end):
            return True
        items, list_end = _listed(text, start, end)
        if len(items) >= 2 and self.regions and all(self._region_item(i) for i in items):
            return True  # 'Germany, France and Italy': an enumeration of countries, not a person called France
        single = [w for i in items for w in regex.split(r",[ \t]*", i)]
        if len(single) >= 2 and all(len(_WORD.findall(w)) == 1 for w in single) and self._used_as_term(text, list_end):
            return True  # 'the Apgar, Ballard and Dubowitz scores': eponyms one word each, then the term's noun
        if len(keys) > 1 and keys[-1] in _NAMED_HEADS:
            return True  # 'Hamilton Rating Scale', 'Kaposi Sarcoma': the finding itself ends on the term's noun
        if person and len(keys) > 1 and any(k in self.first for k in keys):
            return False  # 'John Smith's disease' is still John Smith
        given = person and all(k in self.first for k in keys)
        return self._used_as_term(text, end, given) or self._of_eponym(text, start) \
            or len(keys) == 1 and keys[0] not in self.first \
            and self._lower_elsewhere(text, tokens[0])

    def _inside_region(self, text: str, start: int, end: int) -> bool:
        """'Africa' of 'South Africa', 'States' of 'United States': part of a kept region's name."""
        if not self.regions:
            return False
        left = _WORD.findall(text[max(0, start - 30):start])[-2:]
        right = _WORD.findall(text[end:end + 30])[:2]
        middle = [fold(w) for w in _WORD.findall(text[start:end])]
        for i in range(len(left) + 1):
            for j in range(len(right) + 1):
                if i == j == 0:
                    continue
                words = [fold(w) for w in left[len(left) - i:]] + middle + [fold(w) for w in right[:j]]
                if " ".join(words) in self.regions:
                    return True  # 'South Africa'
                while len(words) > 1 and words[0] in _COMPASS:
                    words = words[1:]
                if len(words) < i + len(middle) + j and " ".join(words) in self.regions:
                    return True  # 'west Africa', 'sub-Saharan Africa'
        return False

    def _region_item(self, item: str) -> bool:
        """A kept region, after the ordinary word a sentence may start with ('In Germany')."""
        words = [fold(w) for w in _WORD.findall(item)]
        return " ".join(words) in self.regions or len(words) > 1 and english_word(words[0], self.english) \
            and " ".join(words[1:]) in self.regions

    @staticmethod
    def _of_eponym(text: str, start: int) -> bool:
        """'circle of Willis', 'islets of Langerhans': an anatomical or method noun and 'of' before the name."""
        m = _OF_BEFORE.search(text, max(0, start - 30), start)
        return bool(m) and m.group(1).lower() in OF_EPONYM_NOUNS

    @staticmethod
    def _names_term(text: str, end: int) -> bool:
        """A place right before an eponym's noun: 'West Nile virus' (not '... Maricopa County; valley fever')."""
        m = _NEXT_WORD.match(text[end:end + 40])
        return bool(m) and m.group(1).lower() in EPONYM_NOUNS

    def _used_as_term(self, text: str, end: int, given: bool = False) -> bool:
        """'Sykes' monkeys', 'Cox regression', 'Candida albicans', 'Framingham Heart Study', 'Beck depression
        score': what follows says term. A noun that also goes with a person (cell, line, unit) says nothing after a
        given name ('call Maria cell') or before a number ('Okafor cell 617-...'; 'Schwann cells' is a term)."""
        m = _NEXT_WORD.match(text[end:end + 40])
        nxt = m.group(1) if m else ""
        personal = nxt.lower() in _PERSONAL_NOUNS and (given or _NUMBER_NEXT.match(text, end + m.end()) is not None)
        if nxt.lower() in EPONYM_NOUNS and not personal \
                or nxt.islower() and len(nxt) > 3 and nxt in self.species and nxt not in self.english \
                and not (given and nxt in self.names):  # 'Candida albicans'; 'gabriela flores' is a person
            return True
        if m and nxt.islower() and not given:
            after = _NEXT_WORD.match(text[end + m.end():end + m.end() + 40])
            if after and after.group(1) in _NAMED_HEADS:
                return True  # 'Beck depression score': one lower-case word, then the head noun
        at = end
        for _ in range(3):  # up to two more capitalised words, then the head noun of a study or institution
            m = _CAPITALISED.match(text[at:at + 40])
            if not m:
                return False
            if m.group(1).lower() in STUDY_NOUNS:
                return True
            at += m.end()
        return False

    @staticmethod
    def _lower_elsewhere(text: str, word: str) -> bool:
        """A capitalised word that the same text also writes in lower case is a common noun ('Chordin' at the
        start of a sentence, 'chordin' later), not a name."""
        lower = word.lower()
        if lower == word:
            return False
        at = text.find(lower)
        while at >= 0:  # str.find, not a regex compiled per word
            end = at + len(lower)
            if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
                return True
            at = text.find(lower, at + 1)
        return False

    def _term(self, key: str, person: bool) -> bool:
        if key in self.regions:
            return not person or key not in self.names  # 'Kenya' the person is a name
        if key in self.languages:
            return key not in self.first  # 'a Somali interpreter' (Somali is a region's name too); 'German' the person is a name
        if key.endswith("s") and len(key) > 5 and key not in self.terms and key[:-1] in self.terms:
            key = key[:-1]  # 'Alzheimers', 'Crohns': an eponym's possessive written without its apostrophe
        if key not in self.terms or key in self.first:
            return False  # 'Will Smith', 'Grace Hill'
        return person or key not in self.places  # 'Helsinki' is a place, whatever a term list says

    def kept_region(self, value: str) -> bool:
        """A labeled place that the policy keeps (a country or state): not an identifier to score."""
        keys = [fold(POSSESSIVE.sub("", w)) for w in _WORD.findall(value)]
        return bool(keys) and (" ".join(keys) in self.regions or all(k in self.regions for k in keys))


_ITEM = r"\p{Lu}[\p{L}'’-]*(?:[ \t](?:of[ \t])?\p{Lu}[\p{L}'’-]*){0,2}"
_JOIN = r"(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
_LIST_NEXT = regex.compile(rf"^{_JOIN}({_ITEM})")
_LIST_PREV = regex.compile(rf"({_ITEM}){_JOIN}$")


def _listed(text: str, start: int, end: int) -> tuple[list[str], int]:
    """The capitalised items of the enumeration the span is part of ('Germany, France and Italy'), and where it ends."""
    items, last = [text[start:end]], end
    for _ in range(8):
        m = _LIST_NEXT.match(text[last:last + 60])
        if not m:
            break
        items.append(m.group(1))
        last += m.end()
    first = start
    for _ in range(8):
        m = _LIST_PREV.search(text, max(0, first - 60), first)
        if not m:
            break
        items.insert(0, m.group(1))
        first = m.start(1)
    return [POSSESSIVE.sub("", i) for i in items], last


def _load(name: str) -> frozenset[str]:
    try:
        return load(name)
    except KeyError:  # a vocabulary this installation does not ship
        raise FileNotFoundError(name) from None
