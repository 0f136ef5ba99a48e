"""`embgov serve`: the embedding server; `embgov serve-token`: make a bearer token (its hash is stored)."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, emit_json


@click.command(context_settings=CONTEXT)
@click.option("--host", help="Address to bind (default 127.0.0.1; another address needs --tokens).")
@click.option("--port", type=click.IntRange(0, 65535), help="TCP port (default 8080).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, exists=True),
              help="YAML server settings; see `embgov serve --print-config` for every field and its default.")
@click.option("--tokens", "tokens_file", type=click.Path(dir_okay=False, exists=True),
              help="Bearer tokens file (hashes and the models each may use); without it only loopback binds are allowed.")
@click.option("--model", "models", multiple=True,
              help="Serve this registered model (repeatable); its production version loads at start-up. Default: all.")
@click.option("--telemetry-sample", type=click.FloatRange(0, 1), help="Share of embedded texts whose vectors go to telemetry.")
@click.option("--print-config", is_flag=True, help="Print the effective settings as JSON and exit.")
def serve(host, port, config_path, tokens_file, models, telemetry_sample, print_config) -> None:
    """Serve registered models over an OpenAI-compatible HTTP API.

    POST /v1/embeddings (model: NAME, NAME:VERSION or NAME@ALIAS), POST /v1/search, GET /v1/models,
    /healthz, /readyz, /metrics. LoRA and adapter versions of one base share it in memory; promotions
    and rollbacks are picked up without a restart; a sample of embeddings (never text) goes to the
    telemetry the daemon watches. Stops on Ctrl-C / SIGTERM.
    """
    from embgov.serve.config import load_config
    from embgov.serve.service import check_exposure

    config = load_config(config_path, host=host, port=port, tokens_file=tokens_file, models=list(models) or None,
                         telemetry_sample=telemetry_sample)
    if print_config:
        emit_json(config.model_dump())
        return
    check_exposure(config)
    import logging

    import uvicorn

    # What the server decides (versions loaded, switched, kept) goes to stderr; requests are not logged.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("embgov.serve").addHandler(handler)
    logging.getLogger("embgov.serve").setLevel(logging.INFO)

    from embgov.serve.app import create_app
    from embgov.serve.service import Service

    app = create_app(Service(config))
    click.echo(f"embgov serve: http://{config.host}:{config.port} (tokens: {'required' if config.tokens_file else 'none, loopback only'})",
               err=True)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", access_log=False,
                timeout_graceful_shutdown=10)


@click.command("serve-token", context_settings=CONTEXT)
@click.argument("name")
@click.option("--models", "models", required=True, help="Comma-separated model names the token may use ('*': all).")
@click.option("--file", "path", required=True, type=click.Path(dir_okay=False),
              help="Tokens file to add it to (created 0600 when missing).")
def token(name, models, path) -> None:
    """Make a bearer token for NAME, store its sha256 in --file, print the token once (keep it secret)."""
    from embgov.serve.auth import add_token

    allowed = [m.strip() for m in models.split(",") if m.strip()]
    click.echo(add_token(path, name, allowed))
