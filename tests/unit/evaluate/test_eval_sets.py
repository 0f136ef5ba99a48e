"""Reading test sets: text as the data stage builds it, counts and warnings, errors without text."""

from __future__ import annotations

import json
import shutil

import pytest

from embgov.errors import EvalError
from embgov.evaluate.runner import MIN_PAIRS, set_warnings
from embgov.evaluate.sets import load_set
from embgov.spec.jobspec import QrelsSource, RecordSource, RetrievalSet

SECRET = "Zanzibar-7731"  # stands for record text that must never reach a message


def write_set(tmp_path, docs, queries, qrels_lines, qrels_format="beir_tsv"):
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    (tmp_path / "queries.jsonl").write_text("".join(json.dumps(q) + "\n" for q in queries))
    header = "query-id\tcorpus-id\tscore\n" if qrels_format == "beir_tsv" else ""
    (tmp_path / "qrels.tsv").write_text(header + "".join(line + "\n" for line in qrels_lines))
    return RetrievalSet(corpus=RecordSource(path="corpus.jsonl"), queries=RecordSource(path="queries.jsonl"),
                        qrels=QrelsSource(path="qrels.tsv", format=qrels_format))


def test_mini_set_counts(mini_set):
    eset = load_set(mini_set)
    assert len(eset.doc_ids) == 40 and eset.stats["queries"] == 26
    # qrels name 24 queries; one is not in the queries file, so 23 are evaluated.
    assert eset.stats["evaluated_queries"] == len(eset.query_ids) == len(eset.qrels) == 23
    assert eset.stats["relevant_pairs"] == 27 and eset.stats["qrels_docs_not_in_corpus"] == 1
    described = eset.describe()
    assert described["documents"] == 40 and len(described["corpus_fingerprint"]) == 64


def test_title_joined_with_a_line_break_and_blank_records_skipped(tmp_path):
    rset = write_set(tmp_path, [{"_id": "a", "title": "T", "text": "body"}, {"_id": "b", "title": "", "text": "only"},
                                {"_id": "c", "text": "  "}, {"_id": "d", "title": "just a title", "text": ""}],
                     [{"_id": "q", "text": "question"}], ["q\ta\t1"])
    eset = load_set(rset, tmp_path)
    assert eset.doc_ids == ["a", "b", "d"] and eset.doc_texts == ["T\nbody", "only", "just a title"]
    assert eset.stats["corpus_empty"] == 1
    assert any("1 blank corpus records" in w for w in set_warnings(eset, "held-out"))


def test_trec_qrels_and_non_relevant_judgements(tmp_path):
    rset = write_set(tmp_path, [{"_id": "a", "text": "x"}, {"_id": "b", "text": "y"}],
                     [{"_id": "1", "text": "q"}, {"_id": "2", "text": "r"}],
                     ["1 0 a 2", "1 0 b 0", "2 0 b 0"], qrels_format="trec")
    eset = load_set(rset, tmp_path)
    assert eset.qrels == {"1": {"a": 2, "b": 0}}  # query 2 has no relevant document: not evaluated
    assert eset.stats["judged_pairs"] == 2 and eset.stats["relevant_pairs"] == 1
    assert eset.stats["qrels_queries_without_relevant"] == 1 and eset.query_ids == ["1"]


def test_fingerprint_follows_content_not_location(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    rset = write_set(a, [{"_id": "d", "text": "x"}], [{"_id": "q", "text": "y"}], ["q\td\t1"])
    shutil.copytree(a, b)
    assert load_set(rset, a).fingerprint == load_set(rset, b).fingerprint
    (b / "corpus.jsonl").write_text(json.dumps({"_id": "d", "text": "changed"}) + "\n")
    changed = load_set(rset, b)
    assert changed.corpus_fingerprint != load_set(rset, a).corpus_fingerprint


@pytest.mark.parametrize("docs, qrels, message", [
    ([{"_id": "a", "text": SECRET}, {"_id": "a", "text": SECRET}], ["q\ta\t1"], "duplicate id 'a'"),
    ([{"_id": "a", "body": SECRET}], ["q\ta\t1"], "missing field 'text'"),
    ([{"text": SECRET}], ["q\ta\t1"], "missing id field"),
    ([{"_id": "a", "text": SECRET}], ["q\ta"], "expected 3 columns"),
    ([{"_id": "a", "text": SECRET}], ["q\ta\tyes"], "not a number"),
    ([{"_id": "a", "text": SECRET}], ["other\ta\t1"], "no query in the qrels"),
])
def test_errors_locate_the_fault_without_text(tmp_path, docs, qrels, message):
    rset = write_set(tmp_path, docs, [{"_id": "q", "text": SECRET}], qrels)
    with pytest.raises(EvalError, match=message) as err:
        load_set(rset, tmp_path)
    assert SECRET not in str(err.value) and str(tmp_path) in str(err.value)


def test_missing_header_and_missing_file(tmp_path):
    rset = write_set(tmp_path, [{"_id": "a", "text": "x"}], [{"_id": "q", "text": "y"}], [])
    (tmp_path / "qrels.tsv").write_text("q\ta\t1\n")
    with pytest.raises(EvalError, match="header"):
        load_set(rset, tmp_path)
    (tmp_path / "qrels.tsv").unlink()
    with pytest.raises(EvalError, match="file not found"):
        load_set(rset, tmp_path)


def test_csv_records(tmp_path):
    (tmp_path / "c.csv").write_text('id,body\nd1,"a, quoted\nbody"\nd2,plain\n')
    (tmp_path / "q.csv").write_text("id,body\nq1,question\n")
    (tmp_path / "qrels.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\n")
    src = dict(format="csv", id_field="id", text_field="body", title_field=None)
    eset = load_set(RetrievalSet(corpus=RecordSource(path="c.csv", **src), queries=RecordSource(path="q.csv", **src),
                                 qrels=QrelsSource(path="qrels.tsv")), tmp_path)
    assert eset.doc_ids == ["d1", "d2"] and eset.doc_texts[0] == "a, quoted\nbody"


@pytest.mark.parametrize("pairs, warned", [(MIN_PAIRS - 1, True), (MIN_PAIRS, False)])
def test_fewer_than_500_relevant_pairs_warns(tmp_path, pairs, warned):
    docs = [{"_id": f"d{i}", "text": f"doc {i}"} for i in range(pairs)]
    rset = write_set(tmp_path, docs, [{"_id": "q", "text": "q"}], [f"q\td{i}\t1" for i in range(pairs)])
    notes = set_warnings(load_set(rset, tmp_path), "held-out", min_pairs=MIN_PAIRS)
    assert any(f"fewer than {MIN_PAIRS}" in n for n in notes) is warned
