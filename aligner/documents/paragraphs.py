"""Lines → paragraphs, as OmegaT's plain-text filter sees them: an empty line ends a
paragraph, a single line break does not (it becomes nothing between CJK, else a space)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Lang, LineSpan, Paragraph, Role
from .lines import Line
from .text import soft_join

Block = list[Line]


@dataclass
class Draft:
    """A paragraph being built: its lines, language and role."""

    lines: Block
    lang: Lang = Lang.ZH
    role: Role = Role.BODY

    @property
    def text(self) -> str:
        return join(self.lines)[0]


def split_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into blocks at empty lines, ``alone`` lines and ``brk`` lines."""
    blocks: list[Block] = []
    current: Block = []
    for line in lines:
        if not line.text.strip():
            if current:
                blocks.append(current)
                current = []
        elif line.alone:
            if current:
                blocks.append(current)
                current = []
            blocks.append([line])
        else:
            if line.brk and current:
                blocks.append(current)
                current = []
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


_LIST_ITEM = re.compile(r"[A-Z0-9][^.!?;:,]{0,58}")  # Fei-Fei Li, Tsinghua University, TSMC
MAX_ITEM_WORDS = 6


def split_lists(blocks: list[Block]) -> list[Block]:
    """Split blocks that are lists of names or terms (one per line) into one block per line.

    An English file may be a list of the names a text uses rather than prose. Read as one
    paragraph (a single line break does not end one), ``Xiao Qian`` / ``Li Zheng`` would
    become ``Xiao Qian Li Zheng``, and a name could be read across the line end. A block is a
    list when it has two or more lines and every line is short, starts with a capital or a
    digit, holds at most six words and no sentence punctuation; wrapped prose fails that.
    """
    out: list[Block] = []
    for block in blocks:
        texts = [line.text.strip() for line in block if line.text.strip()]
        if len(texts) >= 2 and all(_LIST_ITEM.fullmatch(t) and len(t.split()) <= MAX_ITEM_WORDS for t in texts):
            out.extend([line] for line in block if line.text.strip())
        else:
            out.append(block)
    return out


def join(lines: Block) -> tuple[str, tuple[LineSpan, ...]]:
    """Join a block's lines with soft breaks; one span per source line."""
    text = ""
    spans: list[LineSpan] = []
    glue = False
    for line in lines:
        piece = line.text.strip()
        if not piece:
            continue
        if text and not glue:
            text += soft_join(text, piece)
        glue = line.glue
        spans.append(LineSpan(len(text), line.no))
        text += piece
    return text, tuple(spans)


def to_paragraph(draft: Draft) -> Paragraph:
    text, spans = join(draft.lines)
    return Paragraph(text=text, lang=draft.lang, role=draft.role, spans=spans)
