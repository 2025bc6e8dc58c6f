"""``aligner review import FILE.xlsx``: a reviewer's spreadsheet decisions back into the review file.

The workbook is untrusted input (it went by mail, through Excel or LibreOffice, maybe through
other hands): it is checked whole before anything is written, and the first problem is one
line naming the cell (``Review!H17: unknown decision 'acept'``) and the fix. Each row finds its
bead by the hidden id (document, build, sentences), never by its position, so sorted, filtered
or re-saved sheets import the same; a row from another build, or a bead the review file no
longer has (decisions made in the page since the export), is refused instead of guessed.

The sheet is the reviewer's word on every pair it lists: the structural decisions already in
the review file (merge, split, moved border, no counterpart) stay, in their order; its accept
and reject decisions are replaced by the sheet's column (an emptied cell un-decides a pair).
Structural edits drop a bead's status anyway, so the pairs come out as the sheet says.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FormatError
from .decisions import MAX_NOTE, Decision, Op, load_review, save_review
from .model import ReplayError, ReviewBead, replay
from .sidecar import BeadsFile
from .xlsx import ACCEPT, COLUMNS, DECISIONS, FORMAT, MERGE, META, NO_COUNTERPART, REJECT, SHEET, VERSION, \
    fingerprint, letter

MAX_UNZIPPED = 512 * 1024 * 1024  # a review of a million beads is far smaller: beyond, a zip bomb
MAX_MEMBERS = 10_000
STATUS_OPS = (Op.ACCEPT, Op.REJECT)
EXPORT_AGAIN = "export the workbook again (`aligner review --xlsx FILE`) and copy the decisions over"


@dataclass
class Row:
    number: int  # the sheet row, for messages
    decision: str
    note: str


@dataclass
class ImportReport:
    review: Path
    documents: dict[str, dict[str, int]] = field(default_factory=dict)  # doc -> op -> count

    def summary(self) -> list[str]:
        out = []
        for doc, ops in sorted(self.documents.items()):
            counts = ", ".join(f"{n} {op}" for op, n in ops.items() if n) or "no decision"
            out.append(f"{doc}: {counts} -> {self.review}")
        return out


class _Bad(Exception):
    def __init__(self, cell: str, message: str, hint: str) -> None:
        super().__init__(f"{cell}: {message}")
        self.hint = hint


def import_xlsx(path: Path, docs: dict[str, BeadsFile], review: Path) -> ImportReport:
    """Read the decisions of ``path`` into ``review`` (atomically; untouched on any error)."""
    path = Path(path)
    wb = _open(path)
    try:
        rows = _rows(wb, docs)
        current = load_review(review)
        merged = dict(current)
        report = ImportReport(review)
        for doc, by_bead in rows.items():
            merged[doc], report.documents[doc] = _decisions(docs[doc], current.get(doc, []), by_bead)
    except _Bad as exc:
        raise FormatError(str(exc), path=path, hint=exc.hint) from None
    save_review(review, merged)
    return report


def _open(path: Path) -> Any:
    """The workbook, or a one-line error for anything that is not a sane .xlsx."""
    from openpyxl import load_workbook

    hint = "give the .xlsx that `aligner review --xlsx` wrote (saved again as .xlsx, not .xls or .ods)"
    if not path.is_file():
        raise FormatError("workbook not found", path=path, hint="check the path")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED:
                raise FormatError("the workbook unpacks to more than a review can hold (a zip bomb?)",
                                  path=path, hint=hint)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FormatError(f"not an .xlsx workbook ({exc})", path=path, hint=hint) from None
    try:
        return load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - a third-party parser on untrusted input fails many ways
        raise FormatError(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})"[:300],
                          path=path, hint=hint) from None


def _rows(wb: Any, docs: dict[str, BeadsFile]) -> dict[str, dict[tuple[tuple[int, ...], tuple[int, ...]], Row]]:
    """Every row, checked, by document and bead; every problem a :class:`_Bad`."""
    foreign = "this is not a review workbook of ours: " + EXPORT_AGAIN
    if META not in wb.sheetnames or SHEET not in wb.sheetnames:
        raise _Bad(f"sheets {', '.join(wb.sheetnames)[:80]}", f"no '{SHEET}' and '{META}' sheets", foreign)
    meta, ws = wb[META], wb[SHEET]
    if meta["B1"].value != FORMAT or meta["B2"].value != VERSION:
        raise _Bad(f"{META}!B1", f"expected {FORMAT} version {VERSION}", foreign)
    for number, name in enumerate(COLUMNS, 1):
        value = ws.cell(1, number).value
        if value != name:
            raise _Bad(f"{SHEET}!{ws.cell(1, number).coordinate}", f"the header is {value!r}, expected {name!r}",
                       "do not add, remove or move columns (hide them instead); " + EXPORT_AGAIN)
    out: dict[str, dict[tuple[tuple[int, ...], tuple[int, ...]], Row]] = {}
    seen: dict[str, int] = {}
    prints = {stem: fingerprint(beads) for stem, beads in docs.items()}
    for cells in ws.iter_rows(min_row=2, max_col=len(COLUMNS)):
        values = [c.value for c in cells]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        number = cells[0].row
        where = f"{SHEET}!{letter('id')}{number}"
        bead_id = values[COLUMNS.index("id")]
        doc, fp, zh, en = _parse_id(bead_id, where)
        if doc not in docs:
            raise _Bad(where, f"row of document {doc!r}, which this review does not have",
                       "import into the build (or TMX) the workbook was exported from")
        if fp != prints[doc]:
            raise _Bad(where, f"row from another build of {doc!r} (the document was built again since the export)",
                       EXPORT_AGAIN)
        if values[0] != doc:
            raise _Bad(f"{SHEET}!A{number}", f"the row says document {values[0]!r}, its id says {doc!r}",
                       "rows were copied between documents: " + EXPORT_AGAIN)
        if bead_id in seen:
            raise _Bad(where, f"the same bead as row {seen[bead_id]}", "delete the copied row")
        seen[bead_id] = number
        out.setdefault(doc, {})[(zh, en)] = Row(number, _decision(values, number), _note(values, number))
    if not out:
        raise _Bad(f"{SHEET}!A2", "no bead rows", foreign)
    return out


def _parse_id(value: Any, where: str) -> tuple[str, str, tuple[int, ...], tuple[int, ...]]:
    hint = "the hidden id column must stay as exported: " + EXPORT_AGAIN
    if not isinstance(value, str) or value.count("|") < 3:
        raise _Bad(where, f"no bead id ({str(value)[:40]!r})", hint)
    doc, fp, zh, en = value.rsplit("|", 3)
    try:
        return doc, fp, *(tuple(int(k) for k in side.split(",")) if side else () for side in (zh, en))  # type: ignore[return-value]
    except ValueError:
        raise _Bad(where, f"damaged bead id {value[:80]!r}", hint) from None


def _decision(values: list[Any], number: int) -> str:
    value = values[COLUMNS.index("decision")]
    text = "" if value is None else str(value).strip().lower()
    if text and text not in DECISIONS:
        raise _Bad(f"{SHEET}!{letter('decision')}{number}", f"unknown decision {str(value)[:40]!r}",
                   f"use one of {', '.join(DECISIONS)}, or leave it empty")
    return text


def _note(values: list[Any], number: int) -> str:
    value = values[COLUMNS.index("note")]
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_NOTE:
        raise _Bad(f"{SHEET}!{letter('note')}{number}", f"a note of {len(text)} characters",
                   f"keep notes under {MAX_NOTE} characters")
    return text


def _decisions(beads: BeadsFile, current: list[Decision],
               rows: dict[tuple[tuple[int, ...], tuple[int, ...]], Row]) -> tuple[list[Decision], dict[str, int]]:
    """The document's structural decisions so far, then the sheet's, in bead order."""
    kept = [d for d in current if d.op not in STATUS_OPS]
    try:
        state = replay(beads.beads, current)
    except ReplayError as exc:
        raise _Bad(f"document {beads.doc}", f"its review file does not fit the build ({exc})",
                   "fix the review file first (`aligner review` names the decision)") from None
    keys = {(b.zh, b.en): None for b in state}  # in order, and a quick lookup
    for key, row in rows.items():
        if key not in keys:
            raise _Bad(f"{SHEET}!{letter('id')}{row.number}",
                       f"bead zh {list(key[0])} en {list(key[1])} is not in the review now "
                       "(decisions were made in the page since the export)", EXPORT_AGAIN)
    missing = [k for k in keys if k not in rows]
    if missing:
        raise _Bad(f"{SHEET}", f"no row for bead zh {list(missing[0][0])} en {list(missing[0][1])} of {beads.doc} "
                   f"({len(missing)} bead{'s' * (len(missing) != 1)} missing)",
                   "do not delete rows (set the decision to reject to leave a pair out); " + EXPORT_AGAIN)
    made: list[Decision] = []
    counts = {op: 0 for op in DECISIONS}
    pending: ReviewBead | None = None  # the pair a "merge with next" is building
    for index, bead in enumerate(state):
        row = rows[(bead.zh, bead.en)]
        if pending is not None:
            bead = ReviewBead(pending.zh + bead.zh, pending.en + bead.en, 1.0, edited=True)
            pending = None
        cell = f"{SHEET}!{letter('decision')}{row.number}"
        if row.note and row.decision not in (ACCEPT, REJECT):
            raise _Bad(f"{SHEET}!{letter('note')}{row.number}", "a note on a row that is neither accepted nor rejected",
                       "choose accept or reject for that row, or clear the note")
        if row.decision == MERGE:
            if index == len(state) - 1:
                raise _Bad(cell, "merge with next on the document's last bead", "clear it: there is no next bead")
            made.append(Decision(Op.MERGE, bead.zh, bead.en))
            pending = bead
        elif row.decision == NO_COUNTERPART and bead.paired:
            made.append(Decision(Op.ORPHAN, bead.zh, bead.en))
        elif row.decision in (ACCEPT, REJECT):
            if not bead.paired:
                raise _Bad(cell, f"{row.decision} on an unaligned sentence (only a pair goes into the TMX)",
                           "clear it, or merge the sentence with the next bead (merge with next)")
            made.append(Decision(Op.ACCEPT if row.decision == ACCEPT else Op.REJECT, bead.zh, bead.en,
                                 note=row.note))
        if row.decision:
            counts[row.decision] += 1
    decisions = kept + made
    try:
        replay(beads.beads, decisions)
    except ReplayError as exc:  # a bug of ours rather than the sheet's; still one line
        raise _Bad(f"document {beads.doc}", str(exc), "report it with the workbook") from None
    return decisions, counts
