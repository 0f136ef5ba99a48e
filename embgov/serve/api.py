"""The OpenAI-compatible wire format: request checks and response bodies (no framework here).

Every problem becomes an ApiError with an HTTP status and an OpenAI-shaped body
(`{"error": {"message", "type", "param", "code"}}`); messages name the field and the limit, never
the text that was sent.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from embgov.serve.config import ServeConfig
from embgov.serve.refs import Ref, parse

TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "invalid_request_error",
         405: "invalid_request_error", 413: "invalid_request_error", 422: "invalid_request_error", 500: "server_error",
         503: "server_error"}
EMBED_FIELDS = {"model", "input", "encoding_format", "dimensions", "user"}
SEARCH_FIELDS = {"index", "query", "k"}


class ApiError(Exception):
    def __init__(self, status: int, message: str, *, param: str | None = None, code: str | None = None):
        self.status, self.message, self.param, self.code = status, message, param, code
        super().__init__(message)

    def body(self) -> dict:
        return error_body(self.status, self.message, self.param, self.code)


def error_body(status: int, message: str, param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": TYPES.get(status, "invalid_request_error"), "param": param,
                      "code": code}}


def read_json(body: bytes) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "the request body is not valid JSON", code="invalid_json") from None
    if not isinstance(data, dict):
        raise ApiError(422, "the request body must be a JSON object")
    return data


def _unknown(data: dict, allowed: set[str]) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        raise ApiError(422, f"unrecognized request argument(s): {', '.join(extra)}", param=extra[0])


def texts_of(value, config: ServeConfig, param: str = "input") -> list[str]:
    """A string or a list of strings within the limits; token arrays are refused by name."""
    if isinstance(value, str):
        texts = [value]
    elif isinstance(value, list):
        if value and all(isinstance(v, int) and not isinstance(v, bool) for v in value) or \
                any(isinstance(v, list) for v in value):
            raise ApiError(422, f"`{param}` holds token ids: this server embeds text only; send the string(s)", param=param,
                           code="token_input_unsupported")
        bad = next((i for i, v in enumerate(value) if not isinstance(v, str)), None)
        if bad is not None:
            raise ApiError(422, f"`{param}[{bad}]` is {type(value[bad]).__name__}, not a string", param=param)
        texts = value
    else:
        raise ApiError(422, f"`{param}` must be a string or a list of strings", param=param)
    if not texts:
        raise ApiError(422, f"`{param}` is an empty list", param=param)
    if len(texts) > config.max_inputs:
        raise ApiError(413, f"`{param}` has {len(texts)} items; at most {config.max_inputs} per request", param=param,
                       code="too_many_inputs")
    for i, text in enumerate(texts):
        if not text.strip():
            raise ApiError(422, f"`{param}[{i}]` is empty", param=param)
        if len(text) > config.max_input_chars:
            raise ApiError(413, f"`{param}[{i}]` has {len(text)} characters; at most {config.max_input_chars} characters",
                           param=param, code="input_too_long")
    return texts


@dataclass(frozen=True)
class EmbeddingRequest:
    ref: Ref
    texts: list[str]
    encoding: str
    dimensions: int | None


def embedding_request(data: dict, config: ServeConfig) -> EmbeddingRequest:
    _unknown(data, EMBED_FIELDS)
    if "model" not in data:
        raise ApiError(422, "`model` is required", param="model")
    if "input" not in data:
        raise ApiError(422, "`input` is required", param="input")
    encoding = data.get("encoding_format") or "float"
    if encoding not in ("float", "base64"):
        raise ApiError(422, f"`encoding_format` must be float or base64, not {str(encoding)[:20]!r}", param="encoding_format")
    dims = data.get("dimensions")
    if dims is not None and (not isinstance(dims, int) or isinstance(dims, bool) or dims < 1):
        raise ApiError(422, "`dimensions` must be a positive integer", param="dimensions")
    return EmbeddingRequest(parse(data["model"]), texts_of(data["input"], config), encoding, dims)


def check_dimensions(dims: int | None, full: int, info) -> None:
    if dims is None or dims == full:
        return
    allowed = sorted({*info.matryoshka_dims, full}, reverse=True)
    if dims not in allowed:
        why = "was trained with Matryoshka dimensions" if info.matryoshka_dims else "was not trained for truncation; it has"
        raise ApiError(422, f"model {info.label} {why} {allowed}: `dimensions` {dims} is not one of them",
                       param="dimensions", code="unsupported_dimensions")


def embedding_body(vectors, tokens: list[int], label: str, encoding: str, dims: int | None) -> dict:
    import numpy as np

    if dims is not None and dims < vectors.shape[1]:  # Matryoshka: the leading dimensions, re-normalised
        vectors = vectors[:, :dims]
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    vectors = np.ascontiguousarray(vectors, dtype="<f4")
    if encoding == "base64":
        data = [base64.b64encode(v.tobytes()).decode() for v in vectors]
    else:
        data = vectors.tolist()
    total = int(sum(tokens))
    return {"object": "list", "data": [{"object": "embedding", "index": i, "embedding": e} for i, e in enumerate(data)],
            "model": label, "usage": {"prompt_tokens": total, "total_tokens": total}}


def model_entries(name: str, aliases: dict[str, int], versions: dict[int, int]) -> list[dict]:
    """GET /v1/models rows (OpenAI's model objects) for one registered name: every `model` value that
    resolves: `name` (its production version), `name@alias` for its other aliases, `name:version` for
    each version. `version` says which version each resolves to now."""
    def row(ref: str, version: int, **extra) -> dict:
        return {"id": ref, "object": "model", "created": versions.get(version, 0), "owned_by": "embgov",
                "version": version, **extra}

    rows = [row(name, aliases["production"], alias="production")] if "production" in aliases else []
    rows += [row(f"{name}@{a}", v, alias=a) for a, v in sorted(aliases.items()) if a != "production"]
    return rows + [row(f"{name}:{v}", v) for v in sorted(versions)]


def search_request(data: dict, config: ServeConfig) -> tuple[str, list[str], int]:
    _unknown(data, SEARCH_FIELDS)
    index = data.get("index")
    if not isinstance(index, str) or not index:
        raise ApiError(422, "`index` (an index name) is required", param="index")
    if "query" not in data:
        raise ApiError(422, "`query` is required", param="query")
    k = data.get("k", 10)
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= config.max_k:
        raise ApiError(422, f"`k` must be an integer from 1 to {config.max_k}", param="k")
    return index, texts_of(data["query"], config, "query"), k
