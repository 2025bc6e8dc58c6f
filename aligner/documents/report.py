"""A Document as plain data: what ``aligner read --json`` prints and tests compare."""
from __future__ import annotations

from typing import Any

from ..inputs import input_name
from ..model import Document, Paragraph


def paragraph_to_dict(para: Paragraph) -> dict[str, Any]:
    return {
        "lang": para.lang.value,
        "role": para.role.value,
        "line": para.line,
        "spans": [[s.offset, s.line] for s in para.spans],
        "text": para.text,
    }


def document_to_dict(doc: Document, *, debris: bool = True) -> dict[str, Any]:
    """Everything the reader found, JSON-ready and deterministic."""
    data: dict[str, Any] = {
        "path": str(doc.path),
        "stem": doc.stem,
        "kind": doc.kind.value,
        "encoding": doc.encoding,
        "en_path": str(doc.en_path) if doc.en_path else None,
        "front_matter": doc.front_matter,
        "zh": [paragraph_to_dict(p) for p in doc.zh],
        "en": [paragraph_to_dict(p) for p in doc.en],
        "debris_counts": doc.debris_counts(),
        "normalised": doc.normalised,
    }
    if debris:
        data["debris"] = [{"kind": d.kind, "line": d.line, "text": d.text} for d in doc.debris]
    return data


#: Debris kinds that are damage in the input rather than the furniture of how it was
#: captured: the summary of ``read`` and ``build`` names their first lines.
DAMAGE_KINDS = ("undecodable", "en:undecodable", "control", "en:control")
#: Lines named per kind in a summary.
FIRST_LOCATIONS = 5


def damage_locations(doc: Document, limit: int = FIRST_LOCATIONS) -> dict[str, tuple[int, list[int]]]:
    """Per damage kind present: (count, its first ``limit`` distinct lines)."""
    found: dict[str, tuple[int, list[int]]] = {}
    for kind in DAMAGE_KINDS:
        lines = [d.line for d in doc.debris if d.kind == kind]
        if lines:
            first = sorted(set(lines))[:limit]
            found[kind] = (len(lines), first)
    return found


def damage_summary(doc: Document, limit: int = FIRST_LOCATIONS) -> str:
    """``undecodable bytes skipped: 2 (lines 12, 1234)``; empty when the input was clean.

    The locations are the source file's lines (``en:`` kinds: the English file's).
    """
    parts = []
    for kind, (count, lines) in damage_locations(doc, limit).items():
        file = doc.en_path if kind.startswith("en:") and doc.en_path else doc.path
        what = "undecodable bytes" if kind.endswith("undecodable") else "control characters"
        more = ", …" if len(set(d.line for d in doc.debris if d.kind == kind)) > len(lines) else ""
        where = ", ".join(str(n) for n in lines)
        parts.append(f"{what} skipped in {input_name(file)}: {count} (line{'s' * (len(lines) > 1)} {where}{more})")
    return "; ".join(parts)
