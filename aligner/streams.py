"""The standard streams as the user's shell hands them over: closed, or in any encoding.

Standard input may be closed (``aligner read - <&-``: Python sets ``sys.stdin`` to
``None``); standard output may be set to an encoding that cannot hold Chinese
(``PYTHONIOENCODING=latin-1``, a ``C`` locale on an old Python). Every output aligner
writes is UTF-8 (the TMX, TBX, CSV and JSON files are UTF-8 too), so stdout is switched
to UTF-8 when its encoding is not a Unicode one; stderr, read by a person, keeps its
encoding and writes what it cannot hold as ``\\uXXXX`` escapes instead of failing.
"""
from __future__ import annotations

import codecs
import io
import os
import stat
import sys

from .errors import InputError

_UNICODE = {"utf-8", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8-sig"}


def _is_unicode(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "ascii").name in _UNICODE
    except LookupError:
        return False


def prepare_streams() -> None:
    """stdout in UTF-8, stderr never failing on a character (see the module docstring)."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and not _is_unicode(out.encoding):
        try:
            out.reconfigure(encoding="utf-8", errors="strict")
        except (ValueError, OSError, io.UnsupportedOperation):  # a replaced or detached stream
            pass
    err = sys.stderr
    if isinstance(err, io.TextIOWrapper) and not _is_unicode(err.encoding):
        try:
            err.reconfigure(errors="backslashreplace")
        except (ValueError, OSError, io.UnsupportedOperation):
            pass


def read_stdin() -> bytes:
    """All of standard input; a closed one is an error naming it, not an AttributeError."""
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None) if stream is not None else None
    if buffer is None:
        raise InputError("standard input is closed", path="<stdin>",
                         hint="pipe or redirect a file into aligner (aligner read - < FILE), or give the file's path")
    try:
        mode = os.fstat(buffer.fileno()).st_mode
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # a test runner's stream
        mode = 0
    if (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not buffer.isatty():  # < /dev/zero: never ends
        raise InputError("standard input is a device, not a file", path="<stdin>",
                         hint="redirect a file into aligner (aligner read - < FILE), or give the file's path")
    try:
        return buffer.read()
    except (OSError, ValueError) as exc:  # a closed or unreadable descriptor
        raise InputError(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}", path="<stdin>",
                         hint="pipe or redirect a file into aligner, or give the file's path") from None
