"""Gate throughput against vanilla Presidio and spaCy alone, with recall, in one run.

    python bench/gate.py [--data ../shared/data/presidio_synth/synth_dataset_v2.json] [--docs 2000]
                         [--policy policies/hipaa.yaml] [--workers 2]

Documents of ~150 words are built by joining labeled records (spans shifted accordingly), then:
  (a) vanilla: AnalyzerEngine.analyze one document at a time, same recognizers, full spaCy pipeline
  (b) spaCy alone: nlp.pipe over the documents with the gate's pipeline (the ceiling for NER)
  (c) the gate: `run_gate` (analyze + anonymize + full rescan) with a process pool
Prints docs/s, ratios against (a), recall of (a) and of the gate's detector, how many labeled
values survive verbatim in the gate's output, and findings per document on domain text (--domain,
SciFact abstracts by default: there every finding is a term lost to training).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


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
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/presidio_synth/synth_dataset_v2.json")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--policy", type=Path, default=ROOT / "policies/hipaa.yaml")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--domain", type=Path, default=ROOT.parent / "shared/data/scifact/corpus.jsonl",
                    help="jsonl corpus of domain text (title, text) to count findings per document on; skipped if absent")
    ap.add_argument("--domain-docs", type=int, default=1000)
    args = ap.parse_args()

    import spacy

    from embgov.gate.evaluate import load_labeled, mapping_for, score
    from embgov.gate.recognizers import build_analyzer
    from embgov.gate.redactor import Redactor, resolve_overlaps
    from embgov.policy.approvals import approve
    from embgov.policy.load import load_policy

    policy = load_policy(args.policy).policy
    ids = {e.id for e in policy.entities}
    docs = build_docs(load_labeled(args.data), args.docs)
    texts = [d["full_text"] for d in docs]
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(docs)} documents, {words:.0f} words on average, policy {policy.name}, {args.workers} worker(s)")

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
        os.environ.setdefault("EMBGOV_HASH_KEY", "bench-key")
        src = tmp / "docs.jsonl"
        src.write_text("".join(json.dumps({"_id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)))
        # Quarantine without blocking, so the written documents can be checked for leaks.
        base_text = re.sub(r"max_quarantine_rate: [0-9.]+", "max_quarantine_rate: 1.0", args.policy.read_text())
        base_text = base_text.replace("action: block,", "action: quarantine,")
        for mode in ("full", "patterns"):
            pol = tmp / f"policy-{mode}.yaml"
            pol.write_text(re.sub(r"(?m)^rescan: \w+$", "", base_text) + f"\nrescan: {mode}\n")
            approve(pol, "bench")
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

    g_found = Redactor(policy, b"bench").find_batch(texts)
    v_score, g_score = score(docs, v_found, ids), score(docs, g_found, ids)
    mapping = mapping_for(ids)
    covered = [(i, s) for i, d in enumerate(docs) for s in d["spans"] if mapping.get(s["entity_type"]) and len(s["entity_value"]) >= 4]

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
    if args.domain.exists():
        domain_findings(args.domain, args.domain_docs, policy)


def domain_findings(path: Path, n: int, policy) -> None:
    """Findings per document on domain text with no identifiers to speak of (SciFact abstracts):
    each one is a term the training text loses (gene symbols, genus names, countries)."""
    from collections import Counter
    from itertools import islice

    from embgov.gate.redactor import Redactor

    with path.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in islice(f, n)]
    texts = [(d.get("title") or "") + ". " + d.get("text", "") for d in docs]
    counts = Counter(e for found in Redactor(policy, b"bench").find_batch(texts) for e, _, _ in found)
    per_doc = ", ".join(f"{e} {c / len(texts):.2f}" for e, c in counts.most_common())
    print(f"domain over-redaction, {len(texts)} docs of {path.name}: findings per doc: {per_doc}")


if __name__ == "__main__":
    main()
