"""Readers: formats, title joining, qrels, pair files, and errors that name file, line and field."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from embgov.data.readers import read_pair_file, read_qrels, read_records
from embgov.data.text import split_sentences
from embgov.records import join_title
from embgov.errors import DataError
from embgov.spec.jobspec import PairSource, QrelsSource, RecordSource

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "data"
MINI = FIX / "scifact-mini"

SECRET = "Zanzibar-Quokka"  # text that must never appear in an error message


def test_beir_jsonl_prepends_title():
    stats = Counter()
    recs = read_records(MINI / "corpus.jsonl", RecordSource(path="corpus.jsonl"), role="corpus", stats=stats)
    assert len(recs) == 40 and stats["corpus_records"] == 40
    first = recs[0]
    assert first.title and first.text == f"{first.title}\n{first.body}"
    queries = read_records(MINI / "queries.jsonl", RecordSource(path="q.jsonl"), role="queries", stats=stats)
    assert len(queries) == 26 and queries[0].title is None and queries[0].text == queries[0].body


def test_csv_with_column_map_and_blank_title(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("note_id,heading,body\nn1,Heart,Chest pain at rest.\nn2,,Cough for two weeks.\nn3,Empty,   \n")
    src = RecordSource(path="notes.csv", format="csv", id_field="note_id", text_field="body", title_field="heading")
    stats = Counter()
    recs = read_records(path, src, role="corpus", stats=stats)
    assert [(r.id, r.text) for r in recs] == [("n1", "Heart\nChest pain at rest."), ("n2", "Cough for two weeks."),
                                              ("n3", "Empty")]


def test_plain_text_ids_are_line_numbers(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("first note\n\n   \nsecond note\n")
    stats = Counter()
    recs = read_records(path, RecordSource(path="notes.txt", format="text"), role="corpus", stats=stats)
    assert [(r.id, r.text) for r in recs] == [("line:1", "first note"), ("line:4", "second note")]


def test_blank_record_is_skipped_and_counted(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"_id": "a", "text": "kept"}\n{"_id": "b", "text": " ", "title": ""}\n')
    stats = Counter()
    assert [r.id for r in read_records(path, RecordSource(path="c.jsonl"), role="corpus", stats=stats)] == ["a"]
    assert stats["corpus_empty"] == 1


@pytest.mark.parametrize("content, fmt, line, what", [
    ('{"_id": "1", "text": "ok"}\n{"_id": "2", "text": "' + SECRET + '"\n', "jsonl", 2, "invalid JSON"),
    ('{"_id": "1", "text": "ok"}\n\n{"_id": "2", "body": "' + SECRET + '"}\n', "jsonl", 3, "missing field 'text'"),
    ('{"_id": "1", "text": 5}\n', "jsonl", 1, "field 'text' is not a string"),
    ('{"text": "' + SECRET + '"}\n', "jsonl", 1, "missing id field '_id'"),
    ('["' + SECRET + '"]\n', "jsonl", 1, "not a JSON object"),
    ('{"_id": "1", "text": "a"}\n{"_id": "1", "text": "' + SECRET + '"}\n', "jsonl", 2, "duplicate id '1' (first at line 1)"),
    ("_id,body\n1," + SECRET + "\n", "csv", 1, "the header has no column 'text'"),
    ("_id,text\n1,ok\n2," + SECRET + ",extra\n", "csv", 3, "more cells than the header"),
])
def test_bad_input_names_file_line_and_field_never_text(tmp_path, content, fmt, line, what):
    path = tmp_path / f"bad.{fmt}"
    path.write_text(content)
    with pytest.raises(DataError) as err:
        read_records(path, RecordSource(path=path.name, format=fmt), role="corpus", stats=Counter())
    message = err.value.render()
    assert f"{path}:{line}" in message and what in message
    assert SECRET not in message


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"_id": "1", "text": "ok"}\n{"_id": "2", "text": "\xff\xfe"}\n')
    with pytest.raises(DataError, match=r"c.jsonl:2: not valid UTF-8"):
        read_records(path, RecordSource(path="c.jsonl"), role="corpus", stats=Counter())


def test_qrels_beir_and_trec_keep_positive_scores(tmp_path):
    stats = Counter()
    rel = read_qrels(MINI / "qrels.tsv", QrelsSource(path="qrels.tsv"), stats)
    assert rel["60"] == ["13899137", "13901073"] and "43128141" not in rel["2"]
    assert stats["qrels_judgements"] == 29 and stats["qrels_not_relevant"] == 1
    trec = tmp_path / "q.trec"
    trec.write_text("q1 0 d1 2\nq1 0 d2 0\nq2 Q0 d3 1\nq1 0 d1 1\n")
    assert read_qrels(trec, QrelsSource(path="q.trec", format="trec"), Counter()) == {"q1": ["d1"], "q2": ["d3"]}


@pytest.mark.parametrize("content, fmt, what", [
    ("q1\td1\t1\n", "beir_tsv", ":1: beir_tsv qrels need the header"),
    ("query-id\tcorpus-id\tscore\nq1\td1\n", "beir_tsv", ":2: expected 3 columns"),
    ("q1 0 d1 high\n", "trec", ":1: the score column is not a number"),
])
def test_bad_qrels(tmp_path, content, fmt, what):
    path = tmp_path / "qrels.txt"
    path.write_text(content)
    with pytest.raises(DataError, match=what):
        read_qrels(path, QrelsSource(path="qrels.txt", format=fmt), Counter())


def test_pair_files_jsonl_and_csv(tmp_path):
    rows = read_pair_file(FIX / "general.jsonl", PairSource(path="general.jsonl", negative_field="negative"))
    assert len(rows) == 12 and sum(r.negative is not None for r in rows) == 1
    src = PairSource(path="extra_pairs.csv", format="csv", anchor_field="question", positive_field="answer", negative_field="hard")
    rows = read_pair_file(FIX / "extra_pairs.csv", src)
    assert len(rows) == 5 and [r.negative is not None for r in rows] == [True, False, False, True, False]
    bad = tmp_path / "p.jsonl"
    bad.write_text('{"anchor": "a", "positive": "b"}\n{"anchor": "' + SECRET + '"}\n')
    with pytest.raises(DataError) as err:
        read_pair_file(bad, PairSource(path="p.jsonl"))
    assert f"{bad}:2: missing field 'positive'" in err.value.render() and SECRET not in err.value.render()


def test_title_joiner_and_sentence_splitter():
    assert join_title("A title", "Body.") == "A title\nBody." and join_title("  ", "Body.") == "Body."
    assert join_title("Only", "") == "Only"
    text = "Title line\nFirst sentence, e.g. with an abbreviation. Second one! Third (quoted). \"Fourth?\" Fifth."
    assert split_sentences(text) == ["Title line", "First sentence, e.g. with an abbreviation.", "Second one!",
                                     "Third (quoted).", "\"Fourth?\"", "Fifth."]
