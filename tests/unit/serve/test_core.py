"""Pool (LRU under a ceiling, pinned versions stay), dynamic batching, token file reloads, the
closed-by-default bind, and the CLI's settings."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from click.testing import CliRunner
pytest.importorskip("numpy")  # a stage library the code under test needs

from servefakes import FakeBackend, FakeRegistry
from embgov.errors import ConfigError
from embgov.serve.auth import AuthError, Authenticator, add_token
from embgov.serve.batching import Batcher
from embgov.serve.config import ServeConfig
from embgov.serve.pool import Pool
from embgov.serve.refs import Ref, RefError, parse
from embgov.serve.service import check_exposure


def test_pool_evicts_least_recently_used_but_not_pinned():
    reg = FakeRegistry()
    for v in range(1, 5):
        reg.add("m", v)
    opened = []
    pool = Pool(lambda info: (opened.append(info.label) or FakeBackend(info.label, size=100), None), ceiling_bytes=250)
    pool.pinned.add("m:1")
    for v in (1, 2, 3):
        pool.get(reg.info("m", v))
    assert list(pool.entries) == ["m:1", "m:3"]  # m:2 was least recently used and not pinned
    pool.get(reg.info("m", 3))
    pool.get(reg.info("m", 4))
    assert set(pool.entries) == {"m:1", "m:4"} and pool.evictions == 2
    assert opened == ["m:1", "m:2", "m:3", "m:4"]  # a hit never reloads


def test_plan_cuts_runs_by_length():
    import random

    from embgov.serve.packing import plan

    rng = random.Random(0)
    lengths = [rng.choice([8, 12, 20, 40, 60]) + rng.randrange(4) for _ in range(64)]
    runs = plan(lengths, max_rows=32, max_tokens=512)
    assert sorted(i for run in runs for i in run) == list(range(64))  # every text once
    assert all(len(run) <= 32 and (len(run) == 1 or len(run) * lengths[run[0]] <= 512) for run in runs)
    assert all(lengths[run[0]] == max(lengths[i] for i in run) for run in runs)  # the first row is the longest

    def padded(groups):
        return sum(len(g) * max(lengths[i] for i in g) for g in groups)

    fixed = [sorted(range(64), key=lambda i: -lengths[i])[k:k + 32] for k in (0, 32)]  # sorted, cut every 32 rows
    assert padded(runs) + 50 * len(runs) <= padded(fixed) + 50 * len(fixed)
    assert padded(runs) < 1.15 * sum(lengths)
    assert plan([]) == [] and plan([5]) == [[0]] and plan([3000, 2], max_tokens=2048) == [[0], [1]]


def test_batcher_merges_concurrent_requests_per_reference():
    calls = []

    def work(ref, texts):
        import numpy as np

        calls.append((ref.key(), list(texts)))
        return ref.key(), np.arange(len(texts), dtype="float32")[:, None], [1] * len(texts)

    async def main():
        batcher = Batcher(work, ThreadPoolExecutor(1), max_batch=4, max_wait_s=0.05)
        batcher.start()
        a, b = Ref("a"), Ref("b")
        results = await asyncio.gather(*(batcher.submit(a, [f"t{i}"]) for i in range(6)), batcher.submit(b, ["u0", "u1"]))
        await batcher.stop()
        return results

    results = asyncio.run(main())
    sizes = sorted((k, len(t)) for k, t in calls)
    assert sizes == [("a@production", 2), ("a@production", 4), ("b@production", 2)]
    assert [r[0] for r in results] == ["a@production"] * 6 + ["b@production"]
    assert all(len(r[1]) == 1 for r in results[:6]) and len(results[6][1]) == 2  # each gets its own rows back


def test_token_file_reload_and_checks(tmp_path):
    path = tmp_path / "tokens.yaml"
    first = add_token(path, "one", ["alpha"])
    auth = Authenticator(str(path))
    assert auth.caller(f"Bearer {first}").name == "one"
    with pytest.raises(AuthError) as denied:
        auth.check_model(auth.caller(f"bearer {first}"), "beta")
    assert denied.value.status == 403
    second = add_token(path, "two", ["*"])
    assert auth.caller(f"Bearer {second}").may_use("anything")
    path.write_text("tokens: []\n")  # revoked without a restart
    with pytest.raises(AuthError, match="invalid bearer token"):
        auth.caller(f"Bearer {first}")
    with pytest.raises(ConfigError, match="exists"):
        add_token(tmp_path / "t2.yaml", "x", ["a"]) and add_token(tmp_path / "t2.yaml", "x", ["a"])
    (tmp_path / "bad.yaml").write_text("tokens: [{name: a, sha256: short, models: [x]}]")
    with pytest.raises(ConfigError, match="invalid tokens file"):
        Authenticator(str(tmp_path / "bad.yaml"))


def test_refs():
    assert parse("m") == Ref("m") and parse("m@production") == Ref("m")
    assert parse("m:3") == Ref("m", 3) and parse("m@canary") == Ref("m", alias="canary")
    assert parse("m@canary").key() == "m@canary" and parse("m:3").key() == "m:3"
    for bad in ("", "M", "m:x", "m@bad alias", 3):
        with pytest.raises(RefError):
            parse(bad)


def test_closed_by_default():
    check_exposure(ServeConfig())  # loopback without tokens: allowed
    with pytest.raises(ConfigError, match="without tokens"):
        check_exposure(ServeConfig(host="0.0.0.0"))
    check_exposure(ServeConfig(host="0.0.0.0", tokens_file="t.yaml"))


def test_cli_print_config_and_refused_bind(tmp_path):
    from embgov.cli.main import cli

    config = tmp_path / "serve.yaml"
    config.write_text("port: 9000\nmax_batch: 8\n")
    shown = CliRunner().invoke(cli, ["serve", "--config", str(config), "--model", "a", "--print-config"])
    assert shown.exit_code == 0, shown.output
    assert {k: json.loads(shown.stdout)[k] for k in ("port", "max_batch", "models")} == {"port": 9000, "max_batch": 8,
                                                                                          "models": ["a"]}
    refused = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert refused.exit_code == 1 and "without tokens" in refused.output
    config.write_text("max_batchh: 8\n")
    bad = CliRunner().invoke(cli, ["serve", "--config", str(config), "--print-config"])
    assert bad.exit_code == 1 and "max_batchh" in bad.output
    made = CliRunner().invoke(cli, ["serve-token", "app", "--models", "a,b", "--file", str(tmp_path / "tok.yaml")])
    assert made.exit_code == 0 and made.stdout.startswith("egv_")
    assert made.stdout.strip() not in (tmp_path / "tok.yaml").read_text()
