"""A TMX file cut into byte ranges and read range by range gives exactly the units, lines,
per-file counts and malformed units of reading it whole, or a range says it cannot be read
alone (and the check then reads the file whole).

The files are generated to be hostile to a byte-level cut: ``<tu`` inside comments, CDATA
sections and processing instructions, entities and character references, inline tags,
``xml:lang``/``lang`` in any case, en-US beside en-GB, ``xml:space``, byte-order marks,
encoding declarations, CR/LF/CRLF line ends, units without ``<tuv>`` or ``<seg>``; the
cuts are made every few bytes so that they land everywhere.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import fanout
from aligner.check.tmx_slices import SliceCounts, slice_units
from aligner.check.units import UnitReader

HEAD = ('{bom}<?xml version="1.0"{enc}?>{nl}<!-- a <tu> in a comment before the body -->{nl}'
        '<tmx version="1.4">{nl}<header srclang="{src}" datatype="plaintext" segtype="sentence" '
        'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>{nl}<body>{nl}')
TAIL = "</body>{nl}</tmx>{nl}"

_TEXT = st.lists(st.sampled_from(list("数据模型 ab\t\n\r&<>\"'é𠮷") + ["<tu>", "<tu ", "]]"]),
                 max_size=8).map("".join)
_SAFE = ["", "&amp;", "&#x4e2d;", "&#20013;", "&lt;tu&gt;", "<![CDATA[<t u> & ]]>",
         '<ph x="1">{0}</ph>', '<bpt i="1">&lt;b&gt;</bpt>', '<hi type="i">h</hi>', "<!-- c -->"]
#: where a cut at ``<tu`` would be wrong: the ranges must refuse, never misread
_HOSTILE = ["<![CDATA[<tu> & ]]>", '<hi type="i">h<tu/></hi>', "<!-- <tu> -->", "<?pi <tu ?>"]
_LANG = st.sampled_from(["zh-CN", "zh", "ZH-tw", "en-US", "en-GB", "EN", "de", ""])
_BETWEEN_SAFE = ["", "{nl}", "{nl}{nl}{nl}", "<!-- c -->", "<?pi x?>"]
_BETWEEN_HOSTILE = ["<!-- <tu> -->", "<!--\n<tu tuid='x'>\n-->", "<?pi <tu?>"]


@st.composite
def _unit(draw: Any, i: int, hostile: bool) -> str:
    kind = draw(st.sampled_from(["pair", "pair", "pair", "odd"]))
    if kind == "odd":
        return draw(st.sampled_from([f'<tu tuid="e{i}"/>', "<tu></tu>", "<tu>{nl}<prop type='x'>p</prop></tu>",
                                     '<tu><tuv xml:lang="zh"><seg>只</seg></tuv></tu>',
                                     '<tu><tuv xml:lang="zh"><seg>无</seg></tuv><tuv xml:lang="en"/></tu>']))
    tuvs = []
    for _ in range(draw(st.integers(1, 3))):
        lang = draw(_LANG)
        attr = draw(st.sampled_from(["xml:lang", "lang"]))
        raw = st.sampled_from(_SAFE + _HOSTILE if hostile else _SAFE)
        seg = escape(draw(_TEXT)) + draw(raw) + escape(draw(_TEXT))
        tuvs.append(f"<tuv {attr}={quoteattr(lang)}>{{nl}}<seg>{seg}</seg></tuv>" if lang
                    else f"<tuv><seg>{seg}</seg></tuv>")
    space = draw(st.sampled_from(["", ' xml:space="preserve"']))
    tuid = draw(st.sampled_from(["", f' tuid="u{i}"']))
    return f"<tu{tuid}{space}>" + draw(st.sampled_from(["", "{nl}", " "])) + "{nl}".join(tuvs) + "</tu>"


@st.composite
def _tmx(draw: Any) -> bytes:
    nl = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    hostile = draw(st.integers(0, 3)) == 0
    between = st.sampled_from(_BETWEEN_SAFE + _BETWEEN_HOSTILE if hostile else _BETWEEN_SAFE)
    parts = []
    for i in range(draw(st.integers(0, 12))):
        parts.append(draw(_unit(i, hostile)) + draw(between))
    enc = draw(st.sampled_from(["", ' encoding="UTF-8"', ' encoding="utf-8"', ' encoding="ISO-8859-1"']))
    bom = draw(st.sampled_from(["", "\ufeff"])) if "8859" not in enc else ""
    text = (HEAD.format(bom=bom, enc=enc, nl=nl, src=draw(st.sampled_from(["zh-CN", "en-US", "*all*"])))
            + nl.join(parts).replace("{nl}", nl) + TAIL.format(nl=nl))
    if draw(st.integers(0, 9)) == 0:  # a truncated file: an error, whichever way it is read
        text = text[:draw(st.integers(len(text) // 3, len(text) - 2))]
    if "8859" in enc:
        return text.encode("latin-1", "replace")
    return text.encode("utf-8")


def _whole(path: Path) -> tuple[list[Any], list[Any], tuple[int, int, int]]:
    reader = UnitReader()
    units = list(reader.read([path]))
    stats = reader.files[0]
    return units, reader.bad_units, (stats.units, stats.untranslated, stats.fuzzy)


def _sliced(path: Path, step: int) -> tuple[list[Any], list[Any], tuple[int, int, int]] | None:
    """The units read range by range, ``None`` when the file is not cut or a range cannot
    be read alone."""
    with mock.patch.object(fanout, "SLICED_AFTER", 0):
        plans = fanout._plan([path], step)
    if plans is None:
        return None
    units: list[Any] = []
    bad: list[Any] = []
    total = [0, 0, 0]
    for piece in plans[0]:
        counts = SliceCounts()
        try:
            units.extend(slice_units(piece, counts))
        except Exception:  # noqa: BLE001 - what the check takes as "read it whole"
            return None
        bad.extend((f"{piece.name}:{line}" if line else piece.name, reason)
                   for line, reason in counts.problems or ())
        total = [total[0] + counts.units, total[1] + counts.untranslated, total[2] + counts.fuzzy]
    return units, bad, (total[0], total[1], total[2])


def _cut_is_safe(data: bytes) -> bool:
    """No ``<tu`` where a cut would be wrong: inside a comment, CDATA or a PI."""
    return not any(marker in data for marker in (b"<!-- <tu", b"<!--\n<tu", b"<!--\r<tu", b"CDATA[<tu",
                                                 b"<?pi <tu", b"h<tu/>"))


@settings(max_examples=200, deadline=None)
@given(_tmx(), st.integers(1, 300))
def test_ranges_read_as_the_whole_file(tmp_path_factory: Any, data: bytes, step: int) -> None:
    path = tmp_path_factory.mktemp("slices") / "t.tmx"
    path.write_bytes(data)
    try:
        whole = _whole(path)
    except Exception:  # noqa: BLE001 - a file the reader refuses must not be read in ranges either
        assert _sliced(path, step) is None
        return
    sliced = _sliced(path, step)
    if sliced is None:  # read whole: only where a cut could land inside something, or not UTF-8
        assert not _cut_is_safe(data) or b"8859" in data or b"<tu" not in data.split(b"<body>", 1)[-1]
        return
    assert sliced == whole


def test_a_file_cut_everywhere_gives_every_unit(tmp_path: Path) -> None:
    units = "".join(f'<tu tuid="{i}">\n<tuv xml:lang="zh"><seg>第{i}句&amp;</seg></tuv>'
                    f'<tuv xml:lang="en"><seg>Sentence {i}</seg></tuv></tu>\n' for i in range(200))
    path = tmp_path / "t.tmx"
    path.write_bytes(HEAD.format(bom="", enc="", nl="\n", src="zh-CN").encode() + units.encode()
                     + TAIL.format(nl="\n").encode())
    whole = _whole(path)
    assert len(whole[0]) == 200
    for step in (1, 7, 100, 5000):
        assert _sliced(path, step) == whole


def test_lines_past_65535_keep_libxml2s_numbers(tmp_path: Path) -> None:
    """libxml2 stores lines past 65,535 elsewhere and reads them back from a unit's first
    child (one more when that child is the newline after ``<tu>``): the ranges are padded
    to the file's own lines, so they give the same numbers; an empty ``<tu/>`` there takes
    its neighbours' line, so such a file is read whole."""
    units = []
    for i in range(30_000):
        gap = "\n" if i % 2 else ""
        units.append(f'<tu tuid="{i}">{gap}<tuv xml:lang="zh"><seg>句{i}</seg></tuv>\n'
                     f'<tuv xml:lang="en"><seg>S {i}</seg></tuv></tu>\n')
    head = HEAD.format(bom="", enc="", nl="\n", src="zh-CN")
    path = tmp_path / "big.tmx"
    path.write_bytes((head + "".join(units) + TAIL.format(nl="\n")).encode())
    whole = _whole(path)
    assert whole[0][-1].line > 65_535
    assert _sliced(path, 50_000) == whole
    path.write_bytes((head + "".join(units) + '<tu tuid="x"/>\n' + TAIL.format(nl="\n")).encode())
    assert _sliced(path, 50_000) is None
