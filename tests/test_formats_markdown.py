"""Markdown as documentation sites write it, read with a real parser: what reaches the TM
is the text a Markdown filter shows, never markup."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.cli import cli
from aligner.documents import conservation_errors, read_document

DATA = Path(__file__).parent / "data" / "formats" / "markdown"
#: markup that must never be part of a TU: tags, entities, shortcodes and macros, heading
#: anchors, admonition fences, list markers, roles, emphasis marks, line breaks
MARKUP = re.compile(
    r"</?[A-Za-z][\w-]*[\s>/]|&[a-z]+;|&#\d+;|\{\{|\}\}|\{%|\{#|^:::|^!!!|^\s*(?:[-*+•]|\d+\.)\s|"
    r":[a-z]+:`|\*\*|\[!NOTE\]|\n")


def _segs(path: Path) -> list[tuple[str, str]]:
    return [(tu.xpath("string(tuv[1]/seg)"), tu.xpath("string(tuv[2]/seg)"))
            for tu in etree.parse(str(path)).iter("tu")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("md-build")
    corpus = out / "corpus"
    shutil.copytree(DATA / "corpus", corpus)
    run = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert run.exit_code == 0, run.output
    return out


def test_golden_tmx(built: Path) -> None:
    got = (built / "tmx" / "guide.tmx").read_bytes()
    golden = DATA / "guide.tmx.golden"
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        golden.write_bytes(got)
    assert got == golden.read_bytes()


def test_no_markup_in_any_tu(built: Path) -> None:
    pairs = _segs(built / "tmx" / "guide.tmx")
    assert len(pairs) >= 15
    for zh, en in pairs:
        for seg in (zh, en):
            assert not MARKUP.search(seg), seg


def test_what_the_filter_shows(built: Path) -> None:
    pairs = dict(_segs(built / "tmx" / "guide.tmx"))
    # soft-wrapped lines are one segment, Chinese joined without a space
    assert pairs["首先，下载安装包并将其解压到任意目录。"] == "First, download the package and unpack it into any folder."
    # inline code is kept as text; macros show their display argument; a shortcode's text=
    assert "setup --prefix /opt/tool" in pairs["然后运行 setup --prefix /opt/tool 命令完成安装。"]
    assert pairs["配置文件使用 YAML 格式。"] == "The configuration file uses the YAML format."
    assert any("map()" in zh and "Window" in zh for zh in pairs)
    # headings without their anchors, table cells and raw HTML cells one by one
    assert pairs["安装工具"] == "Install the tool"
    assert pairs["服务器监听的端口。"] == "The port the server listens on."
    assert pairs["2.0 版本发布于春天。"] == "Version 2.0 was released in spring."
    # admonition bodies are text, their markers are not
    assert pairs["旧版本的配置文件不能直接使用。"] == "Configuration files of older versions cannot be used as they are."
    assert pairs["修改配置后需要重启服务。"] == "Restart the service after changing the configuration."


def test_structure_is_debris_with_lines_and_nothing_is_lost() -> None:
    zh = DATA / "corpus" / "zh" / "guide.md"
    doc = read_document(zh, en_path=DATA / "corpus" / "en" / "guide.md")
    debris = {(d.kind, d.line, d.text) for d in doc.debris}
    assert ("anchor", 10, "{#install-the-tool}") in debris
    lines = zh.read_text(encoding="utf-8").split("\n")
    assert ("shortcode", 6, "{{< note >}}") in debris and ("shortcode", 8, "{{< /note >}}") in debris
    macro = '{{EmbedLiveSample("示例", "100%", 200)}}'
    assert ("shortcode", lines.index(macro) + 1, macro) in debris
    assert any(kind == "code" and text == "port: 8080" for kind, _line, text in debris)
    assert any(kind == "reference" and "fig_config" in text for kind, _line, text in debris)
    assert doc.front_matter == {"title": "安装指南", "weight": 20}
    assert conservation_errors(zh.read_text(encoding="utf-8"), doc,
                               (DATA / "corpus" / "en" / "guide.md").read_text(encoding="utf-8")) == []
    # every paragraph keeps the Markdown file's own line
    # (the front matter's title is a block at its own line; its key is debris)
    assert ("front-matter", 2, "title:") in debris
    assert [(p.line, p.text) for p in doc.zh][:4] == [
        (2, "安装指南"), (7, "本页面适用于 2.0 及以上版本。"), (10, "安装工具"),
        (12, "首先，下载安装包并将其解压到任意目录。然后运行 setup --prefix /opt/tool 命令完成安装。")]


def test_markdown_is_recognised_from_content_whatever_the_extension(tmp_path: Path) -> None:
    text = (DATA / "corpus" / "zh" / "guide.md").read_text(encoding="utf-8")
    as_txt = tmp_path / "guide.txt"
    as_txt.write_text(text, encoding="utf-8")
    assert [p.text for p in read_document(as_txt).zh] == [p.text for p in read_document(DATA / "corpus" / "zh" / "guide.md").zh]


@pytest.mark.parametrize("line, shown", [
    ("见 {{cssxref(\"&lt;length&gt;\")}} 类型。", "见 <length> 类型。"),
    ("调用 {{glossary(\"method\", \"方法\")}}。", "调用 方法。"),
    ("A {{< tooltip text=\"tooltip\" >}} here.", "A tooltip here."),
    ("Run {{ site.version }} now.", "Run now."),
    ("Use {% raw %}this{% endraw %}.", "Use this."),
    ("Keep `{{not_a_macro}}` in code.", "Keep {{not_a_macro}} in code."),
    ("See :cite:`Key.2011` for more.", "See for more."),
])
def test_template_syntax_inside_prose(tmp_path: Path, line: str, shown: str) -> None:
    path = tmp_path / "p.md"
    path.write_text(f"# T\n\n{line}\n", encoding="utf-8")
    doc = read_document(path)
    assert [p.text for p in doc.zh + doc.en][-1] == shown
