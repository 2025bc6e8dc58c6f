"""Sort every entry of a corpus folder into a document to read or a named reason not to.

Nothing in ``zh/`` or ``en/`` is passed over without a word: a subfolder, a README, a
broken or looping symbolic link, a FIFO (never opened: reading one would block), or a
second English file for one stem is listed with its reason in the build summary and
``--json``. The rules are stated in ``docs/hostile-input.md``.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

#: Why an entry that is not read was left alone. ``IGNORED`` entries were never meant as
#: documents (the exit status stays 0); the others may have been (exit status 3).
IGNORED = "ignored"
SKIPPED = "skipped"


@dataclass(frozen=True)
class Skipped:
    """A folder entry the corpus reader did not read, and why (one line).

    ``kind`` is :data:`IGNORED` for entries that are not documents by rule (hidden files,
    backups, a README, the English file the one-per-stem rule did not choose) and
    :data:`SKIPPED` for input that could not be read.
    """

    path: str
    reason: str
    error: Exception | None = None
    kind: str = SKIPPED


def ignored_name(name: str) -> str:
    """Why a file name is not a document by rule, or "" (hidden, backup, README)."""
    if name.startswith("."):
        return "a hidden file"
    if name.endswith(("~", ".swp", ".bak", ".tmp")):
        return "an editor backup or temporary file"
    if name.upper().split(".")[0] == "README":
        return "a README explaining the folder"
    return ""


def classify(entry: Path) -> Skipped | None:
    """``None`` when ``entry`` is a regular file (or a link to one) to read; else why not.

    Uses ``lstat``/``stat`` only, so a FIFO or device is never opened.
    """
    why = ignored_name(entry.name)
    if why:
        return Skipped(str(entry), f"{entry}: not read: {why}", kind=IGNORED)
    try:
        mode = os.stat(entry).st_mode
    except OSError as exc:
        if os.path.islink(entry):
            what = ("a symbolic link that loops (it points back to itself)" if exc.errno == errno.ELOOP
                    else f"a broken symbolic link (its target {os.readlink(entry)!r} does not exist)")
            return Skipped(str(entry), f"{entry}: not read: {what}. fix or remove the link")
        return Skipped(str(entry), f"{entry}: not read: {exc.strerror or exc}")
    if stat.S_ISDIR(mode):
        return Skipped(str(entry), f"{entry}: not read: a folder (documents in subfolders are not read). "
                                   "move its documents up into the corpus folder")
    if not stat.S_ISREG(mode):
        what = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return Skipped(str(entry), f"{entry}: not read: {what}, not a regular file")
    return None


def scan(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The regular files of ``folder`` to read, and every other entry with its reason, sorted."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for entry in sorted(Path(folder).iterdir()):
        reason = classify(entry)
        if reason is None:
            files.append(entry)
        else:
            skipped.append(reason)
    return files, skipped
