"""What the gate removes most often across records: the review loop for a policy's allow_list.

An identifier of one patient does not recur across the records of twenty different patients; what
does recur is the domain's own vocabulary (drug names, gene symbols, eponyms) that a detector takes
for a name, a place or a number. `review_terms` runs the policy's detectors over the inputs, read
the way the gate reads them, and lists per entity the matched terms (exact text, whitespace
normalised, grouped case-insensitively) found in at least `min_records` distinct records, with the
number of records and of occurrences. The compliance officer may add such terms to the policy's
`allow_list`, a change that needs a new approval.

It needs no approval because it writes nothing. Its result is record text: it goes back to the
caller (the CLI prints it on the terminal) and is never logged, written to a file, a receipt or
the audit log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from embgov.errors import GateError

DEFAULT_MIN_RECORDS = 20
BATCH = 64  # records per analyzer batch (spaCy's nlp.pipe over their texts)


@dataclass
class _Tally:
    """Records and occurrences of one term; records arrive in order, so `last` is enough to count them once."""

    records: int = 0
    occurrences: int = 0
    last: int = -1

    def add(self, record: int) -> None:
        self.occurrences += 1
        if record != self.last:
            self.records += 1
            self.last = record


def default_min_records(policy: Any) -> int:
    """The policy's `review_min_records` when it has one, else DEFAULT_MIN_RECORDS."""
    value = getattr(policy, "review_min_records", None)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else DEFAULT_MIN_RECORDS


def review_terms(policy_path: str | Path, inputs: list[str | Path], *, fields: list[str] | None = None,
                 min_records: int | None = None, top: int = 20, entities: list[str] | None = None,
                 progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Terms the policy's detectors find in at least `min_records` distinct records, per entity.

    Inputs are jsonl/csv/tsv/text files read as `embgov redact` reads them (only `fields`, or every
    text field). Unreadable records are counted by reason and skipped. The result holds record text:
    show it, never store or log it.
    """
    from embgov.gate.records import Bad, read_records
    from embgov.gate.redactor import Redactor
    from embgov.policy.load import load_policy

    loaded = load_policy(policy_path)
    policy = loaded.policy
    ids = [e.id for e in policy.entities]
    wanted = list(dict.fromkeys(entities)) if entities else ids
    unknown = [e for e in wanted if e not in ids]
    if unknown:
        raise GateError(f"policy {policy.name} has no entity {', '.join(unknown)}", where=str(policy_path),
                        fix=f"--entity takes one of: {', '.join(ids)}")
    if top < 1 or (min_records is not None and min_records < 1):
        raise GateError("--top and --min-records must be at least 1", outcome="invalid", fix="pass a positive number")
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not p.is_file():
            raise GateError("input not found", where=str(p), fix="check the path")
    k = min_records if min_records is not None else default_min_records(policy)
    keep = set(wanted)

    redactor = Redactor(policy, hash_key=b"review-only")  # nothing is anonymized: the key is never used
    exact: dict[tuple[str, str], _Tally] = {}
    folded: dict[tuple[str, str], _Tally] = {}
    per_entity: Counter = Counter()
    unreadable: Counter = Counter()
    n_records = 0

    def analyze(batch: list[tuple[int, list[str]]]) -> None:
        texts = [(i, t) for i, values in batch for t in values if t.strip()]
        for (i, text), found in zip(texts, redactor.find_batch([t for _, t in texts])):
            for entity, start, end in found:
                per_entity[entity] += 1
                term = " ".join(text[start:end].split())
                if entity in keep and term:
                    exact.setdefault((entity, term), _Tally()).add(i)
                    folded.setdefault((entity, term.casefold()), _Tally()).add(i)
        if progress:
            progress(len(batch))

    batch: list[tuple[int, list[str]]] = []
    for path in paths:
        for item in read_records(path, fields, None, policy.max_record_chars):
            if isinstance(item, Bad):
                unreadable[item.reason] += 1
                continue
            batch.append((n_records, list(item.fields.values())))
            n_records += 1
            if len(batch) >= BATCH:
                analyze(batch)
                batch = []
    if batch:
        analyze(batch)

    variants: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for (entity, term), t in exact.items():
        variants.setdefault((entity, term.casefold()), []).append(
            {"text": term, "records": t.records, "occurrences": t.occurrences})
    out_entities: dict[str, Any] = {}
    for entity in wanted:
        groups = [(key[1], t) for key, t in folded.items() if key[0] == entity and t.records >= k]
        groups.sort(key=lambda g: (-g[1].records, -g[1].occurrences, g[0]))
        terms = []
        for fold, t in groups[:top]:
            vs = sorted(variants[(entity, fold)], key=lambda v: (-v["records"], -v["occurrences"], v["text"]))
            terms.append({"term": vs[0]["text"], "records": t.records, "occurrences": t.occurrences,
                          "variants": vs if len(vs) > 1 else []})
        out_entities[entity] = {"findings": per_entity[entity], "terms": terms, "more": max(len(groups) - top, 0)}
    return {"policy": policy.name, "policy_version": policy.version, "policy_path": str(policy_path),
            "min_records": k, "default_min_records": default_min_records(policy), "top": top,
            "files": len(paths), "records": n_records, "unreadable": dict(sorted(unreadable.items())),
            "findings": sum(per_entity.values()), "entities": out_entities}
