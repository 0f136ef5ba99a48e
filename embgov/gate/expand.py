"""Grow a finding over what belongs to it, as the policy's `expand` asks.

Detectors often find part of a value: spaCy tags 'D. Yefremova' in 'Faina D. Yefremova', a street
pattern stops before the city and postcode lines of an address block. A half-redacted value
still identifies, so the gate extends such findings over adjacent capitalised words and initials
(names), over the rest of the address (addresses) or over the weekday and time written with a date
(dates). All stay on plain text shapes, not on any list of names or places.
"""

from __future__ import annotations

import regex

from embgov.gate.lists import english_word, fold, load

# Capitalised words that start sentences or address people, never part of a name
_NOT_NAME = {"the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that", "is", "was", "have", "has",
             "dear", "hello", "hi", "mr", "mrs", "ms", "miss", "dr", "prof", "patient", "pt", "and", "or", "with", "by",
             "from", "to", "in", "on", "at", "of", "for", "i", "we", "he", "she", "they", "it", "if", "when", "where",
             "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "spouse", "partner",
             "contact", "seen", "per", "called", "spoke", "family", "friend", "caregiver", "guardian", "nurse",
             # a form's labels and a clinician's roles beside a name: 'PCP Dr. Anneliese Marchbanks', 'Osei-Bonsu MRN'
             "pcp", "mrn", "dob", "ssn", "re", "attn", "cc", "fax", "tel", "phone", "acct", "dos", "npi", "dea", "rx",
             "md", "rn", "np", "pa", "do", "phd", "pharmd", "fnp", "room", "bed", "name", "id", "age", "sex"}
# One space between the words of a name: two spaces or a tab separate the fields of a form ('Alcott   Member ID:')
_LEFT_NAME = regex.compile(r"(\p{Lu}[\p{L}'’-]*\.?)[ \t]$")
_RIGHT_NAME = regex.compile(r"^[ \t](\p{Lu}[\p{L}'’-]*(?<!\.)|\p{Lu}\.)(?=[\s,;!?)]|:(?![ \t]*\S)|$)")
# One more word of an address on the same line: "..., Springfield", " 2127", " IL", " Apt. 4"
_SAME_LINE = regex.compile(r"^,?[ \t]+(?:([\p{Lu}\d][\p{L}\d'’-]*)(\.?)|[\p{L}]{1,3}\.?(?=[ \t]+\d))")
_LABEL_NEXT = regex.compile(r"^[ \t]*[:#]")
# a form's next field or a clinician's credentials after an address or a name: ', DOB 11-Sep-1963', ', MD', ', TIN/SSN'
_FIELD_WORDS = frozenset({"dob", "mrn", "ssn", "dos", "acct", "tel", "phone", "fax", "email", "npi", "age", "sex", "re",
                          "attn", "cc", "md", "do", "rn", "np", "pa", "phd", "tin", "fin", "dea", "id", "hicn", "mbi"})
_NEXT_LINE = regex.compile(r"^\n[ \t]*(,?[ \t]*[^\n]{1,40})(?=\n|$)")
_LEFT_NUMBER = regex.compile(r"(\d{1,6}[ \t]+)$")
# A unit on the same line, any case: ", apt. 789", " Suite 574", " flat 3B", " unit 9456 box 8731"
_UNIT = regex.compile(r"^,?[ \t]+(?i:apt|apartment|suite|ste|unit|flat|fl|floor|room|rm|bldg|building|box|p\.?o\.?[ \t]*box)"
                      r"\.?[ \t]*#?[ \t]*\d[\w-]{0,5}\b")
# A comma-led place of at most four words, any case (", valverde de valdelacasa", ", Quebec"), optionally ending in a
# postal code; never a clause (", and she ...")
_CLAUSE = r"(?:and|or|but|nor|which|who|whom|where|when|while|then|so|because|for|in|on|at|to|with|as|if|she|he|they|" \
          r"i|we|you|it|is|was|are|were|be|the|a|an|please|thanks|thank|call|let|can|will|so|also|not|this|that|" \
          r"dob|mrn|ssn|dos|acct|tel|phone|fax|email|npi|age|sex|re|attn|cc)\b"  # the next field's label: ', DOB 5/5/1955'
_COMMA_PLACE = regex.compile(r"^,[ \t]*(?!(?i:" + _CLAUSE + r"))\p{L}[\p{L}'’.-]*"
                             r"(?:[ \t]+(?:(?i:and|of|the|de|del|da|do|di|la|le)[ \t]+)?(?!(?i:" + _CLAUSE.replace("the|a|an|", "") + r"))\p{L}[\p{L}'’.-]*){0,3}"
                             r"(?:[ \t]+\d{4,6}\b)?(?=[ \t]*(?:[,.;!?)\n]|$)|[ \t]+(?i:for|in|to|on|at|last|please|and|or|but|if|so)\b)")
# the number of a unit the finding ends on ("... 211 apt" + ". 098"), and lower-case words after a unit up to the line's end
_UNIT_END = regex.compile(r"(?i)\b(?:apt|apartment|suite|ste|unit|flat)$")
_UNIT_NUMBER = regex.compile(r"^\.?[ \t]*#?[ \t]*\d[\w-]{0,5}\b")
_TAIL_WORD = regex.compile(r"^[ \t]+(?!(?i:" + _CLAUSE + r"))\p{L}[\p{L}'’.-]*(?=[ \t,.;!?)]|\n|$)")
# a line above the finding that starts with a house number: "19 guipúzcoa 1268" over "apt. 013"
_LINE_ABOVE = regex.compile(r"(?:^|\n)([ \t]*[?*•·>-]*[ \t]*\d{1,6}[ \t]+[\p{L}\d][^\n:@]{0,40})\n[ \t]*[?*•·>-]*[ \t]*$")
# The last line of an address block, up to its postal code, even when the sentence goes on after it
# ("\nMakareao, nan 57132 in case of ..."; after one blank line: "\n\n Uruguay 93613")
_POSTCODE_LINE = regex.compile(r"^\n(?:[ \t]*\n)?[ \t]*((?:[,?]*[ \t]*[\p{L}][\p{L}'’.-]*,?[ \t]+){0,4}\d{4,6}|\d{4,6})\b(?![.,]?\d)")
# a country line closing the block ("\n Thailand", "\n\n Bosnia and Herzegovina 78990"), checked against the countries list
_COUNTRY_LINE = regex.compile(r"^\n(?:[ \t]*\n)?[ \t]*[?*•·>-]*[ \t]*((?:\p{L}[\p{L}'’.-]*[ \t]*){1,5})")
_BULLET = "?*•·–-> \t"
_ABBREVIATED = frozenset({"blvd", "pkwy", "expy", "hwys", "apts", "bldg", "ctr", "twp", "cnty"})  # not a sentence's end


_LIST_RIGHT = regex.compile(r"^(?:,[ \t]*|[ \t]+(?:and|&)[ \t]+|,[ \t]*and[ \t]+)(\p{Lu}\p{Ll}[\p{L}'’-]*)(?=[\s,.;:!?)]|$)")
_LIST_LEFT = regex.compile(r"(\p{Lu}\p{Ll}[\p{L}'’-]*)(?:,[ \t]*|[ \t]+(?:and|&)[ \t]+)$")


_TITLE = regex.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra)\.?[ \t]+$", regex.IGNORECASE)


def expand_name(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _expand_words(text, start, end)
    title = _TITLE.search(text, max(0, start - 8), start)
    if title:  # "Dr. Pearce": the title goes with the name, as the titled-name pattern takes it
        start = title.start()
    # a coordinated list of names ("Eklund, Michael and Hodge"): one name found, its neighbours too
    for _ in range(8):
        m = _LIST_RIGHT.match(text[end:end + 60])
        if not m or m.group(1).lower() in _NOT_NAME:
            break
        end += m.end(1)
    for _ in range(8):
        m = _LIST_LEFT.search(text, max(0, start - 60), start)
        if not m or m.group(1).lower() in _NOT_NAME:
            break
        start = m.start(1)
    return start, end


def _stops_name_left(word: str) -> bool:
    """A capitalised word before a name that is not part of it: an address word, or an ordinary English
    word that is no first name ("Call John Smith"; "Will Smith" keeps "Will"). To the right, ordinary
    words are surnames as often as not (John Brown, Justin Beet): only _NOT_NAME stops there."""
    key = word.rstrip(".").lower()
    if len(key) == 1:
        return False  # an initial
    return key in _NOT_NAME or fold(key) in load("common_words") and fold(key) not in load("first_names")


def _expand_words(text: str, start: int, end: int) -> tuple[int, int]:
    for _ in range(3):
        m = _LEFT_NAME.search(text, max(0, start - 40), start)
        if not m or _stops_name_left(m.group(1)):
            break
        start = m.start(1)
    for _ in range(3):
        m = _RIGHT_NAME.match(text[end:end + 40])
        if not m or m.group(1).rstrip(".").lower() in _NOT_NAME:
            break
        end += m.end(1)
    return start, end


def _address_line(line: str) -> bool:
    line = line.lstrip(_BULLET)  # "??? suite 834", "• Montzen": a list marker is not a sentence's punctuation
    words = line.replace(",", " ").split()
    return 0 < len(words) <= 6 and ":" not in line and not regex.search(r"[.!?]\s+\p{Ll}", line) \
        and not regex.search(r"@|https?://", line)


def expand_address(text: str, start: int, end: int) -> tuple[int, int]:
    for _ in range(2):  # "04 44 Rue ...": a building number before the street number
        m = _LEFT_NUMBER.search(text, max(0, start - 8), start)
        if not m:
            break
        start = m.start(1)
    for _ in range(2):
        m = _LINE_ABOVE.search(text, max(0, start - 64), start)
        if not m or len(m.group(1).split()) > 6:
            break
        start = m.start(1) + len(m.group(1)) - len(m.group(1).lstrip(_BULLET))
    unit = bool(_UNIT_END.search(text, max(0, end - 12), end))
    for _ in range(12):
        m = (_UNIT_NUMBER.match(text[end:end + 16]) if unit else None)
        unit = False
        m = m or _UNIT.match(text[end:end + 40])
        if m:
            end += m.end()
            for _ in range(5):  # "apt. 098 erwetegem united states"
                t = _TAIL_WORD.match(text[end:end + 40])
                if not t:
                    break
                end += t.end()
            continue
        m = _COMMA_PLACE.match(text[end:end + 80])
        if m and not _clause_words(m.group()):
            last = m.group().rsplit(None, 1)[-1]
            if last.endswith(".") and len(last) > 4 and last[:-1].lower() not in _ABBREVIATED:
                end += m.end() - 1  # ', Iran.' ends a sentence: what follows is the next one
                break
            end += m.end()
            continue
        m = _SAME_LINE.match(text[end:end + 60])
        if m and (_LABEL_NEXT.match(text[end + m.end():end + m.end() + 4]) or (m.group(1) or "").lower() in _FIELD_WORDS):
            break  # "MRN:", "Tel #": the next field's label, not part of the address
        if m and m.group(2) and len(m.group(1)) > 4:
            end += m.end() - 1  # "Vellmoor." ends a sentence ("St.", "Ave." do not): stop before the full stop
            break
        if m:
            end += m.end()
            continue
        m = _NEXT_LINE.match(text[end:end + 60])
        if m and _address_line(m.group(1)):
            end += m.end(1)
            continue
        m = _POSTCODE_LINE.match(text[end:end + 80])
        if m:
            end += m.end(1)
        else:
            end = _country_line(text, end)
        break
    return start, end


def _clause_words(match: str) -> bool:
    """', exposure to sunlight': lower-case words after a place's comma that are all English words go on with the
    sentence; a lower-case place (', valverde de valdelacasa') has a word no dictionary lists."""
    words = regex.findall(r"\p{L}[\p{L}'’-]*", match)
    if not words or any(w[0].isupper() for w in words):
        return False
    common = load("common_words")
    return all(english_word(w.lower(), common) for w in words)


def _country_line(text: str, end: int) -> int:
    m = _COUNTRY_LINE.match(text[end:end + 80])
    if not m:
        return end
    words = list(regex.finditer(r"\p{L}[\p{L}'’.-]*", m.group(1)))
    countries = load("countries")
    for n in range(len(words), 0, -1):  # the longest run of words that names a country
        if fold(" ".join(w.group() for w in words[:n]).rstrip(".")) in countries:
            stop = end + m.start(1) + words[n - 1].end()
            code = regex.match(r"[ \t]+\d{4,6}\b", text[stop:stop + 10])
            return stop + (code.end() if code else 0)
    return end


# The weekday and the time of day written with a date belong to it: 'Sat 11/18/23 22:47', '19:40 on 8/3',
# '12/2/23 at approx 15:30', "Jan 14 '24 at 1930", '6/4 @ 0930'. A time without a colon needs 'at' or '@' ('3/5 120 mg').
_MERIDIEM = r"[ \t]?[AaPp](?:\.[Mm]\.|[Mm]\b)"  # '2pm', '2 p.m.', not the full stop after '2pm.'
_TIME = r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d(?:" + _MERIDIEM + r")?|(?:1[0-2]|0?[1-9])" + _MERIDIEM + r")"
_TIME_24 = r"(?:[01]\d|2[0-3])[0-5]\d\b(?![.,]?\d)"
_APPROX = r"(?:(?i:approx\.?|approximately|around|about|ca\.?)[ \t]+|~[ \t]?)?"
_WEEKDAY_LEFT = regex.compile(r"(?i:\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.?)"
                              r",?[ \t]+$")
_TIME_LEFT = regex.compile(r"(?:\b" + _TIME + r"|(?<![\d:.])" + _TIME_24 + r"(?=[ \t]+on\b))[ \t]+(?:on[ \t]+)?$")
_TIME_RIGHT = regex.compile(r",?[ \t]+(?:(?:(?i:at)[ \t]+|@[ \t]?)" + _APPROX + r"(?:" + _TIME + "|" + _TIME_24 + r")|"
                            + _APPROX + _TIME + r")")


def expand_date(text: str, start: int, end: int) -> tuple[int, int]:
    """A date with the weekday before it and the time of day before or after it."""
    for _ in range(2):  # '19:40 on Sat 8/3': a time, then a weekday
        m = _WEEKDAY_LEFT.search(text, max(0, start - 12), start) or _TIME_LEFT.search(text, max(0, start - 16), start)
        if not m:
            break
        start = m.start()
    m = _TIME_RIGHT.match(text, end)
    return start, m.end() if m else end


EXPANDERS = {"name": expand_name, "address": expand_address, "date": expand_date}

_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Never cut a word: 'Tak' of 'Takáts' or 'Hauta' of 'Hauta-aho' grows to the whole word."""
    def inside(i: int) -> bool:  # is position i between two parts of one word?
        if i <= 0 or i >= len(text):
            return False
        a, b = text[i - 1], text[i]
        if _WORD_CHAR.match(a) and _WORD_CHAR.match(b):
            return True
        return (a == "-" and i > 1 and text[i - 2].isalpha() and b.isalpha()) or \
               (b == "-" and i + 1 < len(text) and a.isalpha() and text[i + 1].isalpha())

    while start < end and inside(start):
        start -= 1
    while end > start and inside(end):
        end += 1
    return start, end


def repeats(text: str, findings: list[tuple[str, int, int, float]],
            name_entities: set[str]) -> list[tuple[str, int, int, float]]:
    """Other occurrences of a full name found in the record, and of each of its words: 'Jouni' and
    'Hahli' wherever they appear once 'Jouni Hahli' was found. Single-word findings are not carried
    (in domain text they are as often a gene or a term the model mistook for a name)."""
    common = load("common_words")
    wanted: dict[str, tuple[str, float]] = {}
    for entity, start, end, score in findings:
        value = text[start:end].strip()
        words = regex.findall(r"\p{Lu}[\p{L}\p{M}'’-]{2,}", value)
        if entity not in name_entities or len(value.split()) < 2 or len(words) < 2:
            continue
        wanted.setdefault(value, (entity, score))
        for word in words:
            if fold(word) not in common and word.lower() not in _NOT_NAME:
                wanted.setdefault(word, (entity, score))
    out = []
    for value, (entity, score) in wanted.items():
        at = text.find(value)
        while at >= 0:  # str.find, not a regex per value: compiling those cost a tenth of the gate's time
            end = at + len(value)
            if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
                out.append((entity, at, end, score))
            at = text.find(value, at + 1)
    return out
