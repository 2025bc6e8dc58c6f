"""Parsing each TM and bilingual format into raw units (translate-toolkit for XLIFF and PO, a
streaming reader for TMX, the csv module for CSV/TSV), used by :mod:`.units`."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from enum import Enum
from collections.abc import Iterator
from typing import Any

from lxml import etree

from ..documents.decode import decode_exact
from ..errors import FormatError
from ..formats.cellguard import unescape_cell
from ..formats.csvrows import check_csv, file_lines, first_row
from ..formats.xmltext import xml_syntax_problem
from ..han import count_han
from .codes import unit_codes
from .langroles import missing_role
from .segments import split_segments

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class UnitFormat(str, Enum):
    """Bilingual formats ``aligner check`` reads."""

    TMX = "tmx"
    XLIFF1 = "xliff-1.2"
    XLIFF2 = "xliff-2.0"
    PO = "po"
    CSV = "csv"  # comma- or tab-separated, with or without a header


# --- parsing with translate-toolkit -----------------------------------------------------

@dataclass
class _Raw:
    """Units as stored: (id, line, first text, second text, fuzzy[, variant]) and language hints."""

    units: list[tuple[Any, ...]]
    first_lang: str = ""
    second_lang: str = ""
    problems: list[tuple[int | None, str]] = field(default_factory=list)  # malformed units left out
    codes: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)  # by unit index


def _store_error(exc: Exception, name: str, what: str) -> FormatError:
    line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
    message = str(exc).split("\n")[0] if str(exc) else type(exc).__name__
    match = re.search(r"line ([0-9]{1,9})\b", message)
    if line is None and match:
        line = int(match.group(1))
    return FormatError(f"cannot read {what}: {message.rstrip('.')}", path=name,
                       line=line if isinstance(line, int) else None,
                       hint=f"repair the {what} at that line or re-export it from the CAT tool")


def _parse(store_class: Any, data: bytes, name: str, what: str) -> Any:
    try:
        handle = io.BytesIO(data)
        handle.name = name  # type: ignore[attr-defined]
        return store_class.parsefile(handle)
    except etree.XMLSyntaxError as exc:
        message, hint, line = xml_syntax_problem(exc, "repair the XML (an unescaped & or <, a truncated file)")
        raise FormatError(message, path=name, line=line, hint=hint) from None
    except (ValueError, AssertionError, UnicodeDecodeError, csv.Error, StopIteration,
            KeyError, AttributeError, IndexError, TypeError) as exc:
        raise _store_error(exc, name, what) from None
    except Exception as exc:  # translate.storage.base.ParseError and friends
        if type(exc).__module__.startswith("translate."):
            raise _store_error(exc, name, what) from None
        raise


def _lang(element: Any) -> str:
    return (element.get(_XML_LANG) or element.get("lang") or "").lower()


def _parse_tmx(data: bytes, name: str) -> _Raw:
    """TMX read in one streaming pass (see :mod:`aligner.check.tmx_stream`), not as a tree."""
    raw = _Raw([])
    raw.units = list(stream_tmx(data, name, raw))
    return raw


def stream_tmx(source: Any, name: str, raw: _Raw) -> Iterator[tuple[Any, ...]]:
    """The raw units of a TMX (bytes, or a path read as it goes), one at a time; the languages
    of the first unit and each malformed unit go into ``raw`` as they are met, so a
    1,000,000-TU file is never held whole."""
    from .tmx_stream import iter_tmx

    try:
        for srclang, tu, tuvs, text_of in iter_tmx(source):
            problem = _tu_problem(tu, tuvs)
            if problem:  # left out, counted and reported (or an error with --strict)
                raw.problems.append((tu.sourceline, problem))
                continue
            zh = [t for t in tuvs if _lang(t).startswith("zh")]
            en = [t for t in tuvs if _lang(t).startswith("en")]
            if zh and en:
                pair = (zh[0], en[0])
            else:
                src = [t for t in tuvs if srclang and _lang(t) == srclang.lower()]
                first = src[0] if src else tuvs[0]
                rest = [t for t in tuvs if t is not first]
                pair = (first, rest[0] if rest else None)
            texts = [text_of(t) if t is not None else "" for t in pair]
            if not raw.first_lang:
                raw.first_lang = _lang(pair[0])
                raw.second_lang = _lang(pair[1]) if pair[1] is not None else ""
            yield (tu.get("tuid", ""), tu.sourceline, texts[0] or "", texts[1] or "", False)
            for other in (en[1:] if zh and en else ()):  # en-US and en-GB in one TU: each is checked
                yield (f"{tu.get('tuid', '')}@{_lang(other)}".lstrip("@") if tu.get("tuid") else "",
                       tu.sourceline, texts[0] or "", text_of(other) or "", False, _lang(other))
    except etree.XMLSyntaxError as exc:
        message, hint, line = xml_syntax_problem(exc, "repair the XML (an unescaped & or <, a truncated file)")
        raise FormatError(message, path=name, line=line, hint=hint) from None
    except (ValueError, AssertionError, UnicodeDecodeError) as exc:
        raise _store_error(exc, name, "TMX") from None


def _tu_problem(tu: Any, tuvs: list[Any]) -> str:
    """Why a ``<tu>`` cannot be checked, or ``""``: no ``<tuv>``, a ``<tuv>`` without a
    ``<seg>``, or every ``<tuv>`` in one language (nothing to check the source against).
    A ``<tu>`` with a single ``<tuv>`` is an untranslated unit, counted as such."""
    def tag(tuv: Any) -> str:
        return tuv.get(_XML_LANG) or tuv.get("lang") or "?"

    if not tuvs:
        return "<tu> has no <tuv>"
    for tuv in tuvs:
        if tuv.find("seg") is None and tuv.find("{*}seg") is None:
            return f"<tuv xml:lang=\"{tag(tuv)}\"> has no <seg>"
    if len(tuvs) > 1 and len({_lang(t) for t in tuvs}) == 1:
        return f"every <tuv> has xml:lang=\"{tag(tuvs[0])}\": no translation to check"
    # roles from the tags, never from their order: zh-CN + zh-TW has no English side
    return missing_role([t.get(_XML_LANG) or t.get("lang") or "" for t in tuvs])


def _parse_xliff1(data: bytes, name: str) -> _Raw:
    from translate.misc.xml_helpers import getXMLspace
    from translate.storage.xliff import Xliff1File

    store = _parse(Xliff1File, data, name, "XLIFF")
    units: list[tuple[str, int | None, str, str, bool]] = []
    codes: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    problems: list[tuple[int | None, str]] = []
    for u in store.units:
        if u.isheader():
            continue
        ident = u.xmlelement.get("id") or ""
        space = getXMLspace(u.xmlelement, u._default_xml_space)
        split = split_segments(u, lambda element, u=u, space=space: u.getNodeText(element, space))
        if split is None:  # not segmented: the trans-unit is the unit, as always
            codes[len(units)] = unit_codes(u)
            units.append((ident, u.xmlelement.sourceline, u.source or "", u.target or "",
                          _xliff1_fuzzy(u)))
            continue
        segments, bad = split
        problems.extend(bad)
        unit_unreviewed = _xliff1_unreviewed(u)
        for seg in segments:
            translated = bool(seg.target.strip())
            # Trados: the segment's own status; elsewhere: the trans-unit's approved/state
            unreviewed = seg.sdl_unreviewed if seg.sdl_conf is not None else unit_unreviewed
            codes[len(units)] = seg.codes
            units.append((f"{ident}#{seg.mid}", seg.line, seg.source, seg.target,
                          translated and unreviewed))
    return _Raw(units, (store.getsourcelanguage() or "").lower(),
                (store.gettargetlanguage() or "").lower(), problems, codes)


def _parse_xliff2(data: bytes, name: str) -> _Raw:
    from translate.storage.xliff2 import Xliff2File

    store = _parse(Xliff2File, data, name, "XLIFF 2.0")
    # translate-toolkit: fuzzy = a target in a segment with state="initial"
    units = [(u.getid() or "", u.xmlelement.sourceline, u.source or "", u.target or "",
              bool(u.isfuzzy()))
             for u in store.units if not u.isheader()]
    codes = {i: unit_codes(u) for i, u in enumerate(u for u in store.units if not u.isheader())}
    return _Raw(units, (store.getsourcelanguage() or "").lower(),
                (store.gettargetlanguage() or "").lower(), codes=codes)


#: XLIFF 1.2 target states that say the translation is not final yet
_XLIFF1_UNREVIEWED = {"needs-translation", "needs-adaptation", "needs-l10n",
                      "needs-review-translation", "needs-review-adaptation", "needs-review-l10n"}


def _xliff1_fuzzy(unit: Any) -> bool:
    """A translated XLIFF 1.2 unit that is not final: ``approved="no"`` or a ``needs-*`` target
    state. Not translate-toolkit's ``isfuzzy()``, which calls every unit without
    ``approved="yes"`` fuzzy, and most CAT tools never write ``approved`` at all."""
    return bool(unit.target) and _xliff1_unreviewed(unit)


def _xliff1_unreviewed(unit: Any) -> bool:
    """``approved="no"`` on the trans-unit or a ``needs-*`` state on its target."""
    if (unit.xmlelement.get("approved") or "").strip().lower() == "no":
        return True
    target = unit.getlanguageNode(lang=None, index=1)
    state = (target.get("state") or "").strip().lower() if target is not None else ""
    return state in _XLIFF1_UNREVIEWED


def _parse_po(data: bytes, name: str) -> _Raw:
    from translate.storage.po import pofile

    store = _parse(pofile, data, name, "PO file")
    units = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        context = unit.getcontext() or ""
        line = getattr(unit, "_line_number", None)
        if unit.hasplural():  # msgid/msgid_plural and msgstr[N]: every form is checked
            sources = list(getattr(unit.source, "strings", [unit.source])) or [""]
            targets = list(getattr(unit.target, "strings", [unit.target])) or [""]
            for n, target in enumerate(targets):
                units.append((f"{context}[{n}]", line, sources[min(n, len(sources) - 1)] or "", target or "",
                              bool(unit.isfuzzy()), f"plural {n}" if n else ""))
            continue
        units.append((context, line, unit.source or "", unit.target or "", bool(unit.isfuzzy())))
    target = ""
    try:
        target = (store.gettargetlanguage() or "").lower()
    except Exception:  # a PO header without Language: is common
        target = ""
    return _Raw(units, "", target)


def _parse_csv(data: bytes, name: str) -> _Raw:
    """Bilingual CSV/TSV: translate-toolkit's csvl10n, with a header naming the columns, or
    ``source,target`` / ``location,source,target`` without one."""
    from translate.storage.csvl10n import csvfile

    # UTF-8, Excel's "Unicode Text" (UTF-16), GB18030/GBK as Chinese Excel saves CSV, Big5;
    # a bad byte is an error, never a U+FFFD inside a segment. csvl10n gets UTF-8 bytes.
    text = decode_exact(data, name, hint="repair the row or re-save the file as UTF-8")[0]
    data = text.encode("utf-8")
    first = next((line for line in file_lines(text) if line.strip()), "")
    delimiter = _delimiter(first)
    header = first_row(first, delimiter)
    keys = [cell.strip().lower() for cell in header]
    zh_cols = [i for i, key in enumerate(keys) if key == "zh" or key.startswith("zh-")]
    en_cols = [i for i, key in enumerate(keys) if key == "en" or key.startswith("en-")]
    has_header = bool(zh_cols and en_cols)
    fieldnames: list[str] | None = None
    if has_header:
        # name the columns the way csvl10n knows them; the header row keeps its line
        names = ["x-" + str(i) for i in range(len(keys))]
        names[zh_cols[0]], names[en_cols[0]] = "source", "target"
        for i, key in enumerate(keys):
            if key in {"id", "location", "context"}:
                names[i] = key
        start = data.index(first.encode("utf-8"))
        end = start + len(first.encode("utf-8"))
        data = data[:start] + delimiter.join(names).encode("utf-8") + data[end:]
    elif not ({"source", "target"} <= set(keys) or "original" in keys or "translation" in keys):
        if len(header) == 2:
            fieldnames = ["source", "target"]  # a bare two-column file
        # otherwise csv2po's location,source,target
    check_csv(text, name, delimiter)  # an unclosed quote, an overlong cell: one line naming the row
    store = csvfile(fieldnames=fieldnames) if fieldnames else csvfile()
    try:
        store.parse(data, dialect=_dialect(delimiter))
    except (csv.Error, ValueError, UnicodeDecodeError, StopIteration) as exc:
        raise _store_error(exc, name, "CSV") from None
    units = []
    for unit in store.units:
        line = getattr(unit, "_line_number", None)
        ident = unit.id or unit.location or ""
        # a leading ' against spreadsheet formulas (ours, translate-toolkit's) is not text
        units.append((ident, line, unescape_cell(unit.source or ""), unescape_cell(unit.target or ""), False))
    first_lang = "zh" if has_header else ""
    return _Raw(units, first_lang, "en" if has_header else "")


class _Comma(csv.excel):
    skipinitialspace = True
    doublequote = True


class _Tab(csv.excel_tab):
    doublequote = True


class _Semicolon(_Comma):
    delimiter = ";"


_DIALECTS = {"\t": ("aligner-check-tab", _Tab), ",": ("aligner-check-comma", _Comma),
             ";": ("aligner-check-semicolon", _Semicolon)}


def _delimiter(first: str) -> str:
    """Tab, comma or semicolon (what Excel saves where the decimal mark is a comma): the one
    that splits the first row into the most cells, ties in that order. A semicolon file read
    with commas would be one column, every unit "untranslated" and no finding."""
    cells = {d: len(next(csv.reader([first], delimiter=d), [])) for d in _DIALECTS}
    return max(_DIALECTS, key=lambda d: (cells[d], -list(_DIALECTS).index(d)))


def _dialect(delimiter: str) -> str:
    name, dialect = _DIALECTS[delimiter]
    csv.register_dialect(name, dialect)
    return name


_PARSERS = {
    UnitFormat.TMX: _parse_tmx,
    UnitFormat.XLIFF1: _parse_xliff1,
    UnitFormat.XLIFF2: _parse_xliff2,
    UnitFormat.PO: _parse_po,
    UnitFormat.CSV: _parse_csv,
}


def _orientation(raw: _Raw) -> bool:
    """True when the first text of each unit is the Chinese side."""
    if raw.first_lang.startswith("zh") and not raw.second_lang.startswith("zh"):
        return True
    if raw.second_lang.startswith("zh") and not raw.first_lang.startswith("zh"):
        return False
    first = sum(count_han(u[2]) for u in raw.units[:500])
    second = sum(count_han(u[3]) for u in raw.units[:500])
    return first >= second
