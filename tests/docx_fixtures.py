"""Word documents made at test time with python-docx (a test-only dependency), our own text.

python-docx writes the package (styles, a header and footer, a table, bold runs); what it
cannot write (a hyperlink, tracked changes, fields, a footnote) is added as OOXML, the way
Word writes it.
"""
from __future__ import annotations

import datetime
import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS = f'xmlns:w="{W}" xmlns:r="{R}"'


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _para(inner: str) -> str:
    return f"<w:p {_NS}>{inner}</w:p>"


GUIDES = {
    "zh": {
        "title": "对齐工具使用说明",
        "toc": "对齐工具使用说明 1",
        "lead": ("本工具把", "中文文档", "与英文译文配成句对，", "项目主页", "上有完整的说明。"),
        "change": ("译者可以", "随时", "永远不", "修改术语表。"),
        "note_para": "对齐结果写成一个翻译记忆文件。",
        "footnote": "这个工具完全离线运行，不需要网络。",
        "table": [("源语言", "中文"), ("目标语言", "英文")],
        "header": "内部资料 请勿外传",
        "footer": ("第 ", " 页"),
    },
    "en": {
        "title": "Alignment Tool Guide",
        "toc": "Alignment Tool Guide 1",
        "lead": ("This tool pairs ", "Chinese documents", " with their English translations, and the ",
                 "project home page", " has the full guide."),
        "change": ("Translators can change the glossary ", "at any time", "never", "."),
        "note_para": "The alignment is written as a translation memory file.",
        "footnote": "The tool runs fully offline and needs no network.",
        "table": [("Source language", "Chinese"), ("Target language", "English")],
        "header": "Internal use only",
        "footer": ("Page ", ""),
    },
}


def _lead(parts: tuple[str, ...]) -> str:
    before, bold, middle, link, after = parts
    return _para(_run(before) + _run(bold, bold=True) + _run(middle)
                 + f'<w:hyperlink r:id="rIdLink">{_run(link)}</w:hyperlink>' + _run(after))


def _change(parts: tuple[str, ...]) -> str:
    before, inserted, deleted, after = parts
    return _para(_run(before)
                 + f'<w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">{_run(inserted)}</w:ins>'
                 + f'<w:del w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>{deleted}'
                 f'</w:delText></w:r></w:del>' + _run(after))


def _field(instruction: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{_run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def guide_docx(lang: str) -> bytes:
    """A short guide in ``lang`` ("zh" or "en"): title, a TOC field, a sentence with a bold
    run and a hyperlink, a tracked insertion and deletion, a footnote, a table, a header and
    a footer with a page number field."""
    import docx
    from docx.oxml import parse_xml

    text = GUIDES[lang]
    document = docx.Document()
    document.core_properties.created = datetime.datetime(2026, 1, 1)
    document.add_heading(text["title"], level=1)
    body = document.element.body
    sect = body[-1]
    # a table of contents: a computed field over a paragraph of its own
    sect.addprevious(parse_xml(_para('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                                     '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
                                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')))
    sect.addprevious(parse_xml(_para(_run(text["toc"]))))
    sect.addprevious(parse_xml(_para('<w:r><w:fldChar w:fldCharType="end"/></w:r>')))
    sect.addprevious(parse_xml(_lead(text["lead"])))
    sect.addprevious(parse_xml(_change(text["change"])))
    sect.addprevious(parse_xml(_para(_run(text["note_para"])
                                     + '<w:r><w:footnoteReference w:id="1"/></w:r>')))
    table = document.add_table(rows=0, cols=2)
    for left, right in text["table"]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right
    section = document.sections[0]
    section.header.paragraphs[0].text = text["header"]
    footer = section.footer.paragraphs[0]._p
    before, after = text["footer"]
    footer.addnext(parse_xml(_para(_run(before) + _field("PAGE", "1") + (_run(after) if after else ""))))
    footer.getparent().remove(footer)
    document.part.rels.add_relationship(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        "https://example.org/aligner", "rIdLink", is_external=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return _add_footnotes(buffer.getvalue(), text["footnote"])


_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_NS}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)


def _add_footnotes(data: bytes, note: str) -> bytes:
    """The package with a footnotes part, its relationship and its content type."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'))
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'))
            target.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)), content)
        target.writestr(zipfile.ZipInfo("word/footnotes.xml", date_time=(2026, 1, 1, 0, 0, 0)),
                        _FOOTNOTES.replace("{text}", note).encode("utf-8"))
    return out.getvalue()

