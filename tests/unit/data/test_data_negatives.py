"""Hard negatives: known positives excluded, skip_top, the false-negative guard, fills, rerankers."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
pytest.importorskip("bm25s")  # a stage library the code under test needs

from embgov.data import build_pairs
from embgov.data import negatives as neg
from embgov.errors import DataError

POS = "Zinc lozenges shorten the duration of the common cold by two days."
NEAR_DUP = "ZINC lozenges shorten the duration of the common cold, by two days!"  # same terms: an unlabeled positive
HARD = "Vitamin C has no effect on the duration of the common cold."
FILLER = ["Statins lower LDL cholesterol.", "Aspirin reduces adenoma recurrence.", "Malaria prophylaxis in travellers.",
          "Exercise improves insulin sensitivity.", "Smoking causes lung cancer.", "Bees make honey from nectar."]


def _guard_case(kit, tmp_path, **hard_negatives):
    """One query whose labeled positive has a near-duplicate in the corpus (a fresh directory per call)."""
    tmp_path = tmp_path / f"case-{len(list(tmp_path.glob('case-*')))}"
    docs = [{"_id": "pos", "text": POS}, {"_id": "dup", "text": NEAR_DUP}, {"_id": "hard", "text": HARD}]
    docs += [{"_id": f"f{i}", "text": t} for i, t in enumerate(FILLER)]
    src = tmp_path / "src"
    kit.write_jsonl(src / "corpus.jsonl", docs)
    kit.write_jsonl(src / "queries.jsonl", [{"_id": "q1", "text": "zinc lozenges for a common cold"}])
    (src / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\tpos\t1\n")
    gated = {"corpus": kit.gate_dir(tmp_path, "corpus", src / "corpus.jsonl"),
             "queries": kit.gate_dir(tmp_path, "queries", src / "queries.jsonl"),
             "qrels": kit.gate_dir(tmp_path, "qrels", src / "qrels.tsv")}
    loaded = kit.make_spec(src, pairs={"method": "labeled", "hard_negatives": {"miner": "bm25", **hard_negatives}})
    out = tmp_path / "out"
    return build_pairs(loaded, gated, out), kit.read_rows(out)


def test_false_negative_guard_skips_a_near_duplicate_of_the_positive(kit, tmp_path):
    ps, rows = _guard_case(kit, tmp_path)  # the default guard: word overlap with the positive
    assert rows[0]["negative_1"] == HARD
    assert ps.stats["negatives_near_duplicate_skipped"] == 1 and ps.stats["negatives_mined"] == 1
    assert ps.stats["negatives_false_negative_skipped"] == 0 and ps.stats["negatives_filled"] == 0
    # the score-ratio guard still works when a spec asks for it
    ps, rows = _guard_case(kit, tmp_path, max_score_ratio=0.95, max_positive_overlap=1.0)
    assert rows[0]["negative_1"] == HARD and ps.stats["negatives_near_duplicate_skipped"] == 1


def _outscored_case(kit, tmp_path, **hard_negatives):
    """A labeled positive BM25 ranks low, and a different document that outscores it for the query."""
    tmp_path = tmp_path / f"out-{len(list(tmp_path.glob('out-*')))}"
    docs = [{"_id": "pos", "text": "Trials of oral supplements in children with infections."},
            {"_id": "hard", "text": HARD}] + [{"_id": f"f{i}", "text": t} for i, t in enumerate(FILLER)]
    src = tmp_path / "src"
    kit.write_jsonl(src / "corpus.jsonl", docs)
    kit.write_jsonl(src / "queries.jsonl", [{"_id": "q1", "text": "duration of the common cold in children"}])
    (src / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\tpos\t1\n")
    gated = {r: kit.gate_dir(tmp_path, r, src / f) for r, f in (("corpus", "corpus.jsonl"), ("queries", "queries.jsonl"),
                                                                 ("qrels", "qrels.tsv"))}
    loaded = kit.make_spec(src, pairs={"method": "labeled", "hard_negatives": {"miner": "bm25", **hard_negatives}})
    return build_pairs(loaded, gated, tmp_path / "o"), kit.read_rows(tmp_path / "o")


def test_a_candidate_that_outscores_the_positive_is_a_hard_negative_not_a_skip(kit, tmp_path):
    # Before: the ratio guard skipped every candidate scoring above 0.95 x the positive's BM25 score, so
    # rows whose positive BM25 ranks low got random fills (SciFact train: 119 of 919 rows).
    ps, rows = _outscored_case(kit, tmp_path)
    assert rows[0]["negative_1"] == HARD
    assert ps.stats["negatives_mined"] == 1 and ps.stats["negatives_filled"] == 0
    ps, rows = _outscored_case(kit, tmp_path, max_score_ratio=0.95)
    assert rows[0]["negative_1"] != HARD and ps.stats["negatives_false_negative_skipped"] >= 1


def test_skip_top_and_fill_counting(kit, tmp_path):
    ps, rows = _guard_case(kit, tmp_path, max_score_ratio=1.0, skip_top=1, per_query=3)
    row = rows[0]
    assert list(row) == ["anchor", "positive", "negative_1", "negative_2", "negative_3"]
    assert row["negative_1"] == HARD  # the near-duplicate was the top candidate and skip_top=1 skipped it
    assert ps.stats["negatives_skipped_top"] == 1 and ps.stats["negatives_mined"] == 1
    assert ps.stats["negatives_filled"] == 2 and ps.negatives == 3
    assert {row["negative_2"], row["negative_3"]} <= set(FILLER)


def test_no_known_positive_among_negatives(kit, mini, tmp_path, mini_records):
    loaded = kit.make_spec(kit.MINI, pairs={"method": "labeled", "hard_negatives": {"miner": "bm25", "per_query": 3, "top_k": 20}})
    ps = build_pairs(loaded, mini, tmp_path / "out")
    text = {i: f"{d['title']}\n{d['text']}" for i, d in mini_records.items()}
    queries = {json.loads(l)["_id"]: json.loads(l)["text"] for l in (kit.MINI / "queries.jsonl").read_text().splitlines()}
    relevant = defaultdict(set)
    for line in (kit.MINI / "qrels.tsv").read_text().splitlines()[1:]:
        q, d, score = line.split("\t")
        if float(score) > 0 and d in text and q in queries:
            relevant[queries[q]].add(text[d])
    rows = kit.read_rows(tmp_path / "out")
    assert ps.negatives == len(rows) * 3 == 26 * 3
    assert ps.stats["negatives_known_positive_excluded"] >= 26  # each query's positive ranks in its own top 20
    for r in rows:
        negs = [r["negative_1"], r["negative_2"], r["negative_3"]]
        assert len(set(negs)) == 3 and not set(negs) & relevant[r["anchor"]]
    assert ps.stats["negatives_mined"] + ps.stats["negatives_filled"] == 26 * 3


def test_ready_made_rows_keep_their_negative_and_get_filled(kit, mini, tmp_path):
    data = {"corpus": {"path": "corpus.jsonl"}, "queries": {"path": "queries.jsonl"}, "qrels": {"path": "qrels.tsv"},
            "pairs": [{"path": "extra_pairs.csv", "format": "csv", "anchor_field": "question", "positive_field": "answer",
                       "negative_field": "hard"}]}
    gated = {**mini, "pairs-0": kit.gate_dir(tmp_path, "pairs-0", kit.FIX / "extra_pairs.csv")}
    ps = build_pairs(kit.make_spec(kit.MINI, data=data, pairs={"method": "labeled"}), gated, tmp_path / "o")
    rows = kit.read_rows(tmp_path / "o")
    assert ps.stats["ready_negatives_kept"] == 2 and ps.stats["negatives_filled"] >= 3
    assert all(r["negative_1"] and r["negative_1"] != r["positive"] for r in rows)
    ready = {r["anchor"]: r["negative_1"] for r in rows if r["anchor"].startswith("Does vitamin D")}
    assert ready == {"Does vitamin D supplementation reduce fracture risk in older adults?":
                     "Vitamin D levels were not associated with cancer incidence."}
    none = build_pairs(kit.make_spec(kit.MINI, data=data, pairs={"method": "labeled", "hard_negatives": {"miner": "none"}}),
                       gated, tmp_path / "n")
    assert none.columns == ["anchor", "positive"] and none.stats["ready_negatives_dropped"] == 2


def test_too_few_texts_to_fill_is_an_error(kit, tmp_path):
    src = tmp_path / "src"
    kit.write_jsonl(src / "corpus.jsonl", [{"_id": "a", "title": "Alpha title", "text": "Alpha body words."},
                                           {"_id": "b", "title": "Beta title", "text": "Beta body words."}])
    gated = {"corpus": kit.gate_dir(tmp_path, "corpus", src / "corpus.jsonl")}
    loaded = kit.make_spec(src, data={"corpus": {"path": "corpus.jsonl"}},
                           pairs={"method": "bm25", "min_margin": 0.0, "hard_negatives": {"per_query": 4}})
    with pytest.raises(DataError, match="not enough distinct texts to give every pair 4 negative"):
        build_pairs(loaded, gated, tmp_path / "out")


def test_cross_encoder_needs_its_directory(kit, mini, tmp_path):
    loaded = kit.make_spec(kit.MINI, pairs={"method": "labeled",
                                            "hard_negatives": {"miner": "cross_encoder", "cross_encoder": "models/no-such-ce"}})
    with pytest.raises(DataError, match="cross-encoder model directory not found") as err:
        build_pairs(loaded, mini, tmp_path / "out")
    assert str(kit.MINI / "models/no-such-ce") in err.value.render()


def test_cross_encoder_reranks_and_guards(kit, tmp_path, monkeypatch):
    def overlap(pairs):  # a stand-in cross-encoder: shared lower-case words
        return [len(set(a.lower().split()) & set(b.lower().strip(".!").split())) for a, b in pairs]

    rerank = neg.cross_encoder_reranker(overlap, ratio=0.5)
    # positive overlaps 4; candidates overlap 4, 1, 2 -> the first is above 0.5 x 4 and dropped; the rest best first
    assert rerank("a b c d", "a b c d", ["a b c d", "a x", "a b y"]) == [2, 1]
    monkeypatch.setitem(neg.MINERS, "cross_encoder", lambda hn, path: neg.cross_encoder_reranker(overlap, hn.max_score_ratio))
    ps, rows = _guard_case(kit, tmp_path, miner="cross_encoder", max_score_ratio=0.95)
    assert rows[0]["negative_1"] == HARD and ps.stats["negatives_mined"] == 1
