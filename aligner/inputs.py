"""Reading an input file's bytes, with OS errors turned into one-line :class:`InputError`s.

Every reader (documents, SRX rules, TMX, translation memories, glossaries, presplit
sentence files) goes through :func:`read_input`, so a missing file, a folder given for a
file, or an unreadable file gets the same treatment everywhere; only the noun and the hint
differ per caller ("glossary not found. check the -g/--glossary path").
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError


def read_input(
    path: str | Path,
    *,
    missing: str = "file not found",
    missing_hint: str = "check the path",
    folder: str = "is a folder, not a file",
    folder_hint: str = "give a text file",
    unreadable: str = "cannot read the file",
    allow_stdin: bool = True,
) -> bytes:
    """The bytes of ``path`` (``-``: standard input, when ``allow_stdin``)."""
    if allow_stdin and str(path) == "-":
        return sys.stdin.buffer.read()
    file = Path(path)
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(missing, path=file, hint=missing_hint) from None
    except IsADirectoryError:
        raise InputError(folder, path=file, hint=folder_hint) from None
    except PermissionError:
        raise InputError("permission denied", path=file, hint="make the file readable (chmod +r)") from None
    except OSError as exc:
        raise InputError(f"{unreadable} ({exc.strerror or exc})", path=file,
                         hint="check the file and the disk") from None
