"""Lines → paragraphs, as OmegaT's plain-text filter sees them: an empty line ends a
paragraph, a single line break does not (it becomes nothing between CJK, else a space)."""
from __future__ import annotations

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


def join(lines: Block) -> tuple[str, tuple[LineSpan, ...]]:
    """Join a block's lines with soft breaks; one span per source line."""
    text = ""
    spans: list[LineSpan] = []
    for line in lines:
        piece = line.text.strip()
        if not piece:
            continue
        if text:
            text += soft_join(text, piece)
        spans.append(LineSpan(len(text), line.no))
        text += piece
    return text, tuple(spans)


def to_paragraph(draft: Draft) -> Paragraph:
    text, spans = join(draft.lines)
    return Paragraph(text=text, lang=draft.lang, role=draft.role, spans=spans)
