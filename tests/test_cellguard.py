"""Spreadsheet formula injection: every CSV/TSV cell we write that starts like a formula gets a
leading quote (OWASP), and our readers take it off again, so round trips stay exact."""
from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.files import AlignedFiles
from aligner.align.output import render_tsv
from aligner.check.units import read_units
from aligner.formats.cellguard import escape_cell, unescape_cell
from aligner.formats.glossary_files import write_csv
from aligner.formats.glossary_read import read_glossary
from aligner.model import Bead, Lang, Segment, TermEntry

FORMULA_STARTS = "=+-@\t\r"


@pytest.mark.parametrize(("text", "cell"), [
    ("=HYPERLINK(\"http://example.com\")", "'=HYPERLINK(\"http://example.com\")"),
    ("+1 次", "'+1 次"), ("-ize", "'-ize"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTab", "'\tTab"), ("\rCR", "'\rCR"),
    ("'=already quoted", "''=already quoted"),  # one more quote, so the reader can take one off
    ("'quoted", "'quoted"), ("人工智能", "人工智能"), ("a-b", "a-b"), ("", ""),
])
def test_escape_examples(text: str, cell: str) -> None:
    assert escape_cell(text) == cell
    assert unescape_cell(cell) == text


@given(st.text())
def test_unescape_undoes_escape_for_every_string(text: str) -> None:
    cell = escape_cell(text)
    assert unescape_cell(cell) == text
    assert not cell or cell[0] not in FORMULA_STARTS


def _cells(data: bytes, delimiter: str = ",") -> list[str]:
    return [c for row in csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter) for c in row]


def test_glossary_csv_escapes_formulas_and_reads_them_back(tmp_path: Path) -> None:
    entries = [TermEntry("=1+1", "-ize", definition="@SUM(A1:A9)"), TermEntry("负五", "-5", definition="+5")]
    path = tmp_path / "g.csv"
    write_csv(entries, path)
    cells = _cells(path.read_bytes())
    assert "'=1+1" in cells and "'-ize" in cells and "'@SUM(A1:A9)" in cells and "'-5" in cells
    assert not [c for c in cells if c and c[0] in FORMULA_STARTS]
    back = read_glossary(path)
    assert [(e.zh, e.en, e.definition) for e in back] == [(e.zh, e.en, e.definition) for e in entries]


prefix = st.sampled_from(["", "=", "+", "-", "@", "'", "'=", "''-", "-'", "'+'"])
body = st.text(st.characters(categories=("Lo", "Lu", "Ll", "Nd", "Pd", "Sm")), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(prefix, body, prefix, body, prefix, body), min_size=1, max_size=4,
                     unique_by=lambda r: r[0] + r[1]))
def test_glossary_csv_round_trip_is_exact(rows: list[tuple[str, ...]]) -> None:
    entries = [TermEntry("中" + a + b, c + d, definition=e + f) for a, b, c, d, e, f in rows]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.csv"
        write_csv(entries, path)
        assert not [c for c in _cells(path.read_bytes()) if c and c[0] in FORMULA_STARTS]
        back = {e.zh: (e.en, e.definition) for e in read_glossary(path)}
    assert back == {e.zh: (e.en, e.definition) for e in entries}


def test_align_tsv_escapes_formulas_and_check_reads_them_back(tmp_path: Path) -> None:
    src = (Segment("-5度以下会结冰。", Lang.ZH, "t", 1), Segment("=号表示相等。", Lang.ZH, "t", 2))
    tgt = (Segment("-5 degrees freezes.", Lang.EN, "t", 1), Segment("@ means at.", Lang.EN, "t", 2))
    result = AlignedFiles(Path("zh"), Path("en"), src, tgt, (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8)), "x")
    text = render_tsv(result)
    cells = _cells(text.encode("utf-8"), "\t")
    assert "'-5度以下会结冰。" in cells and "'@ means at." in cells
    assert not [c for c in cells if c and c[0] in FORMULA_STARTS]
    path = tmp_path / "aligned.tsv"
    path.write_text(text, encoding="utf-8")
    units = list(read_units([path]))
    assert [(u.source, u.target) for u in units] == [(s.text, t.text) for s, t in zip(src, tgt)]
