"""Hostile inputs, generated per session in a temporary folder (no binary fixtures).

``hostile`` holds the small cases (encodings, binary files, control characters, broken XML);
``big`` the two large ones (a 10 MB single line, 200,000 short lines), made once per session.
``invoke`` runs a command in-process and hands back what a user would see on stderr,
including the traceback an uncaught exception would have printed.
"""
from __future__ import annotations

import io
import os
import re
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli

ZH = "人工智能的发展引起了广泛关注。深度学习(deep learning)是一种方法。\n\n我们研究了大语言模型的对齐问题。\n"
EN = "The development of AI has attracted wide attention. Deep learning is one method.\n\nWe study the alignment of large language models.\n"
BIG5_TEXT = "人工智慧的發展引起了廣泛關注。深度學習是一種方法。\n"
GLOSSARY_CSV = "zh,en\n深度学习,deep learning\n"

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="zh-CN"><seg>深度学习很重要。</seg></tuv><tuv xml:lang="en-US"><seg>Deep learning matters.</seg></tuv></tu>
</body></tmx>
"""
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="a"><body>
<trans-unit id="1"><source>深度学习很重要。</source><target>Deep learning matters.</target></trans-unit>
</body></file></xliff>
"""
TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="1"><langSet xml:lang="zh-CN"><tig><term>深度学习</term></tig></langSet><langSet xml:lang="en-US"><tig><term>deep learning</term></tig></langSet></termEntry>
</body></text></martif>
"""
XXE_DTD = '<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LOL_DTD = "<!DOCTYPE {root} [\n<!ENTITY lol \"lol\">\n" + "".join(
    f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">\n' for i in range(1, 10)
) + "]>\n"


def _body(xml: str) -> str:
    return xml.split("\n", 1)[1]


def xml_files() -> dict[str, str]:
    """Every broken XML case, by file name."""
    files: dict[str, str] = {}
    for ext, xml, root, text in (("tmx", TMX, "tmx", "Deep learning"), ("xlf", XLIFF, "xliff", "Deep learning"),
                                 ("tbx", TBX, "martif", "deep learning")):
        files[f"good.{ext}"] = xml
        files[f"malformed.{ext}"] = xml.replace(text, text + " & more", 1)
        files[f"truncated.{ext}"] = xml[: xml.index(text) + 4]
        files[f"wrongroot.{ext}"] = '<?xml version="1.0"?>\n<html><body/></html>\n'
        files[f"xxe.{ext}"] = '<?xml version="1.0"?>\n' + XXE_DTD.format(root=root) + _body(xml).replace(text, "&xxe;", 1)
        files[f"lol.{ext}"] = '<?xml version="1.0"?>\n' + LOL_DTD.format(root=root) + _body(xml).replace(text, "&lol9;", 1)
        # the DTD hidden behind a comment that holds a tag, past a 64 KB window
        files[f"hidden_xxe.{ext}"] = ('<?xml version="1.0"?>\n<!-- <x> -->\n' + " " * 70000 + "\n"
                                      + XXE_DTD.format(root=root) + _body(xml).replace(text, "&xxe;", 1))
    files["tmx11.tmx"] = TMX.replace('version="1.4"', 'version="1.1"').replace("xml:lang=", "lang=")
    files["noseg.tmx"] = TMX.replace('<tuv xml:lang="en-US"><seg>Deep learning matters.</seg></tuv>',
                                     '<tuv xml:lang="en-US"></tuv>')
    files["notuv.tmx"] = TMX.replace("<tu><tuv", "<tu></tu><tu><tuv")
    files["duplang.tmx"] = TMX.replace('<tuv xml:lang="en-US"><seg>Deep', '<tuv xml:lang="zh-CN"><seg>Deep')
    files["partial.tbx"] = TBX.replace("</body>", '<termEntry id="2"><langSet xml:lang="zh-CN"><tig><term>机器学习</term>'
                                                  "</tig></langSet></termEntry>\n</body>")
    files["duplang.tbx"] = TBX.replace('xml:lang="en-US"', 'xml:lang="zh-CN"')
    files["noterm.tbx"] = TBX.replace('<langSet xml:lang="en-US"><tig><term>deep learning</term></tig></langSet>', "")
    files["duplang.xlf"] = XLIFF.replace('target-language="en-US"', 'target-language="zh-CN"')
    files["glossary.csv"] = GLOSSARY_CSV
    files["unclosed.csv"] = 'zh,en\n"深度学习,deep learning\n学习,learning\n'
    files["header_quote.csv"] = 'zh,"引,号","eng\n"引,号",""\n'  # found by the fuzzer
    srx = (Path(__file__).resolve().parents[2] / "aligner" / "data" / "srx" / "default.srx").read_text(encoding="utf-8")
    files["bad_regex.srx"] = re.sub(r"<beforebreak>[^<]*</beforebreak>", r"<beforebreak>\\x{Lu}</beforebreak>", srx, count=1)
    files["xxe.srx"] = srx.replace("\n<srx ", "\n" + XXE_DTD.format(root="srx") + "<srx ", 1).replace(
        "<beforebreak>[。？！—]</beforebreak>", "<beforebreak>&xxe;</beforebreak>", 1)
    files["empty.csv"] = ""
    files["blank.csv"] = " \n\n"
    return files


def text_files() -> dict[str, bytes]:
    """Every hostile text document, by file name."""
    lines = [f"第{i}行。这是测试句子。" for i in range(1, 2001)]
    raw = "\n".join(lines).encode()
    parts = raw.split(b"\n")
    parts[1233] = parts[1233][:6] + b"\xff\xfe\x80" + parts[1233][6:]  # line 1234, byte 7
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", ZH)
    return {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n\xe3\x80\x80\r\n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "archive.txt": archive.getvalue(),
        "gbk.txt": ZH.encode("gbk"),
        "big5.txt": BIG5_TEXT.encode("big5"),
        "utf16le_bom.txt": b"\xff\xfe" + ZH.encode("utf-16-le"),
        "utf16be_bom.txt": b"\xfe\xff" + ZH.encode("utf-16-be"),
        "utf16le.txt": ZH.encode("utf-16-le"),
        "utf16be.txt": ZH.encode("utf-16-be"),
        "bad_line_1234.txt": b"\n".join(parts),
        "newlines.txt": "第一句。\r\n第二句。\r第三句。\n第四句。\r\n".encode(),
        "nul.txt": "第一句\x00。第二句。\n".encode(),
        "controls.txt": "第一句\x01\x02\x1b。第二句\x7f\x85。\ufffe\n".encode(),
        "zh_only.txt": ZH.encode(),
        "en_only.txt": EN.encode(),
        "en_10x.txt": (EN * 10).encode(),
        "名字 with spaces.txt": ZH.encode(),
        # bilingual TMs for check: Excel's "Unicode Text" (UTF-16 LE, BOM, tabs) and a GBK CSV
        "unicode_text.tsv": b"\xff\xfe" + "zh\ten\n深度学习很重要。\tDeep learning matters.\n".encode("utf-16-le"),
        "gbk_tm.csv": "zh,en\n深度学习很重要。,Deep learning matters.\n".encode("gbk"),
        "nul_tm.csv": "zh,en\n深度学习\x00很重要。,Deep learning matters.\n".encode(),
    }


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder with every small hostile file, plus one corpus per text file."""
    root = tmp_path_factory.mktemp("hostile")
    for name, data in text_files().items():
        (root / name).write_bytes(data)
        corpus = root / "corpus" / Path(name).stem / "zh"
        corpus.mkdir(parents=True)
        (corpus / name).write_bytes(data)
    for name, text in xml_files().items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 10 MB single line and 200,000 short lines, made once per session."""
    root = tmp_path_factory.mktemp("big")
    sentence = "人工智能的发展引起了广泛关注。"
    (root / "line_10mb.txt").write_text(sentence * (10 * 1024 * 1024 // len(sentence.encode())) + "\n",
                                        encoding="utf-8")
    (root / "lines_200k.txt").write_text("".join(f"第{i}行。\n" for i in range(200_000)), encoding="utf-8")
    (root / "corpus" / "zh").mkdir(parents=True)
    (root / "corpus" / "zh" / "lines_200k.txt").write_bytes((root / "lines_200k.txt").read_bytes())
    (root / "tm_200k.csv").write_text("zh,en\n" + "".join(f"第{i}行深度学习。,Line {i} deep learning.\n"
                                                          for i in range(200_000)), encoding="utf-8")
    return root


@dataclass
class Run:
    """What a user sees: the exit status, stdout and stderr (with any traceback)."""

    code: int
    out: str
    err: str


def invoke(args: list[str], *, input: bytes | None = None) -> Run:
    """Run ``aligner ARGS`` in-process; an uncaught exception's traceback is put on ``err``
    exactly as the console script would print it, so the no-traceback check sees it."""
    result = CliRunner().invoke(cli, args, input=input, catch_exceptions=True)
    err = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        err += "".join(traceback.format_exception(*result.exc_info))
    return Run(result.exit_code, result.stdout, err)


@pytest.fixture()
def in_tmp(tmp_path: Path) -> Path:
    """Run in a fresh folder so relative outputs land there."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)
