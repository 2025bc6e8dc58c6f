"""Reviewing a TMX directly: ours (with its beads sidecar) or any TMX (one bead per unit).

A TMX ``aligner build`` wrote has ``<stem>.beads.json`` beside it: that is the full
alignment (unaligned sentences and doubtful pairs too), so the review is the build's review of
that one document. Any other TMX (another tool's, or ours without a sidecar) holds only pairs:
each unit becomes a bead of one Chinese and one English "sentence", in file order, with its
``x-score`` as the confidence when it has one (else none is shown). Applying writes with our
writer: a unit nobody touched keeps its text, score, provenance and note; an accepted one gains
``<prop type="x-review">accepted</prop>``, a reviewer-made one (merge, split, moved border)
is ``edited`` with confidence 1; a rejected one is left out. The TMX read is never overwritten:
the reviewed one goes to ``<stem>.reviewed.tmx`` (the sidecar case writes the build's TMX
again, as ``aligner review apply`` does for a build).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import FormatError
from ..model import Bead, TranslationUnit
from .apply import DocApplied, replay_document
from .decisions import REVIEW_FILE, Decision
from .model import ReviewBead, Status
from .sidecar import BeadsFile, Sentence, read_beads

#: A TMX without sidecar is never overwritten: the reviewed one is ``<stem>.reviewed.tmx``.
REVIEWED_SUFFIX = ".reviewed.tmx"


@dataclass(frozen=True)
class TmxDocument:
    """A TMX opened for review: its beads, where decisions go, where the reviewed TMX goes."""

    tmx: Path
    beads: BeadsFile
    review: Path  # the review file (decisions), keyed by ``beads.doc`` like a build's
    output: Path  # where ``apply`` writes
    units: tuple[TranslationUnit, ...] = ()  # the TMX's units, one per bead; empty with a sidecar
    out: Path | None = None  # the build folder, when the TMX is a build's (for its glossary)

    @property
    def has_sidecar(self) -> bool:
        return not self.units


def sidecar_of(tmx: Path) -> Path:
    return Path(tmx).with_name(f"{Path(tmx).stem}.beads.json")


def open_tmx(tmx: Path, *, review: Path | None = None, output: Path | None = None) -> TmxDocument:
    """The review of one TMX file. A damaged TMX or sidecar is a one-line :class:`FormatError`."""
    tmx = Path(tmx)
    sidecar = sidecar_of(tmx)
    if sidecar.is_file():
        beads = read_beads(sidecar)
        out = tmx.parent.parent if tmx.parent.name == "tmx" else tmx.parent
        return TmxDocument(tmx, beads, Path(review) if review else out / REVIEW_FILE,
                           Path(output) if output else tmx, (), out)
    beads, units = beads_from_tmx(tmx)
    return TmxDocument(tmx, beads, Path(review) if review else tmx.with_name(f"{tmx.stem}.review.json"),
                       Path(output) if output else tmx.with_name(tmx.stem + REVIEWED_SUFFIX), tuple(units))


def beads_from_tmx(tmx: Path) -> tuple[BeadsFile, list[TranslationUnit]]:
    """One bead per unit, in file order; the unit's ``x-score`` (ours) is its confidence."""
    from ..formats.tmx import read_tmx

    reading = read_tmx(tmx)
    units = list(reading)
    if not units:
        raise FormatError("no translation unit with both languages to review", path=tmx,
                          hint="give a TMX whose <tu> elements hold a source and a target <seg>")
    zh = tuple(Sentence(u.source, u.src_line or n) for n, u in enumerate(units, 1))
    en = tuple(Sentence(u.target, u.tgt_line or n) for n, u in enumerate(units, 1))
    beads = tuple(Bead((k,), (k,), u.score, u.anchors) for k, u in enumerate(units))  # type: ignore[arg-type]
    header = {k: v for k, v in reading.header_props.items() if k.startswith("x-")}
    srclang = reading.srclang or "zh-CN"
    tgtlang = reading.tgtlang or _target_lang(tmx, srclang)
    # every unit was in the TMX: min_score 0 keeps each one in unless the reviewer rejects it
    return BeadsFile(tmx.stem, zh, en, beads, srclang, tgtlang, 0.0, header), units


def _target_lang(tmx: Path, srclang: str) -> str:
    """The first ``xml:lang`` of a ``<tuv>`` that is not the source language."""
    from lxml import etree

    from ..formats.tmx import XML_LANG

    try:
        for _event, tuv in etree.iterparse(str(tmx), tag="tuv", resolve_entities=False, no_network=True):
            lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
            if lang and lang.split("-")[0].lower() != srclang.split("-")[0].lower():
                return lang
    except (OSError, etree.XMLSyntaxError):
        pass
    return "en-US"


def tmx_units(doc: TmxDocument, state: Sequence[ReviewBead]) -> list[TranslationUnit]:
    """The reviewed units of a TMX without sidecar: untouched units as read, with the mark."""
    out = []
    for bead in state:
        if not bead.in_tmx(doc.beads.min_score):
            continue
        zh = [doc.units[k] for k in bead.zh]
        en = [doc.units[k] for k in bead.en]
        notes = [n for n in dict.fromkeys(u.note for u in (*zh, *en)) if n]
        if bead.note:
            notes.append(bead.note)
        if not bead.edited and len(zh) == len(en) == 1 and zh[0] is en[0]:
            unit = replace(zh[0], note="\n".join(notes))
        else:
            unit = TranslationUnit(
                source="".join(u.source for u in zh), target=" ".join(u.target for u in en), score=1.0,
                doc=zh[0].doc, src_line=zh[0].src_line, tgt_line=en[0].tgt_line, segtype=zh[0].segtype,
                note="\n".join(notes))
        mark = "edited" if bead.edited else "accepted" if bead.status is Status.ACCEPTED else ""
        if mark:  # a mark of an earlier review is replaced, not repeated
            unit = replace(unit, props=(*(p for p in unit.props if p[0] != "x-review"), ("x-review", mark)))
        out.append(unit)
    return out


def apply_tmx(doc: TmxDocument, decisions: list[Decision]) -> DocApplied:
    """Write the reviewed TMX of ``doc`` (see the module docstring for where)."""
    from ..formats.tmx import write_tmx
    from .apply import apply_document, counted

    if doc.has_sidecar:
        return apply_document(doc.beads, decisions, doc.output, doc.review)
    state = replay_document(doc.beads, decisions, doc.review)
    made = tmx_units(doc, state)
    report = counted(DocApplied(doc.beads.doc, None, len(made), decisions=len(decisions)), state)
    if not made:  # nothing left: no TMX (an old reviewed one would offer rejected pairs)
        doc.output.unlink(missing_ok=True)
        return report
    header = dict(doc.beads.header)
    if decisions:  # as for a build: no decisions, the units as read
        header["x-aligner-review"] = (f"{doc.review.name}: {report.accepted} accepted, {report.rejected} rejected, "
                                      f"{report.edited} edited")
    write_tmx(made, doc.output, srclang=doc.beads.srclang, tgtlang=doc.beads.tgtlang, header_props=header)
    report.tmx = str(doc.output)
    return report
