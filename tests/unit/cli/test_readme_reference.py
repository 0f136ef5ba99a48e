"""The README's CLI reference names every command the CLI has (and nothing it lacks)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from embgov.cli.main import cli

README = (Path(__file__).resolve().parents[3] / "README.md").read_text()


def _leaves(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        out += _leaves(command, f"{path} ") if isinstance(command, click.Group) else [path]
    return out


def test_every_command_is_in_the_reference():
    missing = [p for p in _leaves(cli) if f"| `embgov {p}" not in README]
    assert not missing, f"README's CLI reference lacks: {missing}"


def test_the_reference_names_no_command_that_does_not_exist():
    leaves = set(_leaves(cli))
    rows = re.findall(r"^\| `embgov ([a-z][a-z -]*?)(?: [A-Z\[<-]|`)", README, flags=re.M)
    # A row may go on with arguments written in lower case (`embgov schema job`).
    unknown = [r.strip() for r in rows if not any(r.strip() == leaf or r.startswith(f"{leaf} ") for leaf in leaves)]
    assert not unknown, unknown
