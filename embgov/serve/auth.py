"""Bearer tokens: stored as sha256 hashes in a YAML file, each allowed a set of model names.

    tokens:
      - name: search-frontend            # who holds it (shown in logs and metrics, never the token)
        sha256: 3f1c...                  # sha256 of the token; the token itself is shown once, when made
        models: [scifact, support]       # registered names it may use; ["*"]: every model

Tokens are 32 random bytes, so a plain sha256 is enough to store them (nothing to brute-force);
they are compared in constant time. The file is re-read when it changes, so a revoked token stops
working without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from embgov.errors import ConfigError, EmbgovError
from embgov.spec.jobspec import NAME_PATTERN

PREFIX = "egv_"


class TokenEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=NAME_PATTERN, description="Who holds the token (logs and metrics name it; never the token).")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="sha256 (hex) of the token.")
    models: list[str] = Field(min_length=1, description="Registered model names the token may use; '*' for every model.")


class TokenFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    tokens: list[TokenEntry] = Field(default_factory=list, description="The tokens that may call the server.")


@dataclass(frozen=True)
class Caller:
    name: str
    models: frozenset[str]

    def may_use(self, model: str) -> bool:
        return "*" in self.models or model in self.models


ANONYMOUS = Caller("anonymous", frozenset({"*"}))


class AuthError(EmbgovError):
    """A request without a valid token (401) or for a model its token may not use (403)."""

    def __init__(self, what: str, status: int):
        self.status = status
        super().__init__(what)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def read_tokens(path: str | Path) -> TokenFile:
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the tokens file ({type(exc).__name__})", where=str(path),
                          fix="create it with: embgov serve-token NAME --models MODEL --file PATH") from None
    try:
        return TokenFile.model_validate(data)
    except ValueError as exc:
        first = exc.errors()[0] if hasattr(exc, "errors") else {"loc": (), "msg": str(exc)}
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid tokens file: {first['msg']}", where=f"{path}: {where}") from None


def add_token(path: str | Path, name: str, models: list[str]) -> str:
    """Make a token for `name`, store its hash in `path` (created 0600) and return the token (shown once)."""
    import yaml

    path = Path(path)
    current = read_tokens(path) if path.exists() else TokenFile()
    if any(t.name == name for t in current.tokens):
        raise ConfigError(f"a token named {name!r} exists", where=str(path), fix="remove its entry first, or pick another name")
    token = new_token()
    entry = TokenEntry(name=name, sha256=digest(token), models=models)
    data = TokenFile(tokens=[*current.tokens, entry]).model_dump()
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        yaml.safe_dump(data, fh, sort_keys=False)
    os.replace(tmp, path)
    return token


class Authenticator:
    """Who is calling: a token's caller, ANONYMOUS when the server runs without tokens, else AuthError(401)."""

    def __init__(self, tokens_file: str | None):
        self.path = Path(tokens_file) if tokens_file else None
        self._stamp: tuple | None = None
        self._by_hash: dict[str, Caller] = {}
        self._lock = threading.Lock()
        if self.path is not None:
            self._reload()

    def _reload(self) -> None:
        st = self.path.stat()
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        if stamp == self._stamp:
            return
        parsed = read_tokens(self.path)
        self._by_hash = {t.sha256: Caller(t.name, frozenset(t.models)) for t in parsed.tokens}
        self._stamp = stamp

    def caller(self, authorization: str | None) -> Caller:
        if self.path is None:
            return ANONYMOUS
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("missing bearer token: send the header `Authorization: Bearer TOKEN`", 401)
        with self._lock:
            try:
                self._reload()
            except (OSError, EmbgovError):
                pass  # a file being rewritten or broken: keep the tokens last read
            table = self._by_hash
        wanted = digest(token.strip())
        for stored, caller in table.items():
            if hmac.compare_digest(stored, wanted):
                return caller
        raise AuthError("invalid bearer token", 401)

    @staticmethod
    def check_model(caller: Caller, model: str) -> None:
        if not caller.may_use(model):
            raise AuthError(f"this token may not use model {model!r}", 403)
