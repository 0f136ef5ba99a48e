"""Building a table: only gate output under the approved policy gets in; identity and checks are recorded
in LanceDB's own metadata and in the catalogue; reuse; the ANN recall check and its exact fallback."""

from __future__ import annotations

import json
import shutil

import pytest
pytest.importorskip("numpy")  # a stage library the code under test needs
pytest.importorskip("lancedb")  # a stage library the code under test needs

import indexkit as kit
from embgov.errors import GateError, PolicyError, VectorIndexError


def _quiet(_message: str) -> None:
    pass


def test_build_records_identity_checks_and_audit(corpus, policy, policy_hash, records):
    import lancedb

    from embgov import index
    from embgov.audit import list_events
    from embgov.hashing import fingerprint
    from embgov.settings import get_settings

    record = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), batch_size=50, say=_quiet)
    assert record.state == "ready" and record.rows == 120 and record.dim == kit.DIM and record.search == "exact"
    assert record.corpus_fingerprint == fingerprint([corpus]) and record.policy_hash == policy_hash
    assert record.table.startswith("docs__fake__v1__") and record.completed_at

    table = lancedb.connect(get_settings().index_uri).open_table(record.table)
    meta = json.loads(table.schema.metadata[b"embgov"])
    assert meta == {"index": "docs", "table": record.table, "model": "fake", "version": 1, "spec_hash": None,
                    "dim": kit.DIM, "corpus_fingerprint": record.corpus_fingerprint, "policy_hash": policy_hash,
                    "encoder": "fake"}
    assert table.schema.field("vector").metadata[b"embgov.complete"] == b"true"
    assert table.schema.names == ["id", "vector"]  # ids and vectors only: no text in the table

    (event,) = list_events(action="index.build")
    assert event.payload["rows"] == 120 and event.payload["table"] == record.table
    assert not any(r["text"].split()[0] in json.dumps(event.payload) for r in records)
    with pytest.raises(VectorIndexError, match="has no live table"):
        index.resolve("docs")  # built, not promoted


def _no_receipt(corpus, policy_hash):
    (corpus.parent / "receipt.json").unlink()


def _other_policy(corpus, policy_hash):
    kit.gated(corpus.parent, kit.docs(120), "0" * 64)


def _blocked(corpus, policy_hash):
    receipt = json.loads((corpus.parent / "receipt.json").read_text())
    (corpus.parent / "receipt.json").write_text(json.dumps({**receipt, "verdict": "blocked", "verdict_reason": "test"}))


def _edited(corpus, policy_hash):
    corpus.write_text(corpus.read_text().replace("study 1", "study 1 John Smith"))


def _changed_policy(corpus, policy_hash):
    policy = corpus.parent.parent / "policies" / "policy.yaml"
    policy.write_text(policy.read_text().replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.5"))


@pytest.mark.parametrize("spoil, error, match", [
    (_no_receipt, GateError, "no valid gate receipt"),
    (_other_policy, GateError, "another version of the policy"),
    (_blocked, GateError, "the gate blocked"),
    (_edited, GateError, "fingerprint mismatch"),
    (_changed_policy, PolicyError, "changed since it was approved"),
], ids=["no-receipt", "other-policy", "blocked", "edited-after-gate", "policy-changed"])
def test_corpus_without_a_passing_receipt_is_refused(corpus, policy, policy_hash, spoil, error, match):
    from embgov import index
    from embgov.index import catalog

    spoil(corpus, policy_hash)
    with pytest.raises(error, match=match):
        index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), say=_quiet)
    assert catalog.rows() == []  # refused before anything was created


def test_a_file_put_beside_the_receipt_is_refused(corpus, policy):
    from embgov import index

    extra = corpus.parent / "extra.jsonl"
    shutil.copy(corpus, extra)
    with pytest.raises(VectorIndexError, match="not one of the files the gate receipt vouches for"):
        index.build("docs", extra, policy=policy, encoder=kit.encoder(1), say=_quiet)


def test_same_inputs_reuse_the_ready_table_unless_told_to_rebuild(corpus, policy):
    from embgov import index

    first = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), say=_quiet)
    again = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), say=_quiet)
    fresh = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), reuse=False, say=_quiet)
    other = index.build("docs", corpus, policy=policy, encoder=kit.encoder(2), say=_quiet)
    assert again.table == first.table and fresh.table != first.table and other.table != first.table


def test_ann_recall_is_measured_and_an_unreachable_bar_falls_back_to_exact(corpus, policy, records, monkeypatch):
    from embgov import index

    built = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), ann_mode="always", say=_quiet)
    assert built.search == "ann" and built.ann.passed and built.ann.recall_at_10 >= 0.98
    assert built.ann.query_source == "corpus-sample" and built.ann.queries == 120  # the whole corpus < the sample size

    strict = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), ann_mode="always", min_recall=1.01,
                         reuse=False, say=_quiet)
    assert strict.search == "exact" and not strict.ann.passed
    assert len(strict.ann.tried) == 6  # every setting of the ladder was tried before giving up
    index.promote_table("docs", strict.table, actor="test", say=_quiet)
    result = index.query("docs", kit.text_of(records[7]), kit.encoder(1), k=3)
    assert result.search == "exact" and result.hits[0][0].id == "d7"

    auto = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), ann_mode="auto", say=_quiet)
    assert auto.search == "exact" and auto.ann is None  # 120 rows: below the threshold
    monkeypatch.setenv("EMBGOV_INDEX_ANN_MIN_ROWS", "100")
    auto = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), ann_mode="auto", reuse=False, say=_quiet)
    assert auto.search == "ann"


def test_recall_uses_the_queries_file_when_given(tmp_path, corpus, policy, policy_hash):
    from embgov import index

    queries = kit.gated(tmp_path / "gate-queries", [{"_id": f"q{i}", "text": " ".join(kit.WORDS[i:i + 3])}
                                                    for i in range(20)], policy_hash, "queries.jsonl")
    built = index.build("docs", corpus, policy=policy, encoder=kit.encoder(1), queries=queries, ann_mode="always",
                        say=_quiet)
    assert built.ann.query_source == "queries" and built.ann.queries == 20 and built.queries == str(queries)


def test_bad_documents_and_encoders_fail_the_build_and_leave_nothing(tmp_path, policy, policy_hash):
    import numpy as np

    from embgov import index
    from embgov.index import Encoder, catalog, lance
    from embgov.settings import get_settings

    dup = kit.gated(tmp_path / "dup", kit.docs(10) + kit.docs(1), policy_hash)
    with pytest.raises(VectorIndexError, match="duplicate document id 'd0'"):
        index.build("docs", dup, policy=policy, encoder=kit.encoder(1), say=_quiet)
    good = kit.gated(tmp_path / "good", kit.docs(10), policy_hash)
    nan = Encoder("fake", 1, "fake", lambda texts: np.full((len(texts), 4), np.nan))
    with pytest.raises(VectorIndexError, match="NaN"):
        index.build("docs", good, policy=policy, encoder=nan, say=_quiet)
    short = Encoder("fake", 1, "fake", lambda texts: np.ones((1, 4)))
    with pytest.raises(VectorIndexError, match="one row per text"):
        index.build("docs", good, policy=policy, encoder=short, say=_quiet)
    assert {r.record.state for r in catalog.rows()} == {"failed"}
    assert lance.names(get_settings().index_uri) == []  # the failed tables were dropped
    with pytest.raises(VectorIndexError, match="not an index name"):
        index.build("Bad__Name", good, policy=policy, encoder=kit.encoder(1), say=_quiet)
