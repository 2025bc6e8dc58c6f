"""A range of plain TMX read with regular expressions instead of lxml, exactly as lxml reads it.

Most TMX files are simple: each ``<tu>`` holds ``<prop>``/``<note>`` lines and ``<tuv
xml:lang="…"><seg>text</seg></tuv>``, the text plain or with the five named entities. For a
million units, lxml's ``iterparse`` with translate-toolkit's ``getText`` and the tree kept
small cost about 35 µs a unit; these expressions read such a range several times faster.

:func:`fast_units` accepts a range only when every byte of it fits that narrow grammar
(ASCII attribute names, values without ``&`` or line breaks, XML whitespace only between
elements, no comment, CDATA, processing instruction, character reference, inline tag,
``xml:space`` or control character, each unit with a Chinese and an English ``<tuv>``); it
then gives what :func:`aligner.check.parsers.stream_tmx` gives for the range, unit for unit
(text as ``normalize-space()``, lines as libxml2 counts them). For anything else it returns
``None`` and the caller uses lxml, which gives the usual text or error.
``tests/test_check_tmx_fast.py`` compares the two on generated plain and hostile ranges.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .langroles import missing_role

_S = "[ \t\n]"  # XML whitespace (a carriage return sends the range to lxml)
_NAME = "(?:xml:lang|(?![Xx][Mm][Ll])[A-Za-z_][A-Za-z0-9_.-]*)"  # no other xml*, no xmlns
_ATTRS = rf"(?:{_S}+{_NAME}{_S}*={_S}*(?:\"[^\"<&\t\n]*\"|'[^'<&\t\n]*')){{0,16}}{_S}*"
_SIDE = rf"<(?:prop|note)(?:{_S}+{_NAME}{_S}*={_S}*(?:\"[^\"<&\t\n]*\"|'[^'<&\t\n]*')){{0,16}}{_S}*>[^<]*</(?:prop|note)>"
_TUV = rf"<tuv({_ATTRS})>{_S}*(?:{_SIDE}{_S}*){{0,16}}<seg>([^<]*)</seg>{_S}*</tuv>"
#: one ``<tu>`` (its attributes, its content) and the whitespace after it
_TU = re.compile(rf"<tu({_ATTRS})>((?:{_S}*(?:{_SIDE}|{_TUV})){{0,64}}){_S}*</tu>{_S}*")
_TUV_RE = re.compile(_TUV)
#: the common case in one match: exactly two ``<tuv>`` (attributes, text of each)
_TU2 = re.compile(rf"<tu({_ATTRS})>(?:{_S}*{_SIDE}){{0,16}}{_S}*{_TUV}(?:{_S}*{_SIDE}){{0,16}}{_S}*{_TUV}"
                  rf"(?:{_S}*{_SIDE}){{0,16}}{_S}*</tu>{_S}*")
_ATTR = re.compile(rf"({_NAME}){_S}*={_S}*(?:\"([^\"]*)\"|'([^']*)')")
_LEADING = re.compile(rf"{_S}*")
#: bytes that make a range unusual wherever they occur (text or not): control characters
#: XML refuses and the carriage return (line ends lxml would normalise)
_CONTROLS = bytes([*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20)])
_NOT_CONTROLS = bytes(b for b in range(256) if b not in _CONTROLS)
#: strings that make a range unusual: U+FFFE/U+FFFF, a CDATA section's end in text
#: (comments, CDATA, processing instructions and ``xml:space`` fail the grammar anyway)
_ODD_STRINGS = ("\ufffe", "\uffff", "]]>")
_ODD_ENTITY = re.compile("&(?!(?:amp|lt|gt|quot|apos);)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}
_ENTITY = re.compile("&(?:amp|lt|gt|quot|apos);")
_SPACES = re.compile("[ \t\n\r]+")
#: libxml2 stores an element's line up to this one; past it lxml reports the line of the
#: element's first text descendant (libxml2's ``xmlGetLineNo``), see :func:`_big_line`
_BIG_LINE = 65535
_START_TAG = re.compile(rf"<(prop|note|tuv|seg)[^>]*>")


def _text(raw: str) -> str:
    """``normalize-space()`` of a text node's raw characters."""
    if "&" in raw:
        raw = _ENTITY.sub(lambda m: _ENTITIES[m.group()], raw)
    if "\n" in raw or "\t" in raw or "  " in raw:
        return _SPACES.sub(" ", raw).strip(" \t\n\r")
    return raw.strip(" ")


def _attrs(raw: str) -> dict[str, str] | None:
    """A start tag's attributes (values decoded), or ``None`` for a repeated name."""
    out: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match.group(1)
        if name in out:
            return None
        value = match.group(2) if match.group(2) is not None else match.group(3)
        out[name] = _ENTITY.sub(lambda m: _ENTITIES[m.group()], value) if "&" in value else value
    return out


def fast_units(data: bytes, first_line: int, last: bool) -> list[tuple[Any, ...]] | None:
    """The raw units (as :func:`~aligner.check.parsers.stream_tmx` yields them) of the range
    ``data``, which starts on line ``first_line`` with ``<tu``; ``last``: it holds the end of
    the file (``</body></tmx>``). ``None`` unless the range is plain (module docstring)."""
    if data.translate(None, _NOT_CONTROLS):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(odd in text for odd in _ODD_STRINGS) or ("&" in text and _ODD_ENTITY.search(text)):
        return None
    units: list[tuple[Any, ...]] = []
    at, line, size = 0, first_line, len(text)
    match_two, match_tu, match_tuvs, count = _TU2.match, _TU.match, _TUV_RE.finditer, text.count
    langs: dict[str, str | None] = {}  # a <tuv>'s attributes → its xml:lang (None: unusual)
    while at < size:
        match = match_two(text, at)
        if match is not None:
            pairs = [(match.group(2), match.group(3)), (match.group(4), match.group(5))]
        else:
            match = match_tu(text, at)
            if match is None:
                break
            pairs = [tuv.groups() for tuv in match_tuvs(match.group(2))]
        tuvs = []
        for attrs, raw in pairs:
            lang = langs.get(attrs, "")
            if lang == "":
                found = _attrs(attrs)
                lang = langs[attrs] = (found or {}).get("xml:lang") or None
            if lang is None:
                return None
            tuvs.append((lang, raw))
        head = match.group(1)
        tu = _attrs(head) if "=" in head else {}
        if tu is None:
            return None
        content = match.end(1) + 1
        tu_line = line + count("\n", at, content)  # libxml2: the line the start tag ends on
        if tu_line >= _BIG_LINE:
            tu_line = _big_line(text, content, tu_line)
            if tu_line is None:
                return None
        unit = _unit(tu.get("tuid", ""), tu_line, tuvs)
        if unit is None:
            return None
        units.extend(unit)
        line += count("\n", at, match.end())
        at = match.end()
    rest = text[at:]
    if last:
        if re.fullmatch(rf"</body>{_S}*</tmx>{_S}*", rest) is None:
            return None
    elif rest:
        return None
    return units


def _big_line(text: str, at: int, line: int) -> int | None:
    """The line lxml gives a ``<tu>`` whose start tag ends on ``line`` (65,535 or more) at
    offset ``at``: that of its first text descendant along first children (``<tu>``,
    ``<tuv>``, ``<seg>``, ``<prop>``), which libxml2 records where the text's first piece
    ends. ``None`` where that piece cannot be told from the bytes alone (a text with a line
    break after its first character, an empty element on the way)."""
    for _depth in range(4):
        lead = _LEADING.match(text, at).end()
        if lead > at:  # a whitespace text node
            return _text_line(text[at:lead], line)
        tag = _START_TAG.match(text, at)
        if tag is None:
            return None
        line += text.count("\n", at, tag.end())
        at = tag.end()
        if tag.group(1) != "tuv":  # prop, note or seg: its text or nothing
            end = text.index("<", at)
            return _text_line(text[at:end], line) if end > at else None
    return None


def _text_line(chars: str, line: int) -> int | None:
    """The line libxml2 records for a text node of ``chars`` starting on ``line``, when its
    pieces cannot change it: no line break, or one only as its first character."""
    breaks = chars.count("\n")
    if breaks == 0:
        return line
    if breaks == 1 and chars[0] == "\n":
        return line + 1
    return None


def _unit(tuid: str, line: int, tuvs: list[tuple[str, str]]) -> list[tuple[Any, ...]] | None:
    """What ``stream_tmx`` yields for a ``<tu>`` with these ``(xml:lang, raw seg text)``;
    ``None`` unless it has a Chinese and an English side and nothing to report."""
    roles = _roles(tuple(lang for lang, _raw in tuvs))
    if roles is None:
        return None
    zh, en, others = roles
    source = _text(tuvs[zh][1])
    out: list[tuple[Any, ...]] = [(tuid, line, source, _text(tuvs[en][1]), False)]
    for other, lang in others:  # en-US and en-GB in one TU: each is checked
        out.append((f"{tuid}@{lang}".lstrip("@") if tuid else "", line, source,
                    _text(tuvs[other][1]), False, lang))
    return out


@lru_cache(maxsize=1024)
def _roles(tags: tuple[str, ...]) -> tuple[int, int, tuple[tuple[int, str], ...]] | None:
    """For a ``<tu>`` whose ``<tuv>`` carry ``tags``: the Chinese side, the English side and
    the further English sides (index, lower-case tag), as ``stream_tmx`` picks them; ``None``
    when it has no Chinese or no English side or would be reported as malformed."""
    langs = [tag.lower() for tag in tags]
    if len(tags) < 2 or len(set(langs)) == 1 or missing_role(list(tags)):
        return None
    zh = [i for i, lang in enumerate(langs) if lang.startswith("zh")]
    en = [i for i, lang in enumerate(langs) if lang.startswith("en")]
    if not zh or not en:
        return None
    return zh[0], en[0], tuple((i, langs[i]) for i in en[1:])
