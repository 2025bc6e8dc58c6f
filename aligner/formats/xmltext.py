"""Text that XML 1.0 can carry, and the helpers every XML writer here shares."""
from __future__ import annotations

import re

from ..han import has_han  # noqa: F401  (re-exported: the TBX and CSV writers file a variant by it)

#: Everything outside XML 1.0's ``Char`` production: C0 controls except tab/LF/CR, lone
#: surrogates, U+FFFE and U+FFFF. lxml refuses these, and CAT tools reject files that hold
#: them as character references, so they are removed (and counted) before writing.
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_clean(text: str) -> tuple[str, int]:
    """``text`` without XML-illegal characters, and how many were removed."""
    cleaned, removed = XML_ILLEGAL.subn("", text)
    return cleaned, removed


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


#: libxml2's wording of the common breakages → (what is wrong, how to fix it), for translators
#: who never wrote XML. Groups of the pattern fill ``{1}``, ``{2}``... in both texts.
_SYNTAX = (
    (r"xmlParseEntityRef: no name|EntityRef: expecting ';'",
     "a bare & (an ampersand that starts no entity)", "write & as &amp;"),
    (r"StartTag: invalid element name|Couldn't find end of Start Tag (\S+)",
     "a bare < or a broken start tag", "write < as &lt;, or complete the tag"),
    (r"Premature end of data in tag (\S+) line (\d+)",
     "the file ends inside <{1}> (opened on line {2}): it is truncated",
     "get the complete file again (re-export or re-download it)"),
    (r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)",
     "<{1}> (opened on line {2}) is closed by </{3}>", "close <{1}> before </{3}>, or remove the stray tag"),
    (r"Char 0x([0-9A-Fa-f]+) out of allowed range|PCDATA invalid Char value (\d+)|invalid character in attribute value",
     "an XML-illegal control character", "remove control characters (U+0000 to U+001F except tab and line breaks)"),
    (r"Document is empty|Start tag expected, '<' not found",
     "no XML element where the file should start", "give the XML file itself (it may be empty or not XML)"),
    (r"Extra content at the end of the document",
     "text after the end of the root element", "remove what follows the root element's closing tag"),
    (r"Input is not proper UTF-8|Invalid bytes in character encoding|Unsupported encoding|switching encoding",
     "bytes that are not in the declared encoding", 'save the file as UTF-8 with encoding="UTF-8" in its first line'),
)


def xml_syntax_problem(exc: Exception, default_hint: str) -> tuple[str, str, int | None]:
    """(message, hint, line) for an ``lxml.etree.XMLSyntaxError``, in plain words.

    The message keeps libxml2's own text for breakages not in the table, without the
    ``, line N, column M`` it appends (the line goes in the location, the column here).
    """
    raw = str(getattr(exc, "msg", "") or exc or "syntax error")
    raw = re.sub(r"(?:,)? line \d+, column \d+$", "", raw).strip()
    line, column = (getattr(exc, "position", None) or (getattr(exc, "lineno", None), None))[:2]
    where = f" at column {column}" if column else ""
    for pattern, what, hint in _SYNTAX:
        match = re.search(pattern, raw)
        if match:
            groups = ("",) + tuple(g or "" for g in match.groups())
            return f"not well-formed XML{where}: {what.format(*groups)}", hint.format(*groups), line or None
    return f"not well-formed XML{where}: {raw}", default_hint, line or None
