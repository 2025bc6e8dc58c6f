"""Golden files: each small fixture in tests/data/documents/ read into paragraphs, roles,
line maps and debris counts. Regenerate after a deliberate change with
``ALIGNER_UPDATE_GOLDEN=1 pytest tests/test_documents_golden.py`` and review the diff."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aligner.documents import conservation_errors, read_document
from aligner.model import Document

DATA = Path(__file__).parent / "data" / "documents"
FIXTURES = sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".md") and ".en." not in p.name)


def summary(doc: Document) -> str:
    """A readable, diffable rendering: one paragraph or debris record per line."""
    out = [
        f"kind: {doc.kind.value}",
        f"encoding: {doc.encoding}",
        f"normalised: {json.dumps(doc.normalised, ensure_ascii=False, sort_keys=True)}",
        f"front_matter: {json.dumps(doc.front_matter, ensure_ascii=False, sort_keys=True)}",
        f"debris_counts: {json.dumps(doc.debris_counts(), ensure_ascii=False, sort_keys=True)}",
    ]
    for para in doc.zh + doc.en:
        lines = ",".join(str(s.line) for s in para.spans)
        out.append(f"{para.lang.value} {para.role.value} @{lines}: {para.text}")
    for item in doc.debris:
        out.append(f"debris {item.kind} @{item.line}: {item.text!r}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_matches_golden(path: Path) -> None:
    got = summary(read_document(path))
    golden = path.with_name(path.name + ".golden")
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_fixture_loses_nothing(path: Path) -> None:
    doc = read_document(path)
    assert conservation_errors(path.read_text(encoding="utf-8"), doc) == []


def test_reading_twice_gives_identical_documents() -> None:
    for path in FIXTURES:
        assert summary(read_document(path)) == summary(read_document(path))
