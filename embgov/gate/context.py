"""Context-word scoring, fast: one pass per document instead of one per finding.

Presidio's LemmaContextAwareEnhancer walks every token of the document for every finding to
locate it (O(tokens x findings)): 70 % of the recognizer time on 150-word notes. Here keyword
positions are computed once per document and each finding is located by binary search. Matching
is on whole words of the lower-cased text (an inflection of up to three letters is accepted, so
"admit" supports "admitted"), which lets the gate run spaCy without tagger and lemmatizer; the
policy's context words are compared in lower case. Semantics otherwise follow Presidio's: the
`prefix` keywords before a match and the `suffix` keywords after it (stop words and punctuation
skipped; "in Rohod for a business trip"), a boost added to the score, and a floor for any finding
with supportive context.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from presidio_analyzer import RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from spacy.lang.en.stop_words import STOP_WORDS


def _supports(word: str, context: tuple[str, ...]) -> bool:
    for c in context:
        if word == c or (len(c) >= 4 and word.startswith(c) and len(word) - len(c) <= 3):
            return True
    return False


_WORDS = regex.compile(r"[\p{L}\p{N}]+(?:['’]\p{L}+)?")


def _keywords(text: str, wanted: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, lower-case word) of the words that can be context, read from the text itself:
    "555 0147-Office" has the word "office" though spaCy keeps "0147-Office" one token. spaCy's stop
    list holds "call", "name", "show", ...: a stop word that a policy names as context stays
    (Presidio drops it, so "call me at 0494 92 82 32" had no context)."""
    keys = []
    for m in _WORDS.finditer(text.lower()):
        word = m.group()
        if word not in STOP_WORDS or word in wanted:
            keys.append((m.start(), word))
    return keys


class FastContextEnhancer(ContextAwareEnhancer):
    def __init__(self, boost: float, min_score: float, prefix: int = 5, suffix: int = 3):
        super().__init__(context_similarity_factor=boost, min_score_with_context_similarity=min_score,
                         context_prefix_count=prefix, context_suffix_count=suffix)
        self._contexts: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}
        self._wanted_key: tuple = ()
        self._wanted_words: frozenset[str] = frozenset()

    def _context_of(self, recognizer) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        cached = self._contexts.get(recognizer.id)
        if cached is None:
            words = tuple(c.lower() for c in recognizer.context or () if " " not in c)
            phrases = tuple(tuple(c.lower().split()) for c in recognizer.context or () if " " in c)
            cached = self._contexts[recognizer.id] = (words, phrases)
        return cached

    def _wanted(self, recognizers) -> frozenset[str]:
        key = tuple(r.id for r in recognizers)
        if self._wanted_key != key:
            self._wanted_key = key
            self._wanted_words = frozenset(w for r in recognizers for c in r.context or () for w in c.lower().split())
        return self._wanted_words

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        if nlp_artifacts is None or not raw_results:
            return raw_results
        keys = _keywords(text, self._wanted(recognizers))
        starts = [k[0] for k in keys]
        by_id = {r.id: r for r in recognizers}
        extra = tuple(w.lower() for w in context or ())
        for result in raw_results:
            meta = result.recognition_metadata or {}
            recognizer = by_id.get(meta.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or not recognizer.context or meta.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            words, phrases = self._context_of(recognizer)
            i = bisect_left(starts, result.start)
            j = bisect_left(starts, result.end)
            window = ([w for _, w in keys[max(0, i - self.context_prefix_count):i]]
                      + [w for _, w in keys[j:j + self.context_suffix_count]] + list(extra))
            joined = " ".join(window)
            if any(_supports(w, words) for w in window) or any(" ".join(p) in joined for p in phrases):
                result.score = min(max(result.score + self.context_similarity_factor,
                                       self.min_score_with_context_similarity), ContextAwareEnhancer.MAX_SCORE)
        return raw_results
