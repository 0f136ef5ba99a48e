"""What may enter an index: gate output only, under the currently approved policy (fails closed).

The corpus file must sit in a gate output directory beside a passing `receipt.json`, be one of the
files that receipt fingerprints, and the receipt's policy hash must be the current content hash of an
approved policy. So a record that a re-run of the gate would now redact (the policy was tightened and
re-approved since) cannot reach an index: the old receipt names the old hash and is refused.

The policy is named explicitly (`--policy`), not looked up from the receipt: a receipt records the
policy's name and hash but not its file, and guessing a file by name could pick an unapproved copy.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterator

from embgov.contracts import GateReceipt
from embgov.errors import VectorIndexError


def check_gated(path: str | Path, policy: str | Path) -> tuple[str, GateReceipt]:
    """(policy content hash, receipt) when `path` is gate output that passed under the approved `policy`."""
    from embgov.policy.approvals import require_approved

    path = Path(path).resolve()
    if not path.is_file():
        raise VectorIndexError("corpus file not found", where=str(path), fix="pass gate output: embgov redact ... --out DIR")
    loaded = require_approved(policy)  # PolicyError when invalid, unapproved or changed since approval
    receipt = GateReceipt.accept(path.parent, loaded.content_hash)
    if path.name not in receipt.outputs:
        raise VectorIndexError(f"{path.name} is not one of the files the gate receipt vouches for ({receipt.outputs})",
                               where=str(path), fix="pass the redacted file the gate wrote, not a file put beside it")
    return loaded.content_hash, receipt


def _text(row: dict) -> str:
    # As evaluation and training embed documents: title, newline, body.
    title, body = str(row.get("title") or ""), str(row.get("text") or "")
    return f"{title}\n{body}".strip() if title else body


def _json(line: str, path: Path, n: int):
    try:
        return json.loads(line)
    except ValueError:  # the decoder's message quotes the line: name the place only
        raise VectorIndexError("invalid JSON", where=f"{path}:{n}", fix="index the gate's own output, unedited") from None


def read_docs(path: str | Path) -> Iterator[tuple[str, str]]:
    """(id, text) per record of a gate output file: jsonl or csv/tsv with `_id` (or `id`) and `title`/`text`,
    or plain text (one record per line, id `line:N`). Errors name the line, never its text."""
    path = Path(path)
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8", newline="") as fh:
        if suffix in (".jsonl", ".json"):
            rows = ((n, _json(line, path, n)) for n, line in enumerate(fh, 1) if line.strip())
        elif suffix in (".csv", ".tsv"):
            rows = enumerate(csv.DictReader(fh, delimiter="\t" if suffix == ".tsv" else ","), 2)
        else:
            rows = ((n, {"_id": f"line:{n}", "text": line.rstrip("\n")}) for n, line in enumerate(fh, 1) if line.strip())
        for n, row in rows:
            if not isinstance(row, dict):
                raise VectorIndexError("not a record object", where=f"{path}:{n}")
            rid = row.get("_id", row.get("id"))
            text = _text(row)
            if rid is None or str(rid) == "":
                raise VectorIndexError("record has no id (_id or id)", where=f"{path}:{n}", fix="index gate output, which keeps ids")
            if not text:
                raise VectorIndexError("record has no title or text", where=f"{path}:{n}")
            yield str(rid), text


def read_queries(path: str | Path, limit: int | None = None) -> list[str]:
    """Query texts of a gate-passed queries file (same formats as the corpus)."""
    out = []
    for _, text in read_docs(path):
        out.append(text)
        if limit and len(out) >= limit:
            break
    return out
