"""Entries on disk, written so that neither a kill nor a second build can leave a bad one in use.

An entry is one file, ``DIR/v<FORMAT>/<kind>/<k[:2]>/<k>``, holding a header line and a body
(JSON, or a ``.npy`` array read with ``allow_pickle=False``)::

    aligner-cache 1 docs <key> <sha256 of the body>\\n{...}

It is written to a temporary file in the same folder, then renamed over the entry
(``os.replace``, atomic on POSIX and Windows), so a reader sees a whole entry or none, and two
builds writing the same key leave one of their (identical) entries. There is no ``fsync``: a
killed process loses nothing the kernel has, and what a power cut can tear (an entry renamed
before its bytes reached the disk) fails the checksum and is recomputed; an ``fsync`` per
entry cost a build of 200 pages 14 s of waiting on the disk for its ~1,800 entries. A reader
trusts nothing it did not check: the magic, the format, the key (an entry copied or renamed
into another slot is foreign), the checksum of the body and the JSON. Anything else is
*damaged*: the caller recomputes the entry and writes it again. Bodies are plain JSON, never
pickle, so a planted entry can at worst be refused, never run code.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from ..errors import AlignerError

FORMAT = 1
"""Cache format version: part of every key and of the folder name; bump it when an entry's
layout changes, and older entries are simply never looked at again."""

MAGIC = "aligner-cache"


class CacheError(AlignerError):
    """The cache folder cannot be used (not a folder, not writable)."""


class Found(Enum):
    """What a lookup found."""

    HIT = "hit"
    MISS = "miss"
    DAMAGED = "damaged"


@dataclass(frozen=True)
class Lookup:
    """A lookup's outcome: the body on a hit, why it was refused when damaged."""

    found: Found
    body: Any = None
    reason: str = ""


class EntryStore:
    """Content-addressed JSON entries of one ``kind`` under ``root``."""

    def __init__(self, root: Path, kind: str) -> None:
        self.root = Path(root)
        self.kind = kind
        self.folder = self.root / f"v{FORMAT}" / kind
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot use the cache folder ({exc.strerror or exc})", path=self.root,
                             hint="pass --cache DIR with a writable folder, or --no-cache") from None
        if not os.access(self.folder, os.W_OK):
            raise CacheError("the cache folder is not writable", path=self.root,
                             hint="pass --cache DIR with a writable folder, or --no-cache")

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Lookup:
        """The JSON entry under ``key``, checked; a missing one is a miss, a bad one damaged."""
        found = self.get_bytes(key)
        if found.found is not Found.HIT:
            return found
        try:
            return Lookup(Found.HIT, json.loads(found.body.decode("utf-8", "surrogatepass")))
        except (UnicodeDecodeError, ValueError) as exc:
            return Lookup(Found.DAMAGED, reason=f"unreadable JSON ({exc})")

    def get_bytes(self, key: str) -> Lookup:
        """The body under ``key`` as bytes, once its header and checksum are right."""
        try:
            data = self.path(key).read_bytes()
        except FileNotFoundError:
            return Lookup(Found.MISS)
        except OSError as exc:
            return Lookup(Found.DAMAGED, reason=f"unreadable ({exc.strerror or exc})")
        head, sep, body = data.partition(b"\n")
        fields = head.decode("ascii", "replace").split(" ")
        if not sep or len(fields) != 5 or fields[0] != MAGIC:
            return Lookup(Found.DAMAGED, reason="not a cache entry")
        if fields[1] != str(FORMAT) or fields[2] != self.kind or fields[3] != key:
            return Lookup(Found.DAMAGED, reason="an entry of another format or key")
        if hashlib.sha256(body).hexdigest() != fields[4]:
            return Lookup(Found.DAMAGED, reason="checksum mismatch (truncated or altered)")
        return Lookup(Found.HIT, body)

    def put(self, key: str, value: Any) -> None:
        """Write ``value`` (JSON data) under ``key`` atomically; raises ``OSError`` on failure."""
        self.put_bytes(key, json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii"))  # dict order kept

    def put_bytes(self, key: str, body: bytes) -> None:
        """Write ``body`` under ``key``: a temporary file in the same folder, renamed (no fsync:
        the checksum catches what a power cut could tear, see the module's docstring)."""
        head = f"{MAGIC} {FORMAT} {self.kind} {key} {hashlib.sha256(body).hexdigest()}\n".encode("ascii")
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(head)
                handle.write(body)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
