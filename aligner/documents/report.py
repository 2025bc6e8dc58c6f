"""A Document as plain data: what ``aligner read --json`` prints and tests compare."""
from __future__ import annotations

from typing import Any

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
