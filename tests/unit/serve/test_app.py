"""The HTTP app over fake models: OpenAI wire format, the version in every response, errors as JSON
(401/403/404/413/422, never a traceback), promotion followed monotonically, telemetry vectors only."""

from __future__ import annotations

import base64
import json

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from embgov.serve.app import create_app
from embgov.serve.auth import add_token


@pytest.fixture
def client(make_service):
    def make(**settings):
        service = make_service(**settings)
        return TestClient(create_app(service)), service
    return make


def test_embeddings_wire_format_and_version(client):
    http, service = client()
    with http:
        r = http.post("/v1/embeddings", json={"model": "alpha", "input": ["protein binds", "gene"]})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["object"] == "list" and body["model"] == "alpha:1"
        assert r.headers["x-embgov-model-version"] == "1" and r.headers["x-embgov-model"] == "alpha:1"
        assert [d["index"] for d in body["data"]] == [0, 1] and all(d["object"] == "embedding" for d in body["data"])
        assert len(body["data"][0]["embedding"]) == 16
        assert body["usage"] == {"prompt_tokens": 4 + 3, "total_tokens": 7}
        assert body["data"][0]["embedding"] != body["data"][1]["embedding"]

        b64 = http.post("/v1/embeddings", json={"model": "alpha", "input": "protein binds", "encoding_format": "base64"})
        decoded = np.frombuffer(base64.b64decode(b64.json()["data"][0]["embedding"]), dtype="<f4")
        assert np.allclose(decoded, body["data"][0]["embedding"], atol=1e-6)

        pinned = http.post("/v1/embeddings", json={"model": "alpha:2", "input": "protein binds"}).json()
        assert pinned["model"] == "alpha:2" and pinned["data"][0]["embedding"] != body["data"][0]["embedding"]
        assert http.post("/v1/embeddings", json={"model": "alpha@production", "input": "x"}).json()["model"] == "alpha:1"


def test_matryoshka_dimensions(client):
    http, _ = client()
    with http:
        r = http.post("/v1/embeddings", json={"model": "alpha:2", "input": "protein binds", "dimensions": 8})
        vec = np.array(r.json()["data"][0]["embedding"])
        assert vec.shape == (8,) and abs(np.linalg.norm(vec) - 1) < 1e-5
        bad = http.post("/v1/embeddings", json={"model": "alpha:2", "input": "x", "dimensions": 5})
        assert bad.status_code == 422 and "[16, 8, 4]" in bad.json()["error"]["message"]
        plain = http.post("/v1/embeddings", json={"model": "alpha", "input": "x", "dimensions": 8})
        assert plain.status_code == 422 and "not trained for truncation" in plain.json()["error"]["message"]


@pytest.mark.parametrize("payload,status,needle", [
    ({"model": "alpha", "input": [1, 2, 3]}, 422, "token ids"),
    ({"model": "alpha", "input": [[1, 2], [3]]}, 422, "token ids"),
    ({"model": "alpha", "input": []}, 422, "empty list"),
    ({"model": "alpha", "input": ["ok", "  "]}, 422, "input[1]` is empty"),
    ({"model": "alpha", "input": ["ok", 5]}, 422, "input[1]` is int"),
    ({"model": "alpha"}, 422, "`input` is required"),
    ({"input": "x"}, 422, "`model` is required"),
    ({"model": "alpha", "input": "x", "temperature": 1}, 422, "temperature"),
    ({"model": "alpha", "input": "x", "encoding_format": "int8"}, 422, "encoding_format"),
    ({"model": "Alpha Beta", "input": "x"}, 422, "not a model name"),
    ({"model": "alpha:0", "input": "x"}, 422, "not a version number"),
    ({"model": "gamma", "input": "x"}, 404, "gamma"),
    ({"model": "alpha:9", "input": "x"}, 404, "no version 9"),
    ({"model": "alpha@staging", "input": "x"}, 404, "no staging version"),
    ({"model": "alpha", "input": ["a"] * 9}, 413, "at most 8"),
    ({"model": "alpha", "input": "word " * 100}, 413, "at most 200 characters"),
])
def test_bad_requests_are_json_errors(client, payload, status, needle):
    http, _ = client(max_inputs=8, max_input_chars=200)
    with http:
        r = http.post("/v1/embeddings", json=payload)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert needle in error["message"] and error["type"] == "invalid_request_error"
    assert "Traceback" not in r.text and "word word" not in r.text  # no request text echoed


def test_body_limits_and_non_json(client):
    http, _ = client(max_body_bytes=2048)
    with http:
        big = http.post("/v1/embeddings", content=json.dumps({"model": "alpha", "input": "x" * 5000}),
                        headers={"content-type": "application/json"})
        assert big.status_code == 413 and "2048" in big.json()["error"]["message"]
        garbled = http.post("/v1/embeddings", content=b"{not json", headers={"content-type": "application/json"})
        assert garbled.status_code == 400 and garbled.json()["error"]["code"] == "invalid_json"
        assert http.get("/v1/nothing").json()["error"]["message"] == "no such endpoint"


def test_tokens_401_403_and_model_listing(client, tmp_path):
    path = tmp_path / "tokens.yaml"
    alpha_only = add_token(path, "frontend", ["alpha"])
    everything = add_token(path, "ops", ["*"])
    assert alpha_only not in path.read_text() and (path.stat().st_mode & 0o777) == 0o600
    http, _ = client(tokens_file=str(path))
    with http:
        missing = http.post("/v1/embeddings", json={"model": "alpha", "input": "x"})
        assert missing.status_code == 401 and missing.json()["error"]["type"] == "authentication_error"
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = http.post("/v1/embeddings", json={"model": "alpha", "input": "x"}, headers={"Authorization": "Bearer egv_nope"})
        assert wrong.status_code == 401 and "invalid bearer token" in wrong.json()["error"]["message"]
        auth = {"Authorization": f"Bearer {alpha_only}"}
        assert http.post("/v1/embeddings", json={"model": "alpha", "input": "x"}, headers=auth).status_code == 200
        denied = http.post("/v1/embeddings", json={"model": "beta", "input": "x"}, headers=auth)
        assert denied.status_code == 403 and "'beta'" in denied.json()["error"]["message"]
        assert [m["id"] for m in http.get("/v1/models", headers=auth).json()["data"]] == ["alpha", "alpha:1", "alpha:2"]
        listed = http.get("/v1/models", headers={"Authorization": f"Bearer {everything}"}).json()
        assert listed["object"] == "list" and all(m["object"] == "model" and m["owned_by"] == "embgov"
                                                  for m in listed["data"])
        assert {m["id"]: m["version"] for m in listed["data"]} == {"alpha": 1, "alpha:1": 1, "alpha:2": 2, "beta": 1,
                                                                   "beta:1": 1}
        assert http.get("/v1/models").status_code == 401
        assert http.get("/healthz").status_code == 200  # health and metrics need no token


def test_model_listing_names_aliases_and_versions(client, registry):
    registry.aliases[("alpha", "staging")] = 2
    http, _ = client()
    with http:
        listed = http.get("/v1/models").json()["data"]
        assert [(m["id"], m["version"], m.get("alias")) for m in listed if m["id"].startswith("alpha")] == \
            [("alpha", 1, "production"), ("alpha@staging", 2, "staging"), ("alpha:1", 1, None), ("alpha:2", 2, None)]
        for m in listed:  # every listed id is a `model` value the server answers
            r = http.post("/v1/embeddings", json={"model": m["id"], "input": "x"})
            assert r.status_code == 200 and r.json()["model"] == f"{m['id'].split('@')[0].split(':')[0]}:{m['version']}"


def test_follows_promotion_monotonically(client, registry):
    http, service = client(models=["alpha"])
    with http:
        assert http.get("/readyz").json()["serving"] == {"alpha@production": "alpha:1"}
        seen = [http.post("/v1/embeddings", json={"model": "alpha", "input": "x"}).json()["model"] for _ in range(3)]
        registry.aliases[("alpha", "production")] = 2
        assert service.router.poll_once() == ["alpha@production -> alpha:2"]
        seen += [http.post("/v1/embeddings", json={"model": "alpha", "input": "x"}).json()["model"] for _ in range(3)]
        assert seen == ["alpha:1"] * 3 + ["alpha:2"] * 3
        registry.aliases[("alpha", "production")] = 1  # a rollback is followed too
        service.router.poll_once()
        assert http.post("/v1/embeddings", json={"model": "alpha", "input": "x"}).json()["model"] == "alpha:1"
        metrics = http.get("/metrics").text
        assert 'embgov_serve_version_switches_total{model="alpha@production"} 2.0' in metrics


def test_readyz_waits_for_configured_models(client, registry):
    http, service = client(models=["alpha", "delta"])
    with http:
        r = http.get("/readyz")
        assert r.status_code == 503 and r.json()["missing"] == ["delta"] and "no production version" in r.json()["errors"]["delta"]
        registry.add("delta", 1, production=True)
        service.router.poll_once()
        assert http.get("/readyz").status_code == 200


def test_telemetry_gets_vectors_only(client):
    http, service = client(telemetry_sample=1.0, telemetry_flush_rows=2)
    with http:
        for text in ("patient name john", "secret diagnosis", "third text"):
            assert http.post("/v1/embeddings", json={"model": "alpha", "input": text}).status_code == 200
    written = service.written
    assert sum(len(v) for _, _, v in written) == 3 and {(m, v) for m, v, _ in written} == {("alpha", 1)}
    assert all(v.dtype == np.float32 and v.shape[1] == 16 for _, _, v in written)


def test_no_telemetry_when_sample_is_zero(client):
    http, service = client(telemetry_sample=0.0)
    with http:
        http.post("/v1/embeddings", json={"model": "alpha", "input": "x"})
    assert service.written == []


def test_internal_failure_is_json_without_traceback(client):
    http, service = client()
    with http:
        http.post("/v1/embeddings", json={"model": "alpha", "input": "x"})

        def boom(texts, slot=None):
            raise RuntimeError("secret text in message")
        service.opened["alpha:1"].encode = boom
        r = http.post("/v1/embeddings", json={"model": "alpha", "input": "x"})
    assert r.status_code == 500 and r.json()["error"]["message"] == "internal error (RuntimeError)"
    assert "secret" not in r.text


def test_metrics_exposition(client):
    http, _ = client()
    with http:
        http.post("/v1/embeddings", json={"model": "alpha", "input": ["a", "b"]})
        http.post("/v1/embeddings", json={"model": "alpha", "input": [1]})
        text = http.get("/metrics").text
    assert 'embgov_serve_requests_total{code="200",endpoint="/v1/embeddings"} 1.0' in text
    assert 'embgov_serve_requests_total{code="422",endpoint="/v1/embeddings"} 1.0' in text
    assert "embgov_serve_request_seconds_bucket" in text and "embgov_serve_batch_texts_count 1.0" in text
    assert 'embgov_serve_texts_total{model="alpha:1"} 2.0' in text and "embgov_serve_adapter_swaps_total" in text
