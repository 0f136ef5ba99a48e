"""One hostile record is quarantined with its reason, never fatal; hostile input files are refused
before a byte is read; `redact` and `gate review` read only confined, non-secret inputs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
pytest.importorskip("presidio_anonymizer")  # a stage library the code under test needs

from embgov.errors import DataError, EvalError, GateError
from embgov.gate.records import Bad, Record, read_records

ROOT = Path(__file__).resolve().parents[3]
DEEP = b'{"_id": "deep", "text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}\n"


def good_jsonl(n: int) -> list[bytes]:
    return [(json.dumps({"_id": f"ok{i}", "text": f"Stable on metformin, visit {i}."}) + "\n").encode() for i in range(n)]


def read(path: Path, max_chars: int = 100_000, fields: list[str] | None = None) -> list[Record | Bad]:
    return list(read_records(path, fields, None, max_chars))


def test_deep_nesting_is_too_deep_and_the_rest_is_read(tmp_path):
    good = good_jsonl(4)
    src = tmp_path / "deep.jsonl"
    src.write_bytes(b"".join(good[:2] + [DEEP] + good[2:]))
    items = read(src)
    assert [type(i).__name__ for i in items] == ["Record", "Record", "Bad", "Record", "Record"]
    assert (items[2].rid, items[2].reason) == ("line:3", "too_deep")
    assert [i.rid for i in items if isinstance(i, Record)] == ["ok0", "ok1", "ok2", "ok3"]


def test_a_line_over_the_bound_is_too_large_unparsed(tmp_path):
    src = tmp_path / "long.jsonl"
    src.write_bytes(good_jsonl(1)[0] + b'{"_id": "x", "text": "' + b"a" * 300_000 + b'"}\n' + good_jsonl(2)[1])
    items = read(src, max_chars=1_000)  # bound: 8 * 1000 + 64 KiB
    assert [(i.rid, getattr(i, "reason", None)) for i in items] == [("ok0", None), ("line:2", "too_large"), ("ok1", None)]
    assert "bytes" in items[1].detail and "a" * 20 not in items[1].detail


def csv_with_big_field(tmp_path: Path) -> Path:
    src = tmp_path / "notes.csv"
    rows = ["id,text,extra", "r1,Stable on metformin.,x", f"r2,{'y' * 200_000},x", "r3,Follow-up in two weeks.,x",
            f"r4,Seen today.,{'z' * 200_000}", "r5,Discharged home.,x"]
    src.write_text("\n".join(rows) + "\n")
    return src


def test_a_200kb_csv_field_is_quarantined_and_the_rest_is_read(tmp_path):
    items = read(csv_with_big_field(tmp_path), fields=["text"])
    assert [(i.rid, type(i).__name__, getattr(i, "reason", None)) for i in items] == [
        ("r1", "Record", None), ("row:2", "Bad", "too_large"), ("r3", "Record", None),
        ("row:4", "Bad", "too_large"), ("r5", "Record", None)]
    assert all("y" * 20 not in (i.detail or "") for i in items if isinstance(i, Bad))


def test_a_cell_beyond_csvs_field_limit_is_quarantined(tmp_path):
    """Even a cell past the raised field limit (a quoted field over many lines) ends one row, not the file."""
    src = tmp_path / "multi.csv"
    big = "\n".join("w" * 1_000 for _ in range(80))  # 80 KB over 80 lines: each line under the bound
    src.write_text(f'id,text\nr1,fine\nr2,"{big}"\nr3,also fine\n')
    items = read(src, max_chars=100)  # line bound 8*100 + 64 KiB < the 80 KB field
    assert items[0].rid == "r1" and items[-1].rid == "r3"
    assert any(isinstance(i, Bad) and i.reason == "too_large" for i in items[1:-1])


def test_a_malformed_row_is_quarantined_with_its_row_number(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_bytes(b"id,text\nr1,fine\nr2,carriage\rreturn\nr3,also fine\n")
    items = read(src)
    assert [(i.rid, getattr(i, "reason", None)) for i in items] == [("r1", None), ("row:2", "malformed_row"),
                                                                   ("r3", None)]


def test_undecodable_csv_rows_are_still_quarantined(tmp_path):
    src = tmp_path / "enc.csv"
    src.write_bytes(b"\xef\xbb\xbfid,text\nr1,caf\xe9\nr2,fine\n")
    items = read(src)
    assert [(i.rid, getattr(i, "reason", None)) for i in items] == [("row:1", "undecodable"), ("r2", None)]


def test_a_long_text_line_is_too_large(tmp_path):
    src = tmp_path / "notes.txt"
    src.write_bytes(b"short line\n" + b"x" * 50_000 + b"\nanother\n")
    items = read(src, max_chars=100)
    assert [(i.rid, getattr(i, "reason", None)) for i in items] == [("line:1", None), ("line:2", "too_large"),
                                                                   ("line:3", None)]


@pytest.mark.timeout(20)
def test_hostile_files_are_refused_before_reading(tmp_path, monkeypatch):
    from embgov.records import iter_lines

    def data_lines(path):
        return iter_lines(path, DataError)

    def eval_lines(path):
        return iter_lines(path, EvalError)

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "adir.jsonl").mkdir()
    for path, message in ((fifo, "FIFO"), (Path("/dev/zero"), "character device"), (tmp_path / "adir.jsonl", "directory")):
        with pytest.raises(GateError, match=message):
            read(path)
        with pytest.raises(DataError, match=message):
            list(data_lines(path))
        with pytest.raises(EvalError, match=message):
            list(eval_lines(path))
    src = tmp_path / "a.jsonl"
    src.write_bytes(b"".join(good_jsonl(3)))
    monkeypatch.setenv("EMBGOV_MAX_INPUT_BYTES", "50")
    with pytest.raises(GateError, match="the limit is 50"):
        read(src)


# --- the commands: inputs confined to the working directory's tree and EMBGOV_DATA_ROOTS ------------------


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.delenv("EMBGOV_DATA_ROOTS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    policy = work / "hipaa.yaml"
    text = (ROOT / "policies/hipaa.yaml").read_text()
    policy.write_text(text.replace("hash_key: {env: EMBGOV_HASH_KEY}", "hash_key: {env: EMBGOV_HASH_KEY, file: keys/hash.key}"))
    (work / "keys").mkdir()
    (work / "keys/hash.key").write_text("k" * 40)
    return work


def invoke(*args: str):
    from embgov.cli.main import cli

    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("command", [["redact", "--out", "out"], ["gate", "review"]], ids=["redact", "review"])
def test_commands_refuse_inputs_outside_the_roots_and_secret_files(workdir, tmp_path, monkeypatch, command):
    outside = tmp_path / "outside.jsonl"
    outside.write_bytes(b"".join(good_jsonl(2)))
    (workdir / "link.jsonl").symlink_to(outside)
    (workdir / ".env").write_text("EMBGOV_DB_URL=postgresql://u:pw@db/x\n")
    (workdir / "prod.env").write_text("EMBGOV_HASH_KEY=secret\n")
    cases = [("/etc/passwd", "outside the data roots"), (str(outside), "outside the data roots"),
             ("link.jsonl", "outside the data roots"), (".env", "secrets file"), ("prod.env", "secrets file"),
             ("keys/hash.key", "secrets file")]
    for value, message in cases:
        result = invoke(*command, "--policy", "hipaa.yaml", value)
        assert result.exit_code == 1 and message in result.output, (value, result.output)
        assert "Traceback" not in result.output and "pw@" not in result.output and "secret" not in result.output.replace("secrets file", "")
    assert not (workdir / "out").exists()
    monkeypatch.setenv("EMBGOV_DATA_ROOTS", str(tmp_path))
    allowed = invoke(*command, "--policy", "hipaa.yaml", str(tmp_path / "missing.jsonl"))
    assert "outside the data roots" not in allowed.output  # past the check: the next one speaks
    assert "input not found" in allowed.output or "no approval" in allowed.output, allowed.output


@pytest.mark.integration  # loads Presidio and spaCy (seconds)
def test_run_gate_quarantines_hostile_records_and_passes_the_rest(tmp_path, monkeypatch):
    """Real policy, real Presidio: one too-deep jsonl record and one 200 KB CSV field are set aside."""
    from embgov.gate.run import run_gate
    from approvekit import approve

    monkeypatch.setenv("EMBGOV_HASH_KEY", "test-hash-key-0123456789abcdef0123456789abcdef")
    policy = tmp_path / "policies/hipaa.yaml"
    policy.parent.mkdir()
    shutil.copy(ROOT / "policies/hipaa.yaml", policy)
    policy.write_text(policy.read_text().replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.5"))
    approve(policy)
    good = good_jsonl(3)
    deep = tmp_path / "deep.jsonl"
    deep.write_bytes(b"".join([good[0], DEEP, *good[1:]]))
    receipt = run_gate(policy, [deep, csv_with_big_field(tmp_path)], tmp_path / "out", fields=["text"], workers=1)
    assert receipt.verdict == "passed", receipt.verdict_reason
    assert sorted((q.source, q.reason) for q in receipt.quarantined) == [
        ("deep.jsonl", "too_deep"), ("notes.csv", "too_large"), ("notes.csv", "too_large")]
    assert receipt.records_in == 9 and receipt.records_out == 6
    assert len((tmp_path / "out/deep.jsonl").read_text().splitlines()) == 3
