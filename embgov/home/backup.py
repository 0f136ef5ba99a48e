"""`embgov backup DEST` / `embgov restore SRC`: a whole home to a directory and back.

A backup is a directory: the home's files as they are, except its SQLite databases (the state database,
MLflow's), which are copied with SQLite's online backup API (a consistent snapshot even while a worker
writes), plus `embgov-backup.json`, a manifest with every file's size and sha256. Both directions are
atomic: the copy is written to a temporary sibling and renamed into place, and a destination that exists
and is not empty is refused. Restore verifies every file against the manifest first (a changed, missing
or extra file refuses the whole backup), then renames the copy into EMBGOV_HOME; the caller then runs
`audit verify` on it. State that lives outside the home (a Postgres EMBGOV_DB_URL, a remote
MLFLOW_TRACKING_URI or EMBGOV_INDEX_URI) is not in a backup: the manifest and the output say so.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from embgov.errors import EmbgovError
from embgov.hashing import sha256_file

MANIFEST = "embgov-backup.json"
FORMAT = "embgov-home-backup/1"
SKIP_SUFFIXES = ("-wal", "-shm", "-journal")  # a SQLite database's side files: the snapshot holds their content
SKIP_DIRS = {"cache"}  # re-made on demand (encoded evaluation sets)


class BackupError(EmbgovError):
    """A backup or restore refused: the destination is in use, or the backup does not match its manifest."""


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        if rel == Path("."):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue  # a link could point anywhere: a home holds none of its own
            if name.endswith(SKIP_SUFFIXES) or name.endswith(".lock"):
                continue
            out.append(path)
    return out


def _copy_sqlite(src: Path, dst: Path) -> None:
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    target = sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _empty_target(path: Path, what: str) -> None:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise BackupError(f"the {what} exists and is not empty", where=str(path),
                          fix=f"name a new or empty directory; embgov never overwrites a {what}")


def _swap_in(tmp: Path, target: Path) -> None:
    if target.exists():
        target.rmdir()  # empty (checked): rename needs it gone
    os.replace(tmp, target)


def backup(dest: str | Path) -> dict:
    """Copy the current home to `dest` (new or empty). Returns the manifest (and its sha256 as `manifest_sha256`)."""
    from embgov import __version__
    from embgov.home.findings import external_state
    from embgov.settings import get_settings

    home = get_settings().home
    if not home.is_dir():
        raise BackupError("EMBGOV_HOME does not exist", where=str(home), fix="set EMBGOV_HOME to the home to back up")
    dest = Path(dest).expanduser().absolute()
    if dest == home or dest.is_relative_to(home):
        raise BackupError("the backup would be inside the home it copies", where=str(dest), fix="name a directory outside EMBGOV_HOME")
    _empty_target(dest, "backup destination")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.partial-", dir=dest.parent))
    try:
        files = {}
        for src in _files(home):
            rel = src.relative_to(home).as_posix()
            out = tmp / "home" / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            if _is_sqlite(src):
                _copy_sqlite(src, out)
            else:
                shutil.copy2(src, out)
            files[rel] = {"sha256": sha256_file(out), "bytes": out.stat().st_size}
        manifest = {"format": FORMAT, "embgov": __version__, "created_at": datetime.now(timezone.utc).isoformat(),
                    "files": files, "not_included": external_state()}
        text = json.dumps(manifest, indent=1, sort_keys=True)
        (tmp / MANIFEST).write_text(text)
        _swap_in(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    from embgov.hashing import sha256_text

    return {**manifest, "manifest_sha256": sha256_text(text), "path": str(dest)}


def verify_backup(src: str | Path, *, expect_sha256: str | None = None) -> dict:
    """The manifest of the backup at `src` once every file matches it; BackupError naming the first mismatch."""
    from embgov.hashing import sha256_text

    src = Path(src).expanduser().absolute()
    path = src / MANIFEST
    if not path.is_file():
        raise BackupError("not an embgov backup (no manifest)", where=str(src), fix="name the directory `embgov backup` wrote")
    text = path.read_text()
    if expect_sha256 and sha256_text(text) != expect_sha256:
        raise BackupError("the manifest is not the one expected (sha256 differs)", where=str(path),
                          fix="use the backup whose manifest sha256 `embgov backup` printed")
    try:
        manifest = json.loads(text)
        files = manifest["files"]
        if manifest.get("format") != FORMAT or not isinstance(files, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise BackupError("the manifest is not readable", where=str(path)) from None
    root = src / "home"
    present = {p.relative_to(root).as_posix() for p in _files(root)} if root.is_dir() else set()
    for rel in sorted(present - set(files)):
        raise BackupError("a file the manifest does not list was added to the backup", where=f"{src} home/{rel}",
                          fix="restore from an untouched backup")
    for rel, meta in sorted(files.items()):
        file = root / rel
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise BackupError("the manifest names a path outside the backup", where=f"{path}: {rel[:200]}")
        if rel not in present:
            raise BackupError("a file the manifest lists is missing", where=f"{src} home/{rel}", fix="restore from an untouched backup")
        if file.stat().st_size != meta.get("bytes") or sha256_file(file) != meta.get("sha256"):
            raise BackupError("a file differs from the manifest (changed after the backup)", where=f"{src} home/{rel}",
                              fix="restore from an untouched backup")
    return {**manifest, "manifest_sha256": sha256_text(text)}


def restore(src: str | Path, *, expect_sha256: str | None = None) -> dict:
    """Restore the backup at `src` into the current EMBGOV_HOME (new or empty), after checking it whole."""
    from embgov.settings import get_settings

    manifest = verify_backup(src, expect_sha256=expect_sha256)
    home = get_settings().home
    _empty_target(home, "home (EMBGOV_HOME)")
    home.parent.mkdir(parents=True, exist_ok=True)
    root = Path(src).expanduser().absolute() / "home"
    tmp = Path(tempfile.mkdtemp(prefix=f".{home.name}.restoring-", dir=home.parent))
    try:
        for rel, meta in manifest["files"].items():
            out = tmp / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, out)
            if sha256_file(out) != meta["sha256"]:  # changed while it was copied
                raise BackupError("a file changed while it was restored", where=f"{src} home/{rel}")
        _swap_in(tmp, home)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return {**manifest, "path": str(home)}
