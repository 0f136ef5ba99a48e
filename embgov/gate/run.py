"""The redaction gate: approved policy in, redacted dataset and a GateReceipt out. Fails closed.

Records stream through in batches; batches go to a pool of Redactors (one per process locally,
one Ray actor per worker when RAY_ADDRESS names a cluster), results come back in order. Output
is written to a temporary directory and moved into place only when the verdict is `passed`; a
blocked run leaves only its receipt. Receipts, logs and audit events hold ids, counts, hashes.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from embgov.contracts import RECEIPT_FILE, GateReceipt, QuarantinedRecord
from embgov.errors import EmbgovError, GateError, InputError
from embgov.gate.executor import make_pool
from embgov.gate.ids import POSITIONAL, QrelsRow, pseudonym, read_qrels, write_qrels
from embgov.gate.records import Bad, Record, Writer, detect_format, read_records
from embgov.hashing import fingerprint
from embgov.safeio import check_regular
from embgov.store.db import utcnow

log = logging.getLogger("embgov.gate")
RECEIPT = RECEIPT_FILE
BATCH = 64
SMALL_INPUT_BYTES = 256 * 1024
DEFAULT_FIELDS, DEFAULT_OPTIONAL = ("title", "text"), frozenset({"title"})  # BEIR's names, when no field is declared
ID_TEXT = "\x00id"  # the id's slot among a record's texts when the policy keeps ids (no field can be named so)


def run_gate(policy_path: str | Path, inputs: list[str | Path], out_dir: str | Path, *,
             fields: list[str] | None = None, optional_fields: list[str] | None = None,
             id_field: str | None = None, qrels_format: str | None = None, workers: int | None = None,
             actor: str = "embgov", progress: Callable[[int], None] | None = None) -> GateReceipt:
    """Redact `inputs` under the approved policy into `out_dir`; return the receipt (also written there).

    Only the id and the declared `fields` (default: `text`, and `title` when present) leave the gate; keys and headers do not.
    With `qrels_format` (beir_tsv or trec) the inputs are qrels files: their ids are mapped as record ids are."""
    from embgov.audit import append
    from embgov.policy.keys import read_hash_key
    from embgov.policy.approvals import require_approved
    from embgov.store.names import check_actor

    check_actor(actor)  # before anything is written: the audit event at the end would refuse it
    loaded = require_approved(policy_path)
    policy = loaded.policy
    paths = [Path(p) for p in inputs]
    for p in paths:  # a missing input is a fault to fix (InputError: the job fails, it is not blocked)
        check_regular(p, what="input", error=InputError)
    if len({p.name for p in paths}) != len(paths):
        raise GateError("two inputs share a file name; outputs are named after inputs", fix="rename one")
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise GateError("output directory is not empty", where=str(out), fix="choose a new directory")
    key = read_hash_key(policy, loaded.path.parent)
    ids = Ids(policy.record_ids, key)
    started = time.perf_counter()
    in_fp = fingerprint(paths)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    tally = _Tally()
    # Spawning workers costs seconds (each imports Presidio and spaCy): small inputs run in-process.
    small = sum(p.stat().st_size for p in paths) < SMALL_INPUT_BYTES
    n_workers = workers or (1 if small else min(2, os.cpu_count() or 1))
    try:
        with make_pool(policy, key, n_workers) as pool:
            for path in paths:
                if qrels_format:
                    _gate_qrels(pool, path, qrels_format, ids, tmp / path.name, tally)
                    continue
                stream = read_records(path, list(fields or DEFAULT_FIELDS), id_field, policy.max_record_chars,
                                      frozenset(optional_fields or ()) | (frozenset() if fields else DEFAULT_OPTIONAL))
                writer = Writer(tmp / path.name, detect_format(path), id_field or "_id")
                try:
                    _gate_records(pool, stream, ids, writer, tally, progress)
                finally:
                    writer.close()
    except EmbgovError:  # the gate's own refusals and located input faults keep their message
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except Exception as exc:  # an analyzer error: stop, keep nothing
        shutil.rmtree(tmp, ignore_errors=True)
        # A fault, not a refusal: the job is retried. The cause stays chained so the job log gets its stack
        # frames (embgov.jobs logs frames, never the message, which may quote a record).
        raise GateError(f"the analyzer failed ({type(exc).__name__}); the gate stopped and wrote nothing",
                        outcome="fault",
                        fix="no record was let through; `embgov jobs logs JOB` shows where it failed") from exc

    records_in, quarantined = tally.records_in, tally.quarantined
    rate = len(quarantined) / records_in if records_in else 0.0
    verdict, reason = _verdict(policy, records_in, len(quarantined), rate)
    seconds = time.perf_counter() - started
    out.mkdir(parents=True, exist_ok=True)
    outputs: list[str] = []
    if verdict == "passed":
        for path in paths:
            os.replace(tmp / path.name, out / path.name)
            outputs.append(path.name)
    shutil.rmtree(tmp, ignore_errors=True)
    receipt = GateReceipt(
        created_at=utcnow(), policy_name=policy.name, policy_version=policy.version, policy_hash=loaded.content_hash,
        input_fingerprint=in_fp, output_fingerprint=fingerprint(out / o for o in outputs) if outputs else None,
        inputs=[p.name for p in paths], outputs=outputs, records_in=records_in, records_out=tally.records_out if outputs else 0,
        fields=sorted(tally.fields), record_ids=policy.record_ids, entity_counts=dict(sorted(tally.counts.items())),
        residual_counts=dict(sorted(tally.residual.items())), quarantined=quarantined, quarantine_rate=round(rate, 6),
        verdict=verdict, verdict_reason=reason, workers=n_workers, seconds=round(seconds, 3),
        records_per_s=round(records_in / seconds, 2) if seconds else 0.0)
    (out / RECEIPT).write_text(receipt.model_dump_json(indent=2))
    append(actor, "gate.verdict", f"dataset:{in_fp[:16]}", {
        "verdict": verdict, "policy": policy.name, "policy_hash": loaded.content_hash, "input_fingerprint": in_fp,
        "output_fingerprint": receipt.output_fingerprint, "records_in": records_in, "quarantined": len(quarantined),
        "entity_counts": receipt.entity_counts})
    log.info("gate %s: %d records, %d quarantined, %.1f records/s", verdict, records_in, len(quarantined),
             receipt.records_per_s)
    return receipt


@dataclass
class _Tally:
    counts: Counter = field(default_factory=Counter)
    residual: Counter = field(default_factory=Counter)
    quarantined: list[QuarantinedRecord] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    records_in: int = 0
    records_out: int = 0

    def quarantine(self, source: str, record_id: str, line: int | None, reason: str, detail: str | None = None) -> None:
        self.quarantined.append(QuarantinedRecord(source=source, record_id=record_id, line=line, reason=reason, detail=detail))


class Ids:
    """The gate's side of record ids: what an id leaves as, and whether it must be checked first."""

    def __init__(self, mode: str, key: bytes | None):
        self.mode, self.key = mode, key

    @property
    def checked(self) -> bool:
        return self.mode == "keep"

    def public(self, rid: str) -> str:
        """Pseudonym mode: the keyed hash. Keep mode: the id (called only once the detectors cleared it)."""
        return pseudonym(self.key, rid) if self.mode == "pseudonym" else rid

    def unchecked(self, rid: str, line: int | None) -> str:
        """How a record that never reached the detectors is named in the receipt."""
        if self.mode == "pseudonym" or POSITIONAL.fullmatch(rid):
            return self.public(rid)
        return f"line:{line}" if line is not None else "line:?"

    def texts(self, item: Record) -> list[tuple[str, str]]:
        """What the detectors see of a record: its fields, and its id when ids are kept."""
        extra = [(ID_TEXT, item.rid)] if self.checked and not POSITIONAL.fullmatch(item.rid) else []
        return [*item.fields.items(), *extra]


def _gate_records(pool, stream: Iterator[Record | Bad], ids: Ids, writer: Writer, tally: _Tally,
                  progress: Callable[[int], None] | None) -> None:
    for batch, flat in pool.map(_text_batches(stream, ids)):
        results = iter(flat)
        for item in batch:
            tally.records_in += 1
            if isinstance(item, Bad):
                tally.quarantine(item.source, ids.unchecked(item.rid, item.line), item.line, item.reason, item.detail)
                continue
            names = [name for name, _ in ids.texts(item)]
            fixed = dict(zip(names, (next(results) for _ in names)))
            id_result = fixed.pop(ID_TEXT, None)
            for red in fixed.values():
                tally.counts.update(red.counts)
            leftover = sum((r.residual for r in fixed.values()), Counter())
            if leftover:
                tally.residual.update(leftover)
                tally.quarantine(item.source, ids.unchecked(item.rid, item.line), item.line, "residual_pii",
                                 ",".join(sorted(leftover)))
                continue
            if id_result is not None and (id_result.counts or id_result.residual):
                tally.quarantine(item.source, ids.unchecked("", item.line), item.line, "identifying_id",
                                 ",".join(sorted(id_result.counts | id_result.residual)))
                continue
            writer.write(ids.public(item.rid), {f: r.text for f, r in fixed.items()})
            tally.fields.update(item.fields)
            tally.records_out += 1
        if progress:
            progress(len(batch))


def _gate_qrels(pool, path: Path, fmt: str, ids: Ids, target: Path, tally: _Tally) -> None:
    """Qrels hold nothing but ids and scores: map the ids (or, when ids are kept, check each distinct one)."""
    rows = list(read_qrels(path, fmt))
    flagged: dict[str, str] = {}
    if ids.checked:
        distinct = list(dict.fromkeys(i for r in rows for i in (r.qid, r.did)))
        stream = (Record(path.name, rid, {}) for rid in distinct)
        for batch, flat in pool.map(_text_batches(stream, ids)):
            results = iter(flat)
            for item in batch:
                if ids.texts(item):
                    red = next(results)
                    if red.counts or red.residual:
                        flagged[item.rid] = ",".join(sorted(red.counts | red.residual))
    kept = []
    for r in rows:
        tally.records_in += 1
        bad = flagged.get(r.qid) or flagged.get(r.did)
        if bad:
            tally.quarantine(path.name, f"line:{r.line}", r.line, "identifying_id", bad)
            continue
        kept.append(QrelsRow(r.line, ids.public(r.qid), ids.public(r.did), r.score))
        tally.records_out += 1
    write_qrels(target, fmt, kept)
    tally.fields.update(("query-id", "corpus-id"))


def _verdict(policy, n: int, q: int, rate: float) -> tuple[str, str]:
    if n == 0:
        return "blocked", "no records were read"
    if q and policy.on_failure.action == "block":
        return "blocked", f"{q} record(s) could not be cleared and the policy blocks on failure"
    if rate > policy.on_failure.max_quarantine_rate:
        return "blocked", f"quarantine rate {rate:.4f} exceeds the policy's maximum {policy.on_failure.max_quarantine_rate}"
    return "passed", f"{n - q} of {n} records cleared" + (f", {q} quarantined" if q else "")


def _text_batches(stream: Iterator[Record | Bad], ids: Ids) -> Iterator[tuple[list, list[tuple[str, str]]]]:
    """Group records into batches; each batch carries its records and their flattened texts."""
    batch: list[Record | Bad] = []
    for item in stream:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch, _texts(batch, ids)
            batch = []
    if batch:
        yield batch, _texts(batch, ids)


def _texts(batch: list, ids: Ids) -> list[tuple[str, str]]:
    return [pair for item in batch if isinstance(item, Record) for pair in ids.texts(item)]
