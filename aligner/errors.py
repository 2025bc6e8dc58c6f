"""Every error a user can see.

The library raises these; only ``aligner.cli`` turns them into one-line messages and exit
status 2. A message reads ``FILE:LINE: what is wrong. how to fix it``.
"""
from __future__ import annotations

from pathlib import Path


class AlignerError(Exception):
    """Base class: a problem the user can fix, with where and how."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = self.message.rstrip(".")
        where = self.location()
        if where:
            text = f"{where}: {text}"
        if self.hint:
            text = f"{text}. {self.hint.rstrip('.')}."
        else:
            text += "."
        return text


class InputError(AlignerError):
    """An input file or folder is missing, unreadable or malformed."""


class EncodingError(InputError):
    """Bytes that cannot be decoded in any supported encoding."""


class FormatError(InputError):
    """A file parses but is not what the command expects (wrong XML root, bad TMX...)."""


class OutputError(AlignerError):
    """An output cannot be written (permissions, full disk...)."""


class WorkerError(AlignerError):
    """A worker process of a parallel job stopped without an answer (killed, out of memory)."""


class UsageError(AlignerError):
    """An option value is invalid (unknown scorer, bad language code...)."""
