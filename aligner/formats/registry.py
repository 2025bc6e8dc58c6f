"""Glossary formats by name, so ``--format tbx|tbx3|csv|utf8|json`` dispatches through one
table instead of string comparisons scattered through the code."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import TermEntry


class GlossaryFormat(str, Enum):
    """A glossary file format; the value is the ``--format`` name."""

    TBX = "tbx"  # TBX v2 <martif>: OmegaT 3.6, MultiTerm, memoQ
    TBX3 = "tbx3"  # TBX-Basic v3 (ISO 30042:2019, DCT style)
    CSV = "csv"  # spreadsheet / import wizards, header row
    UTF8 = "utf8"  # OmegaT tab-separated glossary
    JSON = "json"  # scripts

    @property
    def suffix(self) -> str:
        """File suffix a CAT tool recognises (OmegaT picks glossaries by extension)."""
        return {"tbx": ".tbx", "tbx3": ".tbx", "csv": ".csv", "utf8": ".utf8", "json": ".json"}[self.value]

    @property
    def description(self) -> str:
        return {
            "tbx": "TBX v2 (martif), read by OmegaT 3.6, MultiTerm and memoQ",
            "tbx3": "TBX-Basic v3 (ISO 30042:2019, DCT style)",
            "csv": "CSV with a header row (#zh,en,kind,doc,line,...; the # makes OmegaT skip it)",
            "utf8": "OmegaT tab-separated glossary (source, target, comment)",
            "json": "JSON, every field of every entry",
        }[self.value]


FORMAT_CHOICES: tuple[str, ...] = tuple(f.value for f in GlossaryFormat)


def glossary_format(value: str | GlossaryFormat) -> GlossaryFormat:
    """``'TBX'`` → ``GlossaryFormat.TBX``; anything unknown is a :class:`UsageError`."""
    if isinstance(value, GlossaryFormat):
        return value
    try:
        return GlossaryFormat(str(value).strip().lower())
    except ValueError:
        raise UsageError(f"unknown glossary format {value!r}", hint=f"use one of {'|'.join(FORMAT_CHOICES)}") from None


def _writer(fmt: GlossaryFormat) -> Callable[..., Any]:
    from . import glossary_files, tbx

    if fmt is GlossaryFormat.TBX:
        return lambda entries, path, **kw: tbx.write_tbx(entries, path, version=tbx.TbxVersion.V2, **kw)
    if fmt is GlossaryFormat.TBX3:
        return lambda entries, path, **kw: tbx.write_tbx(entries, path, version=tbx.TbxVersion.V3, **kw)
    return {
        GlossaryFormat.CSV: glossary_files.write_csv,
        GlossaryFormat.UTF8: glossary_files.write_utf8,
        GlossaryFormat.JSON: glossary_files.write_json,
    }[fmt]


def write_glossary(
    entries: Sequence[TermEntry],
    path: str | Path,
    fmt: GlossaryFormat | str,
    *,
    srclang: str = "zh-CN",
    tgtlang: str = "en-US",
    signature: str | None = None,
) -> Any:
    """Write ``entries`` to ``path`` in ``fmt``; returns that writer's report.

    Language tags go into TBX, and into the CSV header for a Traditional source; ``signature`` goes wherever the format has a header
    (TBX sourceDesc, the ``.utf8`` comment line, JSON ``generator``); CSV has none.
    """
    fmt = glossary_format(fmt)
    writer = _writer(fmt)
    if fmt in (GlossaryFormat.TBX, GlossaryFormat.TBX3):
        return writer(entries, path, srclang=srclang, tgtlang=tgtlang, signature=signature)
    if fmt is GlossaryFormat.CSV:
        return writer(entries, path, srclang=srclang, tgtlang=tgtlang)
    return writer(entries, path, signature=signature)
