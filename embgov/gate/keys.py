"""The keyed-hash secret's strength: pseudonyms are only as hard to reverse as the key is to guess."""

from __future__ import annotations

from embgov.errors import GateError

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
