"""Atomic file output: write to a temporary file beside the target, then rename.

A reader never sees a half-written file: an interrupted or failed write leaves either the
old file or none.
"""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
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


@contextlib.contextmanager
def atomic_write(path: str | Path, *, binary: bool = True) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success fsync and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is untouched. ``OSError``
    becomes :class:`OutputError` with a hint.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _output_error(target, exc) from None
    tmp = Path(tmp_name)
    try:
        mode = "wb" if binary else "w"
        kwargs = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _output_error(target, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: str | Path, text: str) -> None:
    """Atomically write ``text`` as UTF-8 with ``\\n`` line ends."""
    with atomic_write(path, binary=False) as handle:
        handle.write(text)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Atomically write ``data``."""
    with atomic_write(path) as handle:
        handle.write(data)
