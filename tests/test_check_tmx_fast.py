"""The regular-expression reader of plain TMX ranges (:mod:`aligner.check.tmx_fast`) gives
exactly what lxml gives for the same range (text, ids, lines, the extra English sides), or
declines; it never misreads.

Generated ranges mix what it must read (whitespace of every kind where XML allows it,
entities, ``<prop>``/``<note>``, attributes in either quote and any order, several English
sides, lines past libxml2's 65,535) with what it must decline (character references,
inline tags, CDATA, comments, CR line ends, ``xml:space``, a ``lang`` attribute, units
without a Chinese or an English side).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import fanout
from aligner.check.parsers import _Raw, stream_tmx
from aligner.check.tmx_fast import fast_units
from aligner.check.tmx_slices import _document, _Pieces, _plain_units

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="zh-CN" '
        'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" '
        'creationtoolversion="1" o-tmf="t"/>\n<body>\n')
TAIL = "</body>\n</tmx>\n"

_WS = st.sampled_from(["", "", " ", "\n", "\n      ", "\t", "\n\n  ", " \n"])
_PLAIN_TEXT = st.lists(st.sampled_from(list("数据模型句 ab>\"'é𠮷，。") + ["&amp;", "&lt;", "&gt;", "&quot;",
                                                                            "&apos;", "  ", "\n", "\t", " \n "]),
                       max_size=10).map("".join)
_ODD_TEXT = st.sampled_from(["&#20013;", "&#x4e2d;", "<ph x=\"1\">{0}</ph>", "<![CDATA[a]]>", "\r\n", "<!-- c -->",
                             "a]]>b", "\x0b"])
_ZH = st.sampled_from(["zh-CN", "zh", "ZH-tw", "zh-Hans"])
_EN = st.sampled_from(["en-US", "en-GB", "EN", "en"])


@st.composite
def _attrs(draw: Any, first: str) -> str:
    """``first`` among zero to two other attributes, in either quote."""
    extra = draw(st.lists(st.sampled_from(['creationdate="20240101T000000Z"', "usagecount='3'",
                                           'changeid="a b"', "o-encoding='UTF-8'"]),
                          max_size=2, unique=True))
    items = extra[:]
    if first:
        items.insert(draw(st.integers(0, len(extra))), first)
    return "".join(draw(st.sampled_from([" ", "\n  ", "  "])) + item for item in items) + draw(
        st.sampled_from(["", "", " "]))


@st.composite
def _side(draw: Any) -> str:
    tag = draw(st.sampled_from(["prop", "note"]))
    attrs = draw(_attrs('type="x-doc"' if tag == "prop" else ""))
    return f"<{tag}{attrs}>{draw(_PLAIN_TEXT)}</{tag}>"


@st.composite
def _tuv(draw: Any, lang: str, odd: bool) -> str:
    text = draw(_PLAIN_TEXT)
    if odd and draw(st.integers(0, 4)) == 0:
        text += draw(_ODD_TEXT)
    name = "lang" if odd and draw(st.integers(0, 6)) == 0 else "xml:lang"
    quote = draw(st.sampled_from(['"', "'"]))
    sides = "".join(draw(_side()) + draw(_WS) for _ in range(draw(st.integers(0, 1))))
    return (f"<tuv{draw(_attrs(f'{name}={quote}{lang}{quote}'))}>{draw(_WS)}{sides}<seg>{text}</seg>"
            f"{draw(_WS)}</tuv>")


@st.composite
def _tu(draw: Any, i: int, odd: bool) -> str:
    langs = [draw(_ZH), draw(_EN)]
    if draw(st.integers(0, 3)) == 0:
        langs.append(draw(st.sampled_from(["en-GB", "en-AU", "de"])))
    if odd and draw(st.integers(0, 8)) == 0:
        langs = [draw(_ZH)]  # one side: untranslated, lxml's business
    if draw(st.booleans()):
        langs.reverse()
    parts = [draw(_tuv(lang, odd)) for lang in langs]
    if draw(st.integers(0, 2)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(_side()))
    tuid = draw(st.sampled_from(["", f'tuid="{i}"', f"tuid='u {i}'"]))
    if odd and draw(st.integers(0, 8)) == 0:
        tuid = draw(st.sampled_from(['xml:space="preserve"', 'tuid="a&amp;b"', 'tuid="1" tuid="2"']))
    return f"<tu{draw(_attrs(tuid))}>" + "".join(draw(_WS) + part for part in parts) + draw(_WS) + "</tu>"


@st.composite
def _tmx(draw: Any, odd: bool) -> bytes:
    body = []
    for i in range(draw(st.integers(1, 8))):
        if draw(st.integers(0, 9)) == 0:
            body.append("\n" * draw(st.sampled_from([10, 66_000])))  # past libxml2's 65,535
        body.append(draw(_tu(i, odd)) + draw(st.sampled_from(["\n", "\n    ", " ", ""])))
    return (HEAD + "".join(body) + TAIL).encode("utf-8")


def _pieces(path: Path, step: int, *, cut: bool = False) -> list[Any]:
    """The file's ranges (none when it is not cut: a broken file, which lxml refuses whole)."""
    with mock.patch.object(fanout, "SLICED_AFTER", 0):
        plans = fanout._plan([path], step)
    assert plans is not None or not cut
    return plans[0] if plans else []


def _lxml(piece: Any) -> list[Any] | None:
    try:
        return list(stream_tmx(_Pieces(_document(piece)), piece.name, _Raw([])))
    except Exception:  # noqa: BLE001 - a range lxml refuses must be declined
        return None


@settings(max_examples=150, deadline=None)
@given(_tmx(odd=True), st.integers(1, 400))
def test_a_range_is_read_as_lxml_reads_it_or_declined(tmp_path_factory: Any, data: bytes, step: int) -> None:
    path = tmp_path_factory.mktemp("fast") / "t.tmx"
    path.write_bytes(data)
    for piece in _pieces(path, step):
        fast = _plain_units(piece)
        if fast is not None:
            assert fast == _lxml(piece)


@settings(max_examples=100, deadline=None)
@given(_tmx(odd=False), st.integers(1, 400))
def test_a_plain_range_is_read_without_lxml(tmp_path_factory: Any, data: bytes, step: int) -> None:
    """Plain TMX is what the fast reader is for: it must not decline it (except a unit whose
    first text past line 65,535 breaks lines after its first character, whose line libxml2
    records where its first piece ends)."""
    path = tmp_path_factory.mktemp("fast") / "t.tmx"
    path.write_bytes(data)
    for piece in _pieces(path, step, cut=True):
        fast = _plain_units(piece)
        if fast is None:
            assert piece.head.count(b"\n") + piece.pad + data[piece.start:piece.end].count(b"\n") >= 65_535
            continue
        assert fast == _lxml(piece)


def test_the_ends_of_a_range() -> None:
    unit = '<tu tuid="1"><tuv xml:lang="zh"><seg>句</seg></tuv><tuv xml:lang="en"><seg>S</seg></tuv></tu>\n'
    assert fast_units(unit.encode(), 5, last=False) == [("1", 5, "句", "S", False)]
    assert fast_units((unit + "</body>\n</tmx>\n").encode(), 5, last=True) == [("1", 5, "句", "S", False)]
    assert fast_units((unit + "</body>\n</tmx>\n").encode(), 5, last=False) is None  # not the last range
    assert fast_units((unit + "<!-- c -->").encode(), 5, last=False) is None
    assert fast_units((unit + "</body>\n</tmx>\njunk").encode(), 5, last=True) is None
    assert fast_units(unit.replace("句", "\udcff").encode("utf-8", "surrogatepass"), 5, last=False) is None
