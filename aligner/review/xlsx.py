"""The review as a spreadsheet (``aligner review --xlsx FILE``), for reviewers who work in Excel.

One row per bead, as the page shows it after the decisions so far: document, bead number,
Chinese, English, confidence (colour scale), n:m shape, the anchors (or why a pair is out),
and the two columns a reviewer fills: ``decision`` (a drop-down list) and ``note``. The sheet
is protected without a password so that only those two columns take typing (Excel and
LibreOffice both keep that), and the hidden last column names each row's bead by its sentences
and its build (:func:`bead_id`): :mod:`.xlsx_import` finds each decision's bead from it, never
from the row's position, so a sorted or filtered sheet cannot give a decision to the wrong pair.
"""
from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..atomic import write_bytes
from ..errors import FormatError
from .decisions import Decision
from .model import ReviewBead, Status, replay
from .sidecar import BeadsFile

FORMAT = "aligner-review-xlsx"
VERSION = 1
SHEET = "Review"
META = "aligner"
COLUMNS = ("doc", "bead", "zh", "en", "confidence", "n:m", "anchors", "decision", "note", "id")
WIDTHS = (18, 7, 50, 60, 11, 6, 36, 16, 30, 10)
#: What a reviewer may put in ``decision`` (an empty cell: no decision).
ACCEPT, REJECT, NO_COUNTERPART, MERGE = "accept", "reject", "no counterpart", "merge with next"
DECISIONS = (ACCEPT, REJECT, NO_COUNTERPART, MERGE)
MAX_CELL = 32767  # Excel's limit for one cell's text


def col(name: str) -> int:
    """1-based column of ``name``."""
    return COLUMNS.index(name) + 1


def letter(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col(name))


def fingerprint(beads: BeadsFile) -> str:
    """Which build a row is from: the hash of the document's beads file."""
    return hashlib.sha256(beads.to_json().encode("utf-8")).hexdigest()[:12]


def bead_id(doc: str, fp: str, bead: ReviewBead) -> str:
    """``doc|build|zh sentences|en sentences``: stable for a build and the decisions before it."""
    return f"{doc}|{fp}|{','.join(map(str, bead.zh))}|{','.join(map(str, bead.en))}"


def explanation(bead: ReviewBead, min_score: float) -> str:
    if bead.edited:
        return "made by the reviewer"
    if not bead.paired:
        return "no counterpart" if bead.status is Status.ACCEPTED else "unaligned"
    why = " · ".join(bead.anchors)
    if bead.status is Status.AUTO and not bead.in_tmx(min_score):
        why = f"below {min_score:g}: out of the TMX unless accepted" + (f"; {why}" if why else "")
    return why


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value if len(value) <= MAX_CELL else value[:MAX_CELL - 1] + "…"


def export_xlsx(path: Path, docs: Mapping[str, BeadsFile], decisions: Mapping[str, Sequence[Decision]]) -> int:
    """Write the workbook (atomically); returns the number of bead rows."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    meta = wb.create_sheet(META)
    meta.append(["format", FORMAT])
    meta.append(["version", VERSION])
    meta.append(["doc", "build", "beads", "decisions"])
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    unlocked = Protection(locked=False)
    rows = 0
    for stem in sorted(docs):
        beads = docs[stem]
        done = list(decisions.get(stem, []))
        state = replay(beads.beads, done)
        fp = fingerprint(beads)
        meta.append([stem, fp, len(state), len(done)])
        for number, bead in enumerate(state, 1):
            zh = "".join(beads.zh[k].tmx_text for k in bead.zh)
            en = " ".join(beads.en[k].tmx_text for k in bead.en)
            score = 1.0 if bead.edited else bead.score
            decision = "" if not bead.paired else {Status.ACCEPTED: ACCEPT, Status.REJECTED: REJECT}.get(bead.status, "")
            values = (stem, number, _text(zh), _text(en), round(score, 4) if bead.paired and score is not None else None,
                      f"{len(bead.zh)}:{len(bead.en)}", _text(explanation(bead, beads.min_score)), decision,
                      _text(bead.note), bead_id(stem, fp, bead))
            ws.append(list(values))
            rows += 1
            for column, name in enumerate(COLUMNS, 1):  # ws.max_row would scan every cell: quadratic
                cell = ws.cell(rows + 1, column)
                if name == "confidence":
                    cell.number_format = "0.00"
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # "=…" in a sentence is text, never a formula
                cell.alignment = wrap if name in ("zh", "en", "anchors", "note") else top
                if name in ("decision", "note"):
                    cell.protection = unlocked
    last = max(2, rows + 1)
    conf = f"{letter('confidence')}2:{letter('confidence')}{last}"
    ws.conditional_formatting.add(conf, ColorScaleRule(
        start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=0.5,
        mid_color="FFEB84", end_type="num", end_value=1, end_color="63BE7B"))
    choice = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="decision",
                            error="Pick one of: " + ", ".join(DECISIONS) + " (or leave it empty).")
    ws.add_data_validation(choice)
    choice.add(f"{letter('decision')}2:{letter('decision')}{last}")
    for name, width in zip(COLUMNS, WIDTHS):
        ws.column_dimensions[letter(name)].width = width
    ws.column_dimensions[letter("id")].hidden = True
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{letter('note')}{last}"
    ws.protection.sheet = True  # no password: a guard against slips, not a lock
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    try:
        wb.save(buffer)
    except (ValueError, TypeError) as exc:  # openpyxl refuses a value: ours, never the user's
        raise FormatError(f"could not write the workbook ({exc})", path=path) from None
    write_bytes(path, buffer.getvalue())
    return rows
