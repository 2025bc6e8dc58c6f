"""DOCX and PDF documents: what Word shows and what a PDF's text layer holds, read as
paragraphs with their debris; unreadable PDFs skipped by build. Fixtures are made at test
time (tests/docx_fixtures.py with python-docx, tests/pdf_fixtures.py with reportlab)."""
from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.cli import cli
from aligner.documents import read_document
from aligner.documents.formats import UnreadableDocument
from aligner.errors import EncodingError, InputError
from aligner.model import DocKind, Lang, Role
from tests import pdf_fixtures as P
from tests.docx_fixtures import GUIDES, guide_docx

GOLDEN = Path(__file__).parent / "data" / "formats" / "docx" / "guide.tmx"


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _kinds(doc) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in doc.debris:
        found.setdefault(d.kind, []).append(d.text)
    return found


# --- DOCX -----------------------------------------------------------------------------

def test_docx_reads_what_word_shows_paragraph_by_paragraph(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path / "guide.docx", guide_docx("zh")))
    zh = GUIDES["zh"]
    assert doc.kind is DocKind.DOCX and doc.encoding == "docx"
    before, bold, middle, link, after = zh["lead"]
    lead = before + bold + middle + link + after  # bold and the hyperlink do not split it
    change = zh["change"][0] + zh["change"][1] + zh["change"][3]  # insertion in, deletion out
    cells = [cell for row in zh["table"] for cell in row]
    assert [p.text for p in doc.zh] == [zh["title"], lead, change, zh["note_para"], *cells, zh["footnote"]]
    # line = paragraph number: title 1, TOC field paragraphs 2-4, … footnote after the body
    assert [p.line for p in doc.zh] == [1, 5, 6, 7, 8, 9, 10, 11, 12]
    kinds = _kinds(doc)
    assert kinds["tracked-deletion"] == [zh["change"][2]]
    assert kinds["field"] == [zh["toc"], "1"]  # the table of contents and the page number
    assert zh["header"] in kinds["furniture"]
    assert not doc.en


def test_docx_pair_through_build_matches_golden_tmx(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus / "zh" / "guide.docx", guide_docx("zh"))
    _write(corpus / "en" / "guide.docx", guide_docx("en"))
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), "--json"])
    assert run.exit_code == 0, run.output
    produced = out / "tmx" / "guide.tmx"
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, GOLDEN)
    assert produced.read_bytes() == GOLDEN.read_bytes(), f"{produced} differs from {GOLDEN}"
    segs = [seg.text or "" for seg in etree.parse(str(produced)).iter("seg")]
    assert segs and not any(re.search(r"[<>\n\r]|w:|\bxml\b", seg) for seg in segs)
    pairs = dict(zip(segs[0::2], segs[1::2]))
    assert pairs[GUIDES["zh"]["footnote"]] == GUIDES["en"]["footnote"]  # footnotes are segments


def test_other_zip_files_are_refused_with_what_they_are(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(EncodingError, match=r"book\.xlsx: not a text file: it is an Excel workbook"):
        read_document(_write(tmp_path / "book.xlsx", buffer.getvalue()))
    # a .docx with no Word document in it, and a damaged one: one line, no traceback
    with pytest.raises(UnreadableDocument, match="no word/document.xml"):
        read_document(_write(tmp_path / "empty.docx", buffer.getvalue()))
    with pytest.raises(UnreadableDocument, match="damaged Word document"):
        read_document(_write(tmp_path / "cut.docx", guide_docx("zh")[:200]))


def _docx(document: str, endnotes: str = "") -> bytes:
    """A minimal package written by hand: the parts Word needs to find the text."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
         'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("_rels/.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="word/main.xml"/></Relationships>'))
        package.writestr("word/main.xml", f"<w:document {ns}><w:body>{document}</w:body></w:document>")
        package.writestr("word/_rels/main.xml.rels", (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r2" Type="{rel}/endnotes" Target="notes/end.xml"/></Relationships>'))
        package.writestr("word/notes/end.xml", f"<w:endnotes {ns}>{endnotes}</w:endnotes>")
    return buffer.getvalue()


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_text_boxes_hidden_text_fields_and_endnotes(tmp_path: Path) -> None:
    box = ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
           + _p(_r("文本框里的说明。")) + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
           "<w:txbxContent>" + _p(_r("文本框里的说明。")) + "</w:txbxContent></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r>")
    link = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.org" '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("链接文字")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = (
        _p(_r("第一行"), "<w:r><w:br/></w:r>", _r("第二行，"), _r("看不见的字", "<w:rPr><w:vanish/></w:rPr>"), _r("结束。"))
        + _p(_r("正文带一个文本框。"), box)
        + _p(_r("这段有"), link, _r("和页码"), '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>', _r("。"))
        + "<w:sectPr/>"
    )
    notes = ('<w:endnote w:type="separator" w:id="0">' + _p(_r("———")) + "</w:endnote>"
             '<w:endnote w:id="1">' + _p(_r("尾注的文字。")) + "</w:endnote>")
    doc = read_document(_write(tmp_path / "crafted.docx", _docx(body, notes)))
    assert [(p.line, p.text) for p in doc.zh] == [
        (1, "第一行第二行，结束。"), (2, "正文带一个文本框。"), (3, "文本框里的说明。"),
        (4, "这段有链接文字和页码。"), (5, "尾注的文字。"),
    ]
    assert _kinds(doc) == {"hidden": ["看不见的字"], "field": ["7"]}


def test_a_password_protected_docx_is_refused(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
    with pytest.raises(UnreadableDocument, match="encrypted .password-protected. Word document"):
        read_document(_write(tmp_path / "secret.docx", ole))


# --- PDF ------------------------------------------------------------------------------

def test_pdf_paper_gives_paragraphs_roles_and_page_debris(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path / "paper.pdf", P.paper_pdf()))
    assert doc.kind is DocKind.PDF_TEXT and doc.encoding == "pdf"
    roles = {p.role: p.text for p in doc.zh if p.role is not Role.BODY}
    assert roles == {
        Role.TITLE: P.TITLE, Role.AUTHORS: "王小明 李华",
        Role.ABSTRACT: P.ZH_ABSTRACT.removeprefix("摘要："), Role.KEYWORDS: P.ZH_KEYWORDS.removeprefix("关键词："),
    }
    assert [p.text for p in doc.zh if p.role is Role.BODY] == P.BODY  # lines joined, no page furniture
    en = {p.role: p.text for p in doc.en}
    assert en == {Role.TITLE: P.EN_TITLE, Role.ABSTRACT: P.EN_ABSTRACT.removeprefix("Abstract: "),
                  Role.KEYWORDS: P.EN_KEYWORDS.removeprefix("Key words: ")}
    assert all(p.lang is Lang.EN for p in doc.en)
    kinds = _kinds(doc)
    assert len(kinds["running-header"]) == 2 and all("机器翻译研究" in t for t in kinds["running-header"])
    assert [t.strip() for t in kinds["page-number"]] == ["1", "2"]
    # line numbers refer to the extracted text (doc.source)
    lines = doc.source.split("\n")
    for para in doc.zh:
        assert para.text[:4] in lines[para.line - 1]


PDF_GOLDEN = Path(__file__).parent / "data" / "formats" / "pdf" / "paper.tmx"


def test_pdf_paper_through_build_matches_golden_tmx(tmp_path: Path) -> None:
    """A Chinese paper as a PDF: its title, abstract and key words pair with the English
    ones the paper carries; no TU holds page furniture, markup or a line break."""
    corpus = tmp_path / "corpus"
    _write(corpus / "zh" / "paper.pdf", P.paper_pdf())
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert run.exit_code == 0, run.output
    produced = out / "tmx" / "paper.tmx"
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        PDF_GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, PDF_GOLDEN)
    assert produced.read_bytes() == PDF_GOLDEN.read_bytes(), f"{produced} differs from {PDF_GOLDEN}"
    segs = [seg.xpath("string(.)") for seg in etree.parse(str(produced)).iter("seg")]
    assert len(segs) >= 6
    assert not any(re.search(r"[\n<>]|机器翻译研究 第|^\d+$", s) for s in segs), segs


def test_pdf_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path / "columns.pdf", P.two_column_pdf()))
    assert [p.text for p in doc.zh] == ["".join(P.LEFT_COLUMN), "".join(P.RIGHT_COLUMN)]


def test_unreadable_pdfs_raise_one_line_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument) as locked:
        read_document(_write(tmp_path / "locked.pdf", P.encrypted_pdf()))
    assert "encrypted PDF" in str(locked.value) and "\n" not in str(locked.value)
    with pytest.raises(UnreadableDocument) as scan:
        read_document(_write(tmp_path / "scan.pdf", P.scanned_pdf()))
    assert "without a text layer" in str(scan.value) and "ocrmypdf" in str(scan.value)
    with pytest.raises(UnreadableDocument, match="damaged PDF"):
        read_document(_write(tmp_path / "cut.pdf", P.paper_pdf()[:300]))


def test_build_skips_encrypted_and_scanned_pdfs_and_exits_3(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write(corpus / "zh" / "paper.pdf", P.paper_pdf())
    _write(corpus / "zh" / "locked.pdf", P.encrypted_pdf())
    _write(corpus / "zh" / "scan.pdf", P.scanned_pdf())
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), "--json"])
    assert run.exit_code == 3, run.output
    data = json.loads(run.stdout)
    skipped = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert sorted(skipped) == ["locked.pdf", "scan.pdf"]
    assert "encrypted" in skipped["locked.pdf"] and "text layer" in skipped["scan.pdf"]
    assert (out / "tmx" / "paper.tmx").is_file()  # the readable paper is built (its own English)
    text = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert text.exit_code == 3 and "locked.pdf" in text.stdout and "scan.pdf" in text.stdout


@pytest.mark.parametrize("name, make", [("a.docx", lambda: guide_docx("zh")), ("a.pdf", P.paper_pdf)])
def test_damaged_files_fail_with_one_line_never_a_traceback(name: str, make, tmp_path: Path) -> None:
    """Bytes flipped and files cut short: read, or refused as an InputError (one line)."""
    data = make()
    rng = random.Random(14)
    refused = 0
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if rng.random() < 0.3:
            damaged = damaged[:rng.randrange(len(damaged))]
        try:
            read_document(_write(tmp_path / name, bytes(damaged)))
        except InputError as exc:
            refused += 1
            assert "\n" not in str(exc) and str(exc).startswith(str(tmp_path / name) + ": ")
    assert refused  # the damage was real
