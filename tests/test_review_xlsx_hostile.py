"""The review spreadsheet as untrusted input: XML entity bombs, zip bombs, and any mix of a
reviewer's decisions in any row order (a property: the pairs come out as the sheet says)."""
from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from aligner.cli import cli
from aligner.review import load_review, read_beads, replay
from aligner.review.model import Status

from .test_review_xlsx import export, hand_made

BOMB = ('<!DOCTYPE worksheet [<!ENTITY l0 "lolololololololololol">'
        + "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)) + "]>")


def _import(path: Path, out: Path):
    return CliRunner().invoke(cli, ["review", "import", str(path), "--out", str(out)])


def test_an_entity_bomb_in_a_sheet_is_one_line(tmp_path: Path) -> None:
    out = hand_made(tmp_path)
    path = export(out)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                head, _, body = text.partition("?>") if text.startswith("<?xml") else ("", "", text)
                data = ((head + "?>" if head else "") + BOMB + body.replace("<v>", "<v>&l9;", 1)).encode("utf-8")
            dst.writestr(item, data)
    result = _import(bomb, out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aligner: {bomb}: not a readable .xlsx workbook (") and "Traceback" not in result.stderr
    assert not (out / "review.json").exists()


def test_a_workbook_that_unpacks_too_big_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.review import xlsx_import

    out = hand_made(tmp_path)
    path = export(out)
    monkeypatch.setattr(xlsx_import, "MAX_UNZIPPED", 1000)
    result = _import(path, out)
    assert result.exit_code == 2 and "unpacks to more than a review can hold" in result.stderr


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=st.lists(st.sampled_from(["accept", "reject", None, "ACCEPT", " reject "]), min_size=3, max_size=3),
       seed=st.integers(0, 1000))
def test_any_decisions_in_any_row_order_come_out_as_the_sheet_says(tmp_path: Path, choices, seed: int) -> None:
    out = hand_made(tmp_path / str(seed) / "_".join(map(str, choices)))
    (out / "review.json").unlink(missing_ok=True)
    path = export(out)
    wb = load_workbook(path)
    ws = wb["Review"]
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    random.Random(seed).shuffle(values)
    paired = iter(choices)
    wanted = {}
    for row, data in zip(ws.iter_rows(min_row=2), values):
        for cell, value in zip(row, data):
            cell.value = value
        if row[3].value and row[2].value:  # a pair: the reviewer's choice
            row[7].value = next(paired)
            wanted[row[1].value] = (row[7].value or "").strip().lower()
    wb.save(path)
    result = _import(path, out)
    assert result.exit_code == 0, result.stderr
    state = replay(read_beads(out / "tmx" / "doc.beads.json").beads, load_review(out / "review.json").get("doc", []))
    got = {n: {Status.ACCEPTED: "accept", Status.REJECTED: "reject"}.get(b.status, "")
           for n, b in enumerate(state, 1) if b.paired}
    assert got == wanted
