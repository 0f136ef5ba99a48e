"""One table of reader cases, run against both stages that read records (data and evaluation): they share
embgov.records, so a file that one refuses the other refuses, and the records they read are the same."""

from __future__ import annotations

from collections import Counter

import pytest

from embgov.data import readers as data_readers
from embgov.errors import DataError, EvalError
from embgov.evaluate import sets as eval_sets
from embgov.spec.jobspec import RecordSource

SECRET = "Zebulon Quaxley"  # never in an error


def _data(path, source):
    stats = Counter()
    recs = data_readers.read_records(path, source, role="corpus", stats=stats)
    return [(r.id, r.text) for r in recs], stats["corpus_empty"]


def _eval(path, source):
    stats: dict[str, int] = {}
    ids, texts = eval_sets.read_records(path, source, stats, "corpus")
    return list(zip(ids, texts)), stats.get("corpus_empty", 0)


READERS = [pytest.param(_data, DataError, id="data"), pytest.param(_eval, EvalError, id="evaluate")]

GOOD = [  # (file name, bytes, format, expected records, blank count)
    ("ls.jsonl", '{"_id": "a", "title": "T", "text": "one\u2028two"}\n'.encode(), "jsonl",
     [("a", "T\none\u2028two")], 0),
    ("bom.jsonl", b'\xef\xbb\xbf{"_id": "a", "text": "x"}\r\n{"_id": 2, "text": "  "}\n', "jsonl", [("a", "x")], 1),
    ("quoted.csv", b'_id,text,title\r\n1,"a, b",\r\n2,"multi\nline",T\r\n', "csv", [("1", "a, b"), ("2", "T\nmulti\nline")], 0),
    ("bom.csv", b"\xef\xbb\xbf_id,text\n1,x\n", "csv", [("1", "x")], 0),
    ("plain.txt", b"first\n\n  second  \n", "text", [("line:1", "first"), ("line:3", "second")], 0),
]

BAD = [  # (file name, bytes, format, located message)
    ("extra.csv", f"_id,text\n1,ok\n2,{SECRET},extra\n".encode(), "csv", r"extra\.csv:3: the row has more cells"),
    ("dup.jsonl", f'{{"_id": "a", "text": "{SECRET}"}}\n{{"_id": "a", "text": "x"}}\n'.encode(), "jsonl",
     r"dup\.jsonl:2: duplicate id 'a'"),
    ("dupnum.jsonl", b'{"_id": 1, "text": "x"}\n{"_id": "1", "text": "y"}\n', "jsonl", r":2: duplicate id '1'"),
    ("notjson.jsonl", f'{{"_id": "a", "text": "{SECRET}"\n'.encode(), "jsonl", r"notjson\.jsonl:1: invalid JSON"),
    ("list.jsonl", b'["a", "b"]\n', "jsonl", r":1: the line is not a JSON object"),
    ("noid.jsonl", f'{{"text": "{SECRET}"}}\n'.encode(), "jsonl", r":1: missing id field '_id'"),
    ("notext.jsonl", f'{{"_id": "a", "body": "{SECRET}"}}\n'.encode(), "jsonl", r":1: missing field 'text'"),
    ("numtext.jsonl", b'{"_id": "a", "text": 5}\n', "jsonl", r":1: field 'text' is not a string"),
    ("latin1.jsonl", '{"_id": "a", "text": "caf\u00e9"}\n'.encode("latin-1"), "jsonl", r":1: not valid UTF-8"),
    ("nocol.csv", b"id,body\n1,x\n", "csv", r"nocol\.csv:1: the header has no column '_id', 'text'"),
]


@pytest.mark.parametrize("read, error", READERS)
@pytest.mark.parametrize("name, data, fmt, expected, blank", GOOD, ids=[g[0] for g in GOOD])
def test_both_stages_read_the_same_records(tmp_path, read, error, name, data, fmt, expected, blank):
    path = tmp_path / name
    path.write_bytes(data)
    assert read(path, RecordSource(path=name, format=fmt)) == (expected, blank)


@pytest.mark.parametrize("read, error", READERS)
@pytest.mark.parametrize("name, data, fmt, message", BAD, ids=[b[0] for b in BAD])
def test_both_stages_refuse_the_same_files(tmp_path, read, error, name, data, fmt, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message) as info:
        read(path, RecordSource(path=name, format=fmt))
    assert SECRET not in str(info.value) and info.value.fix
