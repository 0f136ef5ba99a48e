"""Canary leak check: run the gate on invented canary records, then look for every canary value
in everything the run left behind.

    python bench/canary.py [--policy policies/hipaa.yaml] [--data tests/fixtures/data/canary.jsonl]

The canary corpus (`tests/fixtures/data/canary.jsonl`, 25 records) holds values nobody would tune
a detector to: invented surnames, ids of many shapes, addresses in invented towns. The run goes
through `run_gate` under a temporary approved copy of the policy (quarantine never blocks the run,
so the written documents can be checked) with EMBGOV_HOME in a temporary directory. Then each
canary value is searched for in:

  output     the redacted documents the gate wrote
  receipt    receipt.json
  home       every file under EMBGOV_HOME (the SQLite database bytes, its journal, anything else)
  logs       every log record emitted during the run (captured in memory, never written)

and, for the detector engineer, in the Redactor's output for every record before quarantine
(`redactor`: what the detectors missed, whether or not the rescan then withheld the record).
Prints the number of surviving values per location and which values they are (canary values are
invented, so printing them is safe; record text is never printed). Exit status 1 if any value
survives in output, receipt, home or logs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests/fixtures/data/canary.jsonl"

# (kind, value). Every value occurs in the canary corpus and nowhere in the dev sets.
CANARIES: list[tuple[str, str]] = [
    # names: the full name and its rarest part on its own (a half-redacted name still leaks)
    *[("name", v) for v in [
        "Ysolde Quennavelt", "Ysolde", "Quennavelt", "Thaddeus Vrellington", "Vrellington", "corisande feldmarr",
        "feldmarr", "Peregrine Stoatwell", "Stoatwell", "Wystan Hobbledon", "Hobbledon", "Eulalie Crantock",
        "Crantock", "BRISEWOOD", "JOVANKA", "Radomir Quillfeather", "Quillfeather", "Oriel Maskelyne-Thorpe",
        "Maskelyne-Thorpe", "Tamsin Ellerbrook", "Ellerbrook", "Gwilym Ardenshaw", "Ardenshaw",
        "Ignatia Volkonskaya", "Volkonskaya", "Severin Oakenhollow", "Oakenhollow", "Philippa Dunstreath-Vayle",
        "Dunstreath-Vayle", "Amadou Kestrelsky", "Kestrelsky", "Lioba", "Cosimo Vantablack", "Vantablack",
        "Hesper Lindqvarn", "Lindqvarn", "Zephyrine Okonquist", "Okonquist", "Barnaby Threlkeld", "Threlkeld",
        "Ottoline Farquharsen", "Farquharsen"]],
    # places below state level and facilities
    *[("address", v) for v in [
        "4410 Brasswick Lane", "Brasswick", "Vellmoor", "PO Box 8812", "Harrowgate Falls", "05931",
        "88 Glimmerstone Rd", "Glimmerstone", "Ashcombe Vale", "01876", "12 Wrenfield Crescent", "Wrenfield",
        "Upper Tolbury"]],
    *[("facility", v) for v in ["Ostrowind Memorial Hospital", "Ostrowind", "Marrowdene Children's Hospital",
                                "Marrowdene", "Glenbrook Hollow"]],
    *[("id", v) for v in [
        "ZX-99183", "SJH-4410297", "12345-NYP", "W2231-88410", "912-44-0187", "0004412-33", "QK-772014",
        "CLM-55107734", "HXQ448120937", "ENC-88412905", "Z8841-22907-55310", "MCD-3318-40772", "S24-771302",
        "331476208A", "7QW2-HN4-TJ61", "00871245", "D4471-09823-11", "RN884127", "4929 3817 2264 0194",
        "7730-11845", "219-87-6604", "V-30918277", "A-77812-Q", "1598732042", "BS4827715"]],
    *[("phone", v) for v in ["(508) 555-0147", "774.555.0163", "+44 7700 900461", "(413) 555-0128", "339-555-0172",
                             "617-555-0193"]],
    *[("email", v) for v in ["wystan.hobbledon@quillfenmail.net", "tamsin.e.ellerbrook@fennwickpost.org"]],
    *[("url", v) for v in ["portal.marrowdene-health.org/visit/77120934"]],
    *[("ip", v) for v in ["198.51.100.73"]],
    *[("date", v) for v in ["03/17/2024", "11/29/1958", "Aug 9, 2024", "1947-02-03", "6/14/23", "5 September 2024",
                            "2024-01-08", "2024-01-15"]],
]
LEAK_LOCATIONS = ("output", "receipt", "home", "logs")


def _pattern(value: str) -> re.Pattern[bytes]:
    """Case-insensitive, and not inside a longer word or number (a 5-digit ZIP inside a float in
    the receipt is not a leak). A JSON escape just before the value (`\tBRISEWOOD`) is a boundary."""
    body = re.escape(value.encode("utf-8"))
    left = rb"(?:(?<![A-Za-z0-9])|(?<=\\[tnrfb]))" if value[0].isalnum() else b""
    right = rb"(?![A-Za-z0-9])" if value[-1].isalnum() else b""
    return re.compile(left + body + right, re.IGNORECASE)


PATTERNS = [(kind, value, _pattern(value)) for kind, value in CANARIES]
# Each value in lower case: a plain substring search (C speed) finds the blobs worth the pattern's boundary checks,
# with the same answer (IGNORECASE on bytes folds ASCII only, as bytes.lower() does). A home holds model weights:
# 110 regex passes over its 20 MB took minutes.
_NEEDLES = {value: value.encode("utf-8").lower() for _, value in CANARIES}


def survivors(blobs: list[bytes]) -> list[tuple[str, str]]:
    """The canary values found in any of `blobs`."""
    lowered = [b.lower() for b in blobs]
    return [(kind, value) for kind, value, pat in PATTERNS
            if any(_NEEDLES[value] in low and pat.search(b) for b, low in zip(blobs, lowered))]


def files_under(*dirs: Path) -> list[Path]:
    return sorted(p for d in dirs if d.exists() for p in d.rglob("*") if p.is_file())


def _strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def file_blobs(path: Path) -> list[bytes]:
    """The file's bytes, plus the decoded strings of a JSON or jsonl file (escapes undone)."""
    raw = path.read_bytes()
    blobs = [raw]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return blobs
    try:
        blobs.append("\n".join(_strings(json.loads(text))).encode("utf-8"))
    except ValueError:
        decoded = []
        for line in text.splitlines():
            try:
                decoded += _strings(json.loads(line))
            except ValueError:
                continue
        if decoded:
            blobs.append("\n".join(decoded).encode("utf-8"))
    return blobs


def scan_run(out_dir: Path, home: Path, logs: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Surviving canary values per location after a gate run."""
    receipt = [p for p in files_under(out_dir) if p.name == "receipt.json"]
    outputs = [p for p in files_under(out_dir) if p.name != "receipt.json"]
    return {
        "output": survivors([b for p in outputs for b in file_blobs(p)]),
        "receipt": survivors([b for p in receipt for b in file_blobs(p)]),
        "home": survivors([b for p in files_under(home) for b in file_blobs(p)]),
        "logs": survivors([m.encode("utf-8", "replace") for m in logs]),
    }


def check_corpus(path: Path = DATA) -> None:
    """Every canary value occurs in the corpus (a value that is not there cannot fail the check)."""
    blob = "\n".join(json.loads(l)["text"] for l in path.read_text(encoding="utf-8").splitlines() if l.strip()).encode("utf-8")
    missing = [v for _, v, pat in PATTERNS if not pat.search(blob)]
    if missing:
        raise SystemExit(f"canary values missing from {path}: {missing}")


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(self.format(record))
        except Exception:  # noqa: BLE001 - a bad record must not stop the check
            self.messages.append(str(record.msg))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--policy", type=Path, default=ROOT / "policies/hipaa.yaml")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    check_corpus(args.data)

    from embgov.gate.redactor import Redactor
    from benchhome import bench_approve  # bench/ is on sys.path when run as a script
    from embgov.policy.load import load_policy

    records = [json.loads(l) for l in args.data.read_text(encoding="utf-8").splitlines() if l.strip()]
    capture = _Capture()
    root_logger = logging.getLogger()
    root_logger.addHandler(capture)
    old_level = root_logger.level
    root_logger.setLevel(logging.DEBUG)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            home = tmp / "home"
            os.environ["EMBGOV_HOME"] = str(home)
            os.environ.pop("EMBGOV_DB_URL", None)
            os.environ.setdefault("EMBGOV_HASH_KEY", "canary-hash-key-0123456789abcdef0123456789abcdef")
            # Quarantine without blocking, so the written documents can be checked.
            text = re.sub(r"max_quarantine_rate: [0-9.]+", "max_quarantine_rate: 1.0", args.policy.read_text())
            pol = tmp / "policies" / args.policy.name
            pol.parent.mkdir()
            pol.write_text(text)
            bench_approve(pol, tmp, "canary")
            src = tmp / "canary.jsonl"
            src.write_bytes(args.data.read_bytes())
            from embgov.gate.run import run_gate

            receipt = run_gate(pol, [src], tmp / "out", workers=args.workers, actor="canary")
            found = scan_run(tmp / "out", home, capture.messages)
            policy = load_policy(pol).policy
            redacted = Redactor(policy, os.environ["EMBGOV_HASH_KEY"].encode()).redact_batch(
                [r["text"] for r in records], ["text"] * len(records))  # as the gate calls it
            found["redactor"] = survivors([r.text.encode("utf-8") for r in redacted])
            try:
                from embgov.store import dispose_all
                dispose_all()
            except Exception:  # noqa: BLE001
                pass
    finally:
        root_logger.removeHandler(capture)
        root_logger.setLevel(old_level)

    print(f"canary corpus: {len(records)} records, {len(CANARIES)} values; policy {args.policy.name}")
    print(f"gate: verdict {receipt.verdict}, {receipt.records_out}/{receipt.records_in} written, "
          f"{len(receipt.quarantined)} quarantined: "
          + (", ".join(f"{q.record_id} ({q.detail or q.reason})" for q in receipt.quarantined) or "none"))
    print(f"\n{'location':<10} {'surviving values':>16}")
    for loc in (*LEAK_LOCATIONS, "redactor"):
        print(f"{loc:<10} {len(found[loc]):>16}" + ("   (before quarantine; not a leak by itself)" if loc == "redactor" else ""))
    for loc in (*LEAK_LOCATIONS, "redactor"):
        if found[loc]:
            print(f"\nsurviving in {loc}:")
            for kind, value in found[loc]:
                print(f"  {kind:<9} {value}")
    return 1 if any(found[loc] for loc in LEAK_LOCATIONS) else 0


if __name__ == "__main__":
    sys.exit(main())
