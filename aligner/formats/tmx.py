"""TMX 1.4b: the translation memory every CAT tool imports (OmegaT, Trados, memoQ, Phrase).

Writing streams one ``<tu>`` at a time through :class:`lxml.etree.xmlfile`, so memory stays
flat for a million units, and goes through :func:`aligner.atomic.atomic_write`, so a failed
run never leaves half a file. Output is deterministic: no wall-clock date unless asked for.

What CAT tools need, and what this writer therefore guarantees:

* every header attribute the DTD marks ``#REQUIRED`` (creationtool, creationtoolversion,
  segtype, o-tmf, adminlang, srclang, datatype), and ``xml:lang`` on every ``<tuv>``;
* OmegaT 3.6 looks a segment up *exactly*: the ``<seg>`` text must equal its own segment, so
  text is written as given (leading/trailing spaces are reported, not silently changed);
* no XML-illegal characters (C0 controls, U+FFFE/U+FFFF, lone surrogates): they are removed
  and counted — lxml cannot write them and a CAT tool rejects the whole file over one;
* a side over 2,000 characters is written but reported: Trados Cloud rejects such TUs;
* an empty side is never written (an empty ``<seg>`` deletes the sentence in OmegaT's
  output and is invalid for tmx_validate); the unit is skipped and counted;
* no ``<!DOCTYPE>``: it is optional, and .NET-based tools with DTD processing disabled
  (Trados, memoQ) refuse a file that declares one.

Custom data goes in ``<prop type="x-…">`` (the ``x-`` prefix is what TMX reserves for
user-defined types): ``x-score`` (alignment confidence), ``x-doc``, ``x-src-line``,
``x-tgt-line`` (provenance) and one ``x-anchor`` per anchor (why the pair was made). The header carries a sacrebleu-style
signature, ``<prop type="x-aligner-signature">``, naming the settings and version.
"""
from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from lxml import etree

from .. import __version__
from .output import open_output
from ..environment import source_date_epoch
from ..errors import UsageError
from ..model import TranslationUnit
from .langs import SourceLang, TargetLang, source_lang, target_lang
from .xmltext import xml_clean

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Trados Cloud rejects translation units with a side longer than this.
MAX_SEGMENT_CHARS = 2000
#: Locations kept per kind of problem in a :class:`TmxReport`.
MAX_LOCATIONS = 10
#: The four segment types TMX 1.4b allows.
SEGTYPES = ("block", "paragraph", "sentence", "phrase")
TMX_DATE = re.compile(r"^\d{8}T\d{6}Z$")
CREATION_TOOL = "aligner"
#: ``o-tmf`` names the format of the memory the data came from; ours is our own pipeline.
O_TMF = "aligner"


@dataclass(frozen=True)
class TmxIssue:
    """One thing the writer changed, skipped or wants a human to look at."""

    kind: str  # control-chars | long-segment | empty-segment | edge-whitespace
    unit: int  # 1-based position of the unit in the input
    side: str  # source | target
    doc: str
    line: int | None
    detail: str

    def __str__(self) -> str:
        where = self.doc or "unit"
        where += f":{self.line}" if self.line else f" #{self.unit}"
        return f"{where} ({self.side}): {self.detail}"


@dataclass
class TmxReport:
    """What :func:`write_tmx` wrote, removed and warns about."""

    path: Path
    signature: str
    creation_date: str | None = None
    units_written: int = 0
    skipped_empty: int = 0
    control_chars_removed: int = 0
    units_with_control_chars: int = 0
    long_segments: int = 0
    edge_whitespace: int = 0
    issues: list[TmxIssue] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """One human-readable line per recorded issue (the first few of each kind)."""
        return [f"{issue.kind}: {issue}" for issue in self.issues]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "signature": self.signature,
            "creation_date": self.creation_date,
            "units_written": self.units_written,
            "skipped_empty": self.skipped_empty,
            "control_chars_removed": self.control_chars_removed,
            "units_with_control_chars": self.units_with_control_chars,
            "long_segments": self.long_segments,
            "edge_whitespace": self.edge_whitespace,
            "issues": [issue.__dict__ | {"text": str(issue)} for issue in self.issues],
        }

    def _note(self, issue: TmxIssue) -> None:
        if sum(1 for i in self.issues if i.kind == issue.kind) < MAX_LOCATIONS:
            self.issues.append(issue)


def default_signature(srclang: str, tgtlang: str) -> str:
    """The signature written when the caller gives none."""
    return f"aligner|src:{srclang}|tgt:{tgtlang}|version:{__version__}"


def resolve_creation_date(value: str | datetime | None = None) -> str | None:
    """The header ``creationdate``: the given value, else ``$SOURCE_DATE_EPOCH``, else none.

    ``"now"`` asks for the wall clock. TMX dates are UTC ``YYYYMMDDThhmmssZ``; the attribute
    is optional in TMX 1.4b, so leaving it out keeps two runs byte-identical.
    """
    if isinstance(value, datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return stamp.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if value is None:
        epoch = source_date_epoch()  # validated where it enters: aligner/environment.py
        return epoch.strftime("%Y%m%dT%H%M%SZ") if epoch else None
    if value == "now":
        return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if TMX_DATE.match(value):
        try:
            datetime.strptime(value, "%Y%m%dT%H%M%SZ")
            return value
        except ValueError:
            pass
    raise UsageError(
        f"creation date {value!r} is not a TMX date",
        hint="use UTC YYYYMMDDThhmmssZ, e.g. 20240131T120000Z, or 'now'",
    )


def _prop_type(key: str) -> str:
    key = key.strip()
    return key if key.startswith("x-") else f"x-{key}"


def _format_score(score: float) -> str:
    return f"{score:.4f}"


def write_tmx(
    units: Iterable[TranslationUnit],
    path: str | Path,
    *,
    srclang: str | SourceLang = "zh-CN",
    tgtlang: str | TargetLang = "en-US",
    header_props: Mapping[str, str] = {},
    creation_date: str | datetime | None = None,
    segtype: str = "sentence",
    adminlang: str = "en-US",
) -> TmxReport:
    """Write ``units`` as TMX 1.4b to ``path`` (atomically) and report what was changed.

    ``header_props`` become header ``<prop type="x-…">`` in the given order (an ``x-`` is
    prefixed when missing); unless it holds ``x-aligner-signature``, a default signature is
    written first. ``segtype`` is the header default; a unit whose segtype differs (e.g.
    ``phrase`` for a glossary pair) carries its own ``segtype`` attribute.
    """
    src = source_lang(srclang).value
    tgt = target_lang(tgtlang).value
    if segtype not in SEGTYPES:
        raise UsageError(f"unknown TMX segtype {segtype!r}", hint=f"use one of {', '.join(SEGTYPES)}")
    date = resolve_creation_date(creation_date)
    props: dict[str, str] = {}
    for key, value in header_props.items():
        props[_prop_type(key)] = xml_clean(str(value))[0]
    signature = props.get("x-aligner-signature") or default_signature(src, tgt)
    props = {"x-aligner-signature": signature} | props
    report = TmxReport(path=Path("-") if isinstance(path, io.BytesIO) else Path(path), signature=signature, creation_date=date)

    header_attrs = {
        "creationtool": CREATION_TOOL,
        "creationtoolversion": __version__,
        "segtype": segtype,
        "o-tmf": O_TMF,
        "adminlang": adminlang,
        "srclang": src,
        "datatype": "plaintext",
    }
    if date:
        header_attrs["creationdate"] = date
    header = etree.Element("header", header_attrs)
    for key, value in props.items():
        etree.SubElement(header, "prop", type=key).text = value
    etree.indent(header, space="  ", level=1)

    if isinstance(path, io.BytesIO):  # see tmx_bytes
        _write_body(path, header, units, report, src, tgt, segtype)
        return report
    with open_output(path) as handle:
        _write_body(handle, header, units, report, src, tgt, segtype)
    return report


def tmx_bytes(units: Iterable[TranslationUnit], name: str, **options: Any) -> tuple[bytes, TmxReport]:
    """The bytes :func:`write_tmx` would write (same ``options``), made in memory: a build's
    worker makes a page's TMX this way, and the build writes the file only if it changed."""
    buffer = io.BytesIO()
    report = write_tmx(units, buffer, **options)  # type: ignore[arg-type]
    report.path = Path(name)
    return buffer.getvalue(), report


def _write_body(handle: Any, header: Any, units: Iterable[TranslationUnit], report: TmxReport, src: str,
                tgt: str, segtype: str) -> None:
    handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    with etree.xmlfile(handle, encoding="UTF-8") as xf:
        with xf.element("tmx", version="1.4"):
            xf.write("\n  ", header, "\n  ")
            with xf.element("body"):
                for number, unit in enumerate(units, 1):
                    element = _tu_element(unit, number, report, src, tgt, segtype)
                    if element is not None:
                        xf.write("\n    ", element)
                xf.write("\n  ")
            xf.write("\n")
    handle.write(b"\n")


def _clean_side(
    text: str, number: int, side: str, unit: TranslationUnit, report: TmxReport
) -> tuple[str, int]:
    line = unit.src_line if side == "source" else unit.tgt_line
    cleaned, removed = xml_clean(text)
    if removed:
        report.control_chars_removed += removed
        report._note(
            TmxIssue("control-chars", number, side, unit.doc, line, f"{removed} XML-illegal character(s) removed")
        )
    if len(cleaned) > MAX_SEGMENT_CHARS:
        report.long_segments += 1
        report._note(
            TmxIssue(
                "long-segment", number, side, unit.doc, line,
                f"{len(cleaned)} characters (Trados Cloud rejects units over {MAX_SEGMENT_CHARS})",
            )
        )
    if cleaned.strip() and cleaned != cleaned.strip():
        report.edge_whitespace += 1
        report._note(
            TmxIssue(
                "edge-whitespace", number, side, unit.doc, line,
                "leading/trailing whitespace kept (OmegaT then finds no exact match)",
            )
        )
    return cleaned, removed


def _tu_element(
    unit: TranslationUnit, number: int, report: TmxReport, src: str, tgt: str, default_segtype: str
) -> etree._Element | None:
    if unit.segtype not in SEGTYPES:
        raise UsageError(
            f"translation unit {number} has segtype {unit.segtype!r}",
            hint=f"use one of {', '.join(SEGTYPES)}",
        )
    source, removed_src = _clean_side(unit.source, number, "source", unit, report)
    target, removed_tgt = _clean_side(unit.target, number, "target", unit, report)
    if removed_src or removed_tgt:
        report.units_with_control_chars += 1
    empty = [side for side, text in (("source", source), ("target", target)) if not text.strip()]
    if empty:
        report.skipped_empty += 1
        line = unit.src_line if empty[0] == "source" else unit.tgt_line
        report._note(
            TmxIssue("empty-segment", number, empty[0], unit.doc, line, "empty side: unit not written")
        )
        return None

    tu = etree.Element("tu", tuid=str(report.units_written + 1))
    if unit.segtype != default_segtype:
        tu.set("segtype", unit.segtype)
    note = xml_clean(unit.note)[0].strip()
    if note:
        etree.SubElement(tu, "note").text = note
    props: list[tuple[str, str]] = []
    if unit.score is not None and math.isfinite(unit.score):
        props.append(("x-score", _format_score(unit.score)))
    if unit.doc:
        props.append(("x-doc", xml_clean(unit.doc)[0]))
    if unit.src_line is not None:
        props.append(("x-src-line", str(unit.src_line)))
    if unit.tgt_line is not None:
        props.append(("x-tgt-line", str(unit.tgt_line)))
    for anchor in unit.anchors:  # one prop each: anchors hold spaces and semicolons
        anchor = xml_clean(anchor)[0]
        if anchor.strip():
            props.append(("x-anchor", anchor))
    props.extend((_prop_type(key), xml_clean(value)[0]) for key, value in unit.props)
    for key, value in props:
        etree.SubElement(tu, "prop", type=key).text = value
    for lang, text in ((src, source), (tgt, target)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = text
    etree.indent(tu, space="  ", level=2)
    report.units_written += 1
    return tu



# Reading lives in its own module; imported last so that it can use this module's constants.
from .tmx_read import SkippedTu, TmxReading, read_tmx  # noqa: E402,F401 - re-exported
