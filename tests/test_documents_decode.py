"""Encodings in, one text out; anything else an exact, actionable error."""
from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.documents import decode, find_english, read_corpus, read_document, read_text
from aligner.errors import EncodingError, InputError

ZH = "翻译记忆是计算机辅助翻译的核心。\n第二行 TMX 1.4b\n"
TRAD = "翻譯記憶是電腦輔助翻譯的核心。\n第二行 TMX 1.4b\n"


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        (ZH.encode("utf-8"), ZH, "utf-8"),
        (codecs.BOM_UTF8 + ZH.encode("utf-8"), ZH, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), ZH, "utf-16-le"),
        (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), ZH, "utf-16-be"),
        (codecs.BOM_UTF32_LE + ZH.encode("utf-32-le"), ZH, "utf-32-le"),
        (ZH.encode("utf-16-le"), ZH, "utf-16-le"),
        (ZH.encode("utf-16-be"), ZH, "utf-16-be"),
        (ZH.encode("gb18030"), ZH, "gb18030"),
        (ZH.encode("gbk"), ZH, "gb18030"),
        ("中文".encode("gbk"), "中文", "gb18030"),
        (TRAD.encode("big5"), TRAD, "big5"),
        ("中文".encode("big5"), "中文", "big5"),
        (TRAD.encode("gbk"), TRAD, "gb18030"),  # traditional characters saved as GBK
        (b"", "", "utf-8"),
        (b"plain ASCII\r\n", "plain ASCII\r\n", "utf-8"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None,
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    assert decode(data, Path("a.txt")) == (text, encoding)


def _zip(name: str = "notes/a.txt") -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(name, "<w/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
         "a.txt: not a text file: it is a PNG image. give the text of the document as a .txt file saved as UTF-8."),
        (_zip(), "a.txt: not a text file: it is a ZIP archive. unpack it and give the documents inside it."),
        (_zip("xl/workbook.xml"), "a.txt: not a text file: it is an Excel workbook (.xlsx). "
                                  "save the sheet as CSV or plain text (UTF-8), or give the document itself."),
        (b"%PDF-1.7\n", "a.txt: not a text file: it is a PDF file. "
                        "give it as a document (aligner build and align read PDFs), or extract its text."),
        (b"ok\nline two\n" + bytes(range(0x80, 0x100)) * 4,
         "a.txt:3: cannot decode byte 0x80 at column 1: the file is not UTF-8, UTF-16, GB18030/GBK or Big5. "
         "re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)."),
        (bytes(range(0, 32)) * 20, "a.txt: not a text file: it holds binary data (many control bytes). "
                                   "give a plain-text document saved as UTF-8."),
        (codecs.BOM_UTF16_LE + b"\x00\xd8A\x00",
         "a.txt:1: the file starts with a UTF-16-LE byte-order mark but byte 2 (column 3) is not valid utf-16-le. "
         "re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)."),
    ],
    ids=["png", "zip", "xlsx", "pdf", "undecodable", "binary", "bad-utf16"],
)
def test_undecodable_input_has_exact_message(data: bytes, message: str) -> None:
    with pytest.raises(EncodingError) as info:
        decode(data, Path("a.txt"))
    assert str(info.value) == message


def test_a_few_bad_utf8_bytes_are_counted_not_fatal(tmp_path: Path) -> None:
    lines = [f"第{i}行文字。" for i in range(1, 1500)]
    data = "\n\n".join(lines).encode("utf-8").split(b"\n")
    data[1233] = data[1233] + b"\xff\xfe"  # source line 1234
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\n".join(data))
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert [(d.kind, d.line) for d in doc.debris] == [("undecodable", 1234)]


def test_mixed_newlines_nul_and_controls(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes("甲\x00乙\r\n丙\x07\r\r丁\x1b[0m\n\x0c戊".encode())
    doc = read_document(path)
    assert [(p.text, [s.line for s in p.spans]) for p in doc.zh] == [("甲乙丙", [1, 2]), ("丁[0m 戊", [4, 5])]
    assert doc.debris_counts() == {"control": 3, "page-break": 1}


def test_empty_and_whitespace_files_are_errors(tmp_path: Path) -> None:
    # an empty file is a failed export or the wrong file: every command would otherwise
    # write an empty TMX or glossary for it without a word (issue 8)
    for name, data, what in (("e.txt", b"", "the file is empty"),
                             ("w.txt", b" \n\t\r\n\xe3\x80\x80\n", "the file holds only whitespace")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as info:
            read_document(path)
        assert str(info.value) == f"{path}: {what}. give the document's text, or remove the file."
    assert read_text("", tmp_path / "e.txt").zh == []  # already-decoded text is not a file


def test_missing_corpus_folder_message(tmp_path: Path) -> None:
    missing = tmp_path / "corpus" / "zh"
    with pytest.raises(InputError) as info:
        read_corpus(missing, None)
    assert str(info.value) == (
        f"{missing}: corpus folder not found. create it and put the Chinese documents in it, or pass --corpus DIR."
    )


def test_empty_corpus_folder_message(tmp_path: Path) -> None:
    (tmp_path / ".gitkeep").write_text("")
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path, None)
    assert str(info.value) == (
        f"{tmp_path}: corpus folder is empty. put the Chinese documents (.txt or .md, UTF-8) in it."
    )


def test_missing_file_and_folder_as_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "nope.txt")
    assert str(info.value) == f"{tmp_path / 'nope.txt'}: file not found. check the path."
    with pytest.raises(InputError) as info:
        read_document(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a folder, not a file. give a text file."


def test_corpus_pairs_english_by_stem(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh", tmp_path / "en"
    zh.mkdir()
    en.mkdir()
    (zh / "b.txt").write_text("乙。\n", encoding="utf-8")
    (zh / "a.md").write_text("甲。\n", encoding="utf-8")
    (en / "a.txt").write_text("A.\n", encoding="utf-16")
    (en / "a.pdf").write_bytes(b"%PDF-")
    (en / ".gitkeep").write_text("")
    (en / "README.md").write_text("Put English files here.")
    (zh / "README.txt").write_text("Put Chinese files here.")
    assert find_english(en, "a") == en / "a.txt"
    assert find_english(en, "b") is None
    docs = read_corpus(zh, en)
    assert [d.stem for d in docs] == ["a", "b"]
    assert [p.text for p in docs[0].en] == ["A."] and docs[0].en_path == en / "a.txt"
    assert docs[1].en == [] and docs[1].en_path is None


def test_cli_reports_undecodable_file_in_one_line(tmp_path: Path) -> None:
    from aligner.cli import cli

    (tmp_path / "corpus" / "zh").mkdir(parents=True)
    bad = tmp_path / "corpus" / "zh" / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"aligner: {bad}: not a text file: it is a PNG image. "
        "give the text of the document as a .txt file saved as UTF-8.\n"
    )
    assert "Traceback" not in result.output


def test_two_documents_with_one_stem_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("甲。", encoding="utf-8")
    (tmp_path / "a.md").write_text("乙。", encoding="utf-8")
    (tmp_path / "b.txt~").write_text("备份。", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_corpus(tmp_path, None)
    assert str(info.value) == (
        f"{tmp_path}: two documents share the name 'a' (a.md, a.txt). rename one of them: "
        "outputs are named after the file name without its suffix."
    )


@pytest.mark.parametrize(
    "front_matter",
    [
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
        "a: &a [1, *a]",
    ],
    ids=["billion-laughs", "recursive-alias"],
)
def test_front_matter_bombs_are_refused(tmp_path: Path, front_matter: str) -> None:
    from aligner.errors import FormatError

    path = tmp_path / "bomb.md"
    path.write_text(f"---\n{front_matter}\n---\n\n正文。\n", encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_document(path)
    assert str(info.value) == (
        f"{path}:1: the YAML front matter is too large or nests too deeply (recursive aliases?). "
        "simplify the front matter between the --- lines."
    )


def test_front_matter_that_is_not_a_mapping_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text("---\njust a sentence: [unclosed\n---\n\n正文。\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.front_matter == {}
    assert [p.text for p in doc.zh] == ["just a sentence: [unclosed", "正文。"]


def test_english_file_without_chinese_document_is_reported(tmp_path: Path) -> None:
    zh, en = tmp_path / "zh", tmp_path / "en"
    zh.mkdir()
    en.mkdir()
    (zh / "paper.txt").write_text("甲。\n", encoding="utf-8")
    (en / "papr.txt").write_text("A.\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_corpus(zh, en)
    assert str(info.value) == (
        f"{en / 'papr.txt'}: no Chinese document named 'papr' in {zh}. name the English file after its "
        f"Chinese document ({zh}/<name>.txt → <name>.txt here)."
    )
