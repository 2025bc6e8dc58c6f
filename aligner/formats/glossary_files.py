"""Flat glossary files: CSV for spreadsheets and import wizards, OmegaT's tab-separated
``.utf8``, and JSON for scripts.

* **CSV** (RFC 4180: comma, double quotes, CRLF rows, UTF-8 without BOM unless ``bom=True``,
  which Excel needs to show Chinese): a header row, then one row per entry::

      #zh,en,kind,doc,line,status,count,definition,sources,variants,evidence,keep_as_is,variant_sources

  The header starts with ``#`` because OmegaT 3.6 reads every ``*.csv`` in a glossary folder
  as a glossary (source, target, comment) and skips ``#`` lines: without it OmegaT took the
  header for an entry ``zh → en``. A spreadsheet shows the first column as ``#zh``; our
  glossary reader takes such a ``#`` line as the header. OmegaT's reader is line based too, so
  a line break inside a cell (legal in RFC 4180) would end its entry and start a false one:
  each run of CR/LF in a cell is written as one space.

  ``doc``/``line`` are the first source; ``sources`` lists all as ``doc:line;doc:line``;
  ``variants`` are ``;``-separated; ``evidence`` is one word (``paren``, ``keywords``…);
  ``variant_sources`` says where each variant learned from an aligned pair was seen
  (``Generative AI: doc:25 (zh) / doc:297 (en)``, ``;``-separated). Trados MultiTerm Convert, memoQ and Phrase map columns
  on import; OmegaT reads it too: the header is a ``#`` line, which OmegaT's CSV reader skips.
  A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first)
  is written with a leading ``'`` (:mod:`aligner.formats.cellguard`); our reader removes it.
* **OmegaT ``.utf8``** (what OmegaT's ``GlossaryReaderTSV`` reads: UTF-8, one entry per
  line, ``source<TAB>target<TAB>comment``, lines starting with ``#`` ignored). Tabs and line
  breaks inside a field would split the entry, so every run of them becomes one space. A
  Chinese variant gets a line of its own so OmegaT also shows the entry where the variant
  occurs; English variants are listed in the comment.
* **JSON**: ``{"generator": signature, "entries": [...]}``, one object per entry with every
  field of :class:`~aligner.model.TermEntry`.

All formats remove XML-illegal control characters (as TMX and TBX must), so the four
glossary files say the same thing.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from .cellguard import escape_cell
from .output import open_output
from ..model import TermEntry, TermStatus
from .xmltext import has_han, xml_clean

CSV_COLUMNS = (
    "zh", "en", "kind", "doc", "line", "status", "count",
    "definition", "sources", "variants", "evidence", "keep_as_is", "variant_sources",
)
#: The header row, as a ``#`` comment line: OmegaT 3.6 reads every ``*.csv`` in a project's
#: glossary folder and skips ``#`` lines, so it does not take the header for an entry.
CSV_HEADER = "#" + ",".join(CSV_COLUMNS) + "\r\n"
#: Sources listed in an OmegaT comment before "(+N more)"; the CSV and TBX list them all.
UTF8_COMMENT_SOURCES = 5
_TSV_BREAKS = re.compile(r"[\t\r\n]+")
_LINE_BREAKS = re.compile(r"[\r\n]+")
STATUS_TEXT = {TermStatus.PROPOSED: "proposed: English form made by the tool, verify"}


@dataclass
class GlossaryFileReport:
    """What a flat glossary writer wrote and changed."""

    path: Path
    entries: int = 0
    rows: int = 0
    control_chars_removed: int = 0
    fields_sanitised: int = 0
    skipped_empty: int = 0
    warnings: list[str] = field(default_factory=list)


def default_signature(fmt: str) -> str:
    return f"aligner|glossary|format:{fmt}|version:{__version__}"


class _Text:
    """Cleans every field the same way and counts what it changed."""

    def __init__(self, report: GlossaryFileReport) -> None:
        self.report = report

    def xml(self, text: str) -> str:
        cleaned, removed = xml_clean(text)
        self.report.control_chars_removed += removed
        return cleaned

    def csv(self, text: str) -> str:
        cleaned = self.xml(text)
        flat = _LINE_BREAKS.sub(" ", cleaned)
        if flat != cleaned:
            self.report.fields_sanitised += 1
        return flat

    def tsv(self, text: str) -> str:
        cleaned = self.xml(text)
        flat = sanitise_tsv_field(cleaned)
        if flat != cleaned:
            self.report.fields_sanitised += 1
        return flat


def sanitise_tsv_field(text: str) -> str:
    """A field OmegaT's line-and-tab reader keeps whole: each run of tabs/CR/LF → one space."""
    return _TSV_BREAKS.sub(" ", text)


def csv_row(entry: TermEntry, text: _Text | None = None) -> dict[str, str]:
    """The CSV columns of one entry."""
    x = text.csv if text else (lambda s: _LINE_BREAKS.sub(" ", xml_clean(s)[0]))
    first = entry.sources[0] if entry.sources else None
    return {
        "zh": x(entry.zh),
        "en": x(entry.en),
        "kind": entry.kind.value,
        "doc": x(first.doc) if first else "",
        "line": str(first.line) if first else "",
        "status": entry.status.value,
        "count": str(entry.count),
        "definition": x(entry.definition),
        "sources": ";".join(x(str(s)) for s in entry.sources),
        "variants": ";".join(x(v) for v in entry.variants),
        "evidence": x(entry.evidence),
        "keep_as_is": "yes" if entry.keep_as_is else "no",
        "variant_sources": ";".join(x(f"{s.variant}: {s.zh} (zh) / {s.en} (en)") for s in entry.variant_sources),
    }


def csv_header(srclang: str | None = None, tgtlang: str | None = None) -> dict[str, str]:
    """The header row: ``zh,en,…``; a Traditional source names its two language columns by
    their tags (``zh-TW,en-US,…``), so an import wizard does not take them for Simplified."""
    from .langs import source_lang, target_lang

    header = {c: c for c in CSV_COLUMNS}
    if srclang and source_lang(srclang).traditional:
        header["zh"] = source_lang(srclang).value
        header["en"] = target_lang(tgtlang or "en-US").value
    return header


def write_csv(entries: Iterable[TermEntry], path: str | Path, *, bom: bool = False,
              srclang: str | None = None, tgtlang: str | None = None) -> GlossaryFileReport:
    """Write the glossary as CSV with a header row (see the module doc and :func:`csv_header`)."""
    report = GlossaryFileReport(path=Path(path))
    text = _Text(report)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    header = csv_header(srclang, tgtlang)  # a comment line for OmegaT, the header for a spreadsheet
    buffer.write("#" + ",".join(header[c] for c in CSV_COLUMNS) + "\r\n")
    for entry in entries:
        row = csv_row(entry, text)
        if not row["zh"].strip() or not row["en"].strip():
            report.skipped_empty += 1
            report.warnings.append(f"empty term skipped: {entry.zh!r} / {entry.en!r}")
            continue
        if row["zh"].startswith("#"):
            report.warnings.append(f"{row['zh']!r} starts with '#': OmegaT reads that row as a comment")
        writer.writerow({key: escape_cell(value) for key, value in row.items()})
        report.entries += 1
        report.rows += 1
    data = buffer.getvalue().encode("utf-8")
    with open_output(path) as handle:
        handle.write((b"\xef\xbb\xbf" if bom else b"") + data)
    return report


def utf8_comment(entry: TermEntry) -> str:
    """The comment column OmegaT shows next to the term: kind, status, definition, English
    variants and where the pair was found."""
    status = STATUS_TEXT.get(entry.status, entry.status.value)
    if entry.status is TermStatus.PROPOSED and entry.from_aligned_text:
        status = "proposed: English form read in the aligned English, verify"
    parts = [entry.kind.value, status]
    if entry.keep_as_is:
        parts.append("keep as is")
    if entry.definition:
        parts.append(entry.definition)
    en_variants = [_with_pair(entry, v) for v in entry.variants if not has_han(v) and v != entry.en]
    if en_variants:
        parts.append("also: " + ", ".join(en_variants))
    if entry.sources:
        shown = ", ".join(str(s) for s in entry.sources[:UTF8_COMMENT_SOURCES])
        more = len(entry.sources) - UTF8_COMMENT_SOURCES
        parts.append("sources: " + shown + (f" (+{more} more)" if more > 0 else ""))
    return "; ".join(parts)


def _with_pair(entry: TermEntry, variant: str) -> str:
    """``Generative AI (aligned pair doc:25 (zh) / doc:297 (en))`` for a variant learned from a pair."""
    pairs = [s for s in entry.variant_sources if s.variant.casefold() == variant.casefold()]
    if not pairs:
        return variant
    more = f" +{len(pairs) - 1} more" if len(pairs) > 1 else ""
    return f"{variant} (aligned pair {pairs[0].zh} (zh) / {pairs[0].en} (en){more})"


def write_utf8(
    entries: Iterable[TermEntry], path: str | Path, *, signature: str | None = None
) -> GlossaryFileReport:
    """Write OmegaT's tab-separated glossary (``source<TAB>target<TAB>comment``, UTF-8, LF).

    The first line is a ``#`` comment with the signature; OmegaT skips it.
    """
    report = GlossaryFileReport(path=Path(path))
    text = _Text(report)
    lines = [f"# {sanitise_tsv_field(signature or default_signature('utf8'))}"]
    for entry in entries:
        zh, en = text.tsv(entry.zh), text.tsv(entry.en)
        if not zh.strip() or not en.strip():
            report.skipped_empty += 1
            report.warnings.append(f"empty term skipped: {entry.zh!r} / {entry.en!r}")
            continue
        if zh.startswith("#"):
            report.warnings.append(f"{zh!r} starts with '#': OmegaT reads that line as a comment")
        comment = text.tsv(utf8_comment(entry))
        lines.append(f"{zh}\t{en}\t{comment}")
        report.entries += 1
        for variant in entry.variants:
            variant = text.tsv(variant)
            if has_han(variant) and variant.strip() and variant != zh:
                lines.append(f"{variant}\t{en}\t{sanitise_tsv_field(f'variant of {zh}; {comment}')}")
    report.rows = len(lines) - 1
    with open_output(path) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    return report


def entry_dict(entry: TermEntry) -> dict[str, Any]:
    """Every field of an entry, JSON-ready."""
    return {
        "zh": entry.zh,
        "en": entry.en,
        "kind": entry.kind.value,
        "status": entry.status.value,
        "count": entry.count,
        "definition": entry.definition,
        "sources": [{"doc": s.doc, "line": s.line} for s in entry.sources],
        "variants": list(entry.variants),
        "evidence": entry.evidence,
        "keep_as_is": entry.keep_as_is,
        **({"variant_sources": [
            {"variant": s.variant, "zh": {"doc": s.zh.doc, "line": s.zh.line},
             "en": {"doc": s.en.doc, "line": s.en.line}, "evidence": s.evidence}
            for s in entry.variant_sources
        ]} if entry.variant_sources else {}),
    }


def write_json(
    entries: Iterable[TermEntry], path: str | Path, *, signature: str | None = None
) -> GlossaryFileReport:
    """Write the glossary as one JSON document (UTF-8, sorted keys, 2-space indent)."""
    report = GlossaryFileReport(path=Path(path))
    text = _Text(report)
    items = []
    for entry in entries:
        item = entry_dict(entry)
        for key in ("zh", "en", "definition", "evidence"):
            item[key] = text.xml(item[key])
        item["variants"] = [text.xml(v) for v in item["variants"]]
        for record in item.get("variant_sources", ()):
            record["variant"], record["evidence"] = text.xml(record["variant"]), text.xml(record["evidence"])
        items.append(item)
    report.entries = report.rows = len(items)
    document = {"generator": signature or default_signature("json"), "entries": items}
    with open_output(path) as handle:
        handle.write((json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    return report
