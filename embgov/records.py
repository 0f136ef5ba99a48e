"""Reading record files (a corpus, queries, qrels lines): the one reader the data and evaluation stages
share, so training and evaluation see the same records and refuse the same malformed files.

Each caller passes its own error class (DataError, EvalError): errors stay in its stage's terms and
name file, line and field, never text. Lines split on line feeds only (str.splitlines would split on
U+2028 inside a JSON string); a UTF-8 byte-order mark is dropped; files are refused before reading
unless they are regular and within the size limit (embgov.safeio).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

# One joiner everywhere: a line break invents no punctuation, BERT-style tokenizers read it as a
# space, and a sentence splitter treats it as a boundary, so a title is a sentence of its own.
TITLE_JOINER = "\n"
FORMATS = ("jsonl", "csv", "text")


def join_title(title: str | None, body: str) -> str:
    """The text of a record: its title (when present and not blank) and its body."""
    title, body = (title or "").strip(), body.strip()
    if not title:
        return body
    return f"{title}{TITLE_JOINER}{body}" if body else title


@dataclass(frozen=True, slots=True)
class Record:
    """A corpus document or a query. `body` is the text field alone; `text` adds the title."""

    id: str
    body: str
    title: str | None = None

    @property
    def text(self) -> str:
        return join_title(self.title, self.body)


def iter_lines(path: Path, error: type) -> Iterator[tuple[int, str]]:
    """(line number, line without its line ending) of a regular UTF-8 file within the size limit."""
    from embgov.safeio import MAX_LINE_BYTES, bounded_lines, open_input

    with open_input(path, what="file", error=error) as f:  # a FIFO or a device is refused unread
        for n, raw in enumerate(bounded_lines(f, MAX_LINE_BYTES), 1):
            if raw is None:
                raise error(f"a line over {MAX_LINE_BYTES} bytes", where=f"{path}:{n}", fix="one record per line")
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                raise error("not valid UTF-8", where=f"{path}:{n}", fix="re-encode the file as UTF-8") from None
            yield n, line.removesuffix("\n").removesuffix("\r")


def iter_jsonl(path: Path, error: type) -> Iterator[tuple[int, dict]]:
    """One JSON object per non-blank line."""
    for n, line in iter_lines(path, error):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            raise error("invalid JSON", where=f"{path}:{n}", fix="one JSON object per line") from None
        if not isinstance(obj, dict):
            raise error("the line is not a JSON object", where=f"{path}:{n}", fix="one JSON object per line")
        yield n, obj


def iter_csv(path: Path, required: list[str], error: type) -> Iterator[tuple[int, dict]]:
    """Rows of a CSV file with a header naming at least `required`; a row with extra cells is an error."""
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in iter_lines(path, error)), newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise error(f"the header has no column {', '.join(repr(c) for c in missing)}", where=f"{path}:1",
                    fix="name the columns in the spec (id_field, text_field, ...) as they are in the header")
    for row in reader:
        if None in row:  # csv puts surplus cells under the key None: a comma inside an unquoted cell
            raise error("the row has more cells than the header", where=f"{path}:{reader.line_num}",
                        fix="quote cells that contain commas")
        yield reader.line_num, row


def field_string(obj: dict, field: str, where: str, error: type, *, required: bool) -> str | None:
    value = obj.get(field)
    if value is None:
        if required:
            raise error(f"missing field {field!r}", where=where, fix="check the field names in the spec against the file")
        return None
    if not isinstance(value, str):
        raise error(f"field {field!r} is not a string", where=where, fix="text fields must be strings")
    return value


def iter_records(path: Path, fmt: str, error: type, *, id_field: str | None, text_field: str,
                 title_field: str | None) -> Iterator[tuple[int, Record]]:
    """Records with their line numbers. `id_field=None`: ids are `line:N` (plain text always is)."""
    if fmt == "text":
        for n, line in iter_lines(path, error):
            if line.strip():
                yield n, Record(f"line:{n}", line.strip())
        return
    if fmt == "jsonl":
        rows = iter_jsonl(path, error)
    elif fmt == "csv":
        rows = iter_csv(path, [f for f in (id_field, text_field) if f], error)
    else:
        raise error(f"unknown record format {fmt!r}", where=str(path), fix=f"use one of {', '.join(FORMATS)}")
    for n, obj in rows:
        where = f"{path}:{n}"
        if id_field:
            value = obj.get(id_field)
            if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
                raise error(f"missing id field {id_field!r}", where=where,
                            fix="every record needs an id (set id_field in the spec)")
            rid = str(value)
        else:
            rid = f"line:{n}"
        body = field_string(obj, text_field, where, error, required=True)
        title = field_string(obj, title_field, where, error, required=False) if title_field else None
        yield n, Record(rid, body, title or None)


def read_unique(path: Path, source, error: type, on_blank) -> list[Record]:
    """All records of a corpus or query file (`source`: a spec RecordSource). A duplicate id is an error;
    a blank record is skipped and reported to `on_blank()` (the caller keeps its own counts)."""
    records: list[Record] = []
    seen: dict[str, int] = {}
    text = source.format == "text"
    for n, rec in iter_records(path, source.format, error, id_field=None if text else source.id_field,
                               text_field=source.text_field, title_field=None if text else source.title_field):
        if rec.id in seen:
            raise error(f"duplicate id {rec.id!r} (first at line {seen[rec.id]})", where=f"{path}:{n}",
                        fix="record ids must be unique within a file")
        seen[rec.id] = n
        if not rec.text:
            on_blank()
            continue
        records.append(rec)
    return records
