"""The keyed-hash secret a policy names: where it is read from (the environment or a key file, never the
policy) and its strength (pseudonyms are only as hard to reverse as the key is to guess).

In core, not in the gate: `embgov validate` and `submit` check a host has the key without loading the gate."""

from __future__ import annotations

import os
from pathlib import Path

from embgov.errors import GateError
from embgov.policy.document import HashAction, RedactionPolicy
from embgov.safeio import open_input

MIN_KEY_BYTES = 32  # HMAC-SHA256's own output size: a shorter key can be guessed offline from one pseudonym
NEW_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"
# Values copied from a template instead of generated: deploy/systemd/embgov.env.example ships CHANGE_ME.
PLACEHOLDERS = ("changeme", "placeholder", "example", "replaceme", "yourkey", "yoursecret", "secrethere", "xxxx")


def strong_key(key: bytes, where: str) -> bytes:
    """`key` when it can serve as the keyed-hash secret: at least MIN_KEY_BYTES, not a template's placeholder,
    not a few characters repeated. Fails closed: a weak key would make every pseudonym reversible by guessing."""
    folded = "".join(c for c in key.decode("utf-8", "replace").lower() if c.isalnum())
    if len(key) < MIN_KEY_BYTES:
        problem = f"is {len(key)} bytes; at least {MIN_KEY_BYTES} are needed"
    elif any(p in folded for p in PLACEHOLDERS):
        problem = "is a placeholder, not a secret"
    elif len(set(key)) < 4:
        problem = "repeats one or a few characters; it is not random"
    else:
        return key
    raise GateError(f"the keyed-hash secret {problem}", where=where,
                    fix=f"set it to a random value: {NEW_KEY} (the same value on every host; keep it stable)")


def read_hash_key(policy: RedactionPolicy, base_dir: Path | None = None) -> bytes | None:
    """The keyed-hash secret from the environment or key file the policy names (never the policy). Needed
    when an entity is hashed or record ids leave the gate as pseudonyms (the policy's default)."""
    if policy.record_ids != "pseudonym" and not any(isinstance(e.action, HashAction) for e in policy.entities):
        return None
    value = os.environ.get(policy.hash_key.env)
    if value:
        return strong_key(value.encode(), f"${policy.hash_key.env}")
    if policy.hash_key.file:
        path = Path(policy.hash_key.file)
        path = path if path.is_absolute() or base_dir is None else base_dir / path
        try:  # a key is short: a regular file of at most 4 KiB (a FIFO or a device is refused, never opened)
            with open_input(path, 4096, what="hash-key file", error=GateError) as f:
                data = f.read().strip()
        except GateError as exc:
            if os.path.exists(path):
                raise GateError(f"the hash-key file is unusable: {exc.what}", where=str(path), fix=exc.fix) from None
            data = b""
        if data:
            return strong_key(data, str(path))
    raise GateError(f"policy {policy.name} uses keyed hashing (of entities or record ids) but no key is set",
                    where=f"${policy.hash_key.env}" + (f" / {policy.hash_key.file}" if policy.hash_key.file else ""),
                    fix=f"export {policy.hash_key.env}=$({NEW_KEY}) (keep it out of the policy and of git)")
