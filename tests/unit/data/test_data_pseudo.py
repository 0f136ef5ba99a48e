"""pairs.method pseudo: pseudo-queries cut from each document, the own document as positive, BM25 as judge."""

from __future__ import annotations

import random

import pytest
np = pytest.importorskip("numpy")

from embgov.data import build_pairs
from embgov.data.pseudo import KINDS, cut, judge, kinds_of
from embgov.data.readers import Record
from embgov.spec.jobspec import PairsSection

DOCS = [
    {"_id": "a", "title": "Aspirin and colorectal adenoma",
     "text": "Daily aspirin reduced adenoma recurrence. Does low dose aspirin prevent colorectal adenomas in adults? "
             "Bleeding events were rare among participants taking the drug for three years."},
    {"_id": "z", "title": "Zinc lozenges for the common cold",
     "text": "Zinc lozenges shortened colds by two days. Side effects included a bad taste and nausea in volunteers."},
    {"_id": "m", "title": "Malaria prophylaxis in travellers",
     "text": "Travellers took mefloquine for months. Neuropsychiatric adverse events were reported by few travellers."},
]


def test_kinds_default_per_method_and_lead_sentence_alias():
    assert kinds_of(None, "pseudo") == list(KINDS) == ["title", "question", "lead", "span"]
    assert kinds_of(None, "bm25") == ["title"]
    assert kinds_of(["lead_sentence", "lead", "span"], "pseudo") == ["lead", "span"]
    assert PairsSection(method="pseudo", pseudo_query=["title", "span"]).pseudo_query == ["title", "span"]


def test_cut_removes_the_query_from_its_own_document():
    rec = Record("a", DOCS[0]["text"], DOCS[0]["title"])
    rng = random.Random(0)
    title, body = cut(rec, "title", rng)
    assert title == DOCS[0]["title"] and body == DOCS[0]["text"]
    q, rest = cut(rec, "question", rng)
    assert q == "Does low dose aspirin prevent colorectal adenomas in adults?" and q not in rest and rest.startswith(DOCS[0]["title"])
    lead, rest = cut(rec, "lead", rng)
    assert lead == "Daily aspirin reduced adenoma recurrence." and lead not in rest
    span, rest = cut(rec, "span", rng)
    words = span.split()
    assert 1 <= len(words) <= 12 and span in DOCS[0]["text"] and span not in rest
    assert "Daily aspirin reduced adenoma recurrence." in rest  # only the span's sentence went
    assert cut(Record("x", "One sentence only.", "T"), "lead", rng) == ("", "")
    assert cut(Record("x", "No question here. None at all.", None), "question", rng) == ("", "")


def test_sentence_kind_is_a_whole_later_sentence_removed_from_its_document():
    rec = Record("a", DOCS[0]["text"], DOCS[0]["title"])
    later = ["Does low dose aspirin prevent colorectal adenomas in adults?",
             "Bleeding events were rare among participants taking the drug for three years."]
    seen = set()
    for seed in range(20):
        q, rest = cut(rec, "sentence", random.Random(seed))
        assert q in later and q not in rest  # never the lead, always a whole sentence
        assert rest.startswith(DOCS[0]["title"]) and "Daily aspirin reduced adenoma recurrence." in rest
        seen.add(q)
    assert seen == set(later)
    assert cut(Record("x", "One sentence only.", "T"), "sentence", random.Random(0)) == ("", "")
    assert kinds_of(["lead", "sentence"], "pseudo") == ["lead", "sentence"] and "sentence" not in kinds_of(None, "pseudo")
    assert PairsSection(method="pseudo", pseudo_query=["sentence"]).pseudo_query == ["sentence"]


def test_judge_keeps_a_clear_own_document_and_drops_ties_and_better_others():
    assert judge(np.array([5.0, 2.0, 0.0]), 0, 1, 0.1) == "keep"
    assert judge(np.array([5.0, 4.8, 0.0]), 0, 1, 0.1) == "ambiguous"   # near tie
    assert judge(np.array([3.0, 5.0, 0.0]), 0, 1, 0.0) == "ambiguous"   # another document ranks first
    assert judge(np.array([3.0, 5.0, 0.0]), 0, 2, 0.1) == "keep"        # within max_rank 2
    assert judge(np.array([0.0, 5.0, 1.0]), 0, 3, 0.0) == "no_match"


def test_pseudo_builds_every_kind_with_own_document_positives_deterministically(kit, tmp_path):
    kit.write_jsonl(tmp_path / "src" / "corpus.jsonl", DOCS)
    gated = {"corpus": kit.gate_dir(tmp_path, "corpus", tmp_path / "src" / "corpus.jsonl")}
    spec = kit.make_spec(tmp_path, data={"corpus": {"path": "corpus.jsonl"}},
                         pairs={"method": "pseudo", "min_margin": 0.0, "hard_negatives": {"miner": "bm25", "per_query": 1}})
    ps = build_pairs(spec, gated, tmp_path / "o1")
    s = ps.stats
    assert ps.method == "pseudo" and s["pseudo_pairs"] == ps.pairs
    assert {k: s[f"pseudo_{k}_keep"] for k in KINDS}["title"] == 3 and s["pseudo_question_keep"] == 1
    assert s["pseudo_question_none"] == 2
    full = {d["_id"]: d for d in DOCS}
    for r in kit.read_rows(tmp_path / "o1"):
        # every positive is its anchor's own document, less the anchor's text; negatives are other documents
        owner = next(d for d in full.values() if r["anchor"] in f"{d['title']} {d['text']}")
        assert r["anchor"] not in r["positive"]
        assert set(r["positive"].replace("\n", " ").split()) <= set(f"{owner['title']} {owner['text']}".split())
        assert owner["title"] not in r["negative_1"]
    build_pairs(spec, gated, tmp_path / "o2")
    assert (tmp_path / "o1" / "pairs.jsonl").read_bytes() == (tmp_path / "o2" / "pairs.jsonl").read_bytes()


def test_pseudo_needs_a_corpus():
    from collections import Counter

    from embgov.data.builders import BUILDERS, Inputs
    from embgov.errors import DataError

    with pytest.raises(DataError, match="pseudo pairs are built from data.corpus"):
        BUILDERS["pseudo"](Inputs(section=PairsSection(method="pseudo"), seed=1, stats=Counter()))
