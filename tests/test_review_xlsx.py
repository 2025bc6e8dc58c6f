"""The review as a spreadsheet: export, a reviewer's edits in the workbook, import, apply.

The workbook is edited with openpyxl as a reviewer's Excel would leave it (cells typed, rows
sorted), and every damaged or foreign workbook must be one line naming the cell, exit 2, and
the review file untouched.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import Workbook, load_workbook

from aligner.cli import cli
from aligner.model import Bead
from aligner.review import BeadsFile, Decision, Op, Sentence, save_review, write_beads
from aligner.review.xlsx import COLUMNS, DECISIONS

from .review_helpers import build_into

# zh 0-4, en 0-3: [0]:[0] [1,2]:[1] [3]:[] [4]:[2,3]
BEADS = (Bead((0,), (0,), 0.95, ("glossary: 一=One",)), Bead((1, 2), (1,), 0.4), Bead((3,), ()),
         Bead((4,), (2, 3), 0.7))
H, I, J = "H", "I", "J"  # decision, note, id


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def hand_made(out: Path) -> Path:
    """A build folder with one document of our own sentences ("=1+1" must stay text)."""
    zh = tuple(Sentence(t, n + 1) for n, t in enumerate(["第一句。", "第二句,", "第三句。", "孤句。", "第五句。"]))
    en = tuple(Sentence(t, n + 1) for n, t in enumerate(["=1+1 is One.", "Two and three.", "Five a.", "Five b."]))
    write_beads(out / "tmx" / "doc.beads.json", BeadsFile("doc", zh, en, BEADS, min_score=0.5))
    return out


def export(out: Path, *extra: str) -> Path:
    path = out / "review.xlsx"
    result = run("review", "--out", out, "--xlsx", path, *extra)
    assert result.exit_code == 0, result.output
    return path


def edited(path: Path, cells: dict[str, object], name: str = "edited.xlsx") -> Path:
    wb = load_workbook(path)
    for ref, value in cells.items():
        wb["Review"][ref] = value
    target = path.with_name(name)
    wb.save(target)
    return target


def test_the_workbook_a_reviewer_gets(tmp_path: Path) -> None:
    out = hand_made(tmp_path)
    save_review(out / "review.json", {"doc": [Decision(Op.REJECT, (4,), (2, 3))]})
    wb = load_workbook(export(out))
    ws = wb["Review"]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[0] == COLUMNS
    assert [r[:8] for r in rows[1:]] == [
        ("doc", 1, "第一句。", "=1+1 is One.", 0.95, "1:1", "glossary: 一=One", None),
        ("doc", 2, "第二句,第三句。", "Two and three.", 0.4, "2:1", "below 0.5: out of the TMX unless accepted", None),
        ("doc", 3, "孤句。", None, None, "1:0", "unaligned", None),
        ("doc", 4, "第五句。", "Five a. Five b.", 0.7, "1:2", None, "reject"),
    ]
    assert ws["D2"].data_type == "s"  # a sentence that looks like a formula stays text
    assert ws.freeze_panes == "C2" and ws.column_dimensions[J].hidden and ws.protection.sheet
    assert not ws[f"{H}2"].protection.locked and not ws[f"{I}2"].protection.locked and ws["C2"].protection.locked
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == '"' + ",".join(DECISIONS) + '"' and f"{H}2:{H}5" in str(validation.sqref)
    assert "E2:E5" in [str(r.sqref) for r in ws.conditional_formatting]
    assert wb["aligner"].sheet_state == "hidden"


def test_sorted_rows_import_by_their_ids_and_apply(tmp_path: Path) -> None:
    out = hand_made(tmp_path)
    path = export(out)
    wb = load_workbook(path)
    ws = wb["Review"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    for row, data in zip(ws.iter_rows(min_row=2), reversed(values)):  # a reviewer sorted the sheet
        for cell, value in zip(row, data):
            cell.value = value
    by_bead = {row[1].value: row for row in ws.iter_rows(min_row=2)}
    by_bead[1][7].value, by_bead[1][8].value = "Accept ", "checked"
    by_bead[2][7].value = "reject"
    by_bead[3][7].value = "merge with next"
    wb.save(tmp_path / "sorted.xlsx")
    result = run("review", "import", tmp_path / "sorted.xlsx", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.output == f"doc: 1 accept, 1 reject, 1 merge with next -> {out / 'review.json'}\n"
    result = run("review", "apply", "--out", out)
    assert result.exit_code == 0, result.output
    tus = etree.parse(str(out / "tmx" / "doc.tmx")).findall(".//tu")
    got = [([s.text for s in tu.iter("seg")], {p.get("type"): p.text for p in tu.findall("prop")},
            tu.findtext("note")) for tu in tus]
    assert [g[0] for g in got] == [["第一句。", "=1+1 is One."], ["孤句。第五句。", "Five a. Five b."]]
    assert got[0][1]["x-review"] == "accepted" and got[0][2] == "checked"
    assert got[1][1]["x-review"] == "edited" and got[1][1]["x-score"] == "1.0000"
    # the same workbook again is refused: the merge changed the beads its rows name
    before = (out / "review.json").read_bytes()
    result = run("review", "import", tmp_path / "sorted.xlsx", "--out", out)
    assert result.exit_code == 2 and "is not in the review now" in result.stderr
    assert (out / "review.json").read_bytes() == before


def test_an_emptied_cell_undecides_and_structural_edits_stay(tmp_path: Path) -> None:
    out = hand_made(tmp_path)
    save_review(out / "review.json", {"doc": [Decision(Op.ACCEPT, (0,), (0,)), Decision(Op.MERGE, (3,), ())]})
    path = export(out)
    assert load_workbook(path)["Review"][f"{H}2"].value == "accept"
    result = run("review", "import", edited(path, {f"{H}2": None, f"{H}4": "reject"}), "--out", out)
    assert result.exit_code == 0, result.output
    assert (out / "review.json").read_text(encoding="utf-8").splitlines()[2:4] == [
        '    {"op": "merge", "zh": [3], "en": []},', '    {"op": "reject", "zh": [3, 4], "en": [2, 3]}']


def _foreign(path: Path) -> Path:
    wb = Workbook()
    wb.active.append(["zh", "en"])
    wb.save(path)
    return path


def _not_a_zip(path: Path) -> Path:
    path.write_text("zh,en\n", encoding="utf-8")
    return path


def _truncated(path: Path) -> Path:
    data = path.with_name("review.xlsx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _rows_deleted(path: Path) -> Path:
    wb = load_workbook(path.with_name("review.xlsx"))
    wb["Review"].delete_rows(3)
    wb.save(path)
    return path


def _row_duplicated(path: Path) -> Path:
    wb = load_workbook(path.with_name("review.xlsx"))
    ws = wb["Review"]
    ws.append([c.value for c in ws[2]])
    wb.save(path)
    return path


def _column_moved(path: Path) -> Path:
    wb = load_workbook(path.with_name("review.xlsx"))
    wb["Review"].insert_cols(3)
    wb.save(path)
    return path


@pytest.mark.parametrize(("damage", "message"), [
    ({f"{H}3": "acept"}, "Review!H3: unknown decision 'acept'. use one of accept, reject, no counterpart, merge with next, "
                         "or leave it empty"),
    ({f"{H}4": "accept"}, "Review!H4: accept on an unaligned sentence (only a pair goes into the TMX)"),
    ({f"{H}5": "merge with next"}, "Review!H5: merge with next on the document's last bead"),
    ({f"{I}3": "ask the author"}, "Review!I3: a note on a row that is neither accepted nor rejected"),
    ({f"{J}3": "doc|000000000000|1,2|1"}, "Review!J3: row from another build of 'doc'"),
    ({f"{J}3": "other|000000000000|1,2|1"}, "Review!J3: row of document 'other', which this review does not have"),
    ({f"{J}3": "doc|1,2"}, "Review!J3: no bead id ('doc|1,2')"),
    ({f"{J}3": None}, "Review!J3: no bead id ('None')"),
    ({"A3": "elsewhere"}, "Review!A3: the row says document 'elsewhere', its id says 'doc'"),
    (_rows_deleted, "Review: no row for bead zh [1, 2] en [1] of doc (1 bead missing)"),
    (_row_duplicated, "Review!J6: the same bead as row 2. delete the copied row"),
    (_column_moved, "Review!C1: the header is None, expected 'zh'"),
    (_foreign, "sheets Sheet: no 'Review' and 'aligner' sheets. this is not a review workbook of ours"),
    (_not_a_zip, "not an .xlsx workbook (File is not a zip file)"),
    (_truncated, "not an .xlsx workbook"),
])
def test_a_damaged_workbook_is_one_line_and_nothing_is_written(tmp_path: Path, damage, message: str) -> None:
    out = hand_made(tmp_path)
    save_review(out / "review.json", {"doc": [Decision(Op.REJECT, (0,), (0,))]})
    before = (out / "review.json").read_bytes()
    path = export(out)
    bad = edited(path, damage) if isinstance(damage, dict) else damage(tmp_path / "bad.xlsx")
    result = run("review", "import", bad, "--out", out)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"aligner: {bad}: {message}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert (out / "review.json").read_bytes() == before


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("review-xlsx-build"))


def test_round_trip_on_a_real_build(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "b"
    shutil.copytree(built, out)
    path = export(out)
    ws = load_workbook(path)["Review"]
    rows = {(r[0].value, r[1].value): r for r in ws.iter_rows(min_row=2)}
    assert {doc for doc, _ in rows} == {"paper", "speech"} and len(rows) == 12
    zh, en = rows[("paper", 2)][2].value, rows[("paper", 2)][3].value
    cells = {rows[("paper", 1)][7].coordinate: "reject", rows[("paper", 2)][7].coordinate: "accept",
             rows[("paper", 2)][8].coordinate: "names checked", rows[("speech", 1)][7].coordinate: "no counterpart"}
    result = run("review", "import", edited(path, cells), "--out", out)
    assert result.exit_code == 0, result.output
    result = run("review", "apply", "--out", out)
    assert result.exit_code == 0, result.output
    paper = etree.parse(str(out / "tmx" / "paper.tmx"))
    units = {tuple(s.text for s in tu.iter("seg")): tu for tu in paper.iter("tu")}
    tu = units[(zh, en)]
    assert tu.findtext("note") == "names checked" and tu.find("prop[@type='x-review']").text == "accepted"
    assert len(units) == 6 - 1
    before = etree.parse(str(built / "tmx" / "speech.tmx")).findall(".//tu")
    after = etree.parse(str(out / "tmx" / "speech.tmx")).findall(".//tu")
    assert len(after) == len(before) - 1


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_a_libreoffice_resave_imports_the_same(tmp_path: Path) -> None:
    out = hand_made(tmp_path)
    path = edited(export(out), {f"{H}2": "accept", f"{I}2": "checked", f"{H}3": "reject"})
    resaved = tmp_path / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "xlsx", "--outdir", str(resaved), str(path)],
                   check=True, capture_output=True, timeout=300)
    result = run("review", "import", resaved / path.name, "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.output == f"doc: 1 accept, 1 reject -> {out / 'review.json'}\n"
    assert '{"op": "accept", "zh": [0], "en": [0], "note": "checked"}' in (out / "review.json").read_text("utf-8")
