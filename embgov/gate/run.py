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
from pathlib import Path
from typing import Callable, Iterator

from embgov.contracts import RECEIPT_FILE, GateReceipt, QuarantinedRecord
from embgov.errors import GateError
from embgov.gate.executor import make_pool
from embgov.gate.records import Bad, Record, Writer, detect_format, read_records
from embgov.hashing import fingerprint
from embgov.store.db import utcnow

log = logging.getLogger("embgov.gate")
RECEIPT = RECEIPT_FILE
BATCH = 64
SMALL_INPUT_BYTES = 256 * 1024


def run_gate(policy_path: str | Path, inputs: list[str | Path], out_dir: str | Path, *,
             fields: list[str] | None = None, optional_fields: list[str] | None = None,
             id_field: str | None = None, workers: int | None = None,
             actor: str = "embgov", progress: Callable[[int], None] | None = None) -> GateReceipt:
    """Redact `inputs` under the approved policy into `out_dir`; return the receipt (also written there)."""
    from embgov.audit import append
    from embgov.gate.redactor import read_hash_key
    from embgov.policy.approvals import require_approved

    loaded = require_approved(policy_path)
    policy = loaded.policy
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not p.is_file():
            raise GateError("input not found", where=str(p), fix="check the path")
    if len({p.name for p in paths}) != len(paths):
        raise GateError("two inputs share a file name; outputs are named after inputs", fix="rename one")
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise GateError("output directory is not empty", where=str(out), fix="choose a new directory")
    key = read_hash_key(policy, loaded.path.parent)
    started = time.perf_counter()
    in_fp = fingerprint(paths)
    tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    counts, residual, quarantined = Counter(), Counter(), []
    records_in = records_out = 0
    written_fields: set[str] = set()
    # Spawning workers costs seconds (each imports Presidio and spaCy): small inputs run in-process.
    small = sum(p.stat().st_size for p in paths) < SMALL_INPUT_BYTES
    n_workers = workers or (1 if small else min(2, os.cpu_count() or 1))
    try:
        with make_pool(policy, key, n_workers) as pool:
            for path in paths:
                fmt = detect_format(path)
                writer = Writer(tmp / path.name, fmt, id_field or "_id")
                try:
                    stream = read_records(path, fields, id_field, policy.max_record_chars, frozenset(optional_fields or ()))
                    for batch, flat in pool.map(_text_batches(stream)):
                        results = iter(flat)
                        for item in batch:
                            records_in += 1
                            if isinstance(item, Bad):
                                quarantined.append(QuarantinedRecord(source=item.source, record_id=item.rid,
                                                                     reason=item.reason, detail=item.detail))
                                continue
                            fixed = [next(results) for _ in item.fields]
                            for red in fixed:
                                counts.update(red.counts)
                            leftover = sum((r.residual for r in fixed), Counter())
                            if leftover:
                                residual.update(leftover)
                                quarantined.append(QuarantinedRecord(source=item.source, record_id=item.rid,
                                                                     reason="residual_pii", detail=",".join(sorted(leftover))))
                                continue
                            writer.write(item.rid, {f: r.text for f, r in zip(item.fields, fixed)})
                            written_fields.update(item.fields)
                            records_out += 1
                        if progress:
                            progress(len(batch))
                finally:
                    writer.close()
    except GateError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except Exception as exc:  # an analyzer error: stop, keep nothing
        shutil.rmtree(tmp, ignore_errors=True)
        raise GateError(f"the analyzer failed ({type(exc).__name__}); the gate stopped and wrote nothing",
                        fix="see the worker log; no record was let through") from None

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
        inputs=[p.name for p in paths], outputs=outputs, records_in=records_in, records_out=records_out if outputs else 0,
        fields=sorted(written_fields), entity_counts=dict(sorted(counts.items())), residual_counts=dict(sorted(residual.items())),
        quarantined=quarantined, quarantine_rate=round(rate, 6), verdict=verdict, verdict_reason=reason,
        workers=n_workers, seconds=round(seconds, 3), records_per_s=round(records_in / seconds, 2) if seconds else 0.0)
    (out / RECEIPT).write_text(receipt.model_dump_json(indent=2))
    append(actor, "gate.verdict", f"dataset:{in_fp[:16]}", {
        "verdict": verdict, "policy": policy.name, "policy_hash": loaded.content_hash, "input_fingerprint": in_fp,
        "output_fingerprint": receipt.output_fingerprint, "records_in": records_in, "quarantined": len(quarantined),
        "entity_counts": receipt.entity_counts})
    log.info("gate %s: %d records, %d quarantined, %.1f records/s", verdict, records_in, len(quarantined),
             receipt.records_per_s)
    return receipt


def _verdict(policy, n: int, q: int, rate: float) -> tuple[str, str]:
    if n == 0:
        return "blocked", "no records were read"
    if q and policy.on_failure.action == "block":
        return "blocked", f"{q} record(s) could not be cleared and the policy blocks on failure"
    if rate > policy.on_failure.max_quarantine_rate:
        return "blocked", f"quarantine rate {rate:.4f} exceeds the policy's maximum {policy.on_failure.max_quarantine_rate}"
    return "passed", f"{n - q} of {n} records cleared" + (f", {q} quarantined" if q else "")


def _text_batches(stream: Iterator[Record | Bad]) -> Iterator[tuple[list, list[tuple[str, str]]]]:
    """Group records into batches; each batch carries its records and their flattened texts."""
    batch: list[Record | Bad] = []
    for item in stream:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch, _texts(batch)
            batch = []
    if batch:
        yield batch, _texts(batch)


def _texts(batch: list) -> list[tuple[str, str]]:
    return [(f, v) for item in batch if isinstance(item, Record) for f, v in item.fields.items()]
