"""Reading TMX: the units of a TMX file with their scores and provenance, and what was skipped.

Written by :mod:`.tmx` (``write_tmx``), which re-exports :func:`read_tmx`; import from there."""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import FormatError
from ..inputs import input_name, read_input
from ..model import TranslationUnit
from .tmx import XML_LANG
from .xmltext import local_name, xml_syntax_problem

# --- reading --------------------------------------------------------------------------

#: Inline codes whose content is native markup, not text (TMX 1.4b section 3.7).
_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut"}
#: The unit props :func:`.tmx.write_tmx` writes from the unit's fields; other ``x-`` props
#: are kept in ``TranslationUnit.props`` (a re-written TMX keeps them).
_OURS = {"x-score", "x-doc", "x-src-line", "x-tgt-line", "x-anchor"}


def _seg_text(seg: etree._Element) -> str:
    """The translatable text of a ``<seg>``: text and ``<hi>`` content, without the native
    codes held in ``<bpt>``/``<ept>``/``<ph>``/``<it>``/``<ut>``."""
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and local_name(child.tag) not in _CODE_TAGS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lang_matches(tag: str | None, wanted: str) -> bool:
    return bool(tag) and tag.replace("_", "-").lower() == wanted.lower()


def _primary(tag: str | None) -> str:
    return (tag or "").replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class SkippedTu:
    line: int | None
    reason: str


class TmxReading(Iterator[TranslationUnit]):
    """Iterates the units of a parsed TMX; afterwards ``skipped`` says what was left out.

    Parsing happens on construction, so a malformed file fails before the first unit.
    """

    def __init__(self, path: str | Path, *, srclang: str | None = None, tgtlang: str | None = None) -> None:
        from translate.storage.tmx import tmxfile

        from .xmlguard import refuse_entities, resolve_named_references

        self.path = Path(path)
        where = input_name(path)  # "<stdin>" in messages
        data = read_input(path, noun="TMX file", folder_hint="give the .tmx file itself")
        refuse_entities(data, where)  # XXE, billion laughs: an entity is never expanded
        data = resolve_named_references(data, where)  # &nbsp; under a DOCTYPE: not dropped
        try:
            store = tmxfile(BytesIO(data))
        except etree.XMLSyntaxError as exc:
            message, hint, line = xml_syntax_problem(
                exc, "repair the XML (an unescaped & or <, a truncated file, a wrong encoding)")
            raise FormatError(message, path=where, line=line, hint=hint) from None
        except (AssertionError, AttributeError, StopIteration):
            root = _root_tag(data)
            raise FormatError(
                f"root element is <{root}>, not <tmx>",
                path=where,
                line=1,
                hint="give a TMX 1.4 file (root <tmx> with <header> and <body>)",
            ) from None
        root_tag = store.document.getroot().tag
        if root_tag != "tmx":  # translate-toolkit only asserts this, which python -O skips
            raise FormatError(f"root element is <{root_tag}>, not <tmx>", path=where, line=1,
                              hint="give a TMX 1.4 file (root <tmx> with <header> and <body>)")
        header = store.document.getroot().find("header")
        if header is None:
            raise FormatError("TMX has no <header>", path=where,
                              hint="a TMX 1.4 file needs <header srclang=...> before <body>")
        self.header: dict[str, str] = dict(header.attrib)
        self.header_props: dict[str, str] = {
            p.get("type", ""): p.text or "" for p in header.iterchildren("prop")
        }
        self.srclang = srclang or header.get("srclang") or ""
        self.tgtlang = tgtlang
        self.default_segtype = header.get("segtype", "sentence")
        self.skipped: list[SkippedTu] = []
        self._units = iter(store.units)
        self._store = store

    def __iter__(self) -> TmxReading:
        return self

    def __next__(self) -> TranslationUnit:
        while True:
            unit = next(self._units)
            converted = self._convert(unit)
            if converted is not None:
                return converted

    def _convert(self, unit: Any) -> TranslationUnit | None:
        tu = unit.xmlelement
        tuvs = [t for t in tu.iterchildren("tuv")]
        srclang = tu.get("srclang") or self.srclang
        source_tuv = self._pick(tuvs, srclang) if srclang and srclang != "*all*" else (tuvs[0] if tuvs else None)
        if source_tuv is None:
            self.skipped.append(SkippedTu(tu.sourceline, f"no <tuv> in the source language {srclang}"))
            return None
        others = [t for t in tuvs if t is not source_tuv]
        target_tuv = self._pick(others, self.tgtlang) if self.tgtlang else (others[0] if others else None)
        if target_tuv is None:
            self.skipped.append(SkippedTu(tu.sourceline, "no target <tuv>"))
            return None
        texts = []
        for tuv in (source_tuv, target_tuv):
            seg = tuv.find("seg")
            texts.append(_seg_text(seg) if seg is not None else "")
        if not texts[0] or not texts[1]:
            self.skipped.append(SkippedTu(tu.sourceline, "empty <seg>"))
            return None
        props = {p.get("type", ""): (p.text or "") for p in tu.iterchildren("prop")}
        anchors = tuple(p.text or "" for p in tu.iterchildren("prop") if p.get("type") == "x-anchor")
        others = tuple((p.get("type", ""), p.text or "") for p in tu.iterchildren("prop")
                       if p.get("type", "").startswith("x-") and p.get("type") not in _OURS)
        return TranslationUnit(
            source=texts[0],
            target=texts[1],
            score=_float(props.get("x-score")),
            doc=props.get("x-doc", ""),
            src_line=_int(props.get("x-src-line")),
            tgt_line=_int(props.get("x-tgt-line")),
            segtype=tu.get("segtype") or self.default_segtype,
            anchors=anchors,
            note=unit.getnotes(),
            props=others,
        )

    @staticmethod
    def _pick(tuvs: list[etree._Element], lang: str) -> etree._Element | None:
        """The ``<tuv>`` in ``lang``: exact tag first, then the same primary language
        (``zh`` finds ``zh-CN``), as CAT tools match."""
        for tuv in tuvs:
            if _lang_matches(tuv.get(XML_LANG) or tuv.get("lang"), lang):
                return tuv
        for tuv in tuvs:
            if _primary(tuv.get(XML_LANG) or tuv.get("lang")) == _primary(lang):
                return tuv
        return None


def _root_tag(data: bytes) -> str:
    try:
        for _event, element in etree.iterparse(BytesIO(data), events=("start",), resolve_entities=False):
            return local_name(element.tag)
    except etree.XMLSyntaxError:
        pass
    return "?"


def _float(value: str | None) -> float | None:
    """A score read from a file: a finite number or nothing (``nan`` and ``inf`` parse as
    floats, and JSON cannot hold them)."""
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def read_tmx(path: str | Path, *, srclang: str | None = None, tgtlang: str | None = None) -> TmxReading:
    """Read a TMX with translate-toolkit's TMX storage and yield :class:`TranslationUnit`\\ s.

    The source ``<tuv>`` is the one in ``srclang`` (default: the header's), the target the
    one in ``tgtlang`` (default: the first other language). Units without both are skipped
    and listed in the returned reader's ``skipped``. Malformed input raises
    :class:`FormatError` with the file, line and a fix.
    """
    return TmxReading(path, srclang=srclang, tgtlang=tgtlang)
