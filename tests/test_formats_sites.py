"""Documents in shapes real sites and tools write that the first fixtures did not have (our
own text): Hugo TOML and Docusaurus/MDX front matter whose title and description are
translated, a link definition right under a paragraph or footnote, MDX module lines,
admonition titles, a WebVTT ruby reading, a DOCX reviewer's comment. Each golden file says
what is read and what is set aside; hostile variants end in one line, never a traceback.
Regenerate the goldens after a deliberate change with ``ALIGNER_UPDATE_GOLDEN=1``."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.cli import cli
from aligner.documents import DEBRIS_KINDS, conservation_errors, read_document

from .test_documents_golden import summary

SITES = Path(__file__).parent / "data" / "formats" / "markdown" / "sites"
FIXTURES = sorted(p for p in SITES.iterdir() if p.suffix in (".md", ".mdx"))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_site_markdown_matches_golden(path: Path) -> None:
    doc = read_document(path)
    got = summary(doc)
    golden = path.with_name(path.name + ".golden")
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    assert conservation_errors(path.read_text(encoding="utf-8"), doc) == []
    assert {d.kind for d in doc.debris} <= set(DEBRIS_KINDS)  # every kind is documented


def _texts(path: Path) -> list[tuple[int, str]]:
    return [(p.line, p.text) for p in read_document(path).zh]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_shows_its_title_and_description_and_keeps_the_rest_as_data(tmp_path: Path) -> None:
    doc = read_document(SITES / "hugo.md")
    assert [(p.line, p.text) for p in doc.zh][:3] == [
        (2, "备份与恢复"), (3, "备份"), (4, "定期备份术语库，出错时可以恢复。")]
    # a shown key inside a [table] is text too (a theme shows .Params.summary); dates,
    # weights and tags stay data
    assert (12, "主题在列表页显示这段摘要。") in [(p.line, p.text) for p in doc.zh]
    assert doc.front_matter["params"] == {"summary": "主题在列表页显示这段摘要。"}
    assert doc.front_matter["date"] == "2024-03-01 10:00:00+00:00" and doc.front_matter["weight"] == 30
    debris = {(d.kind, d.line, d.text) for d in doc.debris}
    assert {("front-matter", 2, 'title = ""'), ("front-matter", 8, "weight = 30")} <= debris
    # only strings are text, or a list's strings: a number or a tagged value (!!binary) stays data
    odd = read_document(_write(tmp_path / "odd.md", "---\ntitle: [甲, 乙]\ndescription: !!binary aGVsbG8=\n"
                                                     "summary: 2024\nsubtitle: 副标题\n---\n正文。\n"))
    assert [(p.line, p.text) for p in odd.zh] == [(2, "甲"), (2, "乙"), (5, "副标题"), (7, "正文。")]
    # a folded YAML block joins its lines as soft wraps: no space between Han characters
    assert (5, "用五分钟完成第一次对齐。") in _texts(SITES / "docusaurus.mdx")


def test_definitions_mdx_modules_and_admonition_titles() -> None:
    texts = _texts(SITES / "references.md")
    # the definitions under a paragraph and under a footnote resolve their links
    assert texts[0] == (1, "这个工具的设计参考了两篇论文和一个开源项目。")
    assert (4, "项目的源代码见仓库。") in texts
    # a line shaped like a definition whose "destination" is prose stays text
    assert (7, "升级之前请读这一段。[注意]: 请先备份再升级。") in texts
    doc = read_document(SITES / "docusaurus.mdx")
    code = [(d.line, d.text) for d in doc.debris if d.kind == "code"]
    assert code == [(12, "import Tabs from '@theme/Tabs';"), (13, "import TabItem from '@theme/TabItem';"),
                    (23, "export const toc = ["), (24, "{value: '准备', id: 'prepare'},"), (25, "];")]
    shown = [(p.line, p.text) for p in doc.zh]
    assert (17, "小提示") in shown
    # a component's label is text of its own (the tab shows it above its content)
    assert shown[-2:] == [(28, "视窗系统"), (27, "在视窗系统上运行安装程序。")]
    # a shortcode alone on its line showing a caption or a tab name is a block of its own
    assert _texts(SITES / "hugo.md")[-3:] == [(19, "备份设置页面"), (22, "命令行"), (23, "运行备份命令。")]


def test_the_translated_title_and_description_are_aligned(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "zh").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "zh" / "backup.md").write_bytes((SITES / "hugo.md").read_bytes())
    (corpus / "en" / "backup.md").write_text(
        '+++\ntitle = "Backup and restore"\nlinkTitle = "Backup"\ndescription = """\n'
        'Back up the termbase regularly,\nand restore it when something goes wrong."""\n'
        "date = 2024-03-01T10:00:00Z\nweight = 30\n+++\n\n## Backup {#backup}\n\n"
        "An automatic backup runs every night.\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "out"), "-q"])
    assert run.exit_code == 0, run.output
    tmx = etree.parse(str(tmp_path / "out" / "tmx" / "backup.tmx"))
    pairs = {tu.xpath("string(tuv[1]/seg)"): tu.xpath("string(tuv[2]/seg)") for tu in tmx.iter("tu")}
    assert pairs["备份与恢复"] == "Backup and restore"
    assert pairs["定期备份术语库，出错时可以恢复。"] == \
        "Back up the termbase regularly, and restore it when something goes wrong."


def test_a_webvtt_ruby_reading_is_markup_not_text(tmp_path: Path) -> None:
    path = tmp_path / "lesson.vtt"
    path.write_text("WEBVTT\n\n00:01.000 --> 00:03.000\n<ruby>汉<rt>hàn</rt></ruby>字的读音。\n", encoding="utf-8")
    doc = read_document(path)
    assert [p.text for p in doc.zh] == ["汉字的读音。"]
    assert ("markup", 4, "<rt>hàn</rt>") in {(d.kind, d.line, d.text) for d in doc.debris}


def _docx_with_comment(comments: str | None = None) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    para = document.add_paragraph("术语表需要每周更新一次。")
    document.add_comment(para.runs, text="这里的频率要和客户确认。", author="审校", initials="SJ")
    document.add_paragraph("最后一段。")
    buffer = io.BytesIO()
    document.save(buffer)
    if comments is None:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            new.writestr(item, comments if item.filename == "word/comments.xml" else old.read(item))
    return out.getvalue()


def test_a_docx_comment_is_counted_not_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(_docx_with_comment())
    doc = read_document(path)
    assert [(p.line, p.text) for p in doc.zh] == [(1, "术语表需要每周更新一次。"), (2, "最后一段。")]
    assert [(d.kind, d.line, d.text) for d in doc.debris] == [("comment", 1, "这里的频率要和客户确认。")]
    assert "comment" in DEBRIS_KINDS
    path.write_bytes(_docx_with_comment("<w:comments"))  # a damaged part: named, the text still read
    doc = read_document(path)
    assert [p.text for p in doc.zh] == ["术语表需要每周更新一次。", "最后一段。"]
    assert [(d.kind, d.text) for d in doc.debris] == [("comment", "word/comments.xml: damaged, not read")]


HOSTILE = {
    "toml-nested": "+++\na = " + "[" * 50_000 + "]" * 50_000 + "\n+++\n正文。\n",
    "toml-unclosed": "+++\ntitle = \"标题\"\n正文。\n",
    "toml-invalid": "+++\ntitle = \"没有结束\n+++\n正文。\n",
    "yaml-title-list": "---\ntitle: [甲, 乙]\ndescription: !!binary aGVsbG8=\n---\n正文。\n",
    "yaml-title-only": "---\ntitle: 只有标题\n---\n",
    "yaml-empty-title": "---\ntitle: ''\nsummary:\n---\n正文。\n",
    "mdx-export-to-eof": "export const a = {\n  b: '正文',\n",
    "long-definition": "正文。\n[a]: https://example.org/" + "x" * 200_000 + "\n",
    # lxml's fragment parser raised AssertionError ("too many bodies") on this HTML block
    "html-block-lxml-assert": '<!DOCTYPE html2<html><head><meta gharset="gb2312html2<html><head>'
                              '<meta charset="gb2312"><titable><tr><td>格</td></tr></table>\n\n正文。\n',
    "fence-in-front-matter": "+++\ntitle = '''\n```\n'''\n+++\n```\n正文。\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_site_markdown_one_line_never_a_traceback(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.md"
    path.write_text(HOSTILE[name], encoding="utf-8")
    run = CliRunner().invoke(cli, ["read", str(path)])
    assert run.exit_code in (0, 2), run.output
    assert "Traceback" not in run.output and run.exception is None or isinstance(run.exception, SystemExit)
    if run.exit_code == 2:
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    else:
        doc = read_document(path)  # what is read and what is set aside account for every letter
        assert conservation_errors(HOSTILE[name], doc) == []


def _hyphenated_pdf() -> bytes:
    """Two pages of English set with line-end hyphens, a running header and page numbers."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pages = [
        [["The aligner reads documents in paral-", "lel and writes a translation mem-", "ory. Its well-",
          "known rival is slower."], ["A second paragraph explains the self-", "contained design of the tool."]],
        [["Each sentence pair is scored by an embed-", "ding model and a dictionary."],
         ["Users can re-", "view every pair before the ex-", "port; a long-", "term user signs it off."]],
    ]
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number, paragraphs in enumerate(pages, start=1):
        sheet.setFont("Helvetica", 9)
        sheet.drawString(72, 800, "Journal of Alignment Studies")
        sheet.drawString(290, 40, str(number))
        sheet.setFont("Helvetica", 11)
        y = 740
        for lines in paragraphs:
            for line in lines:
                sheet.drawString(72, y, line)
                y -= 14
            y -= 14
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def test_pdf_line_end_hyphens_inside_words_go_compounds_keep_theirs(tmp_path: Path) -> None:
    path = tmp_path / "hyphens.pdf"
    path.write_bytes(_hyphenated_pdf())
    doc = read_document(path)
    assert [p.text for p in doc.en] == [
        "The aligner reads documents in parallel and writes a translation memory. Its well-known rival is slower.",
        "A second paragraph explains the self-contained design of the tool.",
        "Each sentence pair is scored by an embedding model and a dictionary.",
        "Users can review every pair before the export; a long-term user signs it off.",
    ]
    assert {d.kind for d in doc.debris} <= set(DEBRIS_KINDS)
    hyphens = [d for d in doc.debris if d.kind == "hyphen"]
    assert [d.text for d in hyphens] == ["-"] * 5
    # each at the line of the extracted text that ends with it; compounds keep theirs
    source = doc.source.split("\n")
    assert [source[d.line - 1].rstrip()[-6:] for d in hyphens] == ["paral-", "n mem-", "embed-", "an re-", "he ex-"]


def test_an_html_block_starts_at_the_line_of_its_first_letter(tmp_path: Path) -> None:
    path = _write(tmp_path / "page.html", "<!DOCTYPE html>\n<html><body>\n<div class=\"content\">\n\n"
                                          "直接写在 div 里的一句话。\n<p>\n  段落的文字在下一行。</p>\n</div></body></html>\n")
    assert _texts(path) == [(5, "直接写在 div 里的一句话。"), (7, "段落的文字在下一行。")]


def test_ass_line_breaks_in_srt_and_ruby_readings_in_docx(tmp_path: Path) -> None:
    srt = _write(tmp_path / "converted.srt", "1\n00:00:01,000 --> 00:00:02,000\n我们明天\\N早上出发。\n\n"
                                            "2\n00:00:02,000 --> 00:00:04,000\nThe bus\\Nleaves at\\hnine.\n")
    doc = read_document(srt)
    assert [p.text for p in doc.zh + doc.en] == ["我们明天早上出发。", "The bus leaves at nine."]
    assert [d.text for d in doc.debris if d.kind == "ass-override"] == ["\\N", "\\N", "\\h"]
    from .test_formats_docx_pdf import _docx, _p, _r

    ruby = ("<w:r><w:ruby><w:rubyPr/><w:rt>" + _r("hàn") + "</w:rt><w:rubyBase>" + _r("汉")
            + "</w:rubyBase></w:ruby></w:r>")
    doc = read_document(_write_bytes(tmp_path / "ruby.docx", _docx(_p(ruby, _r("字的读音。")))))
    assert [p.text for p in doc.zh] == ["汉字的读音。"]
    assert [(d.kind, d.text) for d in doc.debris] == [("markup", "hàn")]


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_srt_with_bom_crlf_numbering_gaps_overlaps_and_styling(tmp_path: Path) -> None:
    data = ("\ufeff1\r\n00:00:01,000 --> 00:00:03,000\r\n<font color=\"#ffff00\">我们明天</font>\r\n<b>早上出发。</b>\r\n\r\n"
            "5\r\n00:00:02,500 --> 00:00:04,000 X1:100 X2:200 Y1:10 Y2:20\r\n{\\an8}天气预报说会下雨。\r\n\r\n\r\n\r\n"
            "9\r\n00:00:05,000 --> 00:00:06,000\r\n带上伞吧\r\n").encode("utf-8")
    doc = read_document(_write_bytes(tmp_path / "film.srt", data))
    assert [(p.line, p.text) for p in doc.zh] == [(3, "我们明天早上出发。"), (8, "天气预报说会下雨。"), (14, "带上伞吧")]
    assert doc.debris_counts() == {"ass-override": 1, "cue-number": 3, "cue-setting": 1, "subtitle-tag": 4,
                                   "timecode": 3}
