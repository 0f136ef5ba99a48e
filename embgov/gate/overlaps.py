"""One finding per character: overlapping findings of a text resolved into the spans the gate replaces.

Detectors overlap all the time (NER and a word list on one name, a pattern and a label on one number,
an expansion that grows into a neighbour). What each character becomes is decided here, so that no
part of a value is left behind as a weaker rival's noise.
"""

from __future__ import annotations

import regex

from embgov.gate.recognizers import FULL_NAME, LABELED
from embgov.gate.subject import RECOGNIZER_NAME

_EDGE = set(" \t\r\n,;:.#-")
_GLUED = regex.compile(r"[-/.]?[\p{L}\p{N}]+(?:[-/.][\p{L}\p{N}]+)*[-/.]?")  # one token: letters and digits joined by - / .


def resolve_overlaps(results: list, text: str, detected: dict[int, int] | None = None,
                     cores: dict[int, tuple[int, int]] | None = None) -> list:
    """Keep every character covered, but each by one finding: a labeled value, then the higher score wins the overlap
    and a weaker finding keeps only the parts outside it (so 'Email a@b.org' found as PERSON by
    NER and as EMAIL by a pattern becomes one EMAIL, not one PERSON). A weaker finding that keeps
    less than half of what its detector matched (before expansion) is dropped as noise, and so is
    one whose detected words (`cores`, before expansion) a stronger finding holds whole: what an
    expansion added is no evidence on its own ('Winifred Gallo, dos 11/29': the place 'Gallo' grown to 'dos')."""
    from presidio_analyzer import RecognizerResult

    results = _merge_same(results, detected, cores)
    kept: list = []
    # a value after its label wins over what a pattern guessed from its shape and nearby words ('SSN 622301187,
    # member ID 300418872': the second number is the member id, however high the SSN pattern scored it)
    score = _outranking(results, detected or {})
    # at equal scores a full name of listed words wins over what NER took for a place ('Agnes Pettersson')
    for r in sorted(results, key=lambda r: (not _labeled(r), -score[id(r)],
                                            not (r.recognition_metadata or {}).get(FULL_NAME), -(r.end - r.start), r.start)):
        pieces = [(r.start, r.end)]
        for k in kept:
            pieces = [p for s, e in pieces for p in ((s, min(e, k.start)), (max(s, k.end), e)) if p[0] < p[1]]
        if sum(e - s for s, e in pieces) * 2 < (detected or {}).get(id(r), r.end - r.start):
            _glue(pieces, kept, text)
            continue  # mostly inside a stronger finding: the rest is the weaker detector's noise
        core = (cores or {}).get(id(r))
        if core and (core[0], core[1]) != (r.start, r.end) and not any(c.isdigit() for c in text[core[0]:core[1]]) \
                and not any(max(s, core[0]) < min(e, core[1]) for s, e in pieces):
            continue  # the words it was detected on belong to a stronger finding: the rest is only their expansion
        for s, e in pieces:
            while s < e and text[s] in _EDGE:
                s += 1
            while e > s and text[e - 1] in _EDGE:
                e -= 1
            if s < e:
                kept.append(RecognizerResult(r.entity_type, s, e, r.score))
    return sorted(kept, key=lambda r: r.start)


def _outranking(results: list, detected: dict[int, int]) -> dict[int, float]:
    """The score each finding competes with: its own, or, for one its detector matched whole that holds a stronger
    finding grown past what its own detector matched, that finding's ('1420 N Halsted St' found whole as an address
    holds the name 'Halsted' grown to 'N Halsted St': the address wins, or '1420' would be left as noise)."""
    score = {id(r): r.score for r in results}
    for r in results:
        if detected.get(id(r), r.end - r.start) != r.end - r.start:
            continue
        full = (r.recognition_metadata or {}).get(FULL_NAME)
        for k in results:
            if k is not r and k.score > score[id(r)] and r.start <= k.start and k.end <= r.end \
                    and r.end - r.start > k.end - k.start \
                    and (detected.get(id(k), k.end - k.start) < k.end - k.start or full and k.entity_type != r.entity_type):
                score[id(r)] = k.score  # ... and a full name of listed words holds a place: 'Caleb Winthrop'
    return score


def _labeled(r) -> bool:
    return (r.recognition_metadata or {}).get(RECOGNIZER_NAME, "").endswith(LABELED)


def _glue(pieces: list[tuple[int, int]], kept: list, text: str) -> None:
    """A dropped finding's rest that is glued to a kept identifier is part of it: 'ZA-771204' found whole as one
    entity and as '771204' by a stronger one must not leave 'ZA-' behind."""
    for s, e in pieces:
        if not _GLUED.fullmatch(text, s, e):
            continue
        for k in kept:
            if (k.end == s or k.start == e) and any(c.isdigit() for c in text[min(s, k.start):max(e, k.end)]):
                k.start, k.end = min(s, k.start), max(e, k.end)
                break


def _merge_same(results: list, detected: dict[int, int] | None, cores: dict[int, tuple[int, int]] | None) -> list:
    """Overlapping findings of one entity become one finding over both: two names grown into each other
    ('Grant Ellison' and 'Will Marchetti' joined by 'and') must not leave one of them half-covered, which
    resolve_overlaps would drop as noise, leaking 'Grant'."""
    from presidio_analyzer import RecognizerResult

    out: list = []
    for r in sorted(results, key=lambda r: (r.entity_type, r.start, r.end)):  # one entity's findings in a row
        prev = out[-1] if out and out[-1].entity_type == r.entity_type else None
        if prev is None or r.start >= prev.end:
            out.append(r)
            continue
        # the merged finding speaks for both: labeled if either was, a full name if either was
        meta = dict(max((prev, r), key=lambda x: (_labeled(x), x.score)).recognition_metadata or {})
        if any((x.recognition_metadata or {}).get(FULL_NAME) for x in (prev, r)):
            meta[FULL_NAME] = True
        merged = RecognizerResult(r.entity_type, prev.start, max(prev.end, r.end), max(prev.score, r.score),
                                  recognition_metadata=meta)
        if detected is not None:
            detected[id(merged)] = max(detected.get(id(prev), prev.end - prev.start), detected.get(id(r), r.end - r.start))
        if cores is not None and (id(prev) in cores or id(r) in cores):
            spans = [cores[i] for i in (id(prev), id(r)) if i in cores]
            cores[id(merged)] = (min(s for s, _ in spans), max(e for _, e in spans))
        out[-1] = merged
    return out
