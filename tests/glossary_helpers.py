"""Shared helpers for the glossary tests: build documents without files, serialise entries."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from aligner.model import Document, DocKind, Lang, LineSpan, Paragraph, Role, TermEntry

DATA = Path(__file__).parent / "data" / "glossary"
FIXTURE = DATA / "fixture"


def para(text: str, line: int, role: Role = Role.BODY, lang: Lang = Lang.ZH) -> Paragraph:
    return Paragraph(text, lang, role, (LineSpan(0, line),))


def doc(stem: str, *texts: str, en: tuple[Paragraph, ...] = (), front_matter: dict | None = None,
        zh: tuple[Paragraph, ...] = ()) -> Document:
    """A document whose Chinese paragraphs are ``texts`` on lines 1, 3, 5..."""
    paragraphs = list(zh) or [para(t, 2 * i + 1) for i, t in enumerate(texts)]
    return Document(Path(f"{stem}.txt"), stem, DocKind.PLAIN, "utf-8", paragraphs, list(en),
                    front_matter or {})


def entry_dict(entry: TermEntry) -> dict[str, Any]:
    return {
        "zh": entry.zh,
        "en": entry.en,
        "kind": entry.kind.value,
        "status": entry.status.value,
        "evidence": entry.evidence,
        "keep_as_is": entry.keep_as_is,
        "sources": [str(s) for s in entry.sources],
        "variants": list(entry.variants),
        "definition": entry.definition,
    }


def pairs(entries: list[TermEntry]) -> set[tuple[str, str]]:
    return {(e.zh, e.en) for e in entries}
