"""Shared CLI plumbing: the root group, error mapping, JSON output.

Exit codes: 0 success; 1 an embgov error (invalid input, refused, check failed); 2 bad usage;
`embgov run` adds 3 blocked and 4 cancelled (embgov.cli.train.EXIT_CODES).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from embgov.errors import EmbgovError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Group(click.Group):
    """A click group whose commands turn embgov errors into a message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EmbgovError as exc:
            raise click.ClickException(exc.render()) from None

    def group(self, *args, **kwargs):
        kwargs.setdefault("cls", Group)
        kwargs.setdefault("context_settings", CONTEXT)
        return super().group(*args, **kwargs)

    def command(self, *args, **kwargs):
        kwargs.setdefault("context_settings", CONTEXT)
        return super().command(*args, **kwargs)


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, indent=2, sort_keys=True, default=str))


def fail(message: str, code: int = 1) -> None:
    click.echo(message, err=True)
    sys.exit(code)


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")


def check_by(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
    """Callback of --by: one line of at most ACTOR_MAX printable characters, checked before the command
    writes anything (exit 1, located, like the library's own refusal)."""
    from embgov.store.names import ACTOR_MAX, check_actor

    try:
        return value if value is None else check_actor(value, limit=ACTOR_MAX)
    except EmbgovError as exc:
        raise click.ClickException(exc.render()) from None


def check_idempotency_key(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
    """Callback of --idempotency-key: one line of at most KEY_MAX printable characters."""
    from embgov.store.names import check_key

    try:
        return value if value is None else check_key(value)
    except EmbgovError as exc:
        raise click.ClickException(exc.render()) from None
