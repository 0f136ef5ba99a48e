"""The HTTP app (FastAPI): OpenAI-compatible /v1/embeddings, /v1/search, /v1/models, health and metrics.

Order of checks on every /v1 call: body size (413) -> token (401) -> JSON and fields (400/422/413)
-> model exists (404) -> token may use it (403). Every error is an OpenAI-shaped JSON body; an
unexpected failure is a 500 that names its type only (no traceback, no request text, in the response
or the log). Each embedding response names the version that made it: `model` is NAME:VERSION and the
headers `x-embgov-model` / `x-embgov-model-version` repeat it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from embgov.errors import EmbgovError
from embgov.serve.api import ApiError, check_dimensions, embedding_body, embedding_request, error_body, model_entries, \
    read_json, search_request
from embgov.serve.auth import AuthError, Caller
from embgov.serve.metrics import endpoint_label
from embgov.serve.refs import Ref, RefError
from embgov.serve.service import Service

log = logging.getLogger("embgov.serve")


def _as_api_error(exc: Exception) -> ApiError:
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, AuthError):
        return ApiError(exc.status, exc.what, code="invalid_api_key" if exc.status == 401 else "model_not_allowed")
    if isinstance(exc, RefError):
        return ApiError(exc.status, exc.what, param=exc.param, code="model_not_found" if exc.status == 404 else None)
    if isinstance(exc, EmbgovError):
        from embgov.errors import VectorIndexError

        if isinstance(exc, VectorIndexError):
            return ApiError(404 if "no live table" in exc.what or "no index" in exc.what else 400, exc.what, param="index")
        return ApiError(503, f"the model could not be served: {exc.what}", code="model_unavailable")
    log.error("internal error: %s", type(exc).__name__)  # the type only: a message could quote a request
    return ApiError(500, f"internal error ({type(exc).__name__})")


async def _body(request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the request body has {declared} bytes; at most {limit}", code="request_too_large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"the request body is over {limit} bytes", code="request_too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(service: Service, *, manage: bool = True):
    """The ASGI app over `service`. manage: start and stop the service in the app's lifespan (uvicorn and
    Ray Serve replicas both run it); False when the caller starts and stops it."""
    @asynccontextmanager
    async def lifespan(_app):
        if manage:  # loads the configured models before the first request is accepted
            service.start()
        yield
        if manage:
            await service.stop()

    app = FastAPI(title="embgov serve", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = service
    metrics = service.metrics

    def respond(exc: Exception, endpoint: str) -> JSONResponse:
        err = _as_api_error(exc)
        metrics.errors.labels(endpoint, err.body()["error"]["type"]).inc()
        headers = {"WWW-Authenticate": "Bearer"} if err.status == 401 else None
        return JSONResponse(err.body(), status_code=err.status, headers=headers)

    @app.middleware("http")
    async def measure(request: Request, call_next):
        started = time.perf_counter()
        endpoint = endpoint_label(request.url.path)
        try:
            response = await call_next(request)
        except Exception as exc:  # noqa: BLE001 - the last net: JSON, never a traceback
            response = respond(exc, endpoint)
        metrics.requests.labels(endpoint, str(response.status_code)).inc()
        metrics.latency.labels(endpoint).observe(time.perf_counter() - started)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        message = "no such endpoint" if exc.status_code == 404 else str(exc.detail)
        return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return JSONResponse(error_body(422, "invalid request"), status_code=422)

    def caller_of(request: Request) -> Caller:
        return service.auth.caller(request.headers.get("authorization"))

    async def version_for(ref: Ref, caller: Caller):
        service.router.check_name(ref)
        service.auth.check_model(caller, ref.name)
        info = service.router.cached(ref)
        return info if info is not None else await asyncio.to_thread(service.router.prepare, ref)

    @app.post("/v1/embeddings")
    async def embeddings(request: Request):
        try:
            body = await _body(request, service.config.max_body_bytes)
            caller = caller_of(request)
            req = embedding_request(read_json(body), service.config)
            await version_for(req.ref, caller)
            info, vectors, tokens = await service.batcher.submit(req.ref, req.texts)
            check_dimensions(req.dimensions, vectors.shape[1], info)
            payload = embedding_body(vectors, tokens, info.label, req.encoding, req.dimensions)
        except Exception as exc:  # noqa: BLE001 - mapped to a 4xx/5xx JSON error
            return respond(exc, "/v1/embeddings")
        return JSONResponse(payload, headers={"x-embgov-model": info.label,
                                              "x-embgov-model-version": str(info.record.version)})

    @app.post("/v1/search")
    async def search(request: Request):
        try:
            body = await _body(request, service.config.max_body_bytes)
            caller = caller_of(request)
            index, texts, k = search_request(read_json(body), service.config)
            payload, label = await _search(service, caller, index, texts, k)
        except Exception as exc:  # noqa: BLE001
            return respond(exc, "/v1/search")
        return JSONResponse(payload, headers={"x-embgov-model": label, "x-embgov-model-version": label.rsplit(":", 1)[1]})

    async def _search(service: Service, caller: Caller, index: str, texts: list[str], k: int):
        from embgov.index import check_name, resolve, search_vectors

        check_name(index)
        target = await asyncio.to_thread(resolve, index)  # the live table, read once
        ref = Ref(target.model, target.version)  # embedded by the table's own version, nothing else
        await version_for(ref, caller)
        info, vectors, _ = await service.batcher.submit(ref, texts)

        def run():
            return search_vectors(target, None, vectors, k)

        hits = await asyncio.to_thread(run)
        return {"object": "list", "index": target.index, "table": target.table, "model": info.label,
                "data": [{"index": i, "hits": [{"id": d, "score": round(float(s), 6)} for d, s in row]}
                         for i, row in enumerate(hits)]}, info.label

    @app.get("/v1/models")
    async def models(request: Request):
        try:
            caller = caller_of(request)
            names = service.config.models if service.config.models is not None else \
                await asyncio.to_thread(service.registry.names)
            allowed = [n for n in names if caller.may_use(n)]
            catalogs = await asyncio.to_thread(lambda: [(n, *service.registry.catalog(n)) for n in allowed])
        except Exception as exc:  # noqa: BLE001
            return respond(exc, "/v1/models")
        return {"object": "list", "data": [m for n, aliases, versions in catalogs for m in model_entries(n, aliases, versions)]}

    @app.get("/healthz")
    async def healthz():
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz():
        ok, detail = service.ready()
        return JSONResponse({"status": "ready" if ok else "not ready", **detail}, status_code=200 if ok else 503)

    @app.get("/metrics")
    async def prometheus():
        service.refresh_gauges()
        data, content_type = metrics.render()
        return Response(data, media_type=content_type)

    return app
