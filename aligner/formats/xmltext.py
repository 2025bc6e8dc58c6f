"""Text that XML 1.0 can carry, and the helpers every XML writer here shares."""
from __future__ import annotations

import re

#: Everything outside XML 1.0's ``Char`` production: C0 controls except tab/LF/CR, lone
#: surrogates, U+FFFE and U+FFFF. lxml refuses these, and CAT tools reject files that hold
#: them as character references, so they are removed (and counted) before writing.
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_clean(text: str) -> tuple[str, int]:
    """``text`` without XML-illegal characters, and how many were removed."""
    cleaned, removed = XML_ILLEGAL.subn("", text)
    return cleaned, removed


def has_han(text: str) -> bool:
    """True when ``text`` holds a CJK ideograph: used to put a variant or definition in the
    Chinese or the English language section."""
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f" for ch in text)


def local_name(tag: object) -> str:
    """``{namespace}name`` → ``name``; ``""`` for comments and processing instructions.

    Not ``lxml.etree.QName``: it raises ValueError on a namespace URI holding ``}``, which
    a damaged file can have, and the local name after the last ``}`` is all a reader needs.
    """
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1] if tag.startswith("{") else tag


def namespace(tag: object) -> str:
    """``{namespace}name`` → ``namespace``; ``""`` when there is none."""
    if not isinstance(tag, str) or not tag.startswith("{") or "}" not in tag:
        return ""
    return tag[1:tag.rindex("}")]
