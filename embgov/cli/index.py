"""`embgov index build|promote|rollback|query|list|prune`: versioned vector indexes from the command line."""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, check_by, emit_json, json_option


@click.group(cls=Group, context_settings=CONTEXT)
def index() -> None:
    """Versioned vector indexes (LanceDB): one table per model version, an alias production queries use.

    Tables live in EMBGOV_INDEX_URI (default EMBGOV_HOME/lancedb); the alias and the catalogue live in
    the state database, so the switch is atomic for every process sharing it. Old tables are pruned
    beyond EMBGOV_INDEX_RETENTION (default 3; the live table and the rollback target are always kept).
    """


def _say(message: str) -> None:
    click.echo(message, err=True)


def _actor(by: str | None) -> str:
    import getpass

    return f"person:{by or getpass.getuser()}"


@index.command()
@click.argument("model", metavar="MODEL[:VERSION]")
@click.option("--corpus", required=True, type=click.Path(dir_okay=False), help="Gate output file (receipt.json beside it).")
@click.option("--policy", required=True, type=click.Path(dir_okay=False),
              help="The approved policy the corpus must have passed the gate under (checked now).")
@click.option("--name", help="Index name (default: the model's name).")
@click.option("--queries", type=click.Path(dir_okay=False), help="Gate-passed evaluation queries for the ANN recall check "
              "(default: a fixed sample of the corpus).")
@click.option("--encoder", type=click.Choice(["auto", "onnx", "torch"]), default="auto", show_default=True,
              help="auto: the version's ONNX export when it has one, else torch.")
@click.option("--ann", "ann_mode", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Build an ANN index: auto at EMBGOV_INDEX_ANN_MIN_ROWS rows (default 10000) and above.")
@click.option("--index-type", type=click.Choice(["IVF_HNSW_SQ", "IVF_PQ"]), default="IVF_HNSW_SQ", show_default=True)
@click.option("--min-recall", type=float, default=0.98, show_default=True,
              help="ANN recall@10 against exact search needed to serve ANN; below it the table serves exact search.")
@click.option("--batch-size", type=int, default=256, show_default=True, help="Documents embedded and written per batch.")
@click.option("--promote", is_flag=True, help="Switch the alias to the new table once it is ready and checked.")
@click.option("--rebuild", is_flag=True, help="Build a new table even when one of this version, corpus and policy exists.")
@click.option("--by", callback=check_by, help="Who builds, for the audit log (default: the OS user).")
@json_option
def build(model, corpus, policy, name, queries, encoder, ann_mode, index_type, min_recall, batch_size, promote, rebuild,
          by, as_json) -> None:
    """Embed a gate-passed CORPUS with MODEL[:VERSION] (production when VERSION is left out) into a new table.

    Refused (exit 1) unless CORPUS is gate output with a passing receipt under the current approved
    POLICY. Prints the table's record: rows, dimension, search (ann or exact) and ANN recall@10.
    """
    from embgov.indexing import build as do

    record = do(model, corpus, policy=policy, name=name, queries=queries, encoder=encoder, promote=promote,
                actor=_actor(by), say=_say, ann_mode=ann_mode, index_type=index_type, min_recall=min_recall,
                batch_size=batch_size, reuse=not rebuild)
    if as_json:
        emit_json(record.model_dump())
        return
    recall = f", ANN recall@10 {record.ann.recall_at_10:.4f}" if record.ann else ""
    click.echo(f"{record.index}: {record.table} {record.label()} {record.rows} documents {record.dim}-d "
               f"{record.search} search{recall}" + (" (live)" if promote else ""))


def _version(ref: str) -> tuple[str | None, int]:
    model, _, version = ref.rpartition(":")
    if not version.isdigit():
        raise click.BadParameter(f"not a version: {ref!r} (VERSION or MODEL:VERSION)", param_hint="VERSION")
    return model or None, int(version)


@index.command()
@click.argument("name")
@click.argument("version", metavar="[MODEL:]VERSION")
@click.option("--by", callback=check_by, help="Who decides, for the audit log (default: the OS user).")
@click.option("--reason", default="", help="Why (recorded in the audit log).")
@json_option
def promote(name, version, by, reason, as_json) -> None:
    """Switch NAME's alias to its newest ready table of VERSION. Audited; the old table stays for rollback."""
    from embgov.index import promote as do

    model, number = _version(version)
    record = do(name, number, model=model, actor=_actor(by), reason=reason, say=_say)
    emit_json(record.model_dump()) if as_json else click.echo(f"{name}: live on {record.table} ({record.label()})")


@index.command()
@click.argument("name")
@click.option("--by", callback=check_by, help="Who decides, for the audit log (default: the OS user).")
@click.option("--reason", default="", help="Why (recorded in the audit log).")
@json_option
def rollback(name, by, reason, as_json) -> None:
    """Put the table that was live before the current one back. Audited; exit 1 when there is none."""
    from embgov.index import rollback as do

    record = do(name, actor=_actor(by), reason=reason, say=_say)
    emit_json(record.model_dump()) if as_json else click.echo(f"{name}: live on {record.table} ({record.label()}) again")


@index.command()
@click.argument("name")
@click.argument("text")
@click.option("-k", "k", type=int, default=10, show_default=True, help="Results.")
@click.option("--exact", is_flag=True, help="Flat scan even when the table has a checked ANN index.")
@json_option
def query(name, text, k, exact, as_json) -> None:
    """Search NAME for TEXT, embedded by the live table's own model version. Logs the embedding (never text)."""
    from embgov.indexing import query as do

    result = do(name, text, k=k, exact=exact)
    if as_json:
        emit_json(result.model_dump())
        return
    click.echo(f"{result.index} {result.table} ({result.model}:{result.version}, {result.search}, "
               f"{result.seconds * 1000:.1f} ms)")
    for rank, hit in enumerate(result.hits[0], 1):
        click.echo(f"{rank:>3}  {hit.score:.4f}  {hit.id}")


@index.command("list")
@click.argument("name", required=False)
@json_option
def list_(name, as_json) -> None:
    """Tables of every index (or of NAME), oldest first: version, state, rows, size, search, which is live."""
    from embgov.index import listing

    rows = listing(name)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo("no indexes" + (f" named {name}" if name else ""))
    for r in rows:
        mark = "live" if r["live"] else ("prev" if r["rollback_target"] else "")
        size = f"{r['bytes'] / 1e6:.1f} MB" if r["bytes"] else "-"
        recall = f"recall@10 {r['recall_at_10']:.4f}" if r["recall_at_10"] is not None else ""
        click.echo(f"{mark:<5}{r['index']:<20} {r['model']}:{r['version']:<4} {r['state']:<9} {r['rows'] or '-':>8} rows "
                   f"{r['dim'] or '-':>5}-d {size:>9} {r['search'] or '-':<6} {recall}  {r['table']}")


@index.command()
@click.argument("name", required=False)
@click.option("--keep", type=int, help="Ready tables kept per index (default EMBGOV_INDEX_RETENTION, 3).")
@click.option("--stale", help="Drop builds whose heartbeat stopped this long ago (default EMBGOV_INDEX_STALE_BUILD, 1h).")
@json_option
def prune(name, keep, stale, as_json) -> None:
    """Drop old tables beyond retention, failed and crashed builds. Never the live table or the rollback target."""
    import re
    from datetime import timedelta

    from embgov.index import prune as do
    from embgov.spec.jobspec import DURATION_PATTERN, duration_seconds

    if stale and not re.match(DURATION_PATTERN, stale):
        raise click.BadParameter(f"not a duration: {stale!r} (e.g. 30m, 1h)", param_hint="--stale")
    dropped = do(name, keep=keep, stale=timedelta(seconds=duration_seconds(stale)) if stale else None,
                 actor="person:cli", say=_say)
    emit_json({"dropped": dropped}) if as_json else click.echo(f"dropped {len(dropped)} table(s)")
