"""Pseudo-queries from a corpus alone (pairs.method pseudo, and bm25 with one kind).

A pseudo-query is cut from a document: its title, a question it asks, its lead sentence, a few
words sampled from a later sentence (span), or a whole later sentence (sentence: the inverse cloze
task; opt-in, not among the default kinds). Its positive is ITS OWN document with the query's text removed
(so the pair is never a trivial string match). BM25 only judges the evidence: for each kind, an index
over every document with that kind's query removed scores the query; the pair is dropped when its own
document is not within the top `max_rank`, or leads the best other document by less than `min_margin`
(relative): a generic title ("Introduction") or a sentence that fits many documents teaches nothing
and, worse, makes its positive's neighbours false negatives.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from embgov.data.bm25 import Bm25Index
from embgov.data.readers import Record
from embgov.data.text import split_sentences
from embgov.records import join_title
from embgov.errors import DataError

if TYPE_CHECKING:
    from embgov.data.builders import Inputs, Pair, Pool

KINDS = ("title", "question", "lead", "span")   # the pseudo method's default kinds
OPT_IN_KINDS = ("sentence",)                      # accepted when a spec names them
SPAN_WORDS = (4, 12)   # a sampled span's length in words (inclusive), like a short search query
MIN_QUERY_WORDS = 2    # shorter pseudo-queries ("Results") are dropped as no query at all
QUERY_CHUNK = 256


def kinds_of(pseudo_query, method: str) -> list[str]:
    """The spec's pseudo_query as a list of kinds (lead_sentence is lead); the method's default when unset."""
    if pseudo_query is None:
        return list(KINDS) if method == "pseudo" else ["title"]
    raw = [pseudo_query] if isinstance(pseudo_query, str) else list(pseudo_query)
    return list(dict.fromkeys("lead" if k == "lead_sentence" else k for k in raw))


def cut(rec: Record, kind: str, rng: random.Random) -> tuple[str, str]:
    """(pseudo-query, the document without it); ("", "") when the document has none of this kind."""
    title, body = (rec.title or "").strip(), rec.body.strip()
    if kind == "title":
        return (title, body) if title and body else ("", "")
    sentences = split_sentences(body)
    if len(sentences) < 2:
        return "", ""  # nothing would remain of the document but its title
    if kind == "lead":
        j = 0
    elif kind == "question":
        j = next((i for i, s in enumerate(sentences) if s.endswith("?")), None)
        if j is None:
            return "", ""
    elif kind == "sentence":
        j = rng.randrange(1, len(sentences))  # a whole later sentence (inverse cloze): the lead has its own kind
    elif kind == "span":
        j = rng.randrange(1, len(sentences))  # a later sentence: the lead has its own kind
        words = sentences[j].split()
        n = min(len(words), rng.randint(*SPAN_WORDS))
        start = rng.randrange(len(words) - n + 1)
        rest = sentences[:j] + sentences[j + 1:]  # the whole sentence goes: a half sentence would give the span away
        return " ".join(words[start:start + n]), join_title(title, " ".join(rest))
    else:
        raise DataError(f"unknown pseudo-query kind {kind!r}", where="pairs.pseudo_query")
    return sentences[j], join_title(title, " ".join(sentences[:j] + sentences[j + 1:]))


def judge(scores, own: int, max_rank: int, min_margin: float) -> str:
    """'keep', 'no_match' (the own document shares no term) or 'ambiguous' (see the module doc)."""
    own_score = float(scores[own])
    if own_score <= 0:
        return "no_match"
    better = int((scores > own_score).sum())
    if better >= max_rank:
        return "ambiguous"
    if better == 0:
        others = float(scores.max()) if len(scores) == 1 else float(max(scores[:own].max(initial=0.0), scores[own + 1:].max(initial=0.0)))
        if (own_score - others) / own_score < min_margin:
            return "ambiguous"
    return "keep"


def pseudo(inp: Inputs) -> tuple[list[Pair], Pool]:
    from embgov.data.builders import Pair, Pool

    if inp.corpus is None:
        raise DataError("pseudo pairs are built from data.corpus, which is missing", where="data.corpus")
    section, stats = inp.section, inp.stats
    kinds = kinds_of(section.pseudo_query, section.method)
    pool = Pool([r.text for r in inp.corpus])  # negatives are whole documents
    pairs: list[Pair] = []
    for kind in kinds:
        rng = random.Random(f"{inp.seed}:pseudo:{kind}")
        split = [cut(r, kind, rng) for r in inp.corpus]
        sources = [i for i, (q, body) in enumerate(split) if len(q.split()) >= MIN_QUERY_WORDS and body]
        stats[f"pseudo_{kind}_none"] += len(split) - len(sources)
        if not sources:
            continue
        # The kind's own index: every document with this kind's query removed, so the own document
        # is judged on what the positive will hold, and the others in the same form.
        index = Bm25Index([body if body else inp.corpus[i].text for i, (_, body) in enumerate(split)])
        for start in range(0, len(sources), QUERY_CHUNK):
            chunk = sources[start:start + QUERY_CHUNK]
            for src, scores in zip(chunk, index.scores_many([split[i][0] for i in chunk])):
                verdict = judge(scores, src, section.max_rank, section.min_margin)
                stats[f"pseudo_{kind}_{verdict}"] += 1
                if verdict == "keep":
                    pairs.append(Pair(split[src][0], split[src][1], pos_doc=src, known=frozenset({src})))
    if not pairs:
        parts = ", ".join(f"{k}: {int(stats[f'pseudo_{k}_none'])} without one, {int(stats[f'pseudo_{k}_ambiguous'])} "
                          f"ambiguous, {int(stats[f'pseudo_{k}_no_match'])} unmatched" for k in kinds)
        raise DataError(f"no pseudo-query survived ({parts})", where=inp.where.get("corpus"),
                        fix="lower pairs.min_margin, raise pairs.max_rank, or add pseudo_query kinds (lead, span)")
    return pairs, pool
