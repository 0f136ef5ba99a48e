"""Read records for the gate (jsonl, csv, plain text) and write redacted ones back.

A bad record (invalid JSON, undecodable bytes, not an object, missing or empty text, too large)
comes out as a `Bad` with its id and reason: it is counted and quarantined, never dropped.
Only the id and the selected text fields are written out; every other field is dropped, so
nothing unscanned leaves the gate.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ID_FIELDS = ("_id", "id")


@dataclass
class Record:
    source: str
    rid: str
    fields: dict[str, str]


@dataclass
class Bad:
    source: str
    rid: str
    reason: str
    detail: str | None = None


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}.get(suffix, "text")


def read_records(path: Path, fields: list[str] | None, id_field: str | None, max_chars: int,
                 optional: frozenset[str] = frozenset()) -> Iterator[Record | Bad]:
    """Records with the named fields (all text fields when none are named); a record missing a
    named field is Bad, unless the field is in `optional` (a title, say)."""
    fmt = detect_format(path)
    if fmt == "jsonl":
        yield from _jsonl(path, fields, id_field, max_chars, optional)
    elif fmt in ("csv", "tsv"):
        yield from _csv(path, fields, id_field, max_chars, "\t" if fmt == "tsv" else ",", optional)
    else:
        yield from _text(path, max_chars)


def _select(source: str, rid: str, obj: dict, fields: list[str] | None, id_field: str | None, max_chars: int,
            optional: frozenset[str] = frozenset()) -> Record | Bad:
    names = fields or [k for k, v in obj.items() if isinstance(v, str) and k != id_field and k not in ID_FIELDS]
    names = [f for f in names if f not in optional or obj.get(f) is not None]
    missing = [f for f in names if f not in obj or obj[f] is None]
    if fields and missing:
        return Bad(source, rid, "missing_field", ",".join(missing))
    chosen = {f: obj[f] for f in names}
    if any(not isinstance(v, str) for v in chosen.values()):
        return Bad(source, rid, "missing_field", ",".join(f for f, v in chosen.items() if not isinstance(v, str)))
    if not chosen or all(not v.strip() for v in chosen.values()):
        return Bad(source, rid, "empty_text")
    if sum(len(v) for v in chosen.values()) > max_chars:
        return Bad(source, rid, "too_large", f"over {max_chars} characters")
    return Record(source, rid, chosen)


def _rid(obj: dict, id_field: str | None, fallback: str) -> str:
    for key in ([id_field] if id_field else list(ID_FIELDS)):
        value = obj.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value)[:100]
    return fallback


def _jsonl(path: Path, fields, id_field, max_chars, optional) -> Iterator[Record | Bad]:
    name = path.name
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Bad(name, f"line:{n}", "undecodable")
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                yield Bad(name, f"line:{n}", "invalid_json")
                continue
            if not isinstance(obj, dict):
                yield Bad(name, f"line:{n}", "not_an_object")
                continue
            yield _select(name, _rid(obj, id_field, f"line:{n}"), obj, fields, id_field, max_chars, optional)


def _csv(path: Path, fields, id_field, max_chars, delimiter: str, optional) -> Iterator[Record | Bad]:
    name = path.name
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Find the bad rows, quarantine them and read the rest.
        good = []
        for n, line in enumerate(raw.split(b"\n"), 1):
            try:
                good.append(line.decode("utf-8-sig" if n == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield Bad(name, f"row:{n - 1}", "undecodable")
        text = "\n".join(good)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    for n, row in enumerate(reader, 1):
        if None in row:  # more cells than the header
            row.pop(None)
        yield _select(name, _rid(row, id_field, f"row:{n}"), row, fields, id_field, max_chars, optional)


def _text(path: Path, max_chars) -> Iterator[Record | Bad]:
    name = path.name
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield Bad(name, f"line:{n}", "undecodable")
                continue
            if not line.strip():
                continue
            if len(line) > max_chars:
                yield Bad(name, f"line:{n}", "too_large", f"over {max_chars} characters")
                continue
            yield Record(name, f"line:{n}", {"text": line})


class Writer:
    """Writes redacted records in the input's format: the id plus the redacted fields."""

    def __init__(self, path: Path, fmt: str, id_field: str):
        self.path, self.fmt, self.id_field = path, fmt, id_field
        self.f = path.open("w", encoding="utf-8", newline="")
        self.csv: csv.DictWriter | None = None

    def write(self, rid: str, fields: dict[str, str]) -> None:
        if self.fmt == "jsonl":
            self.f.write(json.dumps({self.id_field: rid, **fields}, ensure_ascii=False) + "\n")
        elif self.fmt in ("csv", "tsv"):
            if self.csv is None:
                self.csv = csv.DictWriter(self.f, fieldnames=[self.id_field, *fields],
                                          delimiter="\t" if self.fmt == "tsv" else ",")
                self.csv.writeheader()
            self.csv.writerow({self.id_field: rid, **fields})
        else:
            self.f.write(fields["text"].replace("\n", " ") + "\n")

    def close(self) -> None:
        self.f.close()
