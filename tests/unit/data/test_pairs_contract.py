"""The pairs contract reads pairs.jsonl the way it is written: line feeds only, malformed rows located."""

from __future__ import annotations

import json

import pytest
pytest.importorskip("bm25s")  # a stage library the code under test needs

from embgov.contracts import PairSet
from embgov.data import build_pairs, load_pairs
from embgov.errors import DataError


def test_a_line_separator_inside_a_record_survives_the_contract_check(kit, tmp_path):
    """ensure_ascii=False keeps U+2028 raw in pairs.jsonl; str.splitlines would cut the row in two."""
    src = tmp_path / "src"
    rows = [json.loads(line) for line in (kit.MINI / "corpus.jsonl").read_text().splitlines()]
    rows = [{**r, "text": r["text"].replace(". ", ".\u2028 ", 1)} for r in rows]
    kit.write_jsonl(src / "corpus.jsonl", rows)
    gated = {"corpus": kit.gate_dir(tmp_path, "corpus", src / "corpus.jsonl"),
             "queries": kit.gate_dir(tmp_path, "queries", kit.MINI / "queries.jsonl"),
             "qrels": kit.gate_dir(tmp_path, "qrels", kit.MINI / "qrels.tsv")}
    out = tmp_path / "out"
    built = build_pairs(kit.make_spec(kit.MINI, pairs={"method": "labeled"}), gated, out)
    assert "\u2028" in (out / "pairs.jsonl").read_text(encoding="utf-8")
    pairset, loaded = PairSet.accept(out, kit.POLICY)
    assert pairset == built and len(loaded) == built.pairs
    assert (pairset, loaded) == load_pairs(out, kit.POLICY)


def test_a_row_that_is_not_json_is_a_located_data_error(kit, mini, tmp_path, monkeypatch):
    out = tmp_path / "out"
    built = build_pairs(kit.make_spec(kit.MINI, pairs={"method": "labeled"}), mini, out)
    data = (out / "pairs.jsonl").read_bytes().replace(b"{", b"[", 1)
    (out / "pairs.jsonl").write_bytes(data)
    import hashlib

    manifest = json.loads((out / "pairs.json").read_text())
    manifest["sha256"] = hashlib.sha256(data).hexdigest()  # as if the manifest were rewritten too
    (out / "pairs.json").write_text(json.dumps(manifest))
    with pytest.raises(DataError, match=r"pairs\.jsonl:1") as err:
        PairSet.accept(out, kit.POLICY)
    assert "fix" in str(err.value) and built.pairs > 0
