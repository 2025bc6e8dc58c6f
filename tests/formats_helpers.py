"""Fixture loaders shared by the format tests (tests/data/formats/*.json)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from aligner.model import Source, TermEntry, TermKind, TermStatus, TranslationUnit

DATA = Path(__file__).parent / "data" / "formats"


def load_entries() -> list[TermEntry]:
    """The glossary fixture as TermEntry objects."""
    rows = json.loads((DATA / "entries.json").read_text(encoding="utf-8"))
    return [
        TermEntry(
            **{k: v for k, v in row.items() if k not in ("kind", "status", "sources", "variants")},
            kind=TermKind(row["kind"]),
            status=TermStatus(row.get("status", "attested")),
            sources=tuple(Source(doc, line) for doc, line in row.get("sources", [])),
            variants=tuple(row.get("variants", [])),
        )
        for row in rows
    ]


def load_units() -> list[TranslationUnit]:
    """The TMX fixture as TranslationUnit objects."""
    rows = json.loads((DATA / "units.json").read_text(encoding="utf-8"))
    return [TranslationUnit(**{k: tuple(v) if k == "anchors" else v for k, v in row.items()}) for row in rows]


def csv_rows(data: bytes | str) -> list[dict[str, str]]:
    """Rows of a CSV our writer wrote, by column name. Its header line starts with ``#`` (so
    OmegaT's CSV glossary reader skips it); that ``#`` must be there, and is not a name."""
    text = (data.decode("utf-8") if isinstance(data, bytes) else data).removeprefix("\ufeff")
    assert text.startswith("#zh,en,"), text[:40]
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))
