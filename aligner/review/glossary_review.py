"""Glossary review: the build's entries as built, the reviewer's decisions, every glossary file.

The build keeps its glossary as built (before any review) in ``glossary/glossary.built.json``
with the languages and signature it wrote with, so that ``aligner review apply`` can write
every glossary output again (``tmx/terms.tmx`` and ``glossary/glossary.{tbx,tbx3,csv,utf8}``,
through the build's own writer) with the decisions of ``review.json``'s ``glossary``
section, and so that applying no decision gives the build's files back byte for byte. A
re-build applies the same decisions to the entries it still finds (:func:`reapply_glossary`).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_text
from ..errors import FormatError
from ..model import Source, TermEntry, TermKind, TermStatus, VariantSource
from .decisions import HINT, REVIEW_FILE, read_review_file
from .glossary_decisions import GlossaryDecision, GlossaryReplay, parse_glossary_decisions, replay_glossary

FORMAT = "aligner-glossary-built"
VERSION = 1
BUILT_FILE = Path("glossary") / "glossary.built.json"


@dataclass(frozen=True)
class BuiltGlossary:
    entries: tuple[TermEntry, ...]
    srclang: str
    tgtlang: str
    signature: str


def write_built(out: Path, entries: Sequence[TermEntry], *, srclang: str, tgtlang: str, signature: str) -> Path:
    """One entry per line, every field: what apply needs to write each format again."""
    from ..formats.glossary_files import entry_dict

    path = Path(out) / BUILT_FILE
    items = [json.dumps({**entry_dict(e), **({"forbidden": list(e.forbidden)} if e.forbidden else {})},
                        ensure_ascii=False, sort_keys=True) for e in entries]
    head = json.dumps({"format": FORMAT, "version": VERSION, "srclang": srclang, "tgtlang": tgtlang,
                       "signature": signature}, ensure_ascii=False)[:-1]
    body = ",\n  ".join(items)
    write_text(path, f'{head}, "entries": [\n  {body}\n]}}\n' if items else f'{head}, "entries": []}}\n')
    return path


def read_built(out: Path) -> BuiltGlossary | None:
    """The build's glossary as built; None when the build wrote none (an older build)."""
    path = Path(out) / BUILT_FILE
    if not path.is_file():
        return None
    hint = "re-run `aligner build` to write it again"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError(f"format {data.get('format')!r} version {data.get('version')!r}")
        entries = tuple(entry_from_dict(item) for item in data["entries"])
        return BuiltGlossary(entries, str(data["srclang"]), str(data["tgtlang"]), str(data["signature"]))
    except (OSError, UnicodeDecodeError, AttributeError, KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"damaged glossary file ({type(exc).__name__}: {exc})"[:300], path=path, hint=hint) from None


def _source(data: Any) -> Source:
    return Source(str(data["doc"]), int(data["line"]))


def entry_from_dict(data: Any) -> TermEntry:
    """The entry ``entry_dict`` (with ``forbidden``) wrote; ``KeyError``/``TypeError``/``ValueError`` when it is not one."""
    return TermEntry(
        zh=str(data["zh"]), en=str(data["en"]), kind=TermKind(data["kind"]),
        sources=tuple(_source(s) for s in data["sources"]), status=TermStatus(data["status"]),
        definition=str(data["definition"]), variants=tuple(str(v) for v in data["variants"]),
        evidence=str(data["evidence"]), keep_as_is=bool(data["keep_as_is"]),
        forbidden=tuple(str(v) for v in data.get("forbidden", [])),
        variant_sources=tuple(VariantSource(str(s["variant"]), _source(s["zh"]), _source(s["en"]), str(s["evidence"]))
                              for s in data.get("variant_sources", [])),
    )


def load_glossary_review(path: Path) -> list[GlossaryDecision]:
    """The ``glossary`` section of the review file; no file or no section means no decisions.
    The file is untrusted input: anything malformed is a one-line :class:`FormatError`."""
    data = read_review_file(path)
    if data is None:
        return []
    try:
        section = data.get("glossary", {"decisions": []})
        if not isinstance(section, dict):
            raise ValueError('"glossary" must be {"decisions": [...]}')
        return parse_glossary_decisions(section.get("decisions"))
    except (TypeError, ValueError) as exc:
        raise FormatError(f"damaged review file: {exc}"[:300], path=path, hint=HINT) from None


def write_reviewed(out: Path, built: BuiltGlossary, state: GlossaryReplay) -> list[str]:
    """Every glossary output of the build, written again from the reviewed entries."""
    from ..build_outputs import write_glossary_outputs

    out = Path(out)
    outputs, _ = write_glossary_outputs(state.entries(), out / "tmx", out / "glossary", srclang=built.srclang,
                                        tgtlang=built.tgtlang, signature=built.signature)
    return outputs


def summary(state: GlossaryReplay, decisions: int) -> str:
    marks = [r.mark.value for r in state.rows if r.mark.value]
    counts = ", ".join(f"{marks.count(m)} {m}" for m in ("accepted", "rejected", "edited", "picked"))
    line = f"glossary: {len(state.entries())} entries; {decisions} decision{'s' * (decisions != 1)}: {counts}"
    note = state.vanished_note()
    return f"{line}; {note}" if note else line


def apply_glossary(out: Path, review: Path | None = None) -> str:
    """Write the reviewed glossary files of the build in ``out``; '' when it kept no glossary."""
    built = read_built(out)
    if built is None:
        return ""
    decisions = load_glossary_review(Path(review) if review else Path(out) / REVIEW_FILE)
    state = replay_glossary(built.entries, decisions)
    write_reviewed(out, built, state)
    return summary(state, len(decisions))


def reapply_glossary(out: Path, entries: list[TermEntry]) -> tuple[list[TermEntry], str]:
    """After a re-build: the review file's glossary decisions applied to the new entries (the
    ones that still exist); returns the entries to write and a line for the progress ('' when
    there is nothing to apply). A damaged review file is named; the glossary is left as built."""
    review = Path(out) / REVIEW_FILE
    if not review.is_file():
        return entries, ""
    try:
        decisions = load_glossary_review(review)
    except FormatError as exc:
        return entries, f"glossary review not applied: {exc}"
    if not decisions:
        return entries, ""
    state = replay_glossary(entries, decisions)
    return state.entries(), f"review applied: {summary(state, len(decisions))}"


def table(state: GlossaryReplay) -> list[dict[str, Any]]:
    """The page's rows: every entry with its evidence, sources, the reviewer's mark and the
    forms that can win; entries in a conflict first (grouped by the conflicting form)."""
    from ..glossary.conflicts import find_conflicts
    from ..glossary.text import norm_key
    from .glossary_decisions import Mark, choices, group_index

    rows = list(state.rows)
    live = [r.entry for r in rows if r.mark is not Mark.REJECTED]
    conflicts = {(c.side, norm_key(c.form)): c for c in find_conflicts(live)}
    groups = group_index(rows)
    out = []
    for index, row in enumerate(rows):
        e = row.entry
        conflict = conflicts.get(("zh", norm_key(e.zh))) or conflicts.get(("en", norm_key(e.en)))
        forms = {}
        for side, other in (("en", "zh"), ("zh", "en")):
            members = sorted({index, *groups.get((other, norm_key(getattr(e, other))), [])})
            forms[side] = choices([rows[i].entry for i in members], side)
        out.append({
            "zh": e.zh, "en": e.en, "kind": e.kind.value, "status": e.status.value, "evidence": e.evidence,
            "definition": e.definition, "sources": [str(s) for s in e.sources], "variants": list(e.variants),
            "mark": row.mark.value, "conflict": conflict.describe() if conflict else "",
            "group": f"{conflict.side}:{conflict.form}" if conflict else "",
            "choices": {side: f for side, f in forms.items() if len(f) > 1},
        })
    return sorted(out, key=lambda r: (not r["conflict"], r["group"]))
