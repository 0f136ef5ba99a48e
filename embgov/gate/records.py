"""Read records for the gate (jsonl, csv, plain text) and write redacted ones back.

A bad record (invalid or too deeply nested JSON, undecodable bytes, not an object, a malformed CSV
row, missing or empty text, too large) comes out as a `Bad` with its id and reason: it is counted
and quarantined, never dropped; no record makes the reader raise.
Only the id and the selected text fields are written out; every other field is dropped, so
nothing unscanned leaves the gate.
"""

from __future__ import annotations

import csv
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
    line: int | None = None  # where the record starts in its file, for receipts (ids may be pseudonyms)


@dataclass
class Bad:
    source: str
    rid: str
    reason: str
    detail: str | None = None
    line: int | None = None


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}.get(suffix, "text")


def read_records(path: Path, fields: list[str] | None, id_field: str | None, max_chars: int,
                 optional: frozenset[str] = frozenset()) -> Iterator[Record | Bad]:
    """Records with the named fields (all text fields when none are named); a record missing a
    named field is Bad, unless the field is in `optional` (a title, say)."""
    from embgov.errors import GateError

    fmt = detect_format(path)
    try:
        if fmt == "jsonl":
            yield from _jsonl(path, fields, id_field, max_chars, optional)
        elif fmt in ("csv", "tsv"):
            yield from _csv(path, fields, id_field, max_chars, "\t" if fmt == "tsv" else ",", optional)
        else:
            yield from _text(path, max_chars)
    except OSError as exc:  # the disk or the file failed midway: say so, not "the analyzer failed"
        raise GateError(f"cannot read the input ({exc.strerror or type(exc).__name__})", where=str(path),
                        fix="check the file and the disk it is on") from None


def _select(source: str, rid: str, obj: dict, fields: list[str] | None, id_field: str | None, max_chars: int,
            optional: frozenset[str] = frozenset(), line: int | None = None) -> Record | Bad:
    names = fields or [k for k, v in obj.items() if isinstance(v, str) and k != id_field and k not in ID_FIELDS]
    names = [f for f in names if f not in optional or obj.get(f) is not None]
    missing = [f for f in names if f not in obj or obj[f] is None]
    if fields and missing:
        return Bad(source, rid, "missing_field", ",".join(missing), line)
    chosen = {f: obj[f] for f in names}
    if any(not isinstance(v, str) for v in chosen.values()):
        return Bad(source, rid, "missing_field", ",".join(f for f, v in chosen.items() if not isinstance(v, str)), line)
    if not chosen or all(not v.strip() for v in chosen.values()):
        return Bad(source, rid, "empty_text", line=line)
    if sum(len(v) for v in chosen.values()) > max_chars:
        return Bad(source, rid, "too_large", f"over {max_chars} characters", line)
    return Record(source, rid, chosen, line)


def _rid(obj: dict, id_field: str | None, fallback: str) -> str:
    for key in ([id_field] if id_field else list(ID_FIELDS)):
        value = obj.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value)[:100]
    return fallback


def _line_limit(max_chars: int) -> int:
    """Bytes beyond which a jsonl/csv line is too_large unparsed: room for max_chars characters
    JSON-escaped (\\uXXXX: 6 bytes each) plus the id and other fields."""
    return 8 * max_chars + (1 << 16)


def _jsonl(path: Path, fields, id_field, max_chars, optional) -> Iterator[Record | Bad]:
    from embgov.errors import GateError
    from embgov.safeio import bounded_lines, open_input

    name, limit = path.name, _line_limit(max_chars)
    with open_input(path, error=GateError) as f:
        for n, raw in enumerate(bounded_lines(f, limit), 1):
            if raw is None:
                yield Bad(name, f"line:{n}", "too_large", f"line over {limit} bytes", line=n)
                continue
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Bad(name, f"line:{n}", "undecodable", line=n)
                continue
            try:
                obj = json.loads(line)
            except RecursionError:  # nesting deeper than the parser goes (e.g. 200k brackets)
                yield Bad(name, f"line:{n}", "too_deep", line=n)
                continue
            except ValueError:
                yield Bad(name, f"line:{n}", "invalid_json", line=n)
                continue
            if not isinstance(obj, dict):
                yield Bad(name, f"line:{n}", "not_an_object", line=n)
                continue
            yield _select(name, _rid(obj, id_field, f"line:{n}"), obj, fields, id_field, max_chars, optional, n)


def _csv(path: Path, fields, id_field, max_chars, delimiter: str, optional) -> Iterator[Record | Bad]:
    """Streamed; a line that is undecodable or too long, a row csv cannot parse and a row with a
    cell over max_chars are each quarantined, and reading goes on with the next line."""
    from embgov.errors import GateError
    from embgov.safeio import bounded_lines, open_input

    name, limit = path.name, _line_limit(max_chars)
    # csv's field limit (128 KiB by default) is process-wide; at the line bound, a big cell becomes
    # a row to quarantine instead of an error that ends the file.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    pending: list[Bad] = []  # lines set aside while csv pulled them, yielded before the next row

    def lines(f) -> Iterator[str]:
        for n, raw in enumerate(bounded_lines(f, limit), 1):
            if raw is None:
                pending.append(Bad(name, f"row:{n - 1}", "too_large", f"line over {limit} bytes", line=n - 1))
                continue
            try:
                yield raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                pending.append(Bad(name, f"row:{n - 1}", "undecodable", line=n - 1))

    with open_input(path, error=GateError) as f:
        reader = csv.reader(lines(f), delimiter=delimiter)
        header: list[str] | None = None
        n = stuck_at = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield from pending
                pending.clear()
                if reader.line_num == stuck_at:  # no progress: csv cannot go on, the rest is set aside
                    yield Bad(name, f"row:{n + 1}", "malformed_row", "the CSV reader stopped here; rows after it were not read", line=n + 1)
                    break
                stuck_at, n = reader.line_num, n + 1
                big = str(exc).startswith("field larger")  # csv's messages name no cell text
                yield Bad(name, f"row:{n}", "too_large" if big else "malformed_row", str(exc)[:120], line=n)
                continue
            yield from pending
            pending.clear()
            if not cells:  # a blank line, skipped as csv.DictReader does
                continue
            if header is None:
                header = cells
                continue
            n += 1
            if any(len(c) > max_chars for c in cells):
                yield Bad(name, f"row:{n}", "too_large", f"a cell over {max_chars} characters", line=n)
                continue
            row: dict = dict(zip(header, cells))  # extra cells dropped; missing ones None, as DictReader does
            row.update((k, None) for k in header[len(cells):])
            yield _select(name, _rid(row, id_field, f"row:{n}"), row, fields, id_field, max_chars, optional, n)
        yield from pending


def _text(path: Path, max_chars) -> Iterator[Record | Bad]:
    from embgov.errors import GateError
    from embgov.safeio import bounded_lines, open_input

    name = path.name
    with open_input(path, error=GateError) as f:
        # UTF-8 takes at most 4 bytes a character: a longer line is over max_chars unread.
        for n, raw in enumerate(bounded_lines(f, 4 * max_chars + 2), 1):
            if raw is None:
                yield Bad(name, f"line:{n}", "too_large", f"over {max_chars} characters", line=n)
                continue
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield Bad(name, f"line:{n}", "undecodable", line=n)
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
