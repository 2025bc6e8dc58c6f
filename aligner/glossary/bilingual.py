"""Evidence types ``keywords`` and ``authors``: a paper's Chinese and English front parts.

Chinese journal papers print their key words and authors twice, in Chinese and English.
Key words pair by position when both lists have the same length (else only identical Latin
forms pair); authors pair when the English is the pinyin of the Chinese name.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Document, Paragraph, Role, Source, TermKind
from .candidate import Candidate, Evidence
from .romanize import name_matches
from .text import has_han, norm_key, tidy

LABEL_RE = re.compile(r"^\s*[\[【]?\s*[^:：\]】]{0,14}[:：\]】]\s*")
SPLIT_RE = re.compile(r"\s*[;；,，、]\s*")


def _items(paragraph: Paragraph) -> list[tuple[str, int]]:
    """The list items of a key-word or author line, with their offsets, label removed."""
    text = paragraph.text
    label = LABEL_RE.match(text)
    start = label.end() if label and len(label.group(0)) < 20 else 0
    body = text[start:]
    items: list[tuple[str, int]] = []
    pos = start
    for piece in SPLIT_RE.split(body):
        at = text.find(piece, pos) if piece else pos
        clean = tidy(piece.strip(" .。"))
        if clean:
            items.append((clean, at))
        pos = max(pos, at + len(piece))
    return items


def _role(paragraphs: list[Paragraph], role: Role) -> list[Paragraph]:
    return [p for p in paragraphs if p.role == role]


def keyword_candidates(doc: Document) -> Iterator[Candidate]:
    zh_lines, en_lines = _role(doc.zh, Role.KEYWORDS), _role(doc.en, Role.KEYWORDS)
    if not zh_lines or not en_lines:
        return
    zh_items = [(i, p) for p in zh_lines for i in _items(p)]
    en_items = [(i, p) for p in en_lines for i in _items(p)]
    same_length = len(zh_items) == len(en_items)
    for index, ((zh, zh_at), zh_para) in enumerate(zh_items):
        if same_length:
            (en, en_at), en_para = en_items[index]
        else:
            match = [e for e in en_items if norm_key(e[0][0]) == norm_key(zh)]
            if not match:
                continue
            (en, en_at), en_para = match[0]
        if has_han(en):
            continue
        yield Candidate(zh, en, Evidence.KEYWORDS, Source(doc.stem, zh_para.line_at(zh_at)),
                        keep_as_is=not has_han(zh) and norm_key(zh) == norm_key(en))
        if en_para.line:
            yield Candidate(zh, en, Evidence.KEYWORDS, Source(doc.stem, en_para.line_at(en_at)),
                            keep_as_is=not has_han(zh) and norm_key(zh) == norm_key(en))


def author_candidates(doc: Document) -> Iterator[Candidate]:
    zh_items = [(i, p) for p in _role(doc.zh, Role.AUTHORS) for i in _items(p)]
    en_items = [(i, p) for p in _role(doc.en, Role.AUTHORS) for i in _items(p)]
    for (zh, zh_at), zh_para in zh_items:
        for (en, en_at), en_para in en_items:
            if has_han(zh) and name_matches(zh, en):
                yield Candidate(zh, en, Evidence.AUTHORS, Source(doc.stem, zh_para.line_at(zh_at)),
                                kind=TermKind.PERSON, cue="pinyin-match")
                if en_para.line:
                    yield Candidate(zh, en, Evidence.AUTHORS, Source(doc.stem, en_para.line_at(en_at)),
                                    kind=TermKind.PERSON, cue="pinyin-match")
