"""`embgov serve` as a real process with real clients (httpx and the official `openai` package):
wire compatibility, tokens (401/403), bad input (422/413), two LoRA versions routed on one base,
promotion followed without a restart, /v1/search over a live index, and telemetry vectors with no text."""

from __future__ import annotations

import concurrent.futures
import time

import httpx
import numpy as np
import pytest

pytestmark = pytest.mark.integration
SECRET = "zebra-quartz-4411"  # appears in requests; must appear in no file the server writes


def _reference(model_dir, texts):
    from embgov.modelio import load_model

    return load_model(model_dir, device="cpu").encode(texts, normalize_embeddings=True, convert_to_numpy=True)


def test_clients_auth_limits_adapters_and_telemetry(versions, server, tmp_path, embgov_home):
    import openai

    from embgov.serve.auth import add_token

    tokens = tmp_path / "tokens.yaml"
    mini_only, everything = add_token(tokens, "frontend", ["mini"]), add_token(tokens, "ops", ["*"])
    url, proc = server(f"tokens_file: {tokens}\nmodels: [mini, dom]\nmax_inputs: 16\nmax_wait_ms: 20\n"
                       "telemetry_flush_seconds: 0.5\npoll_seconds: 60\n")
    texts = [f"protein {SECRET} binds receptor", "gene therapy dose", "kinase pathway signal in liver"]

    client = openai.OpenAI(base_url=f"{url}/v1", api_key=everything, max_retries=0)
    got = client.embeddings.create(model="mini", input=texts)  # the client asks for base64 and decodes it
    assert got.model == "mini:1" and [d.index for d in got.data] == [0, 1, 2] and got.usage.prompt_tokens > 3
    vectors = np.array([d.embedding for d in got.data])
    assert (vectors * _reference(versions["mini:1"], texts)).sum(1).min() >= 0.999
    floats = client.embeddings.create(model="mini:2", input=texts[0], encoding_format="float")
    assert floats.model == "mini:2" and len(floats.data[0].embedding) == 32
    assert [m.id for m in client.models.list().data] == ["mini", "mini:1", "mini:2", "dom", "dom:1", "dom:2"]

    denied = openai.OpenAI(base_url=f"{url}/v1", api_key=mini_only, max_retries=0)
    with pytest.raises(openai.PermissionDeniedError):
        denied.embeddings.create(model="dom", input="x")
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=f"{url}/v1", api_key="egv_wrong", max_retries=0).embeddings.create(model="mini", input="x")
    with pytest.raises(openai.UnprocessableEntityError, match="token ids"):
        client.embeddings.create(model="mini", input=[[101, 2054, 102]])
    with pytest.raises(openai.NotFoundError, match="no version 7"):
        client.embeddings.create(model="mini:7", input="x")

    auth = {"Authorization": f"Bearer {everything}"}
    assert httpx.post(f"{url}/v1/embeddings", json={"model": "mini"}, headers=auth).status_code == 422
    too_many = httpx.post(f"{url}/v1/embeddings", json={"model": "mini", "input": ["a"] * 17}, headers=auth)
    assert too_many.status_code == 413 and too_many.json()["error"]["code"] == "too_many_inputs"
    assert httpx.post(f"{url}/v1/embeddings", json={"model": "mini", "input": "x"}).status_code == 401

    # Two LoRA versions on one base, requested concurrently: each answer is its own version's embedding.
    def ask(ref):
        r = httpx.post(f"{url}/v1/embeddings", json={"model": ref, "input": texts}, headers=auth, timeout=60)
        return r.headers["x-embgov-model-version"], r.json()

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, ["dom:1", "dom:2", "dom", "dom@production"] * 4))
    for version, body in answers:
        expected = _reference(versions[f"dom:{version}"], texts)
        assert body["model"] == f"dom:{version}" and (np.array([d["embedding"] for d in body["data"]]) * expected).sum(1).min() >= 0.999
    one, two = (np.array([d["embedding"] for d in b["data"]]) for v, b in answers[:2])
    assert np.abs(one - two).max() > 0.05  # the adapters really differ
    metrics = httpx.get(f"{url}/metrics").text
    assert "embgov_serve_adapter_swaps_total" in metrics and "embgov_serve_batch_texts_count" in metrics
    loaded = [line for line in metrics.splitlines() if line.startswith("embgov_serve_loaded_versions ")]
    assert loaded == ["embgov_serve_loaded_versions 4.0"]

    deadline = time.monotonic() + 10
    written = []
    while time.monotonic() < deadline and not written:
        written = sorted((embgov_home / "telemetry" / "dom").rglob("*.npy"))
        time.sleep(0.3)
    assert written and all(np.load(p).dtype == np.float32 for p in written)
    proc.terminate()
    proc.wait(timeout=20)
    for path in [p for p in embgov_home.rglob("*") if p.is_file()] + [tmp_path / "server.log"]:
        assert SECRET.encode() not in path.read_bytes(), path  # no request text anywhere the server wrote
    rows = sum(np.load(p).shape[0] for p in (embgov_home / "telemetry").rglob("*.npy"))
    assert rows >= 3 + 1 + 3 * 16  # sample 1.0: every embedded text's vector, none lost at shutdown


def test_search_and_promotion_followed(versions, server, tmp_path):
    import indexkit

    from embgov import index
    from embgov.indexing import encoder_for
    from embgov.policy.approvals import require_approved
    from embgov.registry import get_version, promote

    policy = indexkit.approved_policy(tmp_path / "policies")
    records = indexkit.docs(40)
    corpus = indexkit.gated(tmp_path / "gate", records, require_approved(policy).content_hash)
    index.build("papers", corpus, policy=policy, encoder=encoder_for(get_version("mini", 1)), ann_mode="never",
                promote=True)

    url, _ = server("models: [mini]\npoll_seconds: 0.5\nmax_wait_ms: 2\n")
    doc = records[7]
    found = httpx.post(f"{url}/v1/search", json={"index": "papers", "query": indexkit.text_of(doc), "k": 3}).json()
    assert found["model"] == "mini:1" and found["data"][0]["hits"][0]["id"] == doc["_id"]
    assert found["data"][0]["hits"][0]["score"] > 0.999
    missing = httpx.post(f"{url}/v1/search", json={"index": "nope", "query": "x"})
    assert missing.status_code in (400, 404) and "nope" in missing.json()["error"]["message"]

    # Promotion under load: every answer is v1 or v2, and once v2 answered, v1 never does again.
    seen, stop = [], time.monotonic() + 90  # the new version loads first (torch's first import: seconds)
    promoted = False
    http = httpx.Client(timeout=30)
    while time.monotonic() < stop:
        r = http.post(f"{url}/v1/embeddings", json={"model": "mini", "input": "gene dose"})
        assert r.status_code == 200
        seen.append(int(r.headers["x-embgov-model-version"]))
        if len(seen) == 5:
            promote("mini", 2, actor="person:ana", reason="test")
            promoted = True
        if promoted and seen[-1] == 2 and seen.count(2) >= 5:
            break
    assert set(seen) == {1, 2} and seen == sorted(seen)
    # the index's live table is still v1's: /v1/search keeps embedding with v1, the table's own version
    again = httpx.post(f"{url}/v1/search", json={"index": "papers", "query": indexkit.text_of(doc), "k": 1}).json()
    assert again["model"] == "mini:1" and again["data"][0]["hits"][0]["id"] == doc["_id"]
