"""Derive the demo's small SciFact subset from ../shared/data/scifact (seeded, reproducible).

    python demo/make_subset.py [--src ../shared/data/scifact] [--out demo/data/scifact]

Keeps 240 training and 100 test queries (seeded sample), every document they judge relevant,
and seeded distractors up to 1,000 documents. Records are copied unchanged.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path


def _qrels(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with path.open() as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.setdefault(row["query-id"], []).append(row["corpus-id"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path("../shared/data/scifact"))
    ap.add_argument("--out", type=Path, default=Path("demo/data/scifact"))
    ap.add_argument("--train", type=int, default=240)
    ap.add_argument("--test", type=int, default=100)
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()
    rng = random.Random(13)
    splits = {}
    for split, n in (("train", args.train), ("test", args.test)):
        qrels = _qrels(args.src / "qrels" / f"{split}.tsv")
        splits[split] = {q: qrels[q] for q in rng.sample(sorted(qrels), n)}
    docs = {d for s in splits.values() for ds in s.values() for d in ds}
    corpus = [json.loads(line) for line in (args.src / "corpus.jsonl").open()]
    others = [r["_id"] for r in corpus if r["_id"] not in docs]
    docs |= set(rng.sample(others, max(0, args.docs - len(docs))))
    (args.out / "qrels").mkdir(parents=True, exist_ok=True)
    with (args.out / "corpus.jsonl").open("w") as f:
        for r in corpus:
            if r["_id"] in docs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    wanted = {q for s in splits.values() for q in s}
    with (args.out / "queries.jsonl").open("w") as f:
        for line in (args.src / "queries.jsonl").open():
            r = json.loads(line)
            if r["_id"] in wanted:
                f.write(json.dumps({"_id": r["_id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    for split, qrels in splits.items():
        with (args.out / "qrels" / f"{split}.tsv").open("w") as f:
            f.write("query-id\tcorpus-id\tscore\n")
            for q in sorted(qrels, key=int):
                for d in qrels[q]:
                    f.write(f"{q}\t{d}\t1\n")
    print(f"{len(docs)} documents, {len(wanted)} queries -> {args.out}")


if __name__ == "__main__":
    main()
