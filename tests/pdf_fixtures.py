"""PDF fixtures made at test time with reportlab (a test-only dependency), never downloaded.

Chinese text uses reportlab's built-in CID font STSong-Light (no font file needed; the
viewer maps it through the Adobe-GB1 CMap, as many Chinese journal PDFs do). The sentences
are our own.
"""
from __future__ import annotations

import io

HEADER = "机器翻译研究 · 2026年第1期"
TITLE = "平行语料对齐方法研究"
AUTHORS = "王小明  李华"
ZH_ABSTRACT = ("摘要：本文讨论中文与英文平行语料的句子对齐方法，比较长度模型与词典模型的效果，"
               "并说明如何把对齐结果写成翻译记忆。")
ZH_KEYWORDS = "关键词：句子对齐；翻译记忆；平行语料"
BODY = [
    "一、引言",
    "翻译记忆是译者最常用的工具之一。一个好的翻译记忆来自准确的句子对齐，而句子对齐又依赖"
    "清理干净的原文与译文。许多原文只以便携文档格式保存，因此抽取文字是第一步。",
    "二、方法",
    "我们先按段落切分文档，再在段落内切分句子。长度模型假定译文长度与原文长度成正比，"
    "词典模型则利用双语词典中的词对给候选句对打分。两种模型的分数合并后，用动态规划求出最佳路径。",
    "三、结论",
    "实验表明，合并两种模型的分数能够减少错误对齐。今后我们将研究如何处理表格与脚注中的文字。",
]
EN_TITLE = "A Study of Parallel Corpus Alignment"
EN_ABSTRACT = ("Abstract: This paper discusses sentence alignment of Chinese and English parallel "
               "corpora, compares a length model with a dictionary model, and shows how to write "
               "the result as a translation memory.")
EN_KEYWORDS = "Key words: sentence alignment; translation memory; parallel corpus"

_WIDTH, _HEIGHT = 595, 842  # A4 in points
_LEFT = 72


def _wrap(text: str, width: int) -> list[str]:
    """Break a paragraph into lines of at most ``width`` characters (Chinese: anywhere;
    English: at spaces), as a typesetter would."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return [text[i:i + width] for i in range(0, len(text), width)]
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def _canvas(buffer: io.BytesIO, **kwargs):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(buffer, pagesize=(_WIDTH, _HEIGHT), invariant=1, **kwargs)


def _page(c, number: int, paragraphs: list[str]) -> None:
    c.setFont("STSong-Light", 9)
    c.drawString(_LEFT, _HEIGHT - 40, HEADER)  # running header
    c.drawCentredString(_WIDTH / 2, 30, str(number))  # page number
    y = _HEIGHT - 90
    for para in paragraphs:
        latin = not any("\u4e00" <= ch <= "\u9fff" for ch in para)
        size = 11
        c.setFont("Helvetica" if latin else "STSong-Light", size)
        for line in _wrap(para, 80 if latin else 38):
            c.drawString(_LEFT, y, line)
            y -= size * 1.6
        y -= size * 1.4  # paragraph spacing
    c.showPage()


def paper_pdf() -> bytes:
    """A two-page Chinese paper: running header and page number on each page, title,
    authors, 摘要, 关键词, body, then the English title, abstract and key words."""
    buffer = io.BytesIO()
    c = _canvas(buffer)
    _page(c, 1, [TITLE, AUTHORS, ZH_ABSTRACT, ZH_KEYWORDS] + BODY[:4])
    _page(c, 2, BODY[4:] + [EN_TITLE, EN_ABSTRACT, EN_KEYWORDS])
    c.save()
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF that needs a password to open."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buffer = io.BytesIO()
    c = _canvas(buffer, encrypt=StandardEncryption("secret", ownerPassword="owner"))
    _page(c, 1, BODY[:2])
    c.save()
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """A PDF whose pages are images only (what a scanner makes): no text layer."""
    from reportlab.lib.utils import ImageReader
    from PIL import Image

    image = Image.new("L", (200, 100), color=255)
    for x in range(20, 180):  # a few dark strokes standing for scanned glyphs
        image.putpixel((x, 50), 0)
    buffer = io.BytesIO()
    c = _canvas(buffer)
    c.drawImage(ImageReader(image), _LEFT, 400, width=400, height=200)
    c.showPage()
    c.save()
    return buffer.getvalue()


LEFT_COLUMN = ["左栏的段落讲对齐工具怎样读取两种语言的", "文档，并把每个句子配成一对写进记忆。"]
RIGHT_COLUMN = ["右栏的段落讲术语表怎样记录专有名词的译", "法，供译者检索使用，保持译名的一致。"]


def two_column_pdf() -> bytes:
    """One page set in two columns, line for line side by side, a narrow gutter apart (20
    characters of 11 pt from x=72 end at 292; the right column starts at 300)."""
    buffer = io.BytesIO()
    c = _canvas(buffer)
    c.setFont("STSong-Light", 11)
    for i, (left, right) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN)):
        c.drawString(_LEFT, 700 - i * 18, left)
        c.drawString(300, 700 - i * 18, right)
    c.showPage()
    c.save()
    return buffer.getvalue()
