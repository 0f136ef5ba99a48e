"""Read gate-passed records, qrels and ready-made pairs.

Errors name the file, the line and the field, never the text. A record whose text is blank is
skipped and counted (`<role>_empty`); everything else that is malformed stops the build (the
gate already quarantined what it could not clear, so anything odd here is a real fault).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from embgov.data.text import join_title
from embgov.errors import DataError
from embgov.spec.qrels import iter_qrels
from embgov.spec.models import PairSource, QrelsSource, RecordSource


@dataclass(frozen=True, slots=True)
class Record:
    """A corpus document or a query. `body` is the text field alone; `text` adds the title."""

    id: str
    body: str
    title: str | None = None

    @property
    def text(self) -> str:
        return join_title(self.title, self.body)


@dataclass(frozen=True, slots=True)
class PairRow:
    """A ready-made pair from a file (its negative is optional)."""

    anchor: str
    positive: str
    negative: str | None
    line: int


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    from embgov.safeio import MAX_LINE_BYTES, bounded_lines, open_input

    # A regular file within the size limit only: a FIFO or a device is refused before any read.
    with open_input(path, what="file", error=DataError) as f:
        for n, raw in enumerate(bounded_lines(f, MAX_LINE_BYTES), 1):
            if raw is None:
                raise DataError(f"a line over {MAX_LINE_BYTES} bytes", where=f"{path}:{n}", fix="one record per line")
            try:
                yield n, raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                raise DataError("not valid UTF-8", where=f"{path}:{n}", fix="re-encode the file as UTF-8") from None


def _jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    for n, line in _lines(path):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise DataError("invalid JSON", where=f"{path}:{n}", fix="one JSON object per line") from None
        if not isinstance(obj, dict):
            raise DataError("the line is not a JSON object", where=f"{path}:{n}", fix="one JSON object per line")
        yield n, obj


def _csv(path: Path, required: list[str]) -> Iterator[tuple[int, dict]]:
    text = "".join(line for _, line in _lines(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"the header has no column {', '.join(repr(c) for c in missing)}", where=f"{path}:1",
                        fix="name the columns in the spec (id_field, text_field, ...) as they are in the header")
    for row in reader:
        if None in row:
            raise DataError("the row has more cells than the header", where=f"{path}:{reader.line_num}",
                            fix="quote cells that contain commas")
        yield reader.line_num, row


def _string(obj: dict, field: str, where: str, *, required: bool) -> str | None:
    value = obj.get(field)
    if value is None:
        if required:
            raise DataError(f"missing field {field!r}", where=where,
                            fix="check the field names in the spec against the file")
        return None
    if not isinstance(value, str):
        raise DataError(f"field {field!r} is not a string", where=where, fix="text fields must be strings")
    return value


def _record_id(obj: dict, field: str, where: str) -> str:
    value = obj.get(field)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise DataError(f"missing id field {field!r}", where=where, fix="every record needs an id (set id_field in the spec)")
    return str(value)


def iter_records(path: Path, fmt: str, *, id_field: str | None, text_field: str,
                 title_field: str | None) -> Iterator[tuple[int, Record]]:
    """Records with their line numbers. `id_field=None`: ids are `line:N` (plain text always is)."""
    if fmt == "text":
        for n, line in _lines(path):
            if line.strip():
                yield n, Record(f"line:{n}", line.strip())
        return
    if fmt == "jsonl":
        rows = _jsonl(path)
    elif fmt == "csv":
        rows = _csv(path, [f for f in (id_field, text_field) if f])
    else:
        raise DataError(f"unknown record format {fmt!r}", where=str(path), fix="use jsonl, csv or text")
    for n, obj in rows:
        where = f"{path}:{n}"
        rid = _record_id(obj, id_field, where) if id_field else f"line:{n}"
        body = _string(obj, text_field, where, required=True)
        title = _string(obj, title_field, where, required=False) if title_field else None
        yield n, Record(rid, body, title or None)


def read_records(path: Path, source: RecordSource, *, role: str, stats: Counter) -> list[Record]:
    """All records of a corpus or query file; duplicate ids are an error, blank texts are skipped."""
    records: list[Record] = []
    seen: dict[str, int] = {}
    for n, rec in iter_records(path, source.format, id_field=source.id_field if source.format != "text" else None,
                               text_field=source.text_field, title_field=source.title_field):
        if rec.id in seen:
            raise DataError(f"duplicate id {rec.id!r} (first at line {seen[rec.id]})", where=f"{path}:{n}",
                            fix="record ids must be unique within a file")
        seen[rec.id] = n
        if not rec.text:
            stats[f"{role}_empty"] += 1
            continue
        records.append(rec)
    stats[f"{role}_records"] += len(records)
    return records


def read_qrels(path: Path, source: QrelsSource, stats: Counter) -> dict[str, list[str]]:
    """query id -> relevant document ids (score > 0), in file order, without repeats."""
    relevant: dict[str, list[str]] = {}
    for qid, did, value in iter_qrels(_lines(path), source.format, path, DataError):
        stats["qrels_judgements"] += 1
        if value <= 0:
            stats["qrels_not_relevant"] += 1
            continue
        docs = relevant.setdefault(qid, [])
        if did not in docs:
            docs.append(did)
    return relevant


def read_pair_file(path: Path, source: PairSource) -> list[PairRow]:
    """Ready-made pairs; a row whose anchor or positive is missing is an error, a blank negative is none."""
    if source.format == "jsonl":
        rows = _jsonl(path)
    else:
        rows = _csv(path, [source.anchor_field, source.positive_field])
    out: list[PairRow] = []
    for n, obj in rows:
        where = f"{path}:{n}"
        anchor = _string(obj, source.anchor_field, where, required=True)
        positive = _string(obj, source.positive_field, where, required=True)
        if not anchor.strip() or not positive.strip():
            raise DataError(f"empty {'anchor' if not anchor.strip() else 'positive'} field", where=where,
                            fix="remove the row or fill the field")
        negative = _string(obj, source.negative_field, where, required=False) if source.negative_field else None
        out.append(PairRow(anchor.strip(), positive.strip(), (negative or "").strip() or None, n))
    return out
