"""Production traffic for the demo, sent as a search frontend would: queries go to `embgov serve`'s
OpenAI-compatible /v1/embeddings (the official `openai` client when installed, else httpx), and the
server logs a sample of the vectors (never the text) to the telemetry the monitor watches.

The traffic is a partial shift, the case a monitor most easily misses: 70 % SciFact claims (the domain
the model was tuned for; only claims outside the spec's reference window, so the window differs from
the reference only by the shift) and 30 % sentences of the gate-redacted patient notes (clinical text,
another domain). A classifier-based check cannot see this at a fixed AUC threshold of 0.75 (its AUC
stays near 0.5 + 0.3 / 2); the shipped default (MMD with a permutation test) does.

    python demo/send_traffic.py URL MODEL SPEC REDACTED_NOTES.csv [--claims demo/data/scifact/queries.jsonl]
                                [--shifted 0.3] [--size 300] [--per-request 16] [--clients 4]
    (the bearer token is read from EMBGOV_SERVE_TOKEN)

Only counts and the versions that answered are printed; no text.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np


def wait_ready(url: str, limit: float = 180) -> str:
    """What /readyz says the server serves, once it is ready (it loads the production version first)."""
    import httpx

    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"{url}/readyz", timeout=2)
            if response.status_code == 200:
                return ", ".join(f"{k} -> {v}" for k, v in response.json()["serving"].items())
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    sys.exit(f"embgov serve at {url} was not ready in {limit:.0f} s")


def client_for(url: str, token: str):
    """embed(texts) -> served version label, over the openai client if installed, else plain httpx."""
    try:
        import openai
    except ImportError:
        openai = None
    if openai is not None:
        client = openai.OpenAI(base_url=f"{url}/v1", api_key=token, max_retries=2, timeout=120)

        def embed(model, texts):
            response = client.embeddings.create(model=model, input=texts)  # base64 on the wire, as the client asks
            assert len(response.data) == len(texts) and len(response.data[0].embedding) > 0
            return response.model

        return "openai", embed
    import httpx

    http = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=120)

    def embed(model, texts):
        response = http.post("/v1/embeddings", json={"model": model, "input": texts})
        response.raise_for_status()
        return response.json()["model"]

    return "httpx", embed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url")
    ap.add_argument("model")
    ap.add_argument("spec", help="the model's job spec: its reference queries are left out of the traffic")
    ap.add_argument("notes")
    ap.add_argument("--claims", default="demo/data/scifact/queries.jsonl")
    ap.add_argument("--shifted", type=float, default=0.3, help="share of the traffic from the other domain")
    ap.add_argument("--size", type=int, default=300, help="queries sent")
    ap.add_argument("--per-request", type=int, default=16)
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    token = os.environ.get("EMBGOV_SERVE_TOKEN")
    if not token:
        sys.exit("set EMBGOV_SERVE_TOKEN (embgov serve-token NAME --models MODEL --file TOKENS)")
    started = time.monotonic()

    from embgov.monitoring import reference_texts
    from embgov.spec.loader import load_spec

    with open(args.notes, newline="", encoding="utf-8") as f:
        clinical = [s for row in csv.DictReader(f) for s in re.split(r"(?<=[.!?])\s+", row["doctor_notes"])
                    if len(s.split()) >= 4]
    with open(args.claims, encoding="utf-8") as f:
        claims = [json.loads(line)["text"] for line in f if line.strip()]
    held = set(reference_texts(load_spec(args.spec))[0])  # the claims the reference window already holds
    unseen = [c for c in claims if c not in held]
    rng = np.random.default_rng(0)
    n_shift = min(int(round(args.shifted * args.size)), len(clinical))
    same = [unseen[i] for i in rng.permutation(len(unseen))[:args.size - n_shift]]
    shifted = [clinical[i] for i in rng.permutation(len(clinical))[:n_shift]]
    traffic = [(same + shifted)[i] for i in rng.permutation(len(same) + len(shifted))]
    chunks = [traffic[i:i + args.per_request] for i in range(0, len(traffic), args.per_request)]

    url = args.url.rstrip("/")
    serving = wait_ready(url)
    print(f"   ready (waited {time.monotonic() - started:.1f} s), serving {serving}")
    kind, embed = client_for(url, token)
    with ThreadPoolExecutor(args.clients) as pool:  # a few concurrent callers, batched together by the server
        versions = sorted(set(pool.map(lambda chunk: embed(args.model, chunk), chunks)))
    print(f"sent {len(traffic)} queries in {len(chunks)} requests ({kind} client, {args.clients} at a time) to "
          f"{args.url}: {len(same)} SciFact claims outside the reference, {len(shifted)} clinical sentences "
          f"({len(shifted) / len(traffic):.0%} shifted); answered by {', '.join(versions)}")


if __name__ == "__main__":
    main()
