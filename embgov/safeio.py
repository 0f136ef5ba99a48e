"""Reading inputs safely: paths confined to data roots, regular files only, size checked first.

A spec or a command names paths; a worker would read whatever its user can. So an input path is
resolved with symlinks followed and must lie inside a data root: the spec's directory tree (or,
for `embgov redact` / `gate review`, the working directory's), the project that tree belongs to
(the nearest enclosing directory with `.git` or `pyproject.toml`, so `jobs/x.yaml` may name
`../demo/data/...`), and the directories listed in EMBGOV_DATA_ROOTS. Then only a regular file
is opened, and only when it is at most EMBGOV_MAX_INPUT_BYTES (default 2 GiB): directories, FIFOs
(which would block a reader forever), devices (/dev/zero never ends) and sockets are refused
from their stat, before a byte is read.

Low layer: the standard library and embgov.errors only. Errors are raised as the caller's
EmbgovError subclass (SpecError, GateError, DataError, ...), with what, where and a fix.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO, Iterator

from embgov.errors import EmbgovError

ROOTS_ENV = "EMBGOV_DATA_ROOTS"
MAX_BYTES_ENV = "EMBGOV_MAX_INPUT_BYTES"
DEFAULT_MAX_BYTES = 2 << 30
MAX_LINE_BYTES = 1 << 26  # one record per line: no legitimate line comes near 64 MiB
PROJECT_MARKERS = (".git", "pyproject.toml")
DEPLOY_ENV_FILE = Path("/etc/embgov/embgov.env")  # where deploy/systemd's units read their secrets from
ROOTS_FIX = f"move the data under the spec's directory or add its directory to {ROOTS_ENV}"
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def extra_roots() -> list[Path]:
    """The directories listed in EMBGOV_DATA_ROOTS (os.pathsep-separated), resolved; empty entries ignored."""
    entries = os.environ.get(ROOTS_ENV, "").split(os.pathsep)
    return [Path(e.strip()).expanduser().resolve() for e in entries if e.strip()]


def project_root(directory: Path) -> Path | None:
    """The nearest directory at or above `directory` holding a project marker; never `/`."""
    for d in (directory, *directory.parents):
        if d.parent != d and any(os.path.exists(d / m) for m in PROJECT_MARKERS):
            return d
    return None


def data_roots(base_dir: str | Path) -> list[Path]:
    """Where inputs may live: `base_dir`'s tree, its project's tree, and EMBGOV_DATA_ROOTS."""
    base = Path(base_dir).expanduser().resolve()
    roots = [base]
    project = project_root(base)
    if project is not None and project != base:
        roots.append(project)
    return roots + [r for r in extra_roots() if r not in roots]


def confine(path: str | Path, roots: list[Path], *, what: str = "input", where: str | None = None,
            error: type[EmbgovError] = EmbgovError) -> Path:
    """`path` resolved (symlinks followed); `error` when that is not inside one of `roots`."""
    try:
        target = Path(path).expanduser().resolve(strict=False)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
        raise error(f"cannot resolve the {what} path {path} ({type(exc).__name__})", where=where,
                    fix="check the path and its symlinks") from None
    if any(target.is_relative_to(root) for root in roots):
        return target
    shown = f"{path}" if Path(path) == target else f"{path} (resolves to {target})"
    raise error(f"{what} {shown} is outside the data roots ({', '.join(map(str, roots))})",
                where=where, fix=ROOTS_FIX)


def refuse_secret(path: str | Path, secrets: list[Path], *, what: str = "input",
                  error: type[EmbgovError] = EmbgovError) -> None:
    """`error` when `path` is one of `secrets` (say, a hash-key file), the deployment's env file or
    any env file (`.env`, `*.env`): a command that copies its input out must not copy secrets."""
    target = Path(path).expanduser().resolve(strict=False)
    known = {Path(s).expanduser().resolve(strict=False) for s in (*secrets, DEPLOY_ENV_FILE)}
    if target in known or target.name.endswith(".env"):
        raise error(f"{what} {path} is a secrets file (an environment or key file), refused",
                    fix="name a data file; keys and passwords are never redacted or reviewed")


def max_input_bytes() -> int:
    """EMBGOV_MAX_INPUT_BYTES, else DEFAULT_MAX_BYTES (2 GiB)."""
    raw = os.environ.get(MAX_BYTES_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not raw.isdigit() or int(raw) < 1:
        raise EmbgovError(f"{MAX_BYTES_ENV} must be a positive number of bytes, not {raw!r}", where=MAX_BYTES_ENV,
                          fix=f"unset it (default {DEFAULT_MAX_BYTES}) or set a number such as 1073741824")
    return int(raw)


def check_regular(path: str | Path, max_bytes: int | None = None, *, what: str = "input", where: str | None = None,
                  error: type[EmbgovError] = EmbgovError) -> os.stat_result:
    """The stat of `path` (symlinks followed) if it is a regular file of at most `max_bytes`; else `error`.
    Nothing is opened, so a FIFO or a device cannot block or flood the caller."""
    where = where or str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(f"{what} not found", where=where, fix="check the path") from None
    except OSError as exc:
        raise error(f"cannot read the {what}: {exc.strerror}", where=where, fix="check the path and its permissions") from None
    _require_regular(st, max_bytes, what, where, error)
    return st


def open_input(path: str | Path, max_bytes: int | None = None, *, what: str = "input", where: str | None = None,
               error: type[EmbgovError] = EmbgovError) -> BinaryIO:
    """Open a regular file of at most `max_bytes` (default: max_input_bytes()) for binary reading."""
    where = where or str(path)
    check_regular(path, max_bytes, what=what, where=where, error=error)
    # O_NONBLOCK: were the file swapped for a FIFO after the stat, open() would wait for a writer.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error(f"cannot read the {what}: {exc.strerror}", where=where, fix="check the path and its permissions") from None
    try:
        _require_regular(os.fstat(fd), max_bytes, what, where, error)  # what was opened, not what was stat'ed
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def bounded_lines(f: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of `f` (each with its b"\\n"); None for a line longer than `limit` bytes, whose
    rest is skipped in chunks, never held in memory whole."""
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        while not line.endswith(b"\n"):
            line = f.readline(1 << 20)
            if not line:
                break
        yield None


def _require_regular(st: os.stat_result, max_bytes: int | None, what: str, where: str,
                     error: type[EmbgovError]) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "a special file")
        raise error(f"{what} is {kind}, not a regular file", where=where, fix="name a regular file")
    limit = max_input_bytes() if max_bytes is None else max_bytes
    if st.st_size > limit:
        raise error(f"{what} is {st.st_size} bytes; the limit is {limit}", where=where,
                    fix=f"split the file, or raise {MAX_BYTES_ENV} (bytes) if it is meant to be this large")
