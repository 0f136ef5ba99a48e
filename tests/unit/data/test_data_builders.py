"""Pair builders: labeled, bm25 (weak supervision), adjacent (unsupervised), and the registries."""

from __future__ import annotations

import typing

import pytest
pytest.importorskip("bm25s")  # a stage library the code under test needs

from embgov.data import build_pairs
from embgov.data.builders import ADJACENT_SENTENCES, BUILDERS
from embgov.data.negatives import MINERS
from embgov.errors import DataError
from embgov.spec.jobspec import HardNegatives, PairsSection

NO_NEG = {"miner": "none"}


def test_registries_cover_every_spec_choice():
    methods = typing.get_args(PairsSection.model_fields["method"].annotation)
    miners = typing.get_args(HardNegatives.model_fields["miner"].annotation)
    assert set(BUILDERS) == set(methods) and set(MINERS) == set(miners)


def test_labeled_one_pair_per_relevant_document(kit, mini, tmp_path, mini_records):
    loaded = kit.make_spec(kit.MINI, pairs={"method": "labeled", "hard_negatives": NO_NEG})
    ps = build_pairs(loaded, mini, tmp_path / "out")
    assert (ps.pairs, ps.domain_pairs, ps.mixed_pairs, ps.negatives) == (26, 26, 0, 0)
    assert ps.columns == ["anchor", "positive"] and ps.method == "labeled"
    s = ps.stats
    assert (s["qrels_unknown_query"], s["qrels_unknown_doc"], s["qrels_not_relevant"], s["queries_without_qrels"]) == (1, 1, 1, 3)
    rows = kit.read_rows(tmp_path / "out")
    assert all(list(r) == ["anchor", "positive"] for r in rows)
    # claim 60 cites two abstracts: two pairs with the same anchor, one per abstract (title + text)
    doc_texts = {f"{d['title']}\n{d['text']}" for d in mini_records.values()}
    assert all(r["positive"] in doc_texts for r in rows)
    anchors = [r["anchor"] for r in rows]
    assert max(anchors.count(a) for a in anchors) == 2


def test_labeled_without_any_known_pair_is_an_error(kit, mini, tmp_path):
    base = tmp_path / "spec"
    base.mkdir()
    (base / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\n999\t13734012\t1\n2\tnope\t1\n")
    loaded = kit.make_spec(base, pairs={"method": "labeled", "hard_negatives": NO_NEG})
    mini["qrels"] = kit.gate_dir(tmp_path / "b", "qrels", base / "qrels.tsv")
    with pytest.raises(DataError, match="no qrels line names both a known query and a known document") as err:
        build_pairs(loaded, mini, tmp_path / "out")
    assert str(mini["qrels"] / "qrels.tsv") in err.value.render()
    assert not (tmp_path / "out" / "pairs.jsonl").exists()


BM25_DOCS = [
    {"_id": "d1", "title": "Aspirin and colorectal adenoma", "text": "Daily aspirin reduced colorectal adenoma recurrence in a randomised trial."},
    {"_id": "d2", "title": "Statin therapy and LDL cholesterol", "text": "Statin therapy lowered LDL cholesterol in adults with diabetes."},
    {"_id": "d3", "title": "Zinc lozenges for the common cold", "text": "Zinc lozenges shortened the common cold by two days."},
    {"_id": "d4", "title": "Zinc lozenges for the common cold", "text": "Zinc lozenges shortened the common cold by two days in adults."},
    {"_id": "d5", "text": "A record without a title gives no pseudo-query. It is still a document."},
    {"_id": "d6", "title": "Quantum chromodynamics lattice", "text": "Unrelated words only here."},
    {"_id": "d7", "title": "Malaria prophylaxis", "text": "Travellers took malaria prophylaxis for months. Mefloquine was tolerated."},
]


def _corpus(kit, tmp_path, docs):
    kit.write_jsonl(tmp_path / "src" / "corpus.jsonl", docs)
    return {"corpus": kit.gate_dir(tmp_path, "corpus", tmp_path / "src" / "corpus.jsonl")}


def test_bm25_title_positive_is_its_own_document_and_ambiguous_titles_drop(kit, tmp_path):
    gated = _corpus(kit, tmp_path, BM25_DOCS)
    loaded = kit.make_spec(tmp_path, data={"corpus": {"path": "corpus.jsonl"}},
                           pairs={"method": "bm25", "pseudo_query": "title", "min_margin": 0.1, "hard_negatives": NO_NEG})
    ps = build_pairs(loaded, gated, tmp_path / "out")
    s = ps.stats
    # d3/d4 share a title (a tie: ambiguous), d5 has none, d6's body shares no word with its title
    assert (s["bm25_pairs"], s["pseudo_title_ambiguous"], s["pseudo_title_none"], s["pseudo_title_no_match"]) == (3, 2, 1, 1)
    rows = {r["anchor"]: r["positive"] for r in kit.read_rows(tmp_path / "out")}
    by_title = {d.get("title"): d["text"] for d in BM25_DOCS}
    assert set(rows) == {"Aspirin and colorectal adenoma", "Statin therapy and LDL cholesterol", "Malaria prophylaxis"}
    # the positive is the title's OWN document's body (the title removed), whatever else BM25 ranks
    assert all(rows[t] == by_title[t] for t in rows)
    loose = kit.make_spec(tmp_path, data={"corpus": {"path": "corpus.jsonl"}},
                          pairs={"method": "bm25", "min_margin": 0.0, "max_rank": 2, "hard_negatives": NO_NEG})
    assert build_pairs(loose, gated, tmp_path / "loose").stats["pseudo_title_ambiguous"] == 0


def test_bm25_lead_sentence_is_removed_from_its_document(kit, tmp_path):
    gated = _corpus(kit, tmp_path, BM25_DOCS)
    loaded = kit.make_spec(tmp_path, data={"corpus": {"path": "corpus.jsonl"}},
                           pairs={"method": "bm25", "pseudo_query": "lead_sentence", "min_margin": 0.0, "hard_negatives": NO_NEG})
    ps = build_pairs(loaded, gated, tmp_path / "out")
    rows = kit.read_rows(tmp_path / "out")
    assert ps.stats["pseudo_lead_none"] == 5  # d1-d4 and d6 have one sentence: nothing left to match against
    by_anchor = {r["anchor"]: r["positive"] for r in rows}
    assert by_anchor["Travellers took malaria prophylaxis for months."] == "Malaria prophylaxis\nMefloquine was tolerated."
    assert all(r["anchor"] not in r["positive"] for r in rows)


def test_bm25_with_nothing_usable_is_an_error(kit, tmp_path):
    gated = _corpus(kit, tmp_path, [{"_id": "a", "text": "No titles anywhere."}, {"_id": "b", "text": "Still none."}])
    loaded = kit.make_spec(tmp_path, data={"corpus": {"path": "corpus.jsonl"}}, pairs={"method": "bm25", "hard_negatives": NO_NEG})
    with pytest.raises(DataError, match=r"no pseudo-query survived \(title: 2 without one"):
        build_pairs(loaded, gated, tmp_path / "out")


def test_adjacent_windows_and_short_documents(kit, tmp_path):
    assert ADJACENT_SENTENCES == 3
    docs = [{"_id": "short", "text": "Only one sentence here."},
            {"_id": "long", "title": "A title", "text": "S one. S two. S three. S four. S five."}]
    gated = _corpus(kit, tmp_path, docs)
    loaded = kit.make_spec(tmp_path, data={"corpus": {"path": "corpus.jsonl"}}, pairs={"method": "adjacent", "hard_negatives": NO_NEG})
    ps = build_pairs(loaded, gated, tmp_path / "out")
    assert ps.stats["adjacent_short_docs"] == 1 and ps.pairs == 2
    rows = sorted((r["anchor"], r["positive"]) for r in kit.read_rows(tmp_path / "out"))
    assert rows == [("A title", "S one. S two. S three."), ("S four.", "S five.")]


def test_ready_made_pairs_are_appended(kit, mini, tmp_path):
    data = {"corpus": {"path": "corpus.jsonl"}, "queries": {"path": "queries.jsonl"}, "qrels": {"path": "qrels.tsv"},
            "pairs": [{"path": "extra_pairs.csv", "format": "csv", "anchor_field": "question", "positive_field": "answer"}]}
    gated = {**mini, "pairs-0": kit.gate_dir(tmp_path, "pairs-0", kit.FIX / "extra_pairs.csv")}
    ps = build_pairs(kit.make_spec(kit.MINI, data=data, pairs={"method": "labeled", "hard_negatives": NO_NEG}), gated, tmp_path / "o")
    assert (ps.pairs, ps.stats["ready_made_pairs"], ps.method) == (31, 5, "labeled+pairs")
    assert set(ps.receipts) == {"corpus", "queries", "qrels", "pairs-0"}
