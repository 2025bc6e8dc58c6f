"""A glossary or TM kept in Excel gets told how to save it as text, not a generic "unpack it"."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # the header of an old .xls


def _xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return path


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("zh,en\n深度学习,deep learning\n", encoding="utf-8")
    tm = tmp_path / "tm.csv"
    tm.write_text("source,target\n深度学习很重要。,Deep learning matters.\n", encoding="utf-8")
    xls = tmp_path / "terms.xls"
    xls.write_bytes(OLE)
    return {"glossary": glossary, "tm": tm, "xlsx": _xlsx(tmp_path / "terms.xlsx"), "xls": xls}


GLOSSARY_HINT = ("not a glossary file. save the sheet as CSV UTF-8 (Excel: File > Save As > CSV UTF-8) "
                 "with zh and en columns.")
TM_HINT = ("not a TM or bilingual file. save the sheet as CSV UTF-8 with source and target columns, "
           "or export TMX from your CAT tool.")


@pytest.mark.parametrize("book", ["xlsx", "xls"])
@pytest.mark.parametrize(
    "args, hint",
    [
        (("check", "{tm}", "-g", "{book}"), GLOSSARY_HINT),
        (("glossary", "merge", "{glossary}", "{book}"), GLOSSARY_HINT),
        (("check", "{book}", "-g", "{glossary}"), TM_HINT),
    ],
    ids=["check-glossary", "merge", "check-tm"],
)
def test_a_workbook_is_refused_with_how_to_save_it_as_text(files, book, args, hint):
    argv = [a.format(book=files[book], tm=files["tm"], glossary=files["glossary"]) for a in args]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 2
    assert result.stderr == f"aligner: {files[book]}: an Excel workbook (or another ZIP/OLE file), {hint}\n"
