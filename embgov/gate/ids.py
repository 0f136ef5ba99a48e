"""Record ids as they leave the gate, and qrels files, whose only content is ids.

An id is data too ("MRN-884422 Jane Doe" is a real-world id), so by default what leaves the gate is
a keyed hash of it: stable across files and runs under one key (a qrels line still meets its query
and document), useless without the key, and the mapping is never written down. A policy with
`record_ids: keep` lets ids through unchanged, but only those the detectors find nothing in.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from embgov.errors import GateError

# Ids the gate makes up from positions carry nothing about a person: they stay readable.
POSITIONAL = re.compile(r"(line|row):\d{1,12}")
PREFIX = "id-"


def pseudonym(key: bytes, rid: str) -> str:
    """The keyed hash an id leaves the gate as (96 bits: collisions are out of reach for any corpus)."""
    if POSITIONAL.fullmatch(rid) or (rid.startswith(PREFIX) and len(rid) == len(PREFIX) + 24):
        return rid  # positional, or already a pseudonym (gating gate output again must not re-map)
    digest = hmac.new(key, b"embgov-record-id\0" + rid.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:24]


@dataclass
class QrelsRow:
    line: int
    qid: str
    did: str
    score: str


def read_qrels(path: Path, fmt: str) -> Iterator[QrelsRow]:
    """The judgement lines of a qrels file (beir_tsv or trec), located errors as GateError."""
    from embgov.safeio import open_input
    from embgov.spec.qrels import iter_qrels

    def lines() -> Iterator[tuple[int, str]]:
        with open_input(path, what="qrels file", error=GateError) as f:
            for n, raw in enumerate(f, 1):
                try:
                    yield n, raw.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError:
                    raise GateError("qrels line is not valid UTF-8", where=f"{path.name}:{n}",
                                    fix="re-encode the file as UTF-8") from None

    rows = lines()
    numbered = _tracking(rows)
    for qid, did, value in iter_qrels(numbered, fmt, path.name, GateError):
        yield QrelsRow(numbered.line, qid, did, repr(value) if value != int(value) else str(int(value)))


class _tracking:
    """Passes (n, line) through and remembers the last n (iter_qrels does not hand it back)."""

    def __init__(self, rows):
        self.rows, self.line = rows, 0

    def __iter__(self):
        for n, line in self.rows:
            self.line = n
            yield n, line


def write_qrels(path: Path, fmt: str, rows: list[QrelsRow]) -> None:
    with path.open("w", encoding="utf-8") as f:
        if fmt == "beir_tsv":
            f.write("query-id\tcorpus-id\tscore\n")
        for r in rows:
            f.write(f"{r.qid}\t{r.did}\t{r.score}\n" if fmt == "beir_tsv" else f"{r.qid} 0 {r.did} {r.score}\n")
