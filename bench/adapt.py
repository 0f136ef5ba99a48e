"""Unsupervised adaptation (a corpus, no labels): candidate vs base vs BM25 nDCG@10 on SciFact and on
Banking77, with the forgetting check on the other domain, every model at one declared length.

    python bench/adapt.py [--domains scifact,banking77] [--scifact ../shared/data/scifact]
                          [--banking77 ../shared/data/banking77] [--max-pairs 2000] [--epochs 1]
                          [--seq 128] [--pseudo title,question,lead,span] [--adaptation lora] [--lr 5e-4]
                          [--miner bm25|none] [--skip-top 0] [--max-rank 20] [--min-margin F] [--loss gist|mnrl]
                          [--validation on|off] [--home bench-adapt]

--pseudo takes the spec's kinds: title, question, lead, span, and sentence (a whole later sentence,
the inverse cloze task; opt-in). --validation off trains on every pair and keeps the last step
(on: the best step on a split of the pseudo pairs, as the spec's default).

Each domain is a real job through the whole pipeline (gate -> pairs.method pseudo with BM25 hard
negatives, pairs.max_rank 20 -> Ray Train with loss gist (the frozen base model masks candidates it
scores above the positive: on an unlabeled corpus they are likely unlabeled positives), LoRA lr
5e-4 -> evaluation against the base model and BM25, with the other domain as the general set ->
export -> registry). Nothing here uses a judgement for training: the pairs come from
the corpus alone; the queries and qrels are the held-out evaluation.

The two retrieval sets (derived, seeded, written under .embgov/bench-adapt/data):
- SciFact: the 300 test claims (qrels/test.tsv), every abstract they cite, and seeded distractors up
  to --scifact-docs abstracts (2,000 by default; the full 5,183 takes ~4x the encoding time).
- Banking77 as retrieval (finance, CC BY 4.0): each intent's training questions are grouped, in a
  seeded order, into "help pages" of --page-size (10) questions -- a page is what a bank's FAQ entry
  holds: ways customers ask one thing. Queries are a seeded sample of --banking-queries (400) test
  questions; a query's relevant documents are every page of its intent (about 13 each). nDCG@10 then
  asks whether the top pages answer the customer's intent. Corpus-only pairs see only the pages.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

KIND_TAG = {"title": "t", "question": "q", "lead": "l", "lead_sentence": "l", "span": "s", "sentence": "c"}  # c: cloze
ADAPTATION = {"lora": "{method: lora, r: 16, alpha: 32}", "full": "{method: full}"}

SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: adapt-{tag}
owner: bench
domain: {domain}
base_model: minilm-l6
policy: {policy}
data:
  corpus: {{path: {d}/corpus.jsonl}}
pairs: {{method: pseudo, pseudo_query: [{pseudo}], max_pairs: {max_pairs}, max_rank: {max_rank}, min_margin: {min_margin}, hard_negatives: {{miner: {miner}, top_k: 30, per_query: 1, skip_top: {skip_top}}}}}
adaptation: {adaptation}
training: {{epochs: {epochs}, batch_size: 16, learning_rate: {lr}, max_seq_length: {seq}, checkpoint_every_steps: 50, loss: {loss}, validation: {{enabled: {validation}}}}}
resources: {{num_workers: 2, cpus_per_worker: 1}}
evaluation:
  heldout:
    corpus: {{path: {d}/corpus.jsonl}}
    queries: {{path: {d}/queries.jsonl}}
    qrels: {{path: {d}/qrels.tsv}}
  general:
    corpus: {{path: {g}/corpus.jsonl}}
    queries: {{path: {g}/queries.jsonl}}
    qrels: {{path: {g}/qrels.tsv}}
  metrics: [ndcg@10, recall@100]
  promotion: {{primary_metric: ndcg@10, min_gain_over_base: 0.0, min_gain_over_bm25: 0.0, max_general_drop: 0.01}}
export: {{formats: [onnx]}}
"""


def _write(out: Path, corpus: list[dict], queries: list[dict], qrels: dict[str, list[str]]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "corpus.jsonl").open("w") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus)
    with (out / "queries.jsonl").open("w") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in queries)
    with (out / "qrels.tsv").open("w") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        f.writelines(f"{q}\t{d}\t1\n" for q, ds in qrels.items() for d in ds)
    return out


def scifact_set(src: Path, out: Path, docs: int, seed: int = 13) -> Path:
    qrels: dict[str, list[str]] = {}
    with (src / "qrels" / "test.tsv").open() as f:
        for row in csv.DictReader(f, delimiter="\t"):
            qrels.setdefault(row["query-id"], []).append(row["corpus-id"])
    corpus = [json.loads(line) for line in (src / "corpus.jsonl").open()]
    keep = {d for ds in qrels.values() for d in ds}
    others = sorted(r["_id"] for r in corpus if r["_id"] not in keep)
    keep |= set(random.Random(seed).sample(others, max(0, min(len(others), docs - len(keep)))))
    queries = [{"_id": r["_id"], "text": r["text"]} for r in map(json.loads, (src / "queries.jsonl").open())
               if r["_id"] in qrels]
    return _write(out, [r for r in corpus if r["_id"] in keep], queries, qrels)


def banking_set(src: Path, out: Path, page_size: int, n_queries: int, seed: int = 13) -> Path:
    rng = random.Random(seed)
    by_intent: dict[str, list[str]] = {}
    with (src / "train.csv").open() as f:
        for row in csv.DictReader(f):
            by_intent.setdefault(row["category"], []).append(row["text"].strip())
    corpus, pages = [], {}
    for intent in sorted(by_intent):
        texts = by_intent[intent][:]
        rng.shuffle(texts)
        for i in range(0, len(texts), page_size):
            doc_id = f"{intent}-{i // page_size}"
            corpus.append({"_id": doc_id, "text": "\n".join(texts[i:i + page_size])})
            pages.setdefault(intent, []).append(doc_id)
    with (src / "test.csv").open() as f:
        test = [(str(i), row["text"].strip(), row["category"]) for i, row in enumerate(csv.DictReader(f))]
    test = rng.sample(test, min(n_queries, len(test)))
    queries = [{"_id": f"t{i}", "text": t} for i, t, _ in test]
    qrels = {f"t{i}": pages[c] for i, _, c in test}
    return _write(out, corpus, queries, qrels)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--domains", default="scifact,banking77")
    ap.add_argument("--scifact", type=Path, default=ROOT.parent / "shared/data/scifact")
    ap.add_argument("--banking77", type=Path, default=ROOT.parent / "shared/data/banking77")
    ap.add_argument("--scifact-docs", type=int, default=2000)
    ap.add_argument("--page-size", type=int, default=10)
    ap.add_argument("--banking-queries", type=int, default=400)
    ap.add_argument("--max-pairs", type=int, default=2000)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seq", type=int, default=128)
    ap.add_argument("--pseudo", default="title,question,lead,span")
    ap.add_argument("--adaptation", choices=sorted(ADAPTATION), default="lora")
    ap.add_argument("--lr", type=float, default=5e-4)  # 2e-3 lost 0.7 on SciFact (measured)
    ap.add_argument("--miner", choices=["bm25", "none"], default="bm25", help="hard negatives (none: in-batch only)")
    ap.add_argument("--skip-top", type=int, default=0)
    ap.add_argument("--max-rank", type=int, default=20, help="pairs.max_rank (the spec's 1 keeps 34 of ~3,000 Banking77 pseudo-queries)")
    ap.add_argument("--min-margin", type=float, default=None, help="pairs.min_margin (default: the spec's)")
    ap.add_argument("--home", default="bench-adapt", help="state directory under .embgov/ (a fresh one approves today's policy)")
    ap.add_argument("--loss", choices=["mnrl", "gist"], default="gist", help="gist: the base model guards against false negatives")
    ap.add_argument("--validation", choices=["on", "off"], default="on",
                    help="training.validation: on keeps the best step on a split of the pseudo pairs; off trains on every pair and keeps the last step")
    args = ap.parse_args()
    from benchhome import bench_home

    home, policy = bench_home(args.home)
    data = home / "data"
    sets = {"scifact": scifact_set(args.scifact, data / "scifact", args.scifact_docs),
            "banking77": banking_set(args.banking77, data / "banking77", args.page_size, args.banking_queries)}
    general = {"scifact": "banking77", "banking77": "scifact"}
    from embgov.pipeline import run_job
    from embgov.spec.jobspec import PairsSection

    PAIRS = PairsSection(method="pseudo")  # the spec's defaults, where a flag leaves them
    from embgov.spec.loader import load_spec_text

    results = {}
    for domain in args.domains.split(","):
        kinds = "".join(KIND_TAG[k] for k in args.pseudo.split(","))  # title,question,lead,span -> tqls
        tag = f"{domain[:4]}-{args.adaptation}-p{args.max_pairs}-e{args.epochs}-s{args.seq}-lr{args.lr:g}-{kinds}"
        tag += f"-{args.miner[0]}{args.skip_top or ''}-r{args.max_rank or 'd'}-m{'d' if args.min_margin is None else f'{args.min_margin:g}'}-{args.loss}"
        tag += "" if args.validation == "on" else "-nv"
        tag = tag[:57]  # the spec name (adapt-TAG) is at most 63 characters
        text = SPEC.format(tag=tag, domain=domain, policy=policy, d=sets[domain], g=sets[general[domain]],
                           pseudo=", ".join(args.pseudo.split(",")), max_pairs=args.max_pairs,
                           adaptation=ADAPTATION[args.adaptation], epochs=args.epochs, lr=args.lr, seq=args.seq,
                           miner=args.miner, skip_top=args.skip_top, loss=args.loss,
                           max_rank=args.max_rank, validation="true" if args.validation == "on" else "false",
                           min_margin=PAIRS.min_margin if args.min_margin is None else args.min_margin)
        loaded = load_spec_text(text, base_dir=home, check_files=False)
        started = time.perf_counter()
        out = run_job(loaded, home / "runs" / tag, trigger="person:bench", actor="bench", say=print)
        report, trained = out["report"], out["trained"]
        pairs = json.loads((home / "runs" / tag / "pairs" / "pairs.json").read_text())
        results[domain] = {"report": report, "train_s": trained.train_seconds, "wall_s": time.perf_counter() - started,
                           "pairs": pairs["pairs"], "promoted": out["promoted"]}
        print(f"{domain}: candidate {report.metrics['candidate']['ndcg@10']:.4f} nDCG@10\n", flush=True)

    print(f"\nunsupervised (pairs.method pseudo: {args.pseudo}), {args.adaptation} lr {args.lr:g}, {args.epochs} epoch(s), "
          f"train max_seq_length {args.seq}, max_pairs {args.max_pairs}, miner {args.miner} skip_top {args.skip_top}, "
          f"max_rank {args.max_rank}, min_margin {PAIRS.min_margin if args.min_margin is None else args.min_margin}, "
          f"loss {args.loss}, validation {args.validation}")
    print(f"{'domain':<10}{'eval len':>9}{'bm25':>8}{'base':>8}{'cand':>8}{'cand-base':>10}{'general drop':>13}"
          f"{'pairs':>7}{'train s':>9}{'wall s':>8}  promoted")
    for domain, r in results.items():
        rep = r["report"]
        m = {k: v["ndcg@10"] for k, v in rep.metrics.items()}
        g = rep.general or {}
        drop = g["base"]["ndcg@10"] - g["candidate"]["ndcg@10"] if g else float("nan")
        print(f"{domain:<10}{rep.heldout.get('max_seq_length', '-'):>9}{m.get('bm25', float('nan')):>8.4f}{m['base']:>8.4f}"
              f"{m['candidate']:>8.4f}{m['candidate'] - m['base']:>+10.4f}{drop:>+13.4f}{r['pairs']:>7}"
              f"{r['train_s']:>9.0f}{r['wall_s']:>8.0f}  {r['promoted']}")


if __name__ == "__main__":
    main()
