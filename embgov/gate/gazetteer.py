"""Names and places from word lists, checked against word shape and ordinary English.

spaCy's small model misses many names it has not seen in news text (Halldór, Kónya, Usamov), and
any name typed in lower case. The lists in `embgov/gate/lists` (first names and surnames of many
countries, world places) catch those, and three checks keep ordinary words out:
- a listed word that English also uses as a lower-case word (brown, hill, will, grace) is *common*:
  it counts only beside a second, listed, name word ("Zoe Young"), never on its own;
- in text that has capital letters, a name or place must be capitalised (or all capitals);
  lower-case words count only in text typed without capitals, and in cased text only as a pair of
  listed names ("seen by patricia desrosiers");
- a word followed by disease, syndrome, virus, test, ... is an eponym ("Parkinson's disease",
  "Ebola virus"), not a person or a place.

Findings are (start, end, score); the recognizer in recognizers.py turns them into Presidio results.
"""

from __future__ import annotations

import regex

from embgov.gate.lists import english_word, fold, given_names, load
from embgov.gate.words import (CALENDAR, PARTICLES, Token, CUE_GAP, FUNCTION_WORDS, INTRO, LOWER_FUNCTION_WORDS,
                               NAME_CUES, NAME_SHAPE, SAME_LINE_GAP, WEAK_NAME_CUES, adjacent, capitals, eponym,
                               sentence_start, title_line, caseless, tokens)


# Words the surname list holds that follow a given name as the sentence's next word ('maria said', 'tom felt')
_NOT_SURNAME = frozenset({"said", "says", "right", "back", "were", "been", "states", "stated", "felt", "feels", "here",
                          "there", "today", "also", "just", "still", "called", "calls", "wants", "needs", "reports",
                          "denies", "came", "went", "left", "home", "then", "well", "good", "better", "worse"})


class NameFinder:
    """Person names: a listed first name with the word after it, or one listed, uncommon name word."""

    def __init__(self, score: float, full_score: float, surname_score: float | None = None):
        self.score, self.full_score = score, full_score
        self.surname_score = score - 0.05 if surname_score is None else surname_score
        self.first, self.last, self.common = given_names(), load("surnames"), load("common_words")
        # in cased text a lower-case word must not be a dictionary word at all: "hind limb", "opal codon"
        self.lower_common = self.common | load("name_words")
        self.places = load("places")

    def find(self, text: str) -> list[tuple[int, int, float]]:
        toks = tokens(text)
        lower_ok = caseless(toks)
        out, i = [], 0
        while i < len(toks):
            t = toks[i]
            full = self._cued_lower(text, toks, i) or self._full_name(text, toks, i, lower_ok) or self._inverted(text, toks, i) \
                or self._unlisted_pair(text, toks, i, lower_ok)
            if full:
                out.append(full[:3])
                i = full[3]
                continue
            common = self.lower_common if t.shape == "lower" and not lower_ok else self.common
            if (t.shape == "cap" or lower_ok and t.shape == "lower") and not english_word(t.key, common) \
                    and t.key not in PARTICLES and t.key not in CALENDAR and t.key not in self.places \
                    and (t.key in self.first or t.key in self.last) and not eponym(text, toks, i):
                # a single word that is also a place ("India", "Africa") is left to the place list
                score = self.score if t.key in self.first else self.surname_score
                if t.shape == "lower" and t.key not in self.first or len(t.key) <= 3:
                    score -= 0.2  # a lower-case surname or a short name alone (Pol, Ras, Bax are also genes)
                    #               needs a context word ("name", "mr", "pt") to count
                out.append((t.start, t.end, score))
            elif t.shape == "lower" and not lower_ok and t.key in self.first and not english_word(t.key, self.lower_common) \
                    and INTRO.search(text, max(0, t.start - 16), t.start):
                out.append((t.start, t.end, self.score))  # 'hi this is ravi (...)': introduced, typed in lower case
            i += 1
        return out

    def _cued_lower(self, text: str, toks: tuple[Token, ...], i: int):
        """A name typed in lower case right after a word that introduces a person ('for maria gonzalez-ybarra', 'pt
        fatoumata diallo', 'son kwame', 'for j. whitcombe') or before a possessive ('tommy's weight'): up to three
        lower-case words, none an English word, one of them a listed name, each of three letters or more (a first
        initial with its full stop may lead). A drug or gene after 'for' is no English word but is kept as a term."""
        t = toks[i]
        if t.shape != "lower":
            return None
        cue = toks[i - 1].key if i > 0 and toks[i - 1].shape in ("lower", "cap") \
            and CUE_GAP.fullmatch(text, toks[i - 1].end, t.start) is not None else ""
        words, j = [], i
        while j < len(toks) and len(words) < 4:
            w = toks[j]
            # an initial: first ('j. whitcombe') or in the middle ('lorcan h. tanaka-reyes')
            initial = len(w.word) == 1 and (text.startswith(". ", w.end) or j > i and text.startswith(" ", w.end))
            if w.shape != "lower" or j > i and not adjacent(text, toks[j - 1], w):
                break
            word = english_word(w.key, self.lower_common) and not self._virtue(text, toks, i, j)
            if word and j == i + 1 and self._surname_after(toks[i], w):
                words.append(w)  # 'deshawn price': a surname that is also a word, after a given name that is none
                j += 1
                break
            if not initial and (len(w.key) < 3 or word or w.key in CALENDAR or w.key in LOWER_FUNCTION_WORDS
                                or w.key in PARTICLES):
                break
            words.append(w)
            j += 1
        while words and len(words[-1].word) == 1:
            words.pop()  # a name ends on a word, not an initial
        full = [w for w in words if len(w.word) > 1]
        initial = len(words) > len(full)  # 'j. whitcombe': an initial makes the next word a name, listed or not
        if not full or not initial and not any(w.key in self.first or w.key in self.last for w in full) \
                or eponym(text, toks, j - 1):
            return None
        possessive = len(full) == len(words) == 1 and full[0].key in self.first and len(full[0].key) >= 4 \
            and regex.match(r"['’]s\b", text[full[0].end:full[0].end + 3]) is not None
        cued = cue in NAME_CUES or cue in WEAK_NAME_CUES and (len(words) >= 2 or full[0].key in self.first)
        if not cued and not possessive:
            return None
        return words[0].start, words[-1].end, self.full_score if len(full) >= 2 else self.score, i + len(words)

    def _surname_after(self, given: Token, w: Token) -> bool:
        return given.key in self.first and not english_word(given.key, self.lower_common) and w.key in self.last \
            and len(w.key) >= 4 and w.key not in _NOT_SURNAME

    def _virtue(self, text: str, toks: tuple[Token, ...], i: int, j: int) -> bool:
        """'wife patience owusu', 'daughter hope quartey': a given name that is also a word (Patience, Hope, Joy),
        right after a word that introduces a person, is a name when a word of no dictionary follows it."""
        if j != i or i == 0 or toks[j].key not in self.first or j + 1 >= len(toks) \
                or toks[i - 1].key not in NAME_CUES and toks[i - 1].key not in WEAK_NAME_CUES:
            return False
        nxt = toks[j + 1]
        strong = toks[i - 1].key in NAME_CUES or nxt.key in self.last  # 'for hope delacroix', not 'for hope ramipril'
        return strong and nxt.shape == "lower" and adjacent(text, toks[j], nxt) and len(nxt.key) >= 3 \
            and not english_word(nxt.key, self.lower_common) and nxt.key not in CALENDAR \
            and nxt.key not in LOWER_FUNCTION_WORDS

    def _inverted(self, text: str, toks: tuple[Token, ...], i: int):
        """'ESPOSITO, CLEMENTINE', 'Al-Mansouri, Kalinda': a surname, a comma, a listed first name (same case)."""
        if i + 1 >= len(toks):
            return None
        last, first = toks[i], toks[i + 1]
        given = first.key in self.first or "-" in first.key and first.key.split("-")[0] in self.first  # 'Jin-woo'
        if text[last.end:first.start].strip() != "," or "\n" in text[last.end:first.start] \
                or not given or first.key in CALENDAR or first.key in self.common:
            return None
        same_case = capitals(last) and capitals(first) or last.shape == first.shape == "cap"
        if not same_case or last.key in self.common and last.key not in self.last or last.key in self.places \
                or not (last.key in self.last or NAME_SHAPE.match(last.word) or capitals(last) and len(last.key) >= 4):
            return None  # in capitals an unlisted 'surname' of 2-3 letters is an abbreviation: 'neuro ICU, ETA', 'class II, TIMI'
        return last.start, first.end, self.full_score, i + 2

    def _unlisted_pair(self, text: str, toks: tuple[Token, ...], i: int, lower_ok: bool):
        """A name in no list: two capitalised words, neither an English word nor a place, inside a sentence
        ('verified for Ignatia Volkonskaya'); or, in text typed without capitals, the words after 'my name is',
        'this is', 'its' that are no English words ('hi its corisande feldmarr')."""
        if i + 1 >= len(toks) or not adjacent(text, toks[i], toks[i + 1]):
            return None
        a, b = toks[i], toks[i + 1]
        if lower_ok:
            if a.shape == b.shape == "lower" and INTRO.search(text, max(0, a.start - 16), a.start) \
                    and not {a.key, b.key} & (self.common | self.lower_common):
                return a.start, b.end, self.score, i + 2
            return None
        words = (a, b)
        if capitals(a) and capitals(b):  # 'PRIYANKA KIMURA-BRAMWELL': in capitals, one part must be a listed name
            parts = [fold(p) for t in words for p in t.word.split("-")]
            if not any(p in self.first or p in self.last for p in parts) \
                    or any(t.key in self.common or t.key in self.places or len(t.key) < 3 for t in words):
                return None
        elif not all(t.shape == "cap" and len(t.key) >= 4 and t.key not in self.common and t.key not in self.places
                     and t.key not in CALENDAR and NAME_SHAPE.match(t.word) for t in words):
            return None
        before = text[:a.start].rstrip()
        if not before or before[-1] in ".!?\n" or eponym(text, toks, i + 1):
            return None  # a sentence's first words are capitalised whatever they are
        prev = toks[i - 1] if i and adjacent(text, toks[i - 1], a) else None
        nxt = toks[i + 2] if i + 2 < len(toks) and adjacent(text, b, toks[i + 2]) else None
        if prev is not None and prev.shape != "lower" or nxt is not None and nxt.shape in ("cap", "upper"):
            return None  # inside a run of capitalised words: a title or a heading, not a name in a sentence
        if title_line(text, toks, a, b):
            return None
        return a.start, b.end, self.score - 0.1, i + 2

    def _full_name(self, text: str, toks: tuple[Token, ...], i: int, lower_ok: bool):
        first = toks[i]
        if first.key not in self.first or first.key in CALENDAR or first.key in FUNCTION_WORDS \
                or first.key in LOWER_FUNCTION_WORDS and (first.shape == "lower" or sentence_start(text, first.start)):
            return None  # 'in situ', 'In Germany, ...': the word, not the name
        j = i + 1
        while j < len(toks) and (len(toks[j].word) == 1 and (toks[j].word.isupper() or first.shape == "lower")
                                 or toks[j].key in PARTICLES) \
                and adjacent(text, toks[j - 1], toks[j]):
            j += 1  # middle initials and particles: "Julieta S Almeida", "Willemine ten Pas"
        if j >= len(toks) or not adjacent(text, toks[j - 1], toks[j]) or eponym(text, toks, j):
            return None
        last = toks[j]
        if last.shape == "lower" and last.key in _NOT_SURNAME:
            return None  # 'jamal said', typed without capitals
        known = last.key in self.last or last.key in self.first
        strict = self.common if lower_ok else self.lower_common  # lower case in cased text: no dictionary words
        common = sum(t.key in (strict if t.shape == "lower" else self.common) for t in (first, last))
        if capitals(first) and capitals(last) and "other" in (first.shape, last.shape):
            # 'ANH NGUYEN-PHAM': a short word in capitals is a name only beside a listed one ('IR MPH' is not)
            ok = common == 0 and known and min(len(first.key), len(last.key)) >= 3
        elif first.shape in ("cap", "upper") and last.shape in ("cap", "upper") or lower_ok and first.shape == "lower":
            # in text typed without capitals a listed first name and a word in no dictionary ('priya raghunathan')
            ok = common == 0 and (known or last.shape != "lower" or len(last.key) >= 4) or common == 1 and known
        else:  # lower-case words in cased text: a listed first name and another uncommon word
            ok = first.shape == last.shape == "lower" and common == 0
        if not ok:
            return None
        return first.start, last.end, self.full_score if common == 0 else (self.score + self.full_score) / 2, j + 1


_ROMAN = regex.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII)")
_STATE_CODES = frozenset("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
                         "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI".split())


def _named_thing(text: str, toks: tuple[Token, ...], i: int) -> bool:
    """A single place word right before a Roman numeral or an acronym in capitals that is no state code ('Basel III',
    'Roth IRA', 'Geneva UN'): part of the name of a standard, an accord or a product, not where someone is."""
    if i + 1 >= len(toks) or not SAME_LINE_GAP.fullmatch(text[toks[i].end:toks[i + 1].start]):
        return False
    nxt = toks[i + 1].word
    return bool(_ROMAN.fullmatch(nxt)) or 2 <= len(nxt) <= 4 and nxt.isupper() and nxt.isalpha() \
        and nxt not in _STATE_CODES


class PlaceFinder:
    """Places: the longest listed run of up to six capitalised words (particles allowed inside)."""

    def __init__(self, score: float, full_score: float):
        self.score, self.full_score = score, full_score
        self.places, self.common = load("places"), load("common_words")

    def find(self, text: str) -> list[tuple[int, int, float]]:
        toks = tokens(text)
        lower_ok = caseless(toks)
        out, i = [], 0
        while i < len(toks):
            hit = self._longest(text, toks, i, lower_ok)
            if hit:
                out.append(hit[:3])
                i = hit[3]
            else:
                i += 1
        return out

    def _longest(self, text: str, toks: tuple[Token, ...], i: int, lower_ok: bool):
        def word_ok(t: Token) -> bool:
            return t.shape in ("cap", "upper") or lower_ok and t.shape == "lower"

        if not word_ok(toks[i]) or toks[i].key in PARTICLES:
            return None
        ends = [i]
        for j in range(i + 1, min(i + 6, len(toks))):
            if not adjacent(text, toks[j - 1], toks[j]) or not (word_ok(toks[j]) or toks[j].key in PARTICLES):
                break
            ends.append(j)
        for j in reversed(ends):
            if toks[j].key in PARTICLES:
                continue
            key = " ".join(t.key for t in toks[i:j + 1])
            if key not in self.places or eponym(text, toks, j):
                continue
            if j == i and (key in self.common or toks[i].shape == "upper" and len(key) < 5):
                return None  # "Reading", "Mobile", "Nice": ordinary words; "KRAS", "TATA": symbols
            if j == i and _named_thing(text, toks, i):
                return None  # "Basel III", "Roth IRA": a place's name in the name of a standard or a product
            # a short single word ("Tel", "Ore", "Ada") is an abbreviation or a word as often as a place
            score = self.full_score if j > i else self.score - 0.2 if len(key) <= 3 else self.score
            return toks[i].start, toks[j].end, score, j + 1
        return None
