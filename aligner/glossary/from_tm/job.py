"""``aligner terms``: read any TM or bilingual file ``aligner check`` reads, extract the
term pairs, write a glossary file as ``aligner glossary extract`` does. Prints nothing."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model import Source
from . import TmPair, TmTerms, extract_tm_terms


@dataclass
class TermsReport:
    """What ``aligner terms`` read, found and wrote."""

    result: TmTerms
    output: str
    format: str
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path or file:line, reason)
    untranslated: int = 0  # units with an empty side: not read

    def to_dict(self) -> dict[str, Any]:
        return {**self.result.to_dict(), "files": self.files, "output": self.output, "format": self.format,
                "untranslated": self.untranslated,
                "skipped": [{"where": w, "reason": r} for w, r in self.skipped],
                "terms": [{"zh": t.zh, "en": t.en, "status": t.status.value, "method": t.method,
                           "pairs": t.both, "dice": t.dice, "llr": t.llr, "dictionary": t.dictionary,
                           "why": t.explain()} for t in self.result.terms]}


def run_terms(paths: Sequence[Path | str], out: str = "-", fmt: str | None = None, *, min_freq: int = 1,
              strict: bool = False, include_fuzzy: bool = False, srclang: str = "zh-CN",
              tgtlang: str = "en-US", embeddings: bool = True) -> TermsReport:
    """Term pairs of the units in ``paths`` written to ``out`` (format from ``fmt`` or the suffix)."""
    from ...check.units import UnitReader
    from ...formats.langs import source_lang, target_lang
    from ...formats.registry import glossary_format, write_glossary
    from ... import __version__
    from ..jobs import output_format

    srclang, tgtlang = source_lang(srclang).value, target_lang(tgtlang).value
    chosen = glossary_format(output_format(fmt, out)).value
    reader = UnitReader(strict=strict)
    pairs: list[TmPair] = []
    untranslated = 0
    for unit in reader.read(list(paths)):
        if not unit.source.strip() or not unit.target.strip() or (unit.fuzzy and not include_fuzzy):
            untranslated += 1
            continue
        name = Path(unit.file).name
        line = unit.line or 0
        pairs.append(TmPair(unit.source, unit.target, Source(name, line), Source(name, line)))
    result = extract_tm_terms(pairs, min_freq=min_freq, embeddings=embeddings)
    signature = (f"aligner|terms|evidence:aligned-bracket+aligned-dictionary+aligned-alignment+aligned-cooccurrence"
                 f"{'+aligned-embedding' if embeddings else ''}|min-freq:{min_freq}"
                 f"|format:{chosen}|version:{__version__}")
    write_glossary(result.entries, out, chosen, signature=signature, srclang=srclang, tgtlang=tgtlang)
    return TermsReport(result, out, chosen, [f.path for f in reader.files],
                       [*reader.skipped, *reader.bad_units], untranslated)
