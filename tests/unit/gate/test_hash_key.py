"""The keyed-hash secret: at least 32 bytes, not a placeholder, not one character repeated; from the
environment or the policy's key file; refused with where it came from and how to make a good one."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from embgov.errors import GateError
from embgov.policy.keys import MIN_KEY_BYTES, strong_key
from embgov.policy.keys import read_hash_key
from embgov.policy.load import load_policy

ROOT = Path(__file__).resolve().parents[3]
HIPAA = load_policy(ROOT / "policies/hipaa.yaml").policy
GOOD = secrets.token_hex(32)


@pytest.mark.parametrize("key, problem", [
    ("k", "1 bytes"),
    ("test-secret-key", "15 bytes"),
    ("a" * (MIN_KEY_BYTES - 1), f"{MIN_KEY_BYTES - 1} bytes"),
    ("CHANGE_ME", "9 bytes"),
    ("CHANGE_ME" * 4, "placeholder"),
    ("changeme-changeme-changeme-changeme", "placeholder"),
    ("please-Change-Me-before-production-use", "placeholder"),
    ("your-secret-key-placeholder-goes-here", "placeholder"),
    ("an-example-key-that-is-long-enough-to-pass", "placeholder"),
    ("x" * 64, "placeholder"),
    ("a" * 64, "not random"),
    ("abab" * 16, "not random"),
])
def test_weak_keys_are_refused(monkeypatch, key, problem):
    monkeypatch.setenv("EMBGOV_HASH_KEY", key)
    with pytest.raises(GateError) as info:
        read_hash_key(HIPAA)
    err = info.value
    assert problem in err.what and err.where == "$EMBGOV_HASH_KEY"
    assert "secrets.token_hex(32)" in err.fix
    assert key not in err.render() or len(key) < 4  # the secret (or its attempt) is never echoed


@pytest.mark.parametrize("key", [GOOD, secrets.token_urlsafe(32), "correct horse battery staple, 2026 edition!"])
def test_strong_keys_are_accepted(monkeypatch, key):
    monkeypatch.setenv("EMBGOV_HASH_KEY", key)
    assert read_hash_key(HIPAA) == key.encode()


def test_key_file_is_checked_too(monkeypatch, tmp_path):
    monkeypatch.delenv("EMBGOV_HASH_KEY", raising=False)
    policy = HIPAA.model_copy(update={"hash_key": HIPAA.hash_key.model_copy(update={"file": "hash.key"})})
    (tmp_path / "hash.key").write_text("short\n")
    with pytest.raises(GateError, match="at least 32") as info:
        read_hash_key(policy, tmp_path)
    assert info.value.where == str(tmp_path / "hash.key")
    raw = bytes(range(128, 160))  # 32 binary bytes, none of them whitespace that strip() would take
    (tmp_path / "hash.key").write_bytes(raw)
    assert read_hash_key(policy, tmp_path) == raw


def test_a_missing_key_still_says_how_to_make_one(monkeypatch):
    monkeypatch.delenv("EMBGOV_HASH_KEY", raising=False)
    with pytest.raises(GateError, match="no key is set") as info:
        read_hash_key(HIPAA)
    assert "secrets.token_hex(32)" in info.value.fix


def test_strong_key_on_bytes():
    assert strong_key(GOOD.encode(), "x") == GOOD.encode()
    with pytest.raises(GateError, match="placeholder"):
        strong_key(b"CHANGE_ME-0123456789abcdef0123456789abcdef", "x")


def test_a_key_file_that_is_a_fifo_or_too_big_is_refused_without_blocking(monkeypatch, tmp_path):
    import os

    monkeypatch.delenv("EMBGOV_HASH_KEY", raising=False)
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)
    big = tmp_path / "big.key"
    big.write_bytes(b"k" * 5000)
    for path, problem in ((fifo, "not a regular file"), (big, "bytes")):
        policy = HIPAA.model_copy(update={"hash_key": HIPAA.hash_key.model_copy(update={"file": str(path)})})
        with pytest.raises(GateError, match="hash-key file is unusable") as info:
            read_hash_key(policy)
        assert problem in info.value.what
