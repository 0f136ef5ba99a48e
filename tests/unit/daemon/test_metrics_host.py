"""The daemon's /metrics binds loopback unless told otherwise: the config default, the CLI override,
and the address actually handed to prometheus_client."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
pytest.importorskip("prometheus_client")  # a stage library the code under test needs
pytest.importorskip("apscheduler")  # a stage library the code under test needs

from embgov.cli.main import cli
from embgov.daemon import service
from embgov.daemon.service import Daemon, DaemonConfig


@pytest.fixture
def served(monkeypatch):
    """Daemon.run with a fake start_http_server, no slow preloads, no signal handlers and a scheduler that
    returns at once (a paused BackgroundScheduler in place of the BlockingScheduler)."""
    import apscheduler.schedulers.blocking as blocking
    import prometheus_client
    from apscheduler.schedulers.background import BackgroundScheduler

    calls: list[tuple[tuple, dict]] = []
    monkeypatch.setattr(prometheus_client, "start_http_server", lambda *a, **k: calls.append((a, k)))
    monkeypatch.setattr(blocking, "BlockingScheduler", BackgroundScheduler)
    monkeypatch.setattr(service, "preload", lambda report: None)
    monkeypatch.setattr(service.signal, "signal", lambda *a: None)
    daemons: list[Daemon] = []

    def run(config: DaemonConfig) -> list[str]:
        said: list[str] = []
        d = Daemon(config, owner="t", say=said.append)
        daemons.append(d)
        d.run()
        return said

    yield run, calls
    for d in daemons:
        if d.scheduler.running:
            d.scheduler.shutdown(wait=False)


def test_loopback_by_default(served):
    run, calls = served
    said = run(DaemonConfig(metrics_port=9999))
    [(args, kwargs)] = calls
    assert args == (9999,) and kwargs["addr"] == "127.0.0.1"
    assert "metrics: http://127.0.0.1:9999/metrics" in said


@pytest.mark.parametrize("host, shown", [("0.0.0.0", "0.0.0.0"), ("::1", "[::1]"), ("10.1.2.3", "10.1.2.3")])
def test_the_given_host_is_the_one_bound(served, host, shown):
    run, calls = served
    said = run(DaemonConfig(metrics_port=9464, metrics_host=host))
    assert calls[0][1]["addr"] == host
    assert f"metrics: http://{shown}:9464/metrics" in said


def test_port_0_starts_no_server(served):
    run, calls = served
    run(DaemonConfig(metrics_port=0, metrics_host="0.0.0.0"))
    assert calls == []


def test_cli_default_and_override():
    def config(*args):
        result = CliRunner().invoke(cli, ["daemon", "--print-config", *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert config()["metrics_host"] == "127.0.0.1"
    effective = config("--metrics-host", "0.0.0.0", "--metrics-port", "9100")
    assert (effective["metrics_host"], effective["metrics_port"]) == ("0.0.0.0", 9100)


def test_cli_refuses_a_host_that_is_not_an_address():
    result = CliRunner().invoke(cli, ["daemon", "--print-config", "--metrics-host", "0.0.0.0; rm -rf /"])
    assert result.exit_code == 2 and "--metrics-host" in result.output


def test_the_config_field_is_described():
    field = DaemonConfig.model_fields["metrics_host"]
    assert field.default == "127.0.0.1" and "loopback" in field.description.lower()
