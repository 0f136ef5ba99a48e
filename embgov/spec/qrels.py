"""Parsing of the qrels formats a spec names (QrelsSource.format), shared by the data and evaluation
stages, which may not import each other. Each stage reads the lines and picks its error class."""

from __future__ import annotations

from typing import Iterable, Iterator

BEIR_HEADER = ["query-id", "corpus-id", "score"]


def iter_qrels(lines: Iterable[tuple[int, str]], fmt: str, path: object, error: type) -> Iterator[tuple[str, str, float]]:
    """(query id, document id, score) per judgement line; `error(what, where=..., fix=...)` on bad lines."""
    header_seen = fmt != "beir_tsv"
    for n, line in lines:
        cells = line.split()
        if not cells:
            continue
        where = f"{path}:{n}"
        if not header_seen:
            if [c.lower() for c in cells] != BEIR_HEADER:
                raise error("beir_tsv qrels need the header 'query-id corpus-id score'", where=where,
                            fix="add the header line, or set format: trec for 'qid 0 docid rel' lines")
            header_seen = True
            continue
        if fmt == "beir_tsv":
            if len(cells) != 3:
                raise error(f"expected 3 columns (query-id corpus-id score), found {len(cells)}", where=where)
            qid, did, score = cells
        else:
            if len(cells) != 4:
                raise error(f"expected 4 columns (qid 0 docid rel), found {len(cells)}", where=where)
            qid, _, did, score = cells
        try:
            value = float(score)
        except ValueError:
            raise error("the score column is not a number", where=where) from None
        yield qid, did, value
    if not header_seen:
        raise error("the qrels file is empty", where=str(path))
