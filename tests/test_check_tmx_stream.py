"""The streaming TMX reader of ``aligner check`` gives exactly what translate-toolkit's
``tmxfile`` gave: same units, ids, lines, texts, language hints and left-out units.

The oracle below is the reader ``check`` used before (translate-toolkit builds the tree);
both run on hand-made files (attributes, inline ``<ph>``/``<bpt>``/``<ept>``/``<it>``/``<hi>``,
several ``<tuv>`` per language, ``xml:space``, props and notes, UTF-16) and on generated ones.
"""
from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from xml.sax.saxutils import escape, quoteattr

from aligner.check import units as units_module
from aligner.check.units import _lang, _Raw, _tu_problem
from aligner.errors import FormatError

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _oracle(data: bytes) -> _Raw:
    """``_parse_tmx`` as it was, on translate-toolkit's tree."""
    from translate.storage.tmx import tmxfile

    handle = io.BytesIO(data)
    store = tmxfile.parsefile(handle)
    header = store.document.getroot().find("header")
    srclang = (header.get("srclang") if header is not None else "") or ""
    units: list[Any] = []
    problems: list[Any] = []
    first_lang = second_lang = ""
    for unit in store.units:
        tu = unit.xmlelement
        tuvs = unit.getlanguageNodes()
        problem = _tu_problem(tu, tuvs)
        if problem:
            problems.append((tu.sourceline, problem))
            continue
        zh = [t for t in tuvs if _lang(t).startswith("zh")]
        en = [t for t in tuvs if _lang(t).startswith("en")]
        if zh and en:
            pair = (zh[0], en[0])
        else:
            src = [t for t in tuvs if srclang and _lang(t) == srclang.lower()]
            first = src[0] if src else tuvs[0]
            rest = [t for t in tuvs if t is not first]
            pair = (first, rest[0] if rest else None)
        space = "preserve" if tu.get(_XML_SPACE) == "preserve" else "default"
        texts = [unit.getNodeText(t, space) if t is not None else "" for t in pair]
        if not first_lang:
            first_lang = _lang(pair[0])
            second_lang = _lang(pair[1]) if pair[1] is not None else ""
        units.append((tu.get("tuid", ""), tu.sourceline, texts[0] or "", texts[1] or "", False))
    return _Raw(units, first_lang, second_lang, problems)


def _same(data: bytes) -> _Raw:
    ours = units_module._parse_tmx(data, "t.tmx")
    theirs = _oracle(data)
    # a further English variant of a TU (en-GB beside en-US) is a unit of its own, marked by a
    # sixth field; the oracle (translate-toolkit's view) reads the first English only
    main = [u for u in ours.units if len(u) == 5]
    assert (main, ours.first_lang, ours.second_lang, ours.problems) == (
        theirs.units, theirs.first_lang, theirs.second_lang, theirs.problems)
    return ours


HEAD = '<?xml version="1.0" encoding="{enc}"?>\n<tmx version="1.4">\n<header srclang="{src}" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>\n<body>\n'
TAIL = "</body>\n</tmx>\n"

VARIED = """<tu tuid="1" creationdate="20240101T000000Z" usagecount="3">
  <prop type="x-document">手册</prop><note>已审校</note>
  <tuv xml:lang="zh-CN"><prop type="x-origin">tm</prop><seg>点击<bpt i="1">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>按钮。</seg></tuv>
  <tuv xml:lang="en-US"><seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
</tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Press  <ph x="1">{0}</ph>
   to   continue.</seg></tuv><tuv xml:lang="zh"><seg>按<ph x="1">{0}</ph>继续。</seg></tuv></tu>
<tu tuid="3" xml:space="preserve"><tuv xml:lang="zh-CN"><seg>  两个  空格 </seg></tuv><tuv xml:lang="en-US"><seg>  two  spaces </seg></tuv></tu>
<tu><tuv xml:lang="zh-TW"><seg>繁體<hi type="b">中文</hi></seg></tuv><tuv xml:lang="zh-CN"><seg>简体中文</seg></tuv><tuv xml:lang="en-GB"><seg>Chinese <it pos="begin">&lt;i&gt;</it>text</seg></tuv><tuv xml:lang="en-US"><seg>other</seg></tuv></tu>
<tu tuid="5"><tuv xml:lang="zh-CN"><seg>只有中文</seg></tuv></tu>
<tu tuid="6"><tuv xml:lang="zh-CN"><seg>无段</seg></tuv><tuv xml:lang="en-US"/></tu>
<tu tuid="7"/>
<tu tuid="8"><tuv xml:lang="zh-CN"><seg>一</seg></tuv><tuv xml:lang="zh-CN"><seg>二</seg></tuv></tu>
<!-- a comment between units -->
<tu tuid="9"><tuv lang="ZH-cn"><seg><![CDATA[<代码> & 符号]]></seg></tuv><tuv lang="EN"><seg>&lt;code&gt; &amp; sign</seg></tuv></tu>
<tu tuid="10"><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("srclang", ["zh-CN", "en-US", "*all*", "fr"])
def test_varied_units_read_as_translate_toolkit_reads_them(encoding: str, srclang: str) -> None:
    text = HEAD.format(enc=encoding, src=srclang) + VARIED + TAIL
    raw = _same(text.encode(encoding))
    assert len(raw.units) == 7 and len(raw.problems) == 4  # the oracle agrees: not vacuous (de/fr: no roles)
    assert [u[3] for u in raw.units if len(u) == 6] == ["other"]  # en-US beside en-GB, checked too
    assert raw.units[0][2] == "点击<b>保存</b>按钮。"


def test_xml_space_on_the_body_and_header_after_body() -> None:
    text = ('<tmx version="1.4"><header srclang="en"/><body xml:space="preserve">'
            '<tu><tuv xml:lang="zh"><seg> a  b </seg></tuv><tuv xml:lang="en"><seg> c </seg></tuv></tu>'
            '</body></tmx>')
    raw = _same(text.encode())
    assert raw.units[0][2:4] == (" a  b ", " c ")


def test_a_namespaced_root_and_broken_xml_are_errors_with_a_line() -> None:
    with pytest.raises(FormatError):
        units_module._parse_tmx(b'<tmx xmlns="urn:x"><body/></tmx>', "t.tmx")
    broken = (HEAD.format(enc="utf-8", src="zh-CN") + VARIED + "<tu><tuv>").encode()
    with pytest.raises(FormatError) as err:
        units_module._parse_tmx(broken, "t.tmx")
    assert err.value.line is not None


_TEXT = st.text(alphabet=st.sampled_from(list("数据模型 ab\t\n&<>\"'é𠮷")), max_size=12)
_INLINE = st.sampled_from(["", '<ph x="1">{0}</ph>', '<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>',
                           '<hi type="i">hi</hi>', '<it pos="end">x</it>'])
_LANG = st.sampled_from(["zh-CN", "zh", "en-US", "en", "de", "ZH-TW", ""])


@st.composite
def _tmx(draw: Any) -> bytes:
    units = []
    for i in range(draw(st.integers(0, 6))):
        tuvs = []
        for _ in range(draw(st.integers(0, 4))):
            lang = draw(_LANG)
            attr = f" xml:lang={quoteattr(lang)}" if lang else ""
            if draw(st.booleans()):
                seg = "<seg>" + escape(draw(_TEXT)) + draw(_INLINE) + escape(draw(_TEXT)) + "</seg>"
            else:
                seg = draw(st.sampled_from(["", "<prop type='x'>p</prop>"]))
            tuvs.append(f"<tuv{attr}>{seg}</tuv>")
        space = draw(st.sampled_from(["", ' xml:space="preserve"', ' xml:space="default"']))
        tuid = draw(st.sampled_from(["", f' tuid="u{i}"']))
        note = draw(st.sampled_from(["", "<note>n</note>", '<prop type="x-a">v</prop>']))
        units.append(f"<tu{tuid}{space}>{note}\n" + "\n".join(tuvs) + "</tu>")
    src = draw(st.sampled_from(["zh-CN", "en-US", "*all*", "de"]))
    text = HEAD.format(enc="utf-8", src=src) + "\n".join(units) + TAIL
    encoding = draw(st.sampled_from(["utf-8", "utf-16"]))
    if encoding == "utf-16":
        text = text.replace('encoding="utf-8"', 'encoding="utf-16"')
    return text.encode(encoding)


@settings(max_examples=150, deadline=None)
@given(_tmx())
def test_generated_tmx_reads_as_translate_toolkit_reads_it(data: bytes) -> None:
    _same(data)
