"""Words as the gate's word-list detectors see them: tokens with their shape, symbols, title lines,
eponyms, and the small vocabularies (name particles, eponym and study nouns, cue words) that decide
whether a capitalised word is a name, a place or a term. Shared by gazetteer.py, keep.py, recognizers.py
and redactor.py."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from embgov.gate.lists import fold

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*")
SAME_LINE_GAP = regex.compile(r"[ \t]{1,3}")
POSSESSIVE = regex.compile(r"['’]s?$")

# Lower-case words inside names and places: "Willemine ten Pas", "Villafranca del Cid", "Isle of Man"
NAME_PARTICLES = frozenset({"de", "del", "della", "da", "di", "do", "dos", "du", "la", "le", "van", "von", "der", "den",
                            "ter", "bin", "binti", "bint", "ben", "ibn", "bat", "ap", "al", "el", "y", "the", "of", "upon",
                            "on"})
# The word lists step over a few more ("Turkovice u Prelouce", "Begunje na Gorenjskem"), never over "the"
PARTICLES = (NAME_PARTICLES - {"the"}) | {"das", "ten", "u", "v", "na", "am", "im", "sur", "sul", "en", "aan", "op"}
EPONYM_NOUNS = frozenset({
    "disease", "diseases", "syndrome", "syndromes", "virus", "viruses", "fever", "test", "tests", "sign", "signs",
    "scale", "score", "criteria", "criterion", "correlation", "regression", "method", "model", "analysis", "equation",
    "law", "effect", "index", "curve", "estimator", "estimate", "cell", "cells", "body", "bodies", "lymphoma",
    "sarcoma", "tumor", "tumour", "reaction", "stain", "staining", "classification", "palsy", "phenomenon",
    "principle", "distribution", "coefficient", "plot", "procedure", "operation", "encephalitis", "agar", "assay",
    "algorithm", "transform", "ratio", "constant", "units", "unit", "node", "nodes", "layer", "duct", "ducts",
    "gland", "glands", "loop", "canal", "space", "solution", "medium", "type", "strain", "strains", "disorder",
    "ulcer", "anemia", "anaemia", "dementia", "chorea", "sarcoidosis", "thyroiditis", "lesion", "lesions",
    # clinical grades and signs named for people: 'Killip class II', 'Tanner stage 2', 'Miller Fisher variant'
    "class", "stage", "stages", "staging", "variant", "grade", "grading", "maneuver", "manoeuvre", "reflex", "triad",
    "monitor", "rule", "rules", "respiration", "respirations", "breathing", "pattern",
    # molecular biology: "Ras protein", "Hippo pathway", "Nanog expression" are terms, not people or places
    "protein", "proteins", "gene", "genes", "signaling", "signalling", "pathway", "pathways", "mutation", "mutations",
    "mutant", "mutants", "expression", "activation", "activity", "inhibitor", "inhibitors", "inhibition", "receptor",
    "receptors", "kinase", "kinases", "domain", "domains", "complex", "knockdown", "knockout", "deficiency",
    "deficient", "mice", "mouse", "levels", "level", "binding", "promoter", "transcription", "factor", "factors",
    "antibody", "antibodies", "ligand", "ligands", "channel", "channels", "enzyme", "subunit", "subunits", "isoform",
    "isoforms", "variant", "variants", "allele", "alleles", "locus", "homolog", "sequence", "motif", "peptide",
    "mrna", "rna", "dna", "cluster", "species", "spp", "sp", "genus", "trial", "study", "cohort", "vaccine",
    # methods, instruments and named studies: "Western blot", "Cox proportional hazards", "Monte Carlo simulation"
    "blot", "blots", "blotting", "simulation", "simulations", "proportional", "hazards", "capsule", "ascites", "monkey",
    "monkeys", "macaque", "macaques", "rat", "rats", "fish", "database", "library", "collaboration", "review", "reviews",
    "statement", "guideline", "guidelines", "declaration", "staging", "grading", "questionnaire", "inventory",
    "registry", "consortium", "initiative", "program", "programme", "project", "survey", "studies", "trials",
    "approach", "hypothesis", "sampling", "inequality", "theorem", "network", "networks", "lineage", "line", "lines",
    "organ", "organs", "fibers", "fibres", "fiber", "fibre", "membrane", "area", "areas", "aphasia", "nucleus",
    "nuclei", "granules", "granule", "cycler", "kinetics", "spectroscopy", "microscopy", "transporter", "correction",
    "progeria", "kappa", "esophagus", "oesophagus", "toxin", "toxins", "signed-rank", "rank-sum", "scores", "point",
    "points", "fragment", "fragments", "maneuver", "manoeuvre", "reflex", "reflexes", "triad", "tetralogy", "fracture",
})  # not 'family': 'the Adjei family' is a name; a gene family's symbol is in the genes vocabulary ('the Ras family')
# Anatomy and methods named 'X of <eponym>': 'circle of Willis', 'islets of Langerhans', 'loop of Henle'
OF_EPONYM_NOUNS = frozenset({"circle", "loop", "loops", "islets", "islet", "ligament", "canal", "canals", "duct", "ducts",
                             "ampulla", "sphincter", "triangle", "space", "spaces", "foramen", "bundle", "organ", "tubercle",
                             "crest", "node", "nodes", "sign", "test", "law", "tetralogy", "pouch", "fascia", "membrane",
                             "nucleus", "area", "gland", "glands", "crypts", "plexus", "column", "columns", "cells",
                             "method", "criteria", "rule", "classification", "scale"})
# Heads of the names of studies and institutions after a place or a person: "Framingham Heart Study"
STUDY_NOUNS = frozenset({"study", "studies", "cohort", "trial", "trials", "registry", "survey", "consortium",
                         "collaboration", "project", "initiative", "program", "programme", "university", "institute",
                         "college", "school", "foundation", "society", "association", "declaration", "criteria",
                         "classification", "scale", "index", "score", "library", "database", "group"})
CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                      "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                      "sunday", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec"})  # also first names (April,
# June): the date rules own them; not the abbreviations that are given names too (Jan, Jun, Mar)
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}")
_NAME_PREFIX = regex.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz|O['’])\p{Lu}\p{Ll}+$")
NAME_SHAPE = regex.compile(r"^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$")
INTRO = regex.compile(r"\b(?:my name is|name is|this is|it'?s|i am|i'?m|im)\s+$")
# in lower case these are the words, not the names In, An, Do, Will ('fluorescence in situ hybridization')
LOWER_FUNCTION_WORDS = frozenset({"in", "on", "at", "by", "of", "to", "and", "or", "for", "with", "as", "is", "it", "be",
                                   "so", "no", "do", "if", "but", "not", "an", "can", "will", "may", "see", "per", "via",
                                   "de", "la", "le", "du", "van", "von", "al", "el"})
FUNCTION_WORDS = frozenset({"my", "your", "his", "her", "our", "their", "its", "the", "a", "an", "this", "that", "i",
                            "we", "he", "she", "they", "you", "me", "us", "him", "them"})  # 'My IBAN' is no name
_TITLE_LOWER = frozenset({"with", "from", "into", "over", "than", "that", "this", "upon", "onto", "after", "before",
                          "under", "between", "through", "during", "without", "within", "among", "versus", "using", "about"})
_MIN_UPPER = 4  # an all-capital word shorter than this is an abbreviation (NO, LI, DNA), not a name or place
# Words after which a person is named in queries and chat, whatever the case: 'labs for maria gonzalez-ybarra',
# 'pt fatoumata diallo', 'my son kwame', 'text from yolanda'
NAME_CUES = frozenset({"pt", "patient", "re", "son", "daughter", "wife", "husband", "mom", "mum", "mother", "dad",
                        "father", "brother", "sister", "grandson", "granddaughter", "spouse", "partner", "named", "name",
                        "called"})
# ... and words after which one lower-case word is a name only when it is a listed first name ('text from yolanda'; 'for
# dauer formation' is a term)
WEAK_NAME_CUES = frozenset({"for", "from", "per", "with", "about", "on"})
CUE_GAP = regex.compile(r"[ \t]{1,2}|[ \t]?[:,][ \t]{1,2}")


class Token(NamedTuple):
    start: int
    end: int
    word: str
    key: str
    shape: str  # "cap" | "upper" | "lower" | "other"


def _shape(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if all(c.isupper() for c in letters):
        return "upper" if len(letters) >= _MIN_UPPER else "other"
    if letters[0].isupper():
        if len(letters) >= 3 and all(c.isupper() for c in letters[:-1]) and letters[-1] == "s":
            return "other"  # a plural abbreviation: ADEs, CIs, SINEs
        if not word[1:].islower() and _INNER_CAPITAL.search(word) and not _NAME_PREFIX.match(word):
            return "other"  # a symbol: IgA, FoxP, CsCl, ClueGO (but McDonald, DeShawn, O'Neil)
        return "cap"
    return "lower" if all(c.islower() for c in letters) else "other"


def symbol(span: str) -> bool:
    """One word written as a symbol, not a name or a place: a digit or a capital inside it ('SpO2', 'CrCl', 'HbA1c',
    'eGFR'), but not a name's own inner capital ('McDonald', 'DeShawn', "O'Neil") nor an abbreviation in capitals."""
    words = span.split()
    if len(words) != 1:
        return False
    word = POSSESSIVE.sub("", words[0].strip(".,;:()"))
    letters = [c for c in word if c.isalpha()]
    if not letters or word.isupper() and not any(c.isdigit() for c in word):
        return False
    return any(c.isdigit() for c in word) or _shape(word) == "other"


@lru_cache(maxsize=4)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens of a text (cached: the name and the place recognizers read the same text in turn)."""
    out = []
    for m in _WORD.finditer(text):
        if m.start() and text[m.start() - 1].isdigit() or m.end() < len(text) and text[m.end()].isdigit():
            continue  # glued to digits ("Sirt1", "Bcl2", "3Ras"): a symbol, not a name or place
        word = POSSESSIVE.sub("", m.group())
        if word:
            out.append(Token(m.start(), m.start() + len(word), word, fold(word), _shape(word)))
    return tuple(out)


def caseless(toks: tuple[Token, ...]) -> bool:
    """Text typed without capitals (chat, dictation): shapes say nothing there."""
    return len(toks) >= 3 and sum(t.shape in ("cap", "upper") for t in toks) * 50 < len(toks)


def sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?:;\n"


def adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    # a full stop joins an initial or an abbreviation to the next word ('J. Okafor', 'St. Mary'), never two sentences
    # ('Latin America. Helicobacter pylori')
    return bool(SAME_LINE_GAP.fullmatch(gap) or (gap.startswith(".") and len(a.word) <= 3
                                                  and SAME_LINE_GAP.fullmatch(gap[1:])))


def capitals(t: Token) -> bool:
    return len(t.word) >= 2 and t.word.replace("-", "").replace("'", "").isupper()


def title_line(text: str, toks: tuple[Token, ...], a: Token, b: Token) -> bool:
    """Is the line of a..b written in title case ('Independent Association of Lobular Involution and ...')?"""
    start, end = text.rfind("\n", 0, a.start) + 1, text.find("\n", b.end)
    end = len(text) if end < 0 else end
    others = [t for t in toks if start <= t.start and t.end <= end and len(t.word) >= 4 and t not in (a, b)]
    # a title leaves only function words in lower case: 'Dental referral for Perpetua Al-Mansouri: resides at 95
    # Copperfield Circle, ...' has two content words in lower case, and its capitals are an address
    lower = sum(t.shape == "lower" and t.key not in _TITLE_LOWER for t in others)
    return len(others) >= 3 and lower <= 1 and sum(t.shape in ("cap", "upper") for t in others) * 3 >= len(others) * 2


def eponym(text: str, toks: tuple[Token, ...], i: int) -> bool:
    """'Parkinson's disease', 'Ebola virus', 'Kaplan-Meier curve': a name used as a term."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.key not in EPONYM_NOUNS:
        return False
    gap = text[toks[i].end:nxt.start]
    return "\n" not in gap and gap.strip() in ("", "'s", "’s", "-")
