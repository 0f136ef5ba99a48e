"""`embgov home check`, `embgov backup DEST`, `embgov restore SRC`: a home that can move.

Exit codes: 0 ok; 1 a finding (home check), a refusal (a destination in use, a backup that does not
match its manifest), or a restored home whose audit chain does not verify.
"""

from __future__ import annotations

import click

from embgov.cli.common import CONTEXT, Group, emit_json, json_option


@click.group(cls=Group, context_settings=CONTEXT)
def home() -> None:
    """The state directory (EMBGOV_HOME) as a whole: what it records must stay inside it.

    Paths under the home are recorded relative to it (MLflow artifacts as embgov-home:..., run
    directories, index corpora, registered specs), so a home copied, moved or restored elsewhere works
    there. `embgov backup` / `embgov restore` move a whole home.
    """


@home.command()
@json_option
def check(as_json: bool) -> None:
    """List everything the home records that points outside it (exit 1 when there is any): where
    (database, table, row, field; or registered version and field) and the path, never record text."""
    from embgov.home.findings import check_home, external_state
    from embgov.settings import get_settings

    findings = check_home()
    if as_json:
        emit_json({"home": str(get_settings().home), "ok": not findings, "external": external_state(),
                   "findings": [f.to_dict() for f in findings]})
    else:
        for line in external_state():
            click.echo(f"external (not part of the home): {line}")
        for f in findings:
            click.echo(f"{f.kind}: {f.where}: {f.problem}: {f.path}", err=True)
        click.echo(f"home {get_settings().home}: " + ("ok, nothing recorded points outside it" if not findings
                                                       else f"{len(findings)} finding(s)"))
    if findings:
        raise SystemExit(1)


@click.command(context_settings=CONTEXT)
@click.argument("dest", type=click.Path(file_okay=False))
@json_option
def backup(dest: str, as_json: bool) -> None:
    """Copy the whole home (state database, MLflow store and artifacts, LanceDB tables, telemetry,
    references, audit checkpoints, runs) to DEST, a new or empty directory, with a manifest of every
    file's sha256. SQLite databases are copied as consistent snapshots. Keep the printed manifest sha256:
    `embgov restore --expect-sha256` checks it."""
    from embgov.home import backup as do

    manifest = do(dest)
    summary = {"path": manifest["path"], "files": len(manifest["files"]), "manifest_sha256": manifest["manifest_sha256"],
               "bytes": sum(f["bytes"] for f in manifest["files"].values()), "not_included": manifest["not_included"]}
    if as_json:
        emit_json(summary)
        return
    click.echo(f"backup: {summary['path']} ({summary['files']} files, {summary['bytes']} bytes)")
    click.echo(f"manifest sha256: {summary['manifest_sha256']}")
    for line in summary["not_included"]:
        click.echo(f"not included (lives outside the home; back it up there, e.g. pg_dump): {line}", err=True)


@click.command(context_settings=CONTEXT)
@click.argument("src", type=click.Path(file_okay=False, exists=True))
@click.option("--expect-sha256", help="Refuse unless the backup's manifest has this sha256 (as `embgov backup` printed).")
@json_option
def restore(src: str, expect_sha256: str | None, as_json: bool) -> None:
    """Restore the backup SRC into EMBGOV_HOME (which must be new or empty). Every file is checked
    against the manifest first: a changed, missing or added file refuses the whole backup. The audit
    chain of the restored home is verified and the result printed (exit 1 if it does not verify)."""
    from embgov.audit import verify
    from embgov.home import restore as do
    from embgov.home.findings import check_home

    manifest = do(src, expect_sha256=expect_sha256)
    result = verify()
    findings = check_home()
    if as_json:
        emit_json({"path": manifest["path"], "files": len(manifest["files"]), "manifest_sha256": manifest["manifest_sha256"],
                   "not_included": manifest["not_included"], "audit": result.to_dict(),
                   "findings": [f.to_dict() for f in findings]})
    else:
        click.echo(f"restored: {manifest['path']} ({len(manifest['files'])} files, manifest sha256 "
                   f"{manifest['manifest_sha256']})")
        for line in manifest["not_included"]:
            click.echo(f"not included in the backup (restore it separately): {line}", err=True)
        click.echo(f"audit verify: {'ok' if result.ok else 'BROKEN'}, {result.checked} entries, head {result.head_seq} "
                   f"{result.head_hash}" + ("" if result.ok else f"; entry {result.first_bad_seq}: {result.reason}"))
        for f in findings:
            click.echo(f"home check: {f.kind}: {f.where}: {f.problem}: {f.path}", err=True)
    if not result.ok:
        raise SystemExit(1)
