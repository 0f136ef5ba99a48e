"""Read gate-passed records, qrels and ready-made pairs.

Errors name the file, the line and the field, never the text. A record whose text is blank is
skipped and counted (`<role>_empty`); everything else that is malformed stops the build (the
gate already quarantined what it could not clear, so anything odd here is a real fault).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from embgov import records as core
from embgov.errors import DataError
from embgov.records import Record
from embgov.spec.qrels import iter_qrels
from embgov.spec.jobspec import PairSource, QrelsSource, RecordSource


@dataclass(frozen=True, slots=True)
class PairRow:
    """A ready-made pair from a file (its negative is optional)."""

    anchor: str
    positive: str
    negative: str | None
    line: int


def iter_records(path: Path, fmt: str, *, id_field: str | None, text_field: str,
                 title_field: str | None) -> Iterator[tuple[int, Record]]:
    """Records with their line numbers (embgov.records), errors as DataError."""
    return core.iter_records(path, fmt, DataError, id_field=id_field, text_field=text_field, title_field=title_field)


def read_records(path: Path, source: RecordSource, *, role: str, stats: Counter) -> list[Record]:
    """All records of a corpus or query file; duplicate ids are an error, blank texts are skipped."""
    def blank() -> None:
        stats[f"{role}_empty"] += 1

    records = core.read_unique(path, source, DataError, blank)
    stats[f"{role}_records"] += len(records)
    return records


def read_qrels(path: Path, source: QrelsSource, stats: Counter) -> dict[str, list[str]]:
    """query id -> relevant document ids (score > 0), in file order, without repeats."""
    relevant: dict[str, list[str]] = {}
    for qid, did, value in iter_qrels(core.iter_lines(path, DataError), source.format, path, DataError):
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
        rows = core.iter_jsonl(path, DataError)
    else:
        rows = core.iter_csv(path, [source.anchor_field, source.positive_field], DataError)
    out: list[PairRow] = []
    for n, obj in rows:
        where = f"{path}:{n}"
        anchor = core.field_string(obj, source.anchor_field, where, DataError, required=True)
        positive = core.field_string(obj, source.positive_field, where, DataError, required=True)
        if not anchor.strip() or not positive.strip():
            raise DataError(f"empty {'anchor' if not anchor.strip() else 'positive'} field", where=where,
                            fix="remove the row or fill the field")
        negative = core.field_string(obj, source.negative_field, where, DataError, required=False) if source.negative_field else None
        out.append(PairRow(anchor.strip(), positive.strip(), (negative or "").strip() or None, n))
    return out
