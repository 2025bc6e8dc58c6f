"""Reading an input file's bytes, with OS errors turned into one-line :class:`InputError`s.

Every reader (documents, SRX rules, TMX, translation memories, glossaries, presplit
sentence files) goes through :func:`read_input`, so a missing file, a folder given for a
file, or an unreadable file gets the same words everywhere. Only the noun ("glossary
file", "SRX file") and what to give instead of a folder differ per caller::

    g.csv: glossary file not found. check the path.
    corpus: is a folder, not a file. give a TBX, CSV or OmegaT glossary file.
    g.csv: cannot read the glossary file: permission denied. make it readable (chmod +r).

Standard input (``-``) is named ``<stdin>`` in messages (:func:`input_name`): ``-:`` reads
like a typo, not like a place.
"""
from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from .errors import AlignerError, FormatError, InputError

#: the path that means standard input on the command line
STDIN = "-"
#: how standard input is named in messages and reports
STDIN_NAME = "<stdin>"

NOT_FOUND_HINT = "check the path"


def is_stdin(path: str | Path | None) -> bool:
    """``-``: read standard input."""
    return path is not None and str(path) == STDIN


def input_name(path: str | Path) -> str:
    """The name of an input in messages: ``<stdin>`` for ``-``, else the path as given."""
    return STDIN_NAME if is_stdin(path) else str(path)


def not_found(path: str | Path, noun: str = "file") -> InputError:
    """The error for a missing input, for callers that look before they read."""
    return InputError(f"{noun} not found", path=path, hint=NOT_FOUND_HINT)


def refuse_device(path: str | Path, noun: str = "file") -> None:
    """A device named as an input (``/dev/zero``, ``/dev/urandom``, a disk) is refused before
    it is opened: its bytes never end, and reading them would fill the memory. A named pipe
    (``<(zcat tm.tmx.gz)``) is read as ``cat`` reads it: the user chose it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # reading it reports what is wrong
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise InputError(f"is a device, not a {noun}", path=path,
                         hint="give a file, or pipe the data in (... | aligner COMMAND -)")


def read_input(
    path: str | Path,
    *,
    noun: str = "file",
    folder_hint: str = "give a text file",
    allow_stdin: bool = True,
) -> bytes:
    """The bytes of ``path`` (``-``: standard input, when ``allow_stdin``).

    ``noun`` names what the file is for ("glossary file"); ``folder_hint`` says what to give
    when a folder was given. Name the input with :func:`input_name` in later messages.
    """
    if allow_stdin and is_stdin(path):
        from .streams import read_stdin

        return read_stdin()
    file = Path(path)
    refuse_device(file, noun)
    try:
        return file.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # a/b.txt where a is a file: not found too
        raise not_found(file, noun) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=file, hint=folder_hint) from None
    except PermissionError:
        raise InputError(f"cannot read the {noun}: permission denied", path=file,
                         hint="make it readable (chmod +r)") from None
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise InputError(f"cannot read the {noun}: {reason[:1].lower()}{reason[1:]}", path=file,
                         hint="check the file and the disk") from None


@contextlib.contextmanager
def reading(path: str | Path) -> Iterator[None]:
    """Whatever goes wrong while one input is read names that input.

    Each reader wraps its work on one file in this, so a message can never lose its place:
    an :class:`AlignerError` raised without a path (deep in a parser that only saw text)
    gets this file's name, and a ``RecursionError`` (a parser outrun by nesting) becomes a
    :class:`FormatError` naming the file instead of a message that names nothing.
    """
    try:
        yield
    except AlignerError as exc:
        if exc.path is None:
            exc.path = input_name(path)
        raise
    except RecursionError:
        raise FormatError("the file nests too deeply to read", path=input_name(path),
                          hint="simplify the nesting (lists, quotes, brackets or elements inside one another)") from None
