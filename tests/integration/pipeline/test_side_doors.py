"""No identifier leaves by a side door (issue 15's acceptance): unique values planted in a record id,
a JSON key, a CSV header, the held-out queries, the general set, the probe set and a production query
must not appear, after a whole job (gate, train, evaluate, export, register, promote with its
reference, index, telemetry, a daemon check), in any file under EMBGOV_HOME (runs, gate cache,
MLflow store, LanceDB, telemetry, the SQLite database), Ray's session logs, the logs or PostgreSQL."""

from __future__ import annotations

import importlib.util
import json
import logging
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import trainkit as kit

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]
ID = "Quennavelt-884422"          # a record id (corpus and qrels)
KEY = "note for Vrellington 508-555-0147"  # a JSON key no --field names
HEADER = "Crantock-W2231-88410"   # a CSV column no field names

SPEC = """
apiVersion: embgov/v1
kind: EmbeddingFineTune
name: side-doors
owner: tests
domain: biomedical
base_model: {model}
policy: policy.yaml
data:
  corpus: {{path: data/corpus.jsonl}}
  queries: {{path: data/queries.jsonl}}
  qrels: {{path: data/qrels.tsv}}
  pairs: [{{path: data/pairs.csv, format: csv}}]
pairs: {{method: labeled, hard_negatives: {{miner: none}}}}
adaptation: {{method: full}}
training: {{batch_size: 8, epochs: 1, max_seq_length: 32, learning_rate: 1.0e-3, checkpoint_every_steps: 2}}
resources: {{num_workers: 1, cpus_per_worker: 1, retries: 1}}
evaluation:
  heldout: {{corpus: {{path: heldout/corpus.jsonl}}, queries: {{path: heldout/queries.jsonl}}, qrels: {{path: heldout/qrels.tsv}}}}
  general: {{corpus: {{path: general/corpus.jsonl}}, queries: {{path: general/queries.jsonl}}, qrels: {{path: general/qrels.tsv}}}}
  promotion: {{primary_metric: ndcg@10, min_gain_over_base: -1.0, min_gain_over_bm25: -1.0, max_general_drop: 1.0}}
export: {{formats: [onnx], parity_min_cosine: 0.999}}
monitoring:
  min_window: 10
  drift: {{method: distance}}
  probe: {{probe: {{corpus: {{path: probe/corpus.jsonl}}, queries: {{path: probe/queries.jsonl}}, qrels: {{path: probe/qrels.tsv}}}}, max_drop: 1.0}}
"""


def _canary():
    module = importlib.util.spec_from_file_location("bench_canary", ROOT / "bench" / "canary.py")
    canary = importlib.util.module_from_spec(module)
    module.loader.exec_module(canary)
    return canary


def _append(path: Path, rows: list[dict]) -> None:
    with path.open("a", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")


def _plant(tmp_path: Path) -> None:
    """Copies of the fixture set as training data, held-out, general and probe sets, each with canaries."""
    for name in ("data", "heldout", "general", "probe"):
        shutil.copytree(kit.MINI, tmp_path / name)
    data = tmp_path / "data"
    _append(data / "corpus.jsonl", [{"_id": ID, "title": "", "text": "Metformin lowers fasting glucose.", KEY: "kept?"}])
    with (data / "qrels.tsv").open("a") as f:
        f.write(f"2\t{ID}\t1\n")
    (data / "pairs.csv").write_text(f"anchor,positive,{HEADER}\n"
                                    "does metformin lower glucose,Metformin lowers fasting glucose.,Ysolde Quennavelt\n")
    _append(tmp_path / "heldout" / "corpus.jsonl", [{"_id": ID, "text": "Insulin resistance in type 2 diabetes."}])
    _append(tmp_path / "heldout" / "queries.jsonl",
            [{"_id": "hq-1", "text": "Does Wystan Hobbledon at 617-555-0193 have insulin resistance?"}])
    with (tmp_path / "heldout" / "qrels.tsv").open("a") as f:
        f.write(f"hq-1\t{ID}\t1\n")
    _append(tmp_path / "general" / "corpus.jsonl",
            [{"_id": "g-1", "text": "The trial was reviewed by Dr. Tamsin Ellerbrook (tamsin.e.ellerbrook@fennwickpost.org)."}])
    _append(tmp_path / "probe" / "queries.jsonl",
            [{"_id": "p-1", "text": "Ignatia Volkonskaya, (413) 555-0128, asks about statins."}])
    with (tmp_path / "probe" / "qrels.tsv").open("a") as f:
        f.write("p-1\t2613775\t1\n")


def _postgres_text(url: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(text("SELECT table_name FROM information_schema.tables "
                                       "WHERE table_schema = current_schema()")).scalars().all()
            return [str(tuple(row)) for t in tables for row in conn.execute(text(f'SELECT * FROM "{t}"'))]
    finally:
        engine.dispose()


def test_no_planted_value_leaves_by_a_side_door(ray_local, tiny_model, tmp_path, monkeypatch, embgov_home, db_url,
                                                caplog):
    from embgov.cli.main import cli
    from embgov.daemon.check import run_check
    from embgov.indexing import build, query
    from approvekit import approve

    canary = _canary()
    monkeypatch.setenv("EMBGOV_HASH_KEY", "side-door-test-key-" + "0123456789abcdef" * 2)
    monkeypatch.setenv("EMBGOV_DB_URL", db_url)
    _plant(tmp_path)
    policy = tmp_path / "policy.yaml"
    policy.write_text((ROOT / "policies" / "hipaa.yaml").read_text()
                      .replace("max_quarantine_rate: 0.02", "max_quarantine_rate: 0.1"))
    approve(policy)
    spec = tmp_path / "job.yaml"
    spec.write_text(SPEC.format(model=tiny_model))
    caplog.set_level(logging.DEBUG)
    result = CliRunner().invoke(cli, ["run", str(spec), "--by", "ana", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outputs"]["promoted"] is True
    assert {"eval-heldout-queries", "eval-general-corpus", "probe-queries"} <= {
        p.name.rsplit("-", 2)[0] for p in (embgov_home / "gated").iterdir()}

    gated_corpus = next((embgov_home / "runs").rglob("gate/corpus/corpus.jsonl"))
    build("side-doors", gated_corpus, policy=policy, say=lambda _m: None, promote=True)
    hits = query("side-doors", ["Gwilym Ardenshaw 339-555-0172 asks about metformin"] * 12)
    assert hits is not None
    run_check("side-doors")

    blobs = [b for p in canary.files_under(embgov_home) for b in canary.file_blobs(p)]
    blobs += [m.encode() for m in (caplog.text, result.output)]
    blobs += [b for p in canary.files_under(_ray_logs()) for b in canary.file_blobs(p)]
    if db_url.startswith("postgresql"):
        blobs += [row.encode() for row in _postgres_text(db_url)]
    leaked = canary.survivors(blobs)
    assert not leaked, f"planted values left by a side door: {leaked}"


def _ray_logs() -> Path:
    import ray

    try:
        return Path(ray._private.worker._global_node.get_session_dir_path()) / "logs"
    except AttributeError:
        return Path("/tmp/ray/session_latest/logs")
