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

from embgov.gate.lists import english_word, fold, given_names, load


@lru_cache(maxsize=1)
def listed_names() -> frozenset[str]:
    return given_names() | load("surnames")


# What may stand between a label and its value: 'no.', 'number', '#', 'id', a colon, 'is', 'ending in', brackets
# ('(Wellcare) 62201884510', 'subscriber (77412093-00)')
_BETWEEN = (r"(?i:\)?(?:[ \t]*(?:\#|no\b\.?|nos?\.|nbr\b\.?|num\b\.?|number\b|id\b|code\b))*"
            r"[ \t]*(?:\.{3,}[ \t]*:?|\"?[ \t]*[:=][ \t]*\"(?=[^\"\n]+\")|[:=]|\bis\b|\bof\b|(?:\bon[ \t]+file[ \t]+)?\b(?:ending|ends?)(?:[ \t]+(?:in|with)\b)?|(?<=(?i:ending|ends)[ \t]+)(?i:in|with)\b"
            r"|-(?=[ \t]*[\p{L}\p{N}]))?\s{0,3}(?:\#[ \t]*|\([ \t]*(?=[^()\n]{2,40}\)))?)")
# 'Ł.K. Houten'; 'OX40L' after 'partner' is a symbol
_NAME_WORD = r"(?:\p{Lu}[\p{L}\p{M}'’-]+|(?:\p{Lu}\.){2,3}(?=[ \t,;(])|\p{Lu}\.?)(?!\p{N})"
# Credentials after a comma are no given name: 'Ferris Olawale, PA-C'
_CREDENTIAL = (r"(?:MD|DO|RN|LPN|NP|FNP|APRN|CNM|CRNA|PA|PA-C|DDS|DMD|DPM|OD|DC|PhD|PharmD|RPh|MPH|MSN|BSN|DNP|MBBS|"
               r"FACP|FACS|LCSW|LICSW|MSW|LMFT|CNA|CNS|CRNP|CWON|CDE|IBCLC|EMT|MA|OT|OTR|PT|DPT|SLP|RRT|RD|Jr|Sr|II|III|IV)(?![\p{L}\p{N}-])")
# One space or tab between the words of a name: two spaces separate a form's fields ('Osei-Bonsu    MRN: ...')
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|ter|le|la|las|los|du|dos|bin|binti|bint|ben|ibn|bat|ap|al|el)"
_NAME = (rf"(?P<v>{_NAME_WORD}(?:[ \t](?:{_PARTICLE}[ \t]){{0,2}}{_NAME_WORD}){{0,3}}"
         rf"(?:,[ \t]?(?!{_CREDENTIAL}){_NAME_WORD}(?:[ \t]{_NAME_WORD}){{0,2}}(?=[ \t]*(?:$|[\n;:(),.|\"])|\t|[ ]{{2}}))?)")
# Words that label a field or name a role, never the name after a label ('member ID', 'provider NPI', 'Pref. name')
_FIELD_WORDS = frozenset({"ID", "NPI", "DOB", "MRN", "SSN", "DEA", "PCP", "RN", "MD", "NP", "PA", "DO", "ER", "ED", "ICU",
                          "NPO", "DNR", "HICN", "MBI", "FIN", "DOS", "EMR", "EHR", "CC", "RE", "TIN", "PREF", "DR", "MR",
                          "MRS", "MS", "PHONE", "FAX", "TEL", "EMAIL", "ACCT", "AGE", "SEX", "NAME"})
# Labels whose name may follow in brackets: a relative named after the relation ('Mom (Hye-jin) at bedside')
_KIN = frozenset({"mom", "mum", "dad", "mother", "father", "son", "daughter", "wife", "husband", "partner", "spouse",
                  "brother", "sister", "grandson", "granddaughter", "grandmother", "grandfather", "aunt", "uncle",
                  "niece", "nephew", "cousin", "guardian", "caregiver", "friend", "neighbor", "roommate"})
_CALENDAR_DATE = regex.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d")
_ABBREVIATION = regex.compile(r"^\p{Lu}{2,}s$")  # a plural abbreviation alone ('fellow PSCs'), no name
# A value: digit groups with single spaces ('412 68 9907'), after an optional prefix in capitals ('ZHP 884 120 337',
# 'W 2280 1177 4', 'SB 4471092') or before dashed digits ('CH 44-19-302'); or one run of letters and digits joined by - / . _ # ('HX_0041187', 'KP#0098817734')
_VALUE = (r"(?=[\p{L}\p{N}/.#_ -]{0,40}?\d)"
          r"(?P<v>(?:\p{Lu}{1,4}[ ](?=\d{2}))?\d{2,}(?:[ ]\d{2,}){0,4}(?:[ ]\d(?![\p{L}\p{N}]|[ ]\d))?"
          r"(?![\p{L}\p{N}#_]|[-/.][\p{L}\p{N}])"
          r"|\p{Lu}{1,4}[ ](?=[\d/.-]*?(?:\d[/.-]*){5})\d+(?:[-/.]\d+)+(?![\p{L}\p{N}])"  # 'CH 44-19-302', not 'PPO 80/20'
          r"|[\p{L}\p{N}]+(?:(?:[-/._]|\#(?=\d))[\p{L}\p{N}]+)*(?:(?<=\d)[ ]\d{2}(?![\p{L}\p{N}]|[ ]\d))?)")  # 'U47120983 02': a member suffix
# Not an identifier whatever its label says: a decimal or a range of decimals ('ref 4.0-5.6', 'ratio 1.2')
_DECIMALS = regex.compile(r"\d{1,3}\.\d{1,3}(?:[-–]\d{1,3}\.\d{1,3})?")
# A courtesy title after a label is not the name: 'PCP Dr. Anneliese Marchbanks'
_TITLE = regex.compile(r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Sr|Fr)\.?[ \t]+(?=\p{Lu})")


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
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}/])(?P<l>{alternatives})(?:(?<=[:#])|(?![\p{{L}}])){_BETWEEN}"
                         + (_VALUE if value == "id" else rf"(?:,[ \t]?|\((?=[^()\n]{{2,40}}\)))?(?:{_TITLE.pattern})?" + _NAME))


_DELIMITERS = ("\t", "|", ";", ",")
_FIELD_NAME = regex.compile(r"\p{L}[\p{L}\p{N} _#./-]{0,29}")
_CELL_NAME = regex.compile(r"\p{Lu}[\p{L}\p{M}'’.-]*(?:,?[ ]\p{Lu}[\p{L}\p{M}'’.-]*){0,3}")  # 'Rose Abbott', 'KIM, YOUNG'


@lru_cache(maxsize=8)
def table_cells(text: str) -> tuple[tuple[str, int, int], ...]:
    """(column name, start, end) of each non-empty cell under a header line: in 'name,dob,mrn\nRose Abbott,
    3/3/52,41220983' the header labels every row's values as a label labels the value after it. A header
    is a line of two or more field names (a letter first, at most 30 characters and 3 words) split by a
    tab, '|', ';' or ','; a row is each following line split into as many cells by the same delimiter,
    with a digit in it. A sentence with commas may pass for a header: its 'columns' name no label, so
    its 'rows' label nothing."""
    out, header = [], None
    for line in regex.finditer(r"[^\n]+", text):
        if header is not None:
            delimiter, names = header
            cells = line.group().split(delimiter)
            if len(cells) == len(names) and any(c.isdigit() for c in line.group()):
                pos = line.start()
                for name, cell in zip(names, cells):
                    a, b = pos + len(cell) - len(cell.lstrip()), pos + len(cell.rstrip())
                    if b > a:
                        out.append((name, a, b))
                    pos += len(cell) + len(delimiter)
                continue
            header = None
        for delimiter in _DELIMITERS:
            cells = [c.strip() for c in line.group().split(delimiter)]
            if len(cells) >= 2 and all(_FIELD_NAME.fullmatch(c) and len(c.split()) <= 3 for c in cells):
                header = delimiter, [c.replace("_", " ").lower() for c in cells]
                break
    return tuple(out)


@lru_cache(maxsize=64)
def _column_names(labels: tuple[str, ...]) -> regex.Pattern:
    return regex.compile("|".join(_label(label.rstrip(":")) for label in sorted(labels, key=len, reverse=True)))


def column_values(text: str, labels: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, value) of each table cell whose column is named by one of `labels`."""
    if "\n" not in text:
        return []
    names = _column_names(labels)
    return [(a, b, text[a:b]) for name, a, b in table_cells(text) if names.fullmatch(name)]


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
        if text[start - 1:start] == "(" and m.group("l").lower() not in _KIN:
            continue  # 'Mom (Hye-jin)' is her name; 'interpreter (Arabic)', 'PCP (Internal Medicine)' are not
        if value.split(" ")[0].rstrip(".:").upper() in _FIELD_WORDS or _CALENDAR_DATE.match(text, start):
            continue  # 'member ID is ...', 'provider NPI 1954388678': the next field; 'Signed August 2nd': a date
        if _ABBREVIATION.match(value) or value.isupper() and len(value) <= 4 and "." not in value \
                and fold(value) not in listed_names():
            continue  # 'fellow PSCs'; 'signature of DNA damage', 'provider NPI': a symbol, not a name in capitals
        if sum(c.isalpha() for c in value) >= 2:
            out.append((start, start + len(value)))
    # a name column's cells are names whatever their words ('Young Kim' under 'name'), written as names
    out += [(a, b) for a, b, value in column_values(text, labels) if _CELL_NAME.fullmatch(value)]
    return out


def labeled_values(text: str, labels: tuple[str, ...], min_chars: int = 4) -> list[tuple[int, int]]:
    """(start, end) of each value written after one of `labels`: it holds a digit and `min_chars` letters and digits."""
    out = []
    # overlapped: in 'Prior auth case no. 8836-885515' the label 'auth' takes the word 'case' (no digit: no value),
    # and the match that starts at 'case no.' must still be tried
    for m in compile_labels(labels).finditer(text, overlapped=True):
        value = m.group("v")
        if any(c.isdigit() for c in value) and sum(c.isalnum() for c in value) >= min_chars \
                and not _DECIMALS.fullmatch(value):
            # a label glued to its value ('MRN#88120045', 'GRP-440918') is one token: all of it goes; a label of two
            # words is no token of the value ('visit #55120098', 'interpreter #558120': the value alone)
            glued = text[m.end("l"):m.start("v")] in ("", "#", "-") and not m.group("l").endswith(":") \
                and not any(c.isspace() for c in m.group("l"))
            out.append((m.start("l") if glued else m.start("v"), m.end("v")))
    out += [(a, b) for a, b, value in column_values(text, labels)
            if any(c.isdigit() for c in value) and sum(c.isalnum() for c in value) >= min_chars
            and not _DECIMALS.fullmatch(value) and len(value) <= 40]
    return out

