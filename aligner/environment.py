"""Every environment variable aligner reads, validated where it enters.

A variable is read here and nowhere else, so a value the user set by mistake is one line
naming the variable (exit 2), never an exception deep inside a writer. The command line
checks them all before a command runs (:func:`check_environment`), so a bad value stops
the run before any output is written, whichever command it is.

* ``SOURCE_DATE_EPOCH`` (reproducible-builds.org): seconds since 1970-01-01 UTC as plain
  ASCII digits, at most 253402300799 (9999-12-31T23:59:59Z, the last date a TMX
  ``YYYYMMDDThhmmssZ`` can hold). ``str.isdigit()`` is not the test: it accepts ``²`` and
  full-width digits.
* ``ALIGNER_DEBUG``: any non-empty value re-raises internal errors with their traceback.
"""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone

from .errors import UsageError

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
#: 9999-12-31T23:59:59Z: a TMX date has four year digits
MAX_EPOCH = 253402300799
_ASCII_DIGITS = re.compile(r"[0-9]{1,12}")
_DIGITS = re.compile(r"[0-9]+")


def _shown(value: str) -> str:
    """The value as the message shows it: quoted, escapes for what a terminal hides, cut."""
    shown = ascii(value[:40])[1:-1] + ("..." if len(value) > 40 else "")
    return f"'{shown}'"


def source_date_epoch() -> datetime | None:
    """``$SOURCE_DATE_EPOCH`` as a UTC time; ``None`` when unset or empty."""
    raw = os.environ.get(SOURCE_DATE_EPOCH)
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if not _ASCII_DIGITS.fullmatch(value) or int(value) > MAX_EPOCH:
        what = ("is out of range" if _DIGITS.fullmatch(value)
                else "is not a number of seconds in ASCII digits")
        raise UsageError(
            f"environment variable {SOURCE_DATE_EPOCH}={_shown(value)} {what}",
            hint=f"set it to seconds since 1970 as digits 0-9, at most {MAX_EPOCH} (9999-12-31), or unset it",
        )
    return datetime.fromtimestamp(int(value), tz=timezone.utc)


def debug() -> bool:
    """``$ALIGNER_DEBUG`` is set: internal errors show their traceback."""
    return bool(os.environ.get("ALIGNER_DEBUG"))


def check_environment() -> None:
    """Validate every variable aligner reads; raises :class:`UsageError` naming the first bad one."""
    source_date_epoch()
