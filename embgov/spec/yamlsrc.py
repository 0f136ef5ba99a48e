"""Safe YAML reading that remembers the line of every value.

PyYAML's SafeLoader composes a node graph; we build plain Python data from it ourselves so that
(1) each value's line is known for error messages, (2) duplicate keys are errors instead of
silently keeping the last, and (3) alias expansion is bounded (a "billion laughs" document is
refused after MAX_NODES values instead of eating memory).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from embgov.errors import SpecError

MAX_BYTES = 1 << 20
MAX_NODES = 20_000
MAX_DEPTH = 64

Loc = tuple[str | int, ...]


def read_text(path: Path, *, what: str = "file") -> str:
    from embgov.safeio import open_input

    # Only a regular file of at most MAX_BYTES is opened: a FIFO or a device would hang or flood us.
    with open_input(path, MAX_BYTES, what=what, error=SpecError) as f:
        try:
            raw = f.read(MAX_BYTES + 1)  # it may have grown since the size check
        except OSError as exc:
            raise SpecError(f"cannot read {what}: {exc.strerror}", where=str(path)) from None
    if len(raw) > MAX_BYTES:
        raise SpecError(f"{what} is {len(raw)} bytes; the limit is {MAX_BYTES}", where=str(path))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SpecError(f"not UTF-8 text (byte {exc.start})", where=f"{path}:{line}",
                        fix="save the file as UTF-8") from None


def load_yaml(text: str, source: str) -> tuple[Any, dict[Loc, int]]:
    """Parse one YAML document. Returns (data, {location: 1-based line})."""
    import yaml

    if len(text) > MAX_BYTES:
        raise SpecError(f"document is {len(text)} characters; the limit is {MAX_BYTES}", where=source)
    try:
        loader = yaml.SafeLoader(text)
    except yaml.YAMLError as exc:  # e.g. ReaderError: control characters
        raise SpecError(f"not valid YAML: {exc}", where=source, fix="remove control characters") from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f"{source}:{mark.line + 1}" if mark else source
            problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
            raise SpecError(f"not valid YAML: {problem}", where=where,
                            fix="check indentation, quoting and that each key is followed by ': '") from None
        except yaml.YAMLError as exc:
            raise SpecError(f"not valid YAML: {exc}", where=source) from None
        except RecursionError:
            raise SpecError("nesting is too deep", where=source) from None
        if node is None:
            return None, {}
        lines: dict[Loc, int] = {}
        budget = [MAX_NODES]
        data = _build(loader, node, (), lines, budget, source)
        return data, lines
    finally:
        loader.dispose()


def _build(loader, node, loc: Loc, lines: dict[Loc, int], budget: list[int], source: str) -> Any:
    import yaml

    budget[0] -= 1
    if budget[0] < 0:
        raise SpecError(f"more than {MAX_NODES} values (an alias expansion bomb?)", where=source,
                        fix="write the spec without deeply repeated anchors/aliases")
    if len(loc) > MAX_DEPTH:
        raise SpecError(f"nesting deeper than {MAX_DEPTH} levels", where=f"{source}:{node.start_mark.line + 1}")
    lines.setdefault(loc, node.start_mark.line + 1)
    where = f"{source}:{node.start_mark.line + 1}"
    if isinstance(node, yaml.MappingNode):
        try:
            loader.flatten_mapping(node)  # merge keys (<<: *base)
        except yaml.YAMLError as exc:
            raise SpecError(f"bad merge key: {exc}", where=where) from None
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise SpecError("a key must be a plain name, not a list or mapping", where=where)
            key = _scalar(loader, key_node, source)
            if not isinstance(key, str):
                key_where = f"{source}:{key_node.start_mark.line + 1}"
                raise SpecError(f"key {key!r} is not a name", where=key_where, fix="quote it or use a name")
            if key in out:
                raise SpecError(f"duplicate key {key!r}", where=f"{source}:{key_node.start_mark.line + 1}",
                                fix="keep one of them")
            lines[loc + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(loader, value_node, loc + (key,), lines, budget, source)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, loc + (i,), lines, budget, source) for i, item in enumerate(node.value)]
    return _scalar(loader, node, source)


def _scalar(loader, node, source: str) -> Any:
    import yaml

    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise SpecError(f"cannot read value: {getattr(exc, 'problem', None) or exc}",
                        where=f"{source}:{node.start_mark.line + 1}") from None
