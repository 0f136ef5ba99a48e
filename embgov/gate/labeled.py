"""Values that follow their label: 'MRN: ZX-99183', 'SSN 987-65-4321', 'policy #11223344', 'Name: SMITH, JO'.

A record number, plan number or SSN can have any shape (letter prefixes and suffixes, dashes,
numbers no issuer would give out), but it is almost always written right after its label. So the
label anchors the value and the value's shape does not matter: a run of letters and digits with
inner dashes, slashes or dots (or digit groups separated by single spaces, '123 45 6789') that
holds a digit. Names follow their labels too ('Emergency contact: Wystan Hobbledon', 'Name:\tBRISEWOOD,
JOVANKA', 'policyholder Cosimo Vantablack'): there the value is up to four capitalised words or initials
(or 'LAST, FIRST'), none an ordinary lower-case English word. The label itself stays in the text; only
the value is a finding.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from embgov.gate.lists import english_word

# What may stand between a label and its value: 'no.', 'number', '#', 'id', a colon, 'is', 'ending in'
_BETWEEN = (r"(?i:(?:[ \t]*(?:\#|no\b\.?|nos?\.|nbr\b\.?|num\b\.?|number\b|id\b|code\b))*"
            r"[ \t]*(?:[:=]|\bis\b|\bof\b|\bending[ \t]+in\b|-(?=[ \t]*[\p{L}\p{N}]))?\s{0,3}(?:\#[ \t]*)?)")
_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}'’-]+|\p{Lu}\.?)(?!\p{N})"  # 'OX40L' after 'partner' is a symbol
_NAME = (rf"(?P<v>{_NAME_WORD}(?:[ \t]+(?:(?:de|da|del|della|di|van|von|der|den|ter|le|la|du|dos|bin|ibn|al|el)[ \t]+)?{_NAME_WORD}){{0,3}}"
         rf"(?:,[ \t]*{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}(?=[ \t]*(?:$|[\n;:(),.|])|\t|[ ]{{2}}))?)")
_ABBREVIATION = regex.compile(r"^\p{Lu}{2,}s$")  # a plural abbreviation alone ('fellow PSCs'), no name
_VALUE = (r"(?=[\p{L}\p{N}/. -]{0,40}?\d)(?P<v>\d{2,}(?:[ ]\d{2,}){1,4}(?![\p{L}\p{N}])"
          r"|[\p{L}\p{N}]+(?:[-/.][\p{L}\p{N}]+)*)")


def _label(label: str) -> str:
    words = [regex.escape(w) for w in label.split()]
    body = r"[ \t]*".join(words) if label.endswith("#") or len(words) == 1 else r"[ \t.]+".join(words)
    # Two letters or fewer ('DL', 'SS', 'pt') match as written, capitalised or in capitals: 'dL' is a unit.
    if len(label.replace(" ", "")) <= 2:
        forms = dict.fromkeys([label, label[:1].upper() + label[1:], label.upper()])
        return "(?:" + "|".join(regex.escape(f) for f in forms) + ")"
    dot = "\\.?" if len(label.split()[-1]) <= 3 else ""  # 'group no.', 'med rec.': an abbreviation's full stop
    return f"(?i:{body}{dot})"


@lru_cache(maxsize=64)
def compile_labels(labels: tuple[str, ...], value: str = "id") -> regex.Pattern:
    alternatives = "|".join(_label(label) for label in sorted(labels, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}/])(?:{alternatives})(?![\p{{L}}]){_BETWEEN}"
                         + (_VALUE if value == "id" else _NAME))


def labeled_names(text: str, labels: tuple[str, ...], ordinary: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each name written after one of `labels`; the name ends before the first word that is
    an `ordinary` (lower-case English) word: 'Patient Tamsin Ellerbrook', not 'Patient Denies ...'."""
    out = []
    for m in compile_labels(labels, "name").finditer(text):
        start, end = m.start("v"), m.start("v")
        for w in regex.finditer(r"[\p{L}\p{M}'’-]+\.?|,", m.group("v")):
            word = w.group().rstrip(".").lower()
            if word != "," and len(word) > 1 and english_word(word, ordinary) and not w.group().isupper():
                break
            end = m.start("v") + w.end()
        value = text[start:end].rstrip(", ")
        if _ABBREVIATION.match(value):
            continue
        if sum(c.isalpha() for c in value) >= 2:
            out.append((start, start + len(value)))
    return out


def labeled_values(text: str, labels: tuple[str, ...], min_chars: int = 4) -> list[tuple[int, int]]:
    """(start, end) of each value written after one of `labels`: it holds a digit and `min_chars` letters and digits."""
    out = []
    # overlapped: in 'Prior auth case no. 8836-885515' the label 'auth' takes the word 'case' (no digit: no value),
    # and the match that starts at 'case no.' must still be tried
    for m in compile_labels(labels).finditer(text, overlapped=True):
        value = m.group("v")
        if any(c.isdigit() for c in value) and sum(c.isalnum() for c in value) >= min_chars:
            out.append((m.start("v"), m.end("v")))
    return out

