"""The self-check's per-unit results kept by document, so a re-run checks only the changed pages' units.

The build's self-check (:func:`aligner.check.check_units`) is kept whole by :mod:`.corpus`,
but one changed page is an input of it, and it then ran over every unit again: at 1,000
pages about a third of a one-page re-run's CPU. What one unit gives on its own
(:class:`aligner.check.parallel.UnitResult`: its term findings, accepted derivations and
term counts) depends on the unit and the glossary alone, so it is kept per document under
the SHA-256 of the glossary (what the check reads of each entry: :func:`unit_glossary`), the document's units in order
(file, line, source, target), the settings and the toolchain (:meth:`.corpus.CorpusMemo.key`).
A re-run gives the stored results of unchanged pages back to the check in unit order
(:meth:`aligner.check.parallel.UnitRunner.add_known`) and runs only the others; the
cross-unit part (term usage, consistency) still sees every unit, so the report is the one
a full check makes (tested byte for byte).

A unit is named in its findings by its place in the corpus (``unit`` 12 of the TMX), which
moves when an earlier page gains or loses a unit: a stored result keeps ``null`` where it
named its own unit, and is given the unit's current name when read. Entries are explicit
JSON (kind ``unit-results``); one that does not decode is named on ``say`` and its page's
units are checked again.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Finding, Severity
from .corpus import CorpusMemo, inputs_digest
from .checked import text as _str, number as _int
from .store import EntryStore, Found

if TYPE_CHECKING:
    from ..check.parallel import UnitResult
    from ..model import TermEntry, TranslationUnit

KIND = "unit-results"


def unit_glossary(terms: Sequence[TermEntry]) -> str:
    """Digest of what a unit's result reads of the glossary (:class:`aligner.check.terms.Term`):
    every entry's forms, kind, status, ``keep_as_is`` and what its evidence is, without
    where it was seen (sources, the example places in its evidence, definitions): a re-run
    that only moved an entry's sources still reads every unchanged page back."""
    return inputs_digest([t.zh, t.en, t.kind.value, t.status.value, list(t.variants), list(t.forbidden),
                          t.keep_as_is, bool(t.evidence), t.evidence.split(":", 1)[0]] for t in terms)


class UnitMemory:
    """Stored per-unit results of the documents of ``units`` (the build's units, in order),
    under the glossary digest ``glossary``; :meth:`store` keeps those computed this time."""

    def __init__(self, folder: Path, memo: CorpusMemo, units: Sequence[TranslationUnit], glossary: str,
                 say: Callable[[str], None] | None = None) -> None:
        self.store_ = EntryStore(Path(folder), KIND)
        self.say = say or (lambda _message: None)
        self.known: dict[int, UnitResult | None] = {}  # position -> stored result (None: nothing)
        self.fresh: dict[int, UnitResult] = {}  # position -> result computed in this check
        self._todo: list[tuple[str, int, int]] = []  # (key, first position, end) of pages to store
        self.reused = 0
        start = 0
        while start < len(units):
            end = start
            while end < len(units) and units[end].doc == units[start].doc:
                end += 1
            key = memo.key("self-check units", inputs_digest(
                [glossary, *([u.doc, u.src_line, u.source, u.target] for u in units[start:end])]))
            if not self._load(key, start, end, units[start].doc):
                self._todo.append((key, start, end))
            start = end

    def _load(self, key: str, start: int, end: int, doc: str) -> bool:
        found = self.store_.get_bytes(key)
        if found.found is Found.MISS:
            return False
        reason = found.reason
        if found.found is Found.HIT:
            try:
                rows = json.loads(found.body.decode("utf-8", "surrogatepass"))
                if not isinstance(rows, list) or len(rows) != end - start:
                    raise ValueError("not one result a unit")
                for offset, row in enumerate(rows):
                    self.known[start + offset] = None if row is None else _result(row, str(start + offset + 1))
                self.reused += 1
                return True
            except (KeyError, TypeError, ValueError, AttributeError, UnicodeDecodeError) as exc:
                for position in range(start, end):
                    self.known.pop(position, None)
                reason = f"not unit results ({type(exc).__name__})"
        self.say(f"cache: stored self-check of {doc} damaged ({reason}); checked again")
        return False

    def has(self, position: int) -> bool:
        return position in self.known

    def computed(self, position: int, result: UnitResult) -> None:
        if position not in self.known:
            self.fresh[position] = result

    def store(self) -> None:
        """Keep the results of the pages checked this time (a failed write only loses them)."""
        for key, start, end in self._todo:
            rows = [None if (r := self.fresh.get(p)) is None else _row(r, str(p + 1)) for p in range(start, end)]
            try:
                self.store_.put_bytes(key, json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
                                      .encode("utf-8", "surrogatepass"))
            except OSError:
                return


# --- a unit's result to JSON data and back ---------------------------------------------------

def _row(result: UnitResult, ref: str) -> dict[str, Any]:
    return {"findings": [_finding(f, ref) for f in result.findings], "terms": result.terms,
            "accepted": [{**a, "unit": None} if a.get("unit") == ref else a for a in result.accepted],
            "proposed_hidden": result.proposed_hidden, "related_hidden": result.related_hidden,
            "hit_terms": list(result.hit_terms), "lacking": sorted(result.lacking)}


def _finding(f: Finding, ref: str) -> dict[str, Any]:
    return {"file": f.file, "unit": None if f.unit == ref else f.unit, "rule": f.rule, "severity": f.severity.value,
            "source_term": f.source_term, "expected": list(f.expected), "target": f.target, "message": f.message,
            "line": f.line, "fuzzy": f.fuzzy, "variants": [[t, list(places)] for t, places in f.variants],
            "source": f.source, "folded": [_finding(g, ref) for g in f.folded]}


def _result(row: dict[str, Any], ref: str) -> UnitResult:
    from ..check.parallel import UnitResult

    accepted = [dict(a) for a in row["accepted"]]
    for item in accepted:
        if item["unit"] is None:
            item["unit"] = ref
    return UnitResult(findings=[_unfinding(f, ref) for f in row["findings"]], terms=_int(row["terms"]),
                      accepted=accepted, proposed_hidden=_int(row["proposed_hidden"]),
                      related_hidden=_int(row["related_hidden"]),
                      hit_terms=tuple(_str(t) for t in row["hit_terms"]),
                      lacking=frozenset(_str(t) for t in row["lacking"]))


def _unfinding(d: dict[str, Any], ref: str) -> Finding:
    line = d["line"]
    if line is not None:
        line = _int(line)
    fuzzy = d["fuzzy"]
    if not isinstance(fuzzy, bool):
        raise ValueError("fuzzy is not true or false")
    return Finding(file=_str(d["file"]), unit=ref if d["unit"] is None else _str(d["unit"]), rule=_str(d["rule"]),
                   severity=Severity(d["severity"]), source_term=_str(d["source_term"]),
                   expected=tuple(_str(e) for e in d["expected"]), target=_str(d["target"]),
                   message=_str(d["message"]), line=line, fuzzy=fuzzy,
                   variants=tuple((_str(t), tuple(_str(p) for p in places)) for t, places in d["variants"]),
                   source=_str(d["source"]), folded=tuple(_unfinding(g, ref) for g in d["folded"]))
