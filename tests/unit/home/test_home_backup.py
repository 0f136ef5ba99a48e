"""`embgov backup` / `embgov restore`: a home copied whole (SQLite by its backup API), every file in a
hashed manifest; a changed, added or missing file, or a manifest other than the expected one, refuses the
restore and leaves no home behind; destinations in use are refused; the restore prints `audit verify`."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner
pytest.importorskip("mlflow")  # a stage library the code under test needs

from embgov.home.backup import MANIFEST, BackupError, backup, restore


@pytest.fixture
def home(embgov_home):
    """A small home: the state database with audit entries, a second SQLite file, and plain files."""
    from embgov.audit import append
    from embgov.store import dispose_all

    append("person:ana", "test.one", "thing:1", {"n": 1})
    append("person:ana", "test.two", "thing:2", {"n": 2})
    con = sqlite3.connect(embgov_home / "mlflow.db")
    con.execute("CREATE TABLE t (x TEXT)")
    con.execute("INSERT INTO t VALUES ('embgov-home:mlartifacts/m')")
    con.commit()
    con.close()
    (embgov_home / "telemetry" / "m" / "1").mkdir(parents=True)
    (embgov_home / "telemetry" / "m" / "1" / "seg.npy").write_bytes(b"\x93NUMPY" + bytes(range(64)))
    (embgov_home / "cache").mkdir()
    (embgov_home / "cache" / "x.npy").write_bytes(b"cache")  # re-made on demand: not backed up
    yield embgov_home
    dispose_all()


def _restore_into(monkeypatch, target, src, **kw):
    from embgov.store import dispose_all

    dispose_all()
    monkeypatch.setenv("EMBGOV_HOME", str(target))
    return restore(src, **kw)


def test_backup_then_restore_gives_the_same_home(home, tmp_path, monkeypatch):
    from embgov.audit import list_events, verify

    made = backup(tmp_path / "bk")
    assert "embgov.db" in made["files"] and "mlflow.db" in made["files"] and "cache/x.npy" not in made["files"]
    assert made["not_included"] == [] and len(made["manifest_sha256"]) == 64
    assert not list(tmp_path.glob(".bk.partial-*"))  # the temporary copy was renamed into place
    target = tmp_path / "new" / "home"
    _restore_into(monkeypatch, target, tmp_path / "bk", expect_sha256=made["manifest_sha256"])
    assert verify().ok and [e.action for e in list_events(limit=None)][-2:] == ["test.one", "test.two"]
    assert (target / "telemetry" / "m" / "1" / "seg.npy").read_bytes() == (home / "telemetry" / "m" / "1" / "seg.npy").read_bytes()
    assert sqlite3.connect(target / "mlflow.db").execute("SELECT x FROM t").fetchall() == [("embgov-home:mlartifacts/m",)]


@pytest.mark.parametrize("tamper", ["changed", "added", "missing", "manifest"])
def test_a_tampered_backup_is_refused_and_nothing_is_restored(home, tmp_path, monkeypatch, tamper):
    made = backup(tmp_path / "bk")
    root = tmp_path / "bk" / "home"
    if tamper == "changed":
        seg = root / "telemetry" / "m" / "1" / "seg.npy"
        seg.write_bytes(seg.read_bytes()[:-1] + b"\x00")
    elif tamper == "added":
        (root / "runs").mkdir()
        (root / "runs" / "planted.json").write_text("{}")
    elif tamper == "missing":
        (root / "mlflow.db").unlink()
    else:  # the manifest rewritten to match an edited file: caught by the sha256 `backup` printed
        seg = root / "telemetry" / "m" / "1" / "seg.npy"
        seg.write_bytes(b"edited")
        manifest = json.loads((tmp_path / "bk" / MANIFEST).read_text())
        from embgov.hashing import sha256_file

        manifest["files"]["telemetry/m/1/seg.npy"] = {"sha256": sha256_file(seg), "bytes": 6}
        (tmp_path / "bk" / MANIFEST).write_text(json.dumps(manifest))
    target = tmp_path / "new" / "home"
    with pytest.raises(BackupError) as refused:
        _restore_into(monkeypatch, target, tmp_path / "bk", expect_sha256=made["manifest_sha256"])
    expected = {"changed": "differs from the manifest", "added": "does not list", "missing": "is missing",
                "manifest": "not the one expected"}[tamper]
    assert expected in refused.value.what
    assert not target.exists() and not list(target.parent.glob(".home.restoring-*"))


def test_destinations_in_use_are_refused(home, tmp_path, monkeypatch):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine")
    with pytest.raises(BackupError, match="not empty"):
        backup(busy)
    with pytest.raises(BackupError, match="inside the home"):
        backup(home / "bk")
    backup(tmp_path / "bk")
    with pytest.raises(BackupError, match="not empty"):
        _restore_into(monkeypatch, home, tmp_path / "bk")  # over a live home
    assert (busy / "keep.txt").read_text() == "mine"


def test_restore_cli_prints_the_audit_verification(home, tmp_path, monkeypatch):
    from embgov.cli.main import cli
    from embgov.store import dispose_all

    out = CliRunner().invoke(cli, ["backup", str(tmp_path / "bk"), "--json"])
    assert out.exit_code == 0, out.output
    sha = json.loads(out.stdout)["manifest_sha256"]
    dispose_all()
    monkeypatch.setenv("EMBGOV_HOME", str(tmp_path / "restored"))
    done = CliRunner().invoke(cli, ["restore", str(tmp_path / "bk"), "--expect-sha256", sha])
    assert done.exit_code == 0, done.output
    assert "audit verify: ok, 2 entries" in done.output
    refused = CliRunner().invoke(cli, ["restore", str(tmp_path / "bk")])
    assert refused.exit_code == 1 and "not empty" in refused.output


def test_a_postgres_database_is_named_as_not_included(home, tmp_path, monkeypatch):
    monkeypatch.setenv("EMBGOV_DB_URL", "postgresql+psycopg://ana:secret@db.example/embgov")
    made = backup(tmp_path / "bk")
    assert made["not_included"] == ["database: postgresql+psycopg://ana:***@db.example/embgov"]
    assert "secret" not in (tmp_path / "bk" / MANIFEST).read_text()
