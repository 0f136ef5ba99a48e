"""Turn pydantic errors into located, fixable messages: `file:line field.path: what (got X)`.

Shared by job specs and redaction policies (any strict pydantic model read from YAML).
"""

from __future__ import annotations

import difflib
import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from embgov.errors import SpecError
from embgov.spec.yamlsrc import Loc, load_yaml

Problem = tuple[Loc, str]

# Plain words for regular expressions, so users read "a duration such as 15m", not a regex.
PATTERN_HINTS: dict[str, str] = {}


def parse_model(text: str, source: str, model: type[BaseModel], what: str) -> tuple[Any, dict[Loc, int]]:
    """YAML text -> validated model instance, or SpecError listing every located problem."""
    data, lines = load_yaml(text, source)
    if data is None:
        raise SpecError(f"the {what} is empty", where=source,
                        fix=f"write a YAML mapping; `embgov schema` prints the {what} schema")
    if not isinstance(data, dict):
        raise SpecError(f"the {what} must be a YAML mapping of fields, not a {_kind(data)}", where=source)
    try:
        return model.model_validate(data), lines
    except ValidationError as exc:
        problems = [(loc, msg) for loc, msg in (_explain(model, data, e) for e in exc.errors())]
        raise located(source, what, problems, lines) from None
    except RecursionError:
        raise SpecError("nesting is too deep", where=source) from None


def located(source: str, what: str, problems: list[Problem], lines: dict[Loc, int]) -> SpecError:
    rendered = [f"{source}:{_line(loc, lines)} {_dotted(loc) or '(top level)'}: {msg}" for loc, msg in problems]
    noun = "problem" if len(rendered) == 1 else "problems"
    return SpecError(f"invalid {what} ({len(rendered)} {noun})", where=source, problems=rendered)


def _explain(model: type[BaseModel], data: Any, err: dict) -> Problem:
    loc = _data_loc(data, err["loc"])
    kind, ctx, got = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "missing":
        return loc, "required field is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, err["loc"][:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        msg = "unknown field" + (f"; did you mean '{hint[0]}'?" if hint else "")
        return loc, msg + (f" (allowed: {', '.join(allowed)})" if allowed and not hint else "")
    if kind == "literal_error":
        options = [o.strip().strip("'") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        hint = difflib.get_close_matches(str(got), options, n=1, cutoff=0.6) if isinstance(got, str) else []
        return loc, f"must be one of {ctx.get('expected')} (got {_show(got)})" + (f"; did you mean '{hint[0]}'?" if hint else "")
    if kind == "union_tag_invalid":
        return loc, f"unknown {ctx.get('discriminator', 'kind').strip(chr(39))} {_show(ctx.get('tag'))}; expected one of {ctx.get('expected_tags')}"
    if kind == "union_tag_not_found":
        return loc, f"missing {ctx.get('discriminator', 'kind')} field that says which kind this is"
    if kind == "string_pattern_mismatch":
        info = _field_info(model, err["loc"])
        expected = PATTERN_HINTS.get(ctx.get("pattern", "")) or (info.description if info is not None and info.description
                                                                 else f"the pattern {ctx.get('pattern')}")
        return loc, f"not an accepted value (got {_show(got)}); expected {expected[0].lower()}{expected[1:]}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return loc, _range_message(model, err["loc"], got, kind, ctx)
    for prefix, wanted in _TYPE_WORDS:
        if kind.startswith(prefix):
            return loc, f"must be {wanted} (got {_kind(got)} {_show(got)})"
    msg = err["msg"].removeprefix("Value error, ")
    return loc, msg if "(got" in msg else f"{msg} (got {_show(got)})"


_TYPE_WORDS = [("int_", "a whole number"), ("float_", "a number"), ("bool_", "true or false"),
               ("string_", "text"), ("model_", "a mapping of fields"), ("dict_", "a mapping of fields"),
               ("list_", "a list"), ("tuple_", "a list")]


def _range_message(model, raw_loc, got, kind: str, ctx: dict) -> str:
    info = _field_info(model, raw_loc)
    lo = hi = None
    for m in getattr(info, "metadata", []):
        lo = getattr(m, "ge", getattr(m, "gt", lo))
        hi = getattr(m, "le", getattr(m, "lt", hi))
    if lo is not None and hi is not None:
        return f"must be between {lo} and {hi} (got {_show(got)})"
    op = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<", "less_than_equal": "<="}[kind]
    bound = next(iter(ctx.values()), "?")
    return f"must be {op} {bound} (got {_show(got)})"


def _data_loc(data: Any, raw: tuple) -> Loc:
    """Pydantic's loc with discriminator tags and wrapper names removed, as the user wrote it."""
    out: list[str | int] = []
    cur = data
    tag_skipped: set[int] = set()
    for seg in raw:
        if isinstance(cur, dict) and id(cur) not in tag_skipped and any(
                cur.get(k) == seg for k in ("kind", "method", "type")):
            tag_skipped.add(id(cur))  # the discriminator tag pydantic adds right after a union field
            continue
        if isinstance(cur, dict) and seg in cur:
            out.append(seg)
            cur = cur[seg]
        elif isinstance(cur, list) and isinstance(seg, int) and 0 <= seg < len(cur):
            out.append(seg)
            cur = cur[seg]
        elif isinstance(cur, dict):
            out.append(seg)  # a missing or unknown key: name it, stop descending
            cur = None
        # anything else: pydantic's type names (e.g. 'str', 'function-after') -- not user paths
    return tuple(out)


def _line(loc: Loc, lines: dict[Loc, int]) -> int:
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return 1


def _dotted(loc: Loc) -> str:
    out = ""
    for seg in loc:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out


def _kind(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "text", bool: "boolean", int: "integer",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else _kind(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- walking the model's types, for "did you mean" and for range bounds ------------------------

def _strip(tp: Any) -> Any:
    while get_origin(tp) is not None and hasattr(tp, "__metadata__"):
        tp = get_args(tp)[0]
    return tp


def _variants(tp: Any) -> list[Any]:
    tp = _strip(tp)
    if get_origin(tp) in (Union, types.UnionType):
        return [_strip(a) for a in get_args(tp) if a is not type(None)]
    return [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {(f.alias or name): f for name, f in model.model_fields.items()}


def _tagged(model: type[BaseModel], seg: Any) -> bool:
    """Is `seg` the discriminator value (method/kind/type) that selects this variant?"""
    fields = _fields(model)
    return any(k in fields and get_origin(fields[k].annotation) is Literal and seg in get_args(fields[k].annotation)
               for k in ("method", "kind", "type"))


def _step(tp: Any, seg: Any) -> tuple[Any, FieldInfo | None]:
    variants = _variants(tp)
    if len(variants) > 1:  # a union: pydantic's loc names the chosen variant by its tag, which may
        for v in variants:  # also be a field name of it (kind: patterns -> patterns: [...])
            if _is_model(v) and _tagged(v, seg):
                return v, None
    for v in variants:
        if _is_model(v):
            fields = _fields(v)
            if seg in fields:
                return fields[seg].annotation, fields[seg]
            if _tagged(v, seg):
                return v, None
        elif get_origin(v) in (list, tuple) and isinstance(seg, int):
            item = get_args(v)[0]
            return item, next((m for m in getattr(item, "__metadata__", ()) if isinstance(m, FieldInfo)), None)
        elif get_origin(v) is dict:
            return get_args(v)[1], None
    return None, None


def _walk(model: type[BaseModel], raw_loc: tuple) -> tuple[Any, FieldInfo | None]:
    tp: Any = model
    info = None
    for seg in raw_loc:
        tp, info = _step(tp, seg)
        if tp is None:
            return None, None
    return tp, info


def _allowed_keys(model: type[BaseModel], raw_parent: tuple) -> list[str]:
    tp, _ = _walk(model, raw_parent)
    return sorted({k for v in _variants(tp) if _is_model(v) for k in _fields(v)}) if tp is not None else []


def _field_info(model: type[BaseModel], raw_loc: tuple) -> FieldInfo | None:
    return _walk(model, raw_loc)[1]
