"""Checkpoints anchor the audit chain outside the database: a consistent rewrite (hashes and head
recomputed, so `verify` says intact) of anything up to a checkpoint is found and the checkpoint named;
signatures by unlisted keys are refused; `audit verify` prints the head. SQLite and Postgres."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, select, update

from embgov.audit import append, verify
from embgov.audit.checkpoint import _write_new, checkpoint, verify_checkpoints
from embgov.audit.log import GENESIS, event_hash
from embgov.cli.main import cli
from embgov.errors import AuditError
from embgov.store import get_engine
from embgov.store.db import audit_events, audit_head


@pytest.fixture
def db(db_url, monkeypatch):
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    monkeypatch.delenv("EMBGOV_ALLOWED_SIGNERS", raising=False)
    return get_engine(db_url)


def _fill(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        action = "job.cancel" if i == 5 else "job.submit"
        append("alice", action, f"job:{i}", {"n": i})


def _rewrite(engine, *, actor_of: int | None = None, drop: int | None = None) -> None:
    """What someone with write access to a copy of the database can do: change an event's actor, delete
    an event, then recompute every hash after it and the head, so the chain is consistent again."""
    with engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(audit_events).order_by(audit_events.c.seq))]
        conn.execute(delete(audit_events))
        rows = [r for r in rows if r["seq"] != drop]
        prev = GENESIS
        for seq, row in enumerate(rows, start=1):
            row["seq"], row["prev_hash"] = seq, prev
            if seq == actor_of:
                row["actor"] = "mallory"
            row["hash"] = prev = event_hash(seq, row["ts"], row["actor"], row["action"], row["subject"],
                                            json.loads(row["payload_json"]), prev)
            conn.execute(audit_events.insert().values(**row))
        conn.execute(update(audit_head).values(seq=len(rows), hash=prev))


def test_a_consistent_rewrite_before_a_checkpoint_is_found_and_named(db, tmp_path):
    _fill(5)
    first = checkpoint(tmp_path / "cp")
    _fill(4, start=5)  # entry 6 is a job.cancel
    last = checkpoint(tmp_path / "cp")
    assert (first.seq, last.seq) == (5, 9) and verify_checkpoints(tmp_path / "cp").ok
    _rewrite(db, actor_of=7, drop=6)  # after the first checkpoint, before the last
    assert verify().ok  # the chain alone cannot tell
    result = verify_checkpoints(tmp_path / "cp")
    assert not result.ok and result.checked == 1 and result.first_bad == last.path.rsplit("/", 1)[1]
    assert "entry 9 no longer exists: the chain ends at 8" in result.reason
    _rewrite(db, actor_of=2)  # now before the first one too: the first checkpoint is named
    result = verify_checkpoints(tmp_path / "cp")
    assert not result.ok and result.checked == 0 and result.seq == 5
    assert result.first_bad == first.path.rsplit("/", 1)[1] and "was rewritten" in result.reason
    out = CliRunner().invoke(cli, ["audit", "verify", "--checkpoints", str(tmp_path / "cp")])
    assert out.exit_code == 1 and "ok: 8 audit events" in out.output
    assert f"CHECKPOINT {result.first_bad} does not hold" in out.output


def test_a_rewrite_after_the_last_checkpoint_is_not_claimed(db, tmp_path):
    _fill(3)
    checkpoint(tmp_path)
    _fill(3, start=3)
    _rewrite(db, actor_of=5)  # consistent, after the checkpoint: nothing here can see it
    assert verify().ok and verify_checkpoints(tmp_path).ok
    with db.begin() as conn:  # an inconsistent edit after it: the chain's own verify sees it
        conn.execute(update(audit_events).where(audit_events.c.seq == 6).values(actor="eve"))
    assert verify().first_bad_seq == 6 and verify_checkpoints(tmp_path).ok
    with pytest.raises(AuditError, match="chain is broken at entry 6"):  # and no checkpoint vouches for it
        checkpoint(tmp_path)


def test_signed_checkpoints_and_unlisted_keys(db, tmp_path, ssh_keys, monkeypatch):
    monkeypatch.setenv("EMBGOV_ALLOWED_SIGNERS", str(ssh_keys.signers))
    _fill(2)
    good = checkpoint(tmp_path, key=ssh_keys.path("dana"))
    assert good.signed and verify_checkpoints(tmp_path).to_dict()["signed"] == 1
    _fill(1, start=2)
    forged = checkpoint(tmp_path, key=ssh_keys.path("eve"))  # a key not in allowed_signers
    result = verify_checkpoints(tmp_path)
    assert not result.ok and result.checked == 1 and result.first_bad == forged.path.rsplit("/", 1)[1]
    assert "not in allowed_signers" in result.reason


def test_a_signed_statement_edited_or_unsigned(db, tmp_path, ssh_keys, monkeypatch):
    from pathlib import Path

    monkeypatch.setenv("EMBGOV_ALLOWED_SIGNERS", str(ssh_keys.signers))
    _fill(2)
    path = Path(checkpoint(tmp_path, key=ssh_keys.path("lee")).path)
    path.chmod(0o600)
    path.write_text(path.read_text().replace('"time":"', '"time":"1'))
    assert "signature refused" in verify_checkpoints(tmp_path).reason
    path.unlink()
    Path(str(path) + ".sig").unlink()
    checkpoint(tmp_path)  # unsigned: accepted unless signatures are required
    assert verify_checkpoints(tmp_path).ok
    assert "not signed" in verify_checkpoints(tmp_path, require_signed=True).reason


def test_verify_prints_the_head_and_checkpoint_cli(db, tmp_path):
    runner = CliRunner()
    empty = runner.invoke(cli, ["audit", "verify"])
    assert empty.exit_code == 0 and f"head: entry 0 {GENESIS}" in empty.output
    _fill(3)
    head = verify()
    out = runner.invoke(cli, ["audit", "verify"])
    assert out.exit_code == 0 and f"head: entry 3 {head.head_hash}" in out.output
    data = json.loads(runner.invoke(cli, ["audit", "verify", "--json"]).stdout)
    assert (data["head_seq"], data["head_hash"]) == (3, head.head_hash)
    made = runner.invoke(cli, ["audit", "checkpoint", "--to", str(tmp_path / "cp"), "--json"])
    assert made.exit_code == 0, made.output
    written = json.loads(made.stdout)
    statement = json.loads(open(written["path"]).read())
    assert (statement["seq"], statement["head"]) == (3, head.head_hash) and "password" not in statement["database"]
    both = runner.invoke(cli, ["audit", "verify", "--checkpoints", str(tmp_path / "cp"), "--json"])
    assert both.exit_code == 0 and json.loads(both.stdout)["checkpoints"]["checked"] == 1
    s3 = runner.invoke(cli, ["audit", "checkpoint", "--to", "s3://bucket/audit"])
    assert s3.exit_code == 1 and "object storage URIs are not supported yet" in s3.output
    none = runner.invoke(cli, ["audit", "verify", "--checkpoints", str(tmp_path / "nothing")])
    assert none.exit_code == 1 and "no checkpoints to verify" in none.output


def test_checkpoints_are_never_overwritten(tmp_path, db):
    folder = tmp_path / "w"
    folder.mkdir()
    _write_new(folder / "a.json", b"1")
    with pytest.raises(AuditError, match="never overwritten"):
        _write_new(folder / "a.json", b"2")
    assert (folder / "a.json").read_bytes() == b"1" and [p.name for p in folder.iterdir()] == ["a.json"]
    assert checkpoint(tmp_path / "cp").path != checkpoint(tmp_path / "cp").path
