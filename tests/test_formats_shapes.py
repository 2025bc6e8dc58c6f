"""Shapes of real documents the earlier fixtures did not have (session 9; our own text):
attribute values an HTML page shows (title, alt, placeholder, aria-label, a button's value,
the meta description), ``<q>`` quote marks, pages saved by Sphinx/Docusaurus and by Word,
DOCX written by other editors (w:sym symbol characters, smart tags, content controls,
simple fields, the strict namespace). Each golden file says what is read and what is set
aside and counted; ``ALIGNER_UPDATE_GOLDEN=1`` rewrites them after a deliberate change."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.documents import DEBRIS_KINDS, conservation_errors, read_document
from aligner.documents.formats.docx_symbols import read_symbol

from .shapes_docx import STRICT, docx
from .test_documents_golden import summary

SHAPES = Path(__file__).parent / "data" / "formats" / "shapes"
FIXTURES = sorted(p for p in SHAPES.iterdir() if not p.name.endswith(".golden"))


def _golden(path: Path, got: str) -> None:
    golden = path.with_name(path.name + ".golden")
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_shape_matches_golden(path: Path) -> None:
    doc = read_document(path)
    _golden(path, summary(doc))
    if path.suffix not in (".html", ".htm"):  # a page's tag and attribute names are not text
        assert conservation_errors(path.read_text(encoding="utf-8"), doc) == []
    assert {d.kind.removeprefix("en:") for d in doc.debris} <= set(DEBRIS_KINDS)


def _texts(path: Path) -> list[tuple[int, str]]:
    return [(p.line, p.text) for p in read_document(path).zh]


def test_attributes_a_page_shows_are_segments_and_repeats_are_counted() -> None:
    doc = read_document(SHAPES / "attributes.html")
    texts = [(p.line, p.text) for p in doc.zh]
    assert texts[0] == (3, "如何把记忆库导出为 TMX 文件。")  # <meta name=description content>
    # the tooltip follows the sentence it sits in; alt, placeholder, a submit button's value,
    # an icon button's aria-label and an abbreviation's expansion are segments of their own
    for shown in [(7, "打开导出对话框"), (8, "导出对话框的截图"), (9, "输入文件名"), (9, "保存"), (9, "关闭窗口"),
                  (10, "翻译记忆库"), (12, "关闭窗口"), (12, "刷新页面")]:
        assert shown in texts
    assert texts.index((7, "打开导出对话框")) == texts.index((7, "点击导出按钮。他说“这很简单”，我同意。")) + 1
    debris = {(d.kind, d.line, d.text) for d in doc.debris}
    # a title repeating the link's own text adds nothing: counted, not a second segment
    assert ("attribute", 10, 'title="帮助"') in debris and texts.count((10, "帮助")) == 0
    assert ("html-head", 3, '<meta name="description">') in debris  # its content is the segment
    assert ("html-head", 4, '<meta name="viewport" content="width=device-width">') in debris
    assert ("form", 12, "×") in debris and (12, "×") not in texts


def test_q_gets_the_quote_marks_of_its_language() -> None:
    texts = [t for _, t in _texts(SHAPES / "attributes.html")]
    assert "点击导出按钮。他说“这很简单”，我同意。" in texts  # lang="zh-CN": “”
    assert "他說「先存檔『再關閉』」。" in texts  # lang="zh-TW", nested: 「『』」


def test_sphinx_and_docusaurus_page_furniture_is_not_text() -> None:
    doc = read_document(SHAPES / "sphinx.html")
    assert [p.text for p in doc.zh] == ["安装 — 示例文档", "安装", "先安装依赖，再运行安装脚本。", "下一步"]
    kinds = {(d.kind, d.line) for d in doc.debris}
    # permalinks (¶, a zero-width hash-link) with their "link to heading" titles, the copy
    # button, line numbers beside code, breadcrumbs
    assert {("anchor", 7), ("anchor", 14), ("form", 10), ("code", 11), ("navigation", 15)} <= kinds
    assert not any("Direct link" in d.text or "永久链接" in d.text for d in doc.debris if d.kind == "attribute")


def test_word_save_as_html_keeps_text_and_sets_its_scaffolding_aside() -> None:
    doc = read_document(SHAPES / "word-saved.html")
    assert [p.text for p in doc.zh] == ["使用说明", "这个工具把文档TMX文件配对。", "第一步：准备文档。", "参见脚注。",
                                        "脚注的内容。"]
    debris = [(d.kind, d.line, d.text) for d in doc.debris]
    assert ("list-marker", 15, "1.") in debris  # <![if !supportLists]>1.<![endif]>
    assert [d for d in debris if d[0] == "footnote-marker"] == [("footnote-marker", 18, "[1]"),
                                                                 ("footnote-marker", 21, "[1]")]


_BODY = ('<w:p><w:r><w:t>用</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F061"/></w:r>'
         '<w:r><w:t>粒子轰击金箔，偏转角</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>'
         '<w:r><w:t>90°的很少。</w:t></w:r></w:p>'
         '<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r><w:r><w:t>已完成备份。</w:t></w:r></w:p>'
         '<w:p><w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>北京</w:t></w:r></w:smartTag>'
         '<w:r><w:t>是首都</w:t></w:r><w:r><w:sym w:font="SimSun" w:char="3002"/></w:r></w:p>'
         '<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>内容控件里的一段话。</w:t>'
         '</w:r></w:p></w:sdtContent></w:sdt>'
         '<w:p><w:r><w:t>详见</w:t></w:r><w:fldSimple w:instr=" HYPERLINK &quot;https://example.org&quot; ">'
         '<w:r><w:t>项目网站</w:t></w:r></w:fldSimple><w:r><w:t>。</w:t></w:r></w:p>'
         '<w:p><w:r><w:t>第</w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>'
         '<w:r><w:t>页</w:t></w:r></w:p>'
         '<w:p><w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t>也是文字。</w:t>'
         '</w:r></w:p>')
_DOCX_TEXTS = [(1, "用α粒子轰击金箔，偏转角≥90°的很少。"), (2, "已完成备份。"), (3, "北京是首都。"),
               (4, "内容控件里的一段话。"), (5, "详见项目网站。"), (6, "第页"), (7, "行内控件也是文字。")]


@pytest.mark.parametrize("namespace, prefix", [(None, "w"), (STRICT, "ns0")], ids=["transitional", "strict"])
def test_docx_from_other_editors_symbols_tags_controls_and_fields(tmp_path: Path, namespace, prefix) -> None:
    path = tmp_path / "editor.docx"
    path.write_bytes(docx(_BODY, prefix=prefix) if namespace is None else docx(_BODY, namespace=namespace, prefix=prefix))
    doc = read_document(path)
    assert [(p.line, p.text) for p in doc.zh] == _DOCX_TEXTS
    # a Wingdings check mark has no letter: counted; the page number is a computed field
    assert [(d.kind, d.line, d.text) for d in doc.debris] == [("symbol", 2, "Wingdings F0FC"), ("field", 6, "3")]


@pytest.mark.parametrize("font, char, expected", [
    ("Symbol", "F061", ("α", True)), ("Symbol", "0057", ("Ω", True)), ("Symbol", "F0AE", ("→", True)),
    ("Symbol", "F031", ("1", True)), ("Symbol", "F0D2", ("Symbol F0D2", False)),  # a serif ® with no mapping
    ("Wingdings", "F0FC", ("Wingdings F0FC", False)), ("Webdings", "0061", ("Webdings 0061", False)),
    ("SimSun", "2014", ("—", True)), ("Times New Roman", "F0E9", ("é", True)),
    ("Symbol", "zz", ("Symbol zz", False)), ("Arial", "D800", ("Arial D800", False)), ("Arial", "0001", ("Arial 0001", False)),
])
def test_symbol_characters(font: str, char: str, expected: tuple[str, bool]) -> None:
    assert read_symbol(font, char) == expected


def test_aligner_read_prints_attribute_segments_and_counts(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["read", str(SHAPES / "attributes.html")])
    assert result.exit_code == 0, result.output
    assert "9\tzh\tbody\t输入文件名\n" in result.stdout
    assert "removed: attribute 1, form 5, html-head 4, image 1;" in result.stderr


def test_json_and_nested_front_matter_values_a_site_shows() -> None:
    # JSON front matter (Hugo): title, description, a nested SEO title, a list of summaries
    assert _texts(SHAPES / "json-front-matter.md") == [
        (2, "安装指南"), (3, "在三个平台上安装工具。"), (5, "如何安装对齐工具"), (6, "下载安装包。"), (6, "运行安装程序。"),
        (9, "正文第一段。")]
    doc = read_document(SHAPES / "json-front-matter.md")
    assert doc.front_matter["weight"] == 10 and doc.front_matter["seo"]["keywords"] == ["安装", "对齐"]
    assert ("front-matter", 5, '"seo": {"title": "", "keywords": ["安装", "对齐"]},') in \
        [(d.kind, d.line, d.text) for d in doc.debris]
    # YAML: a nested mapping's title, a folded description (joined without a space), a list
    assert _texts(SHAPES / "nested-front-matter.md") == [
        (2, "备份"), (4, "备份术语库的方法"), (5, "每天备份一次，出错时恢复。"), (9, "定期备份。"), (10, "出错时恢复。"),
        (13, "正文。")]
    # TOML tables
    assert _texts(SHAPES / "toml-tables.md") == [(2, "恢复"), (4, "从备份恢复术语库。"), (6, "恢复的步骤。"), (9, "正文。")]


@pytest.mark.parametrize("text, expected", [
    ("{{< note >}}\n提示。\n{{< /note >}}\n", [(2, "提示。")]),  # a shortcode, not JSON
    ('{"title": "标题",\n正文。\n', [(1, '{"title": "标题"，正文。')]),  # unclosed: text, as a broken YAML block
    ('{"title": "标题"} 后面还有字。\n\n正文。\n', [(1, '{"title": "标题"} 后面还有字。'), (3, "正文。")]),
    ("[1, 2]\n\n正文。\n", [(1, "[1, 2]"), (3, "正文。")]),
    ('{"title": "a\\u4e2d"}\n\n正文。\n', [(1, "a中"), (3, "正文。")]),  # an escaped value: found by its text
])
def test_what_is_not_json_front_matter_stays_text(tmp_path: Path, text: str, expected) -> None:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    assert _texts(path) == expected


def test_hostile_json_front_matter_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text('{"a": ' * 60 + "1" + "}" * 60 + "\n\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "front matter" in result.stderr, result.output
    path.write_text('{"a": ' * 100000 + "\n正文。\n", encoding="utf-8")  # past the parser's recursion: text
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 0 and "Traceback" not in result.output


_RST = ".. _intro:\n\n简介\n====\n\n这是 **重要** 的一段。参见 :ref:`intro`。\n\n.. note::\n\n   注意备份。\n"
_ADOC = "= 标题\n:toc:\n\n== 第一节\n\n这是一段。\n\n[source,python]\n----\nprint(1)\n----\n"


@pytest.mark.parametrize("name, text, what", [
    ("intro.rst", _RST, "a reStructuredText file"), ("guide.adoc", _ADOC, "an AsciiDoc file"),
    ("paper.tex", "\\section{引言}\n正文。\n", "a LaTeX file"), ("notes.org", "* 标题\n正文。\n", "an Org file"),
])
def test_markup_that_is_not_read_is_refused_in_one_line(tmp_path: Path, name: str, text: str, what: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"{name}: {what}: its markup is not read (documents read: plain " \
        "text, Markdown, HTML, EPUB, Word .docx, PDF, SRT/WebVTT/ASS subtitles)" in result.stderr, result.stderr


def _zip(path: Path, entries: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as package:
        for name, text in entries.items():
            package.writestr(name, text)
    return path


def test_a_build_names_each_refused_file_and_reads_the_others(tmp_path: Path) -> None:
    zh = tmp_path / "corpus" / "zh"
    zh.mkdir(parents=True)
    (zh / "intro.rst").write_text(_RST, encoding="utf-8")
    _zip(zh / "book.epub", {"mimetype": "application/epub+zip", "OEBPS/ch1.xhtml": "<html/>",
                            "META-INF/encryption.xml": _DRM})
    _zip(zh / "notes.odt", {"mimetype": "application/vnd.oasis.opendocument.text"})
    (zh / "page.md").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    from aligner.documents.entries import Skipped
    from aligner.documents.reader import read_corpus

    skipped: list[Skipped] = []
    docs = read_corpus(zh, None, skipped=skipped)
    assert [d.stem for d in docs] == ["page"]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "an EPUB book protected by DRM" in reasons["book.epub"]
    assert "OpenDocument text" in reasons["notes.odt"] and "documents read:" in reasons["notes.odt"]
    assert "reStructuredText" in reasons["intro.rst"]


def test_bilingual_subtitles_pair_each_cue_s_english_with_its_chinese(tmp_path: Path) -> None:
    doc = read_document(SHAPES / "bilingual.srt")
    assert [(p.line, p.text) for p in doc.zh] == [
        (3, "今天我们学习翻译记忆库。"), (8, "它保存译者已经翻译过的句子，下次可以直接复用。"), (18, "我们开始吧！")]
    # the English lines are the document's English, joined across cues like the Chinese
    assert [(p.line, p.text) for p in doc.en] == [
        (4, "Today we learn about translation memories."),
        (9, "It keeps the sentences translators have translated, so they can be reused next time."),
        (19, "Let us begin!")]
    assert doc.normalised == {}  # the English comma is not made full-width
    vtt = read_document(SHAPES / "bilingual-english-first.vtt")
    assert [p.text for p in vtt.zh] == ["欢迎回到课程。", "准备好了吗？", "好，我们走吧。", "[音乐]", "第一课讲术语表。"]
    assert [p.text for p in vtt.en] == ["Welcome back to the course.", "Are you ready?", "Yes, let us go.",
                                        "The first lesson is about glossaries."]
    # a file with an English line here and there is not bilingual
    one = tmp_path / "one.srt"
    one.write_text("1\n00:00:01,000 --> 00:00:02,000\n你好。\n\n2\n00:00:02,000 --> 00:00:03,000\n他说：\n"
                   "Hello world.\n\n3\n00:00:03,000 --> 00:00:04,000\n再见。\n", encoding="utf-8")
    assert read_document(one).en == []


def test_a_separate_english_file_supersedes_the_english_lines_counted(tmp_path: Path) -> None:
    en = tmp_path / "en.srt"
    en.write_text("1\n00:00:01,000 --> 00:00:03,000\nToday: translation memories.\n", encoding="utf-8")
    doc = read_document(SHAPES / "bilingual.srt", en_path=en)
    assert [p.text for p in doc.en] == ["Today: translation memories."]
    assert [(d.line, d.text) for d in doc.debris if d.kind == "embedded-english"][0] == \
        (4, "Today we learn about translation memories.")


def test_a_bilingual_subtitle_file_builds_a_tmx_of_its_own_pairs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus" / "zh"
    corpus.mkdir(parents=True)
    (corpus / "lesson.srt").write_bytes((SHAPES / "bilingual.srt").read_bytes())
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"),
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    from lxml import etree

    tmx = etree.parse(str(tmp_path / "out" / "tmx" / "lesson.tmx"))
    pairs = [tuple(seg.text for seg in tu.iter("seg")) for tu in tmx.iter("tu")]
    assert pairs == [("今天我们学习翻译记忆库。", "Today we learn about translation memories."),
                     ("它保存译者已经翻译过的句子，下次可以直接复用。",
                      "It keeps the sentences translators have translated, so they can be reused next time."),
                     ("我们开始吧！", "Let us begin!")]


def test_an_exported_page_s_breadcrumbs_and_footer_divs_are_furniture() -> None:
    doc = read_document(SHAPES / "confluence.html")
    texts = [p.text for p in doc.zh]
    assert "安装之前请关闭杀毒软件。" in texts and "旧版本必须先卸载。" in texts
    assert not any("Confluence" in t or t == "首页" for t in texts)
    # an <ol id="breadcrumbs">, a <div id="footer" role="contentinfo">
    assert [(d.line, d.text) for d in doc.debris if d.kind == "navigation"] == [
        (12, "产品文档 首页"), (33, "Document generated by Confluence on 三月 02, 2024 10:00 Atlassian")]


def test_an_attribute_name_with_control_bytes_is_read_not_a_crash(tmp_path: Path) -> None:
    # found by bench/fuzz_readers.py: lxml refuses to look such a name up again
    path = tmp_path / "page.html"
    path.write_bytes(b'<!DOCTYPE html><html><head><meta \x00\x01.set="gb2312" name="description" content="x">'
                     b"<title>t</title></head><body><p>\xe4\xb8\x80</p></body></html>")
    assert [p.text for p in read_document(path).zh] == ["t", "x", "一"]  # the <title> first


def test_ass_fansub_script_reads_its_dialogue_and_pairs_its_english() -> None:
    doc = read_document(SHAPES / "fansub.ass")
    assert [(p.line, p.text) for p in doc.zh] == [(15, "今天我们学习术语表。"), (16, "术语表让译文前后一致，也能节省时间。"),
                                                  (20, "下课！")]
    # \N splits a dialogue into lines; the English on its own Dialogue line at the same times
    # (style Eng) is the same cue's English
    assert [(p.line, p.text) for p in doc.en] == [
        (15, "Today we study glossaries."), (17, "A glossary keeps a translation consistent, And it saves time."),
        (20, "Class dismissed!")]
    debris = [(d.kind, d.line, d.text) for d in doc.debris]
    assert ("ass-section", 14, "Comment: 0,0:00:00.00,0:00:00.00,Default,,0,0,0,,翻译：小组") in debris
    assert ("voice", 15, "老师") in debris and ("image", 19, "{\\p1}m 0 0 l 100 0 100 100 0 100{\\p0}") in debris
    assert ("en:ass-override", 15, "{\\fnArial\\fs40}") in debris


@pytest.mark.parametrize("text", [
    "[Script Info]\nTitle: x\n",  # no dialogue at all
    "[Script Info]\n[Events]\nFormat: Layer, Start\nDialogue: 0,0:00:01.00\n",  # a Format without Text
    "[Script Info]\n[Events]\nDialogue: 0,0:00:01.00\n",  # too few fields
])
def test_an_ass_script_without_dialogue_text_is_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "empty.ass"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "no text to translate" in result.stderr, \
        result.output


_DRM = ('<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">'
        '<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
        '</enc:EncryptedData></encryption>')
_CONTAINER = ('<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
              '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
              '</rootfiles></container>')
_OPF = ('<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest>'
        '<item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>'
        '<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/></manifest>'
        '<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>')
_CH1 = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head><title>第一章</title>'
        '</head>\n<body>\n<h1>第一章 出发</h1>\n<p>天还没亮，他就出发了。</p>\n</body>\n</html>\n')
_CH2 = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops">\n<body>\n<h1>第二章 到达</h1>\n<p>傍晚时分，他到了'
        '<a href="#n1" epub:type="noteref"><sup>1</sup></a>。</p>\n<aside id="n1" epub:type="footnote"><p>一个小镇。</p>'
        '</aside>\n<aside><p>广告</p></aside>\n</body>\n</html>\n')


def _book(path: Path, **extra: str) -> Path:
    entries = {"mimetype": "application/epub+zip", "META-INF/container.xml": _CONTAINER, "OEBPS/content.opf": _OPF,
               "OEBPS/text/ch1.xhtml": _CH1, "OEBPS/text/ch2.xhtml": _CH2,
               "OEBPS/nav.xhtml": "<html><body><nav><ol><li>目录</li></ol></nav></body></html>"}
    return _zip(path, entries | extra)


def test_an_epub_reads_its_chapters_in_reading_order_with_their_notes(tmp_path: Path) -> None:
    doc = read_document(_book(tmp_path / "book.epub"))
    # the spine's order (not the manifest's), lines counted through the book (ch1 has 9 lines)
    assert [(p.line, p.text) for p in doc.zh] == [
        (3, "第一章"), (5, "第一章 出发"), (6, "天还没亮，他就出发了。"), (13, "第二章 到达"), (14, "傍晚时分，他到了。"),
        (15, "一个小镇。")]  # a footnote written as an <aside epub:type="footnote"> is text
    debris = [(d.kind, d.line, d.text) for d in doc.debris]
    assert ("chapter", 1, "OEBPS/text/ch1.xhtml") in debris and ("chapter", 10, "OEBPS/text/ch2.xhtml") in debris
    assert ("footnote-marker", 14, "1") in debris and ("navigation", 16, "广告") in debris
    assert not any("目录" in t for _, _, t in debris)  # the navigation document is not in the spine


@pytest.mark.parametrize("extra, message", [
    ({"META-INF/encryption.xml": _DRM}, "an EPUB book protected by DRM"),
    ({"OEBPS/text/ch1.xhtml": "<html/>", "OEBPS/text/ch2.xhtml": "<html/>"}, "no text to translate"),
])
def test_an_epub_that_cannot_be_read_is_one_line(tmp_path: Path, extra: dict, message: str) -> None:
    result = CliRunner().invoke(cli, ["read", str(_book(tmp_path / "book.epub", **extra))])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and message in result.stderr, result.output
    (tmp_path / "bad.epub").write_bytes(b"PK\x03\x04mimetypeapplication/epub+zip" + b"\x00" * 40)
    result = CliRunner().invoke(cli, ["read", str(tmp_path / "bad.epub")])
    assert result.exit_code == 2 and "a damaged EPUB book" in result.stderr, result.output


def test_font_obfuscation_is_not_drm(tmp_path: Path) -> None:
    fonts = _DRM.replace("http://www.w3.org/2001/04/xmlenc#aes128-cbc", "http://www.idpf.org/2008/embedding")
    assert read_document(_book(tmp_path / "book.epub", **{"META-INF/encryption.xml": fonts})).zh


def test_markdown_hard_wraps_setext_headings_comments_and_escaped_pipes() -> None:
    assert _texts(SHAPES / "hard-wrapped.md") == [
        (1, "说明"), (3, "运行 aligner build 命令，然后检查结果。这一行很长，在中间换行了。"),  # no space inside Chinese
        (8, "The command is aligner build, and it writes files."), (12, "中文在这里换行 English continues here."),
        (15, "引用里的中文也会换行。"), (18, "列表项的中文继续写。")]
    doc = read_document(SHAPES / "setext-comments-pipes.md")
    assert [(p.line, p.text) for p in doc.zh] == [
        (1, "标题"), (4, "这是一个很长的句子，在这里换行了，但是不应该加空格。"), (10, "符号"), (10, "含义"), (12, "a|b"),
        (12, "或者|还是"), (14, "English Title")]
    assert ("html-tag", 8, "<!-- 注释：不要翻译 -->") in [(d.kind, d.line, d.text) for d in doc.debris]


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")])
def test_srt_with_a_bom_in_utf16_or_utf8(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "a.srt"
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\n你好，\r\n世界。\r\n\r\n2\r\n00:00:02,500 --> 00:00:03,000\r\n再见。\r\n"
    path.write_bytes(bom + text.encode(encoding))
    assert _texts(path) == [(3, "你好，世界。"), (8, "再见。")]


def test_q_that_already_holds_its_quotes_gets_none_and_page_markers_are_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "q.html"
    path.write_text('<html><body><p>他说<q>“已经有引号”</q>。</p><p data-aligner-drop="x">保留。</p></body></html>',
                    encoding="utf-8")
    assert [p.text for p in read_document(path).zh] == ["他说“已经有引号”。", "保留。"]


def test_a_chapter_that_cannot_be_read_names_the_book(tmp_path: Path) -> None:
    deep = "<html><body>" + "<div>" * 5000 + "深" + "</div>" * 5000 + "</body></html>"
    result = CliRunner().invoke(cli, ["read", str(_book(tmp_path / "book.epub", **{"OEBPS/text/ch2.xhtml": deep}))])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
    assert "book.epub" in result.stderr and "chapter OEBPS/text/ch2.xhtml: the page nests" in result.stderr
