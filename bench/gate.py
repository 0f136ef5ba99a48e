"""Gate throughput against vanilla Presidio and spaCy alone, accuracy on several labeled sets and
over-redaction on several domain corpora, in one run.

    python bench/gate.py [--policy policies/hipaa.yaml] [--data ../shared/data/presidio_synth/synth_dataset_v2.json]
                         [--docs 2000] [--workers 2] [--labeled FILE ...] [--domain FILE ...] [--quick]

Throughput (skipped with --quick). Documents of ~150 words are built by joining labeled records
of --data (spans shifted accordingly), then:
  (a) vanilla: AnalyzerEngine.analyze one document at a time, same recognizers, full spaCy pipeline
  (b) spaCy alone: nlp.pipe over the documents with the gate's pipeline (the ceiling for NER)
  (c) the gate: `run_gate` (analyze + anonymize + full rescan) with a process pool
Prints docs/s, ratios against (a), recall of (a) and of the gate's detector, and how many labeled
values survive verbatim in the gate's output.

Accuracy, per labeled set (--labeled, repeatable; default: presidio-research synth_dataset_v2.json
and generated_large.json from ../shared/data/presidio_synth, skipped with a note when absent, and
the hand-written dev sets bench/devsets/clinical_phi.json, clinical_phi_hard.json, clinical_forms.json,
clinical_queries.json, clinical_messages.json, clinical_notes.json, clinical_lookups.json,
clinical_requests.json, clinical_portal.json, clinical_synthq.json and clinical_triage.json): the gate's
detector (`Redactor.find_batch`) scored by `embgov.gate.scoring.score`: overall precision,
recall, F2, a per-entity table, and recall per dataset label (any finding covering COVER of the
value), which also shows labels the scorer does not map. The dev sets are development figures,
not acceptance figures (bench/devsets/README.md).

Domain over-redaction, per corpus (--domain, repeatable; default: SciFact corpus.jsonl title + text,
SciFact queries.jsonl (one-sentence claims), banking77 test.csv column text, bench/devsets/domain_clean.jsonl): text with no identifiers to
speak of, where every finding is a term lost to training. Findings per document, share of
documents altered, findings per document per entity, and the 15 most frequently flagged terms.
The terms are corpus text: they are printed only when stdout is a terminal (or with --terms), and
never written to a file by this script.

--quick: no throughput part, fewer records per labeled set and fewer domain documents (~1-2 min).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared/data"
DEFAULT_LABELED = [SHARED / "presidio_synth/synth_dataset_v2.json", SHARED / "presidio_synth/generated_large.json",
                   ROOT / "bench/devsets/clinical_phi.json", ROOT / "bench/devsets/clinical_phi_hard.json",
                   ROOT / "bench/devsets/clinical_forms.json", ROOT / "bench/devsets/clinical_queries.json",
                   ROOT / "bench/devsets/clinical_messages.json", ROOT / "bench/devsets/clinical_notes.json",
                   ROOT / "bench/devsets/clinical_lookups.json", ROOT / "bench/devsets/clinical_requests.json",
                   ROOT / "bench/devsets/clinical_portal.json", ROOT / "bench/devsets/clinical_synthq.json",
                   ROOT / "bench/devsets/clinical_triage.json"]
DEFAULT_DOMAIN = [SHARED / "scifact/corpus.jsonl", SHARED / "scifact/queries.jsonl", SHARED / "banking77/test.csv",
                  ROOT / "bench/devsets/domain_clean.jsonl"]
TOP_TERMS = 15


def build_docs(records: list[dict], n_docs: int, words: int = 150) -> list[dict]:
    docs, i = [], 0
    while len(docs) < n_docs:
        text, spans = "", []
        while len(text.split()) < words:
            rec = records[i % len(records)]
            i += 1
            offset = len(text)
            text += rec["full_text"] + "\n\n"
            spans += [{**s, "start_position": s["start_position"] + offset, "end_position": s["end_position"] + offset}
                      for s in rec["spans"]]
        docs.append({"full_text": text, "spans": spans})
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--policy", type=Path, default=ROOT / "policies/hipaa.yaml")
    ap.add_argument("--data", type=Path, default=SHARED / "presidio_synth/synth_dataset_v2.json",
                    help="labeled records the throughput documents are built from")
    ap.add_argument("--docs", type=int, default=2000, help="throughput documents")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--labeled", type=Path, action="append",
                    help="labeled set (Presidio research format) to score; repeatable (default: "
                         + ", ".join(p.name for p in DEFAULT_LABELED) + ")")
    ap.add_argument("--labeled-limit", type=int, default=None, help="records per labeled set (default all; 400 with --quick)")
    ap.add_argument("--domain", type=Path, action="append",
                    help="domain corpus (jsonl with title/text, csv with a text column, or plain text lines) "
                         "to count findings on; repeatable (default: " + ", ".join(p.name for p in DEFAULT_DOMAIN) + ")")
    ap.add_argument("--domain-docs", type=int, default=None, help="documents per domain corpus (default 1000; 250 with --quick)")
    ap.add_argument("--quick", action="store_true", help="skip the throughput part, score fewer records (~1-2 min)")
    ap.add_argument("--terms", action="store_true", help="print the most flagged terms even when stdout is not a terminal")
    args = ap.parse_args()
    labeled_limit = args.labeled_limit if args.labeled_limit is not None else (400 if args.quick else None)
    domain_docs = args.domain_docs if args.domain_docs is not None else (250 if args.quick else 1000)

    from embgov.gate.redactor import Redactor
    from embgov.policy.load import load_policy

    policy = load_policy(args.policy).policy
    start = time.perf_counter()
    redactor = Redactor(policy, b"bench")
    print(f"policy {policy.name} {policy.version} ({args.policy}); detector ready in {time.perf_counter() - start:.1f} s")
    if args.quick:
        print("--quick: throughput part skipped")
    elif args.data.exists():
        throughput(args, policy, redactor)
    else:
        print(f"throughput part skipped: {args.data} not found")

    print("\n== accuracy per labeled set (gate detector, before anonymization and rescan)")
    for path in args.labeled or DEFAULT_LABELED:
        if not path.exists():
            print(f"\n-- {path.name}: skipped, {path} not found")
            continue
        accuracy(path, policy, redactor, labeled_limit)

    print("\n== domain over-redaction per corpus (every finding is a term lost to training)")
    show_terms = args.terms or sys.stdout.isatty()
    for path in args.domain or DEFAULT_DOMAIN:
        if not path.exists():
            print(f"\n-- {path.name}: skipped, {path} not found")
            continue
        domain_findings(path, domain_docs, redactor, show_terms)
    if not show_terms:
        print("\n(flagged terms not shown: stdout is not a terminal; --terms shows them)")


def throughput(args, policy, redactor) -> None:
    import spacy

    from embgov.gate.scoring import kept_by, load_labeled, mapping_for, score
    from embgov.gate.recognizers import build_analyzer
    from embgov.gate.redactor import resolve_overlaps
    from benchhome import bench_approve  # bench/ is on sys.path when run as a script

    ids = {e.id for e in policy.entities}
    docs = build_docs(load_labeled(args.data), args.docs)
    texts = [d["full_text"] for d in docs]
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"\n== throughput: {len(docs)} documents from {args.data.name}, {words:.0f} words on average, "
          f"{args.workers} worker(s)")
    # (a) vanilla: the same recognizers, the full spaCy pipeline, one analyze() call per document
    vanilla = build_analyzer(policy)
    vanilla.nlp_engine.nlp = {"en": spacy.load(policy.nlp_model.module)}
    from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

    vanilla.context_aware_enhancer = LemmaContextAwareEnhancer(policy.context_boost, policy.context_min_score)
    thresholds = {e.id: e.score_threshold if e.score_threshold is not None else policy.score_threshold for e in policy.entities}
    start = time.perf_counter()
    v_found = []
    for t in texts:
        res = [r for r in vanilla.analyze(text=t, language="en", entities=sorted(ids)) if r.score >= thresholds[r.entity_type]]
        v_found.append([(r.entity_type, r.start, r.end) for r in resolve_overlaps(res, t)])
    t_vanilla = time.perf_counter() - start

    # (b) spaCy alone, the gate's pipeline, batched, one process
    nlp = spacy.load(policy.nlp_model.module, exclude=["parser"])
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    t_spacy = time.perf_counter() - start

    # (c) the gate, end to end through files, under a temporary approval, in both rescan modes
    from embgov.gate.run import run_gate

    gate_runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["EMBGOV_HOME"] = str(tmp / "home")
        os.environ.setdefault("EMBGOV_HASH_KEY", "bench-hash-key-0123456789abcdef0123456789abcdef")
        src = tmp / "docs.jsonl"
        src.write_text("".join(json.dumps({"_id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
        # Quarantine without blocking, so the written documents can be checked for leaks.
        base_text = re.sub(r"max_quarantine_rate: [0-9.]+", "max_quarantine_rate: 1.0", args.policy.read_text())
        base_text = base_text.replace("action: block,", "action: quarantine,")
        for mode in ("full", "patterns"):
            pol = tmp / f"policy-{mode}.yaml"
            pol.write_text(re.sub(r"(?m)^rescan: \w+$", "", base_text) + f"\nrescan: {mode}\n")
            bench_approve(pol, tmp, "bench")
            # Fixed cost (policy, spawning workers that import Presidio and spaCy), measured apart
            tiny = tmp / f"tiny-{mode}.jsonl"
            tiny.write_text(json.dumps({"_id": "0", "text": texts[0]}) + "\n")
            start = time.perf_counter()
            run_gate(pol, [tiny], tmp / f"tiny-out-{mode}", workers=args.workers, actor="bench")
            startup = time.perf_counter() - start
            start = time.perf_counter()
            receipt = run_gate(pol, [src], tmp / f"out-{mode}", workers=args.workers, actor="bench")
            seconds = time.perf_counter() - start
            out_file = tmp / f"out-{mode}/docs.jsonl"
            out = {json.loads(l)["_id"]: json.loads(l)["text"] for l in out_file.read_text().splitlines()} \
                if receipt.outputs else {}
            gate_runs[mode] = (seconds, receipt, out, startup)

    g_found = redactor.find_batch(texts)
    kept = kept_by(redactor)  # countries and states the policy keeps are no identifiers to count, for either run
    v_score, g_score = score(docs, v_found, ids, kept=kept), score(docs, g_found, ids, kept=kept)
    mapping = mapping_for(ids)
    covered = [(i, s) for i, d in enumerate(docs) for s in d["spans"] if mapping.get(s["entity_type"])
               and len(s["entity_value"]) >= 4 and not kept(mapping[s["entity_type"]], s["entity_value"])]

    n = len(texts)
    rows = [("(a) vanilla analyze, 1 doc/call", t_vanilla, v_score["overall"]["recall"]),
            ("(b) spaCy alone (ceiling, 1 proc)", t_spacy, None)]
    for mode, (seconds, _, _, startup) in gate_runs.items():
        rows.append((f"(c) gate, {args.workers} procs, rescan={mode}", seconds, g_score["overall"]["recall"]))
        rows.append((f"    same, steady state (minus {startup:.1f} s start-up)", seconds - startup, None))
    print(f"\n{'run':<42} {'docs/s':>8} {'x vanilla':>10} {'recall':>7}")
    for name, t, recall in rows:
        print(f"{name:<42} {n / t:>8.1f} {t_vanilla / t:>10.2f} {recall if recall is not None else '':>7}")
    print(f"precision: vanilla {v_score['overall']['precision']}, gate detector {g_score['overall']['precision']}")
    for mode, (_, receipt, out, _) in gate_runs.items():
        # Quarantined documents are not written: count their labeled values as withheld, not leaked.
        leaked = sum(1 for i, s in covered if str(i) in out and s["entity_value"] in out[str(i)])
        print(f"gate rescan={mode}: verdict {receipt.verdict}, {receipt.records_out}/{receipt.records_in} written, "
              f"{len(receipt.quarantined)} quarantined (residual PII), labeled values surviving verbatim "
              f"in written docs: {leaked} of {len(covered)}")


def accuracy(path: Path, policy, redactor, limit: int | None) -> None:
    """Overall precision/recall/F2, per-entity table (embgov.gate.scoring.score) and recall per dataset label."""
    from embgov.gate.scoring import COVER, kept_by, load_labeled, score

    records = load_labeled(path)
    total = len(records)
    records = records[:limit] if limit else records
    texts = [r["full_text"] for r in records]
    start = time.perf_counter()
    findings = redactor.find_batch(texts)
    seconds = time.perf_counter() - start
    result = score(records, findings, {e.id for e in policy.entities}, kept=kept_by(redactor))
    o = result["overall"]
    spans = sum(len(r["spans"]) for r in records)
    print(f"\n-- {path.name}: {len(records)}" + (f" of {total}" if len(records) < total else "") +
          f" records, {spans} labeled spans, {len(records) / seconds:.1f} records/s")
    print(f"   overall: precision {o['precision']:.3f}  recall {o['recall']:.3f}  F2 {o['f2']:.3f}")
    print(f"   {'entity':<22} {'support':>7} {'recall':>7} {'missed':>6} {'precision':>9}")
    for entity, e in result["entities"].items():
        missed = e.get("missed", e["support"] - round((e["recall"] or 0) * e["support"]))
        print(f"   {entity:<22} {e['support']:>7} {_fmt(e['recall']):>7} {missed if e['support'] else '':>6} {_fmt(e['precision']):>9}")
    # Recall per dataset label, with any finding covering COVER of the value: shows labels the scorer
    # leaves unmapped too. Bare years are skipped for DATE_TIME as the scorer does.
    support, found = Counter(), Counter()
    for rec, preds in zip(records, findings):
        text = rec["full_text"]
        for s in rec["spans"]:
            label, a, b = s["entity_type"], s["start_position"], s["end_position"]
            if label == "DATE_TIME" and re.fullmatch(r"\s*(?:19|20)\d{2}\s*", text[a:b]):
                continue
            support[label] += 1
            chars = [i for i in range(a, b) if not text[i].isspace()]
            if chars and sum(1 for i in chars if any(x <= i < y for _, x, y in preds)) / len(chars) >= COVER:
                found[label] += 1
    mapping = result.get("label_map", {})
    ignored = {label: v.get("count", 0) if isinstance(v, dict) else v for label, v in result.get("ignored", {}).items()}
    every = Counter(s["entity_type"] for rec in records for s in rec["spans"])
    unscored = {l for l in support if l not in mapping or ignored.get(l, 0) >= every[l]}
    print("   recall by dataset label (any finding; * = not scored by score() under this policy):")
    line = "     "
    for label, n in support.most_common():
        item = f"{label}{'*' if label in unscored else ''} {found[label] / n:.2f} ({n})"
        if len(line) + len(item) > 110:
            print(line.rstrip(", "))
            line = "     "
        line += item + ", "
    print(line.rstrip(", "))


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def load_domain(path: Path, n: int) -> list[str]:
    """Up to n documents: jsonl (title + text), csv/tsv (column text), or one document per line."""
    import csv
    from itertools import islice

    suffix = path.suffix.lower()
    with path.open(encoding="utf-8", newline="") as f:
        if suffix in (".jsonl", ".ndjson"):
            docs = [json.loads(line) for line in islice((l for l in f if l.strip()), n)]
            return [". ".join(p for p in ((d.get("title") or "").strip(), d.get("text") or "") if p) for d in docs]
        if suffix in (".csv", ".tsv"):
            reader = csv.DictReader(f, delimiter="\t" if suffix == ".tsv" else ",")
            return [row["text"] for row in islice(reader, n)]
        return [l.rstrip("\n") for l in islice((l for l in f if l.strip()), n)]


def domain_findings(path: Path, n: int, redactor, show_terms: bool) -> None:
    """Findings on domain text with no identifiers to speak of: each one is a term the training text
    loses (gene symbols, genus names, eponyms, countries). The terms go to the terminal only."""
    texts = load_domain(path, n)
    start = time.perf_counter()
    found = redactor.find_batch(texts)
    seconds = time.perf_counter() - start
    per_entity = Counter(e for f in found for e, _, _ in f)
    total = sum(per_entity.values())
    altered = sum(1 for f in found if f)
    print(f"\n-- {path.name}: {len(texts)} docs, {sum(len(t.split()) for t in texts) / max(len(texts), 1):.0f} words on average, "
          f"{len(texts) / seconds:.1f} docs/s")
    print(f"   findings per doc {total / len(texts):.3f}; docs altered {altered}/{len(texts)} ({altered / len(texts):.1%})")
    if per_entity:
        print("   per doc by entity: " + ", ".join(f"{e} {c / len(texts):.3f}" for e, c in per_entity.most_common()))
    if show_terms and total:
        terms = Counter((" ".join(t[s:e].split()), ent) for t, f in zip(texts, found) for ent, s, e in f)
        print(f"   top {TOP_TERMS} flagged terms: " + "; ".join(f"{term!r} {ent} x{c}" for (term, ent), c in terms.most_common(TOP_TERMS)))


if __name__ == "__main__":
    main()
