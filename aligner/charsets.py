"""A character set named inside a file (``<?xml encoding="…"?>``, ``<meta charset>``), as a
Python codec, or ``None`` when it is not one.

Python's codec registry is wider than the character sets files are written in: it also
holds transforms (``rot13``, ``base64``) and Python-specific text codecs (``punycode``,
``idna``, ``unicode_escape``…) whose decoders raise ``UnicodeError`` subclasses and
other errors on ordinary text. A name a file declares is validated here, where it enters,
so every reader that honours a declaration treats such a name as no character set at all.
"""
from __future__ import annotations

import codecs

#: Python's "Python Specific Encodings" that are text codecs but not character sets
#: (https://docs.python.org/3/library/codecs.html#python-specific-encodings)
NOT_CHARSETS = frozenset({"idna", "mbcs", "oem", "palmos", "punycode", "raw-unicode-escape", "undefined",
                          "unicode-escape", "unicode-internal"})


def charset_codec(name: str) -> str | None:
    """The Python codec for the charset ``name`` a file declares; ``None`` when Python has no
    such codec or the codec is not a character set (a transform or a Python-specific codec)."""
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    if info.name.replace("_", "-") in NOT_CHARSETS:
        return None
    return info.name


def is_codec(name: str) -> bool:
    """Python has a codec of this name (a character set or not)."""
    try:
        codecs.lookup(name.strip())
    except (LookupError, ValueError, TypeError):
        return False
    return True


def decode_declared(data: bytes, codec: str) -> str:
    """``data`` in ``codec`` (from :func:`charset_codec`); every decoding failure is a
    ``UnicodeDecodeError`` (a ``ValueError``), whatever the codec raised."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise
    except (UnicodeError, LookupError, ValueError) as exc:
        raise UnicodeDecodeError(codec, data[:1], 0, 1, str(exc)) from None
