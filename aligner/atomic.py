"""Atomic file output: write to a temporary file beside the target, then rename.

A reader never sees a half-written file: an interrupted or failed write leaves either the
old file or none.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import OutputError


def _output_error(path: Path, exc: OSError) -> OutputError:
    if exc.errno == errno.ENOSPC:
        what, hint = "no space left on the device", "free some space or choose another --out"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        what, hint = "permission denied", "choose a writable output folder"
    elif exc.errno == errno.EISDIR:
        what, hint = "is a directory", "give a file name"
    else:
        what, hint = f"cannot write ({exc.strerror or exc})", "check the output path"
    return OutputError(what, path=path, hint=hint)


def _is_special(path: Path) -> bool:
    """A device, FIFO or socket (``/dev/stdout``, ``/dev/full``, a named pipe): written in
    place, since renaming a temporary file over it would replace the device itself."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def probe_output(path: str | Path, *, folder: bool = False) -> None:
    """Refuse, before any work, an output that writing would refuse after it: a file where a
    folder must be (``--out``, or a parent of ``-o``), a folder where a file must be, a folder
    that cannot be written. Nothing is created; the write itself still reports what only
    writing finds (a full disk). Raises :class:`OutputError` in the words the writer uses."""
    target = Path(path)
    if _is_special(target):
        return
    if not folder and target.is_dir():
        raise OutputError("is a directory", path=target, hint="give a file name")
    existing = target if folder else target.parent
    while not existing.exists() and existing != existing.parent:  # the folders still to be made
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError("is a file, not a folder", path=existing,
                          hint="rename or remove that file, or choose another output folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError("permission denied", path=existing, hint="choose a writable output folder")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, owned by someone else
        return True
    return True


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove the temporary files that killed runs left beside ``target``.

    A ``SIGKILL`` or a power cut leaves ``.NAME.PID.XXXX.tmp`` behind (never a partial
    ``NAME``). Each carries the writer's process id, so the next write of ``NAME`` removes
    those whose writer is gone and leaves a concurrent writer's file alone.
    """
    removed = []
    prefix = f".{target.name}."
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return removed
    for candidate in candidates:
        pid = candidate.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                candidate.unlink()
                removed.append(candidate)
            except OSError:
                pass
    return removed


@contextlib.contextmanager
def atomic_write(path: str | Path, *, binary: bool = True) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success fsync and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is untouched. ``OSError``
    becomes :class:`OutputError` with a hint. Temporary files left by killed runs for the
    same ``path`` are removed first; a device such as ``/dev/stdout`` is written in place.
    """
    target = Path(path)
    if _is_special(target):
        with _write_in_place(target, binary) as handle:
            yield handle
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                        dir=target.parent)
    except OSError as exc:
        raise _output_error(target, exc) from None
    tmp = Path(tmp_name)
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            if _same_file_bytes(tmp, target):  # unchanged: keep the file (and its mtime) as it is
                tmp.unlink()
                return
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _output_error(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def _write_in_place(target: Path, binary: bool) -> Iterator[IO]:
    try:
        handle = open(target, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""}))
    except OSError as exc:
        raise _output_error(target, exc) from None
    try:
        with handle:
            yield handle
            handle.flush()
    except OSError as exc:
        raise _output_error(target, exc) from None


def write_text(path: str | Path, text: str) -> None:
    """Atomically write ``text`` as UTF-8 with ``\\n`` line ends."""
    with atomic_write(path, binary=False) as handle:
        handle.write(text)


def write_bytes(path: str | Path, data: bytes) -> bool:
    """Atomically write ``data``, unless ``path`` already holds exactly these bytes (then
    nothing is written: no temporary file, no ``fsync``). Whether it wrote."""
    target = Path(path)
    view = memoryview(data)
    if _holds(target, len(data), (view[i:i + _CHUNK] for i in range(0, len(data), _CHUNK))):
        return False
    with atomic_write(target) as handle:
        handle.write(data)
    return True


_CHUNK = 1 << 20


def _same_file_bytes(new: Path, old: Path) -> bool:
    """Whether the regular file ``old`` holds the bytes of ``new``."""
    try:
        size = os.stat(new).st_size
        with open(new, "rb") as handle:
            return _holds(old, size, iter(lambda: handle.read(_CHUNK), b""))
    except OSError:
        return False


def _holds(old: Path, size: int, chunks: Iterable[bytes | memoryview]) -> bool:
    """Whether the regular file ``old`` holds ``size`` bytes equal to ``chunks`` (sizes
    first: cheap); a missing or unreadable file holds nothing (writing it reports the error)."""
    try:
        if not stat.S_ISREG(os.stat(old).st_mode) or os.stat(old).st_size != size:
            return False
        with open(old, "rb") as handle:
            for chunk in chunks:
                if handle.read(len(chunk)) != chunk:
                    return False
            return handle.read(1) == b""
    except OSError:
        return False
