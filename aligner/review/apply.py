"""Writing the reviewed TMX: each document's beads with the reviewer's decisions replayed.

The units are made as the build makes them (the CAT tool's raw text, joined without spaces in
Chinese and with one in English; the score rounded to 4 places; the first lines) and written
with the same writer and header, so a document without decisions gets its build TMX back byte
for byte. Reviewed pairs carry ``<prop type="x-review">`` (``accepted`` or ``edited``); an edited
pair's confidence is 1 (a person paired it).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FormatError
from ..model import TranslationUnit
from ..wording import count
from .decisions import REVIEW_FILE, Decision, load_review
from .model import ReplayError, ReviewBead, Status, replay
from .sidecar import BeadsFile, read_beads


@dataclass
class DocApplied:
    doc: str
    tmx: str | None
    pairs: int = 0
    accepted: int = 0
    rejected: int = 0
    edited: int = 0
    decisions: int = 0

    def summary(self) -> str:
        where = f"-> {self.tmx}" if self.tmx else "(no pair left: no TMX)"
        return (f"{self.doc}: {count(self.pairs, 'pair')} {where}; {count(self.decisions, 'decision')}: "
                f"{self.accepted} accepted, {self.rejected} rejected, {self.edited} edited")


@dataclass
class ApplyReport:
    review: str
    documents: list[DocApplied] = field(default_factory=list)
    glossary: str = ""  # the glossary files' summary line ('' when the build kept no glossary)


def beads_files(out: Path) -> list[Path]:
    """The beads files of a build's output folder, in name order."""
    return sorted((Path(out) / "tmx").glob("*.beads.json"))


def replay_document(beads: BeadsFile, decisions: list[Decision], review: Path) -> list[ReviewBead]:
    """Replayed beads; a decision that does not fit is a one-line error naming the review file."""
    try:
        return replay(beads.beads, decisions)
    except ReplayError as exc:
        raise FormatError(f"document {beads.doc}: {exc}", path=review,
                          hint="remove that decision (and the ones after it) or undo it in the page") from None


def units(beads: BeadsFile, state: list[ReviewBead]) -> list[TranslationUnit]:
    """The TMX units of the reviewed beads, made exactly as ``aligner build`` makes them."""
    out = []
    for bead in state:
        if not bead.in_tmx(beads.min_score):
            continue
        zh = [beads.zh[k] for k in bead.zh]
        en = [beads.en[k] for k in bead.en]
        mark = "edited" if bead.edited else "accepted" if bead.status is Status.ACCEPTED else ""
        out.append(TranslationUnit(
            source="".join(s.tmx_text for s in zh), target=" ".join(s.tmx_text for s in en),
            score=None if bead.score is None else round(bead.score, 4), doc=beads.doc, src_line=zh[0].line, tgt_line=en[0].line,
            anchors=bead.anchors, props=(("x-review", mark),) if mark else (), note=bead.note,
        ))
    return out


def counted(report: DocApplied, state: list[ReviewBead]) -> DocApplied:
    """``report`` with the accepted, rejected and edited pairs of ``state`` counted."""
    report.accepted = sum(1 for b in state if b.paired and b.status is Status.ACCEPTED and not b.edited)
    report.rejected = sum(1 for b in state if b.paired and b.status is Status.REJECTED)
    report.edited = sum(1 for b in state if b.paired and b.edited and b.status is not Status.REJECTED)
    return report


def apply_document(beads: BeadsFile, decisions: list[Decision], tmx_path: Path, review: Path) -> DocApplied:
    from ..formats.tmx import write_tmx

    state = replay_document(beads, decisions, review)
    made = units(beads, state)
    report = counted(DocApplied(beads.doc, None, len(made), decisions=len(decisions)), state)
    if not made:  # as the build: no pair, no TMX (a stale one would offer rejected pairs)
        tmx_path.unlink(missing_ok=True)
        return report
    header = dict(beads.header)
    if decisions:
        header["x-aligner-review"] = (f"{review.name}: {report.accepted} accepted, {report.rejected} rejected, "
                                      f"{report.edited} edited")
    write_tmx(made, tmx_path, srclang=beads.srclang, tgtlang=beads.tgtlang, header_props=header)
    report.tmx = str(tmx_path)
    return report


def apply_review(out: Path, *, review: Path | None = None, progress: Callable[[str], None] | None = None) -> ApplyReport:
    """Write ``tmx/<stem>.tmx`` for every ``tmx/<stem>.beads.json`` under ``out`` with the
    decisions of ``review`` (default ``out/review.json``)."""
    out = Path(out)
    review = Path(review) if review else out / REVIEW_FILE
    files = beads_files(out)
    if not files:
        raise FormatError("no beads files to review (tmx/*.beads.json)", path=out,
                          hint="run `aligner build` first, or give the build's --out folder")
    decisions = load_review(review)
    from .glossary_review import apply_glossary, load_glossary_review, read_built

    load_glossary_review(review), read_built(out)  # a damaged file is refused before anything is written
    report = ApplyReport(str(review))
    for path in files:
        beads = read_beads(path)
        doc = apply_document(beads, decisions.get(beads.doc, []), path.parent / f"{beads.doc}.tmx", review)
        report.documents.append(doc)
        if progress:
            progress(doc.summary())
    report.glossary = apply_glossary(out, review)
    return report


def reapply(out: Path, beads: BeadsFile) -> str:
    """After a re-build: the decisions ``out/review.json`` holds for this document, applied
    to its fresh TMX, so a re-run never throws a reviewer's work away. Returns a line for the
    build's progress ('' when there is nothing to apply); a review that no longer fits the
    new alignment is named and the build's TMX is left as built."""
    review = Path(out) / REVIEW_FILE
    if not review.is_file():
        return ""
    try:
        decisions = load_review(review).get(beads.doc, [])
        if not decisions:
            return ""
        done = apply_document(beads, decisions, Path(out) / "tmx" / f"{beads.doc}.tmx", review)
    except FormatError as exc:
        return f"review not applied to {beads.doc}: {exc}"
    return f"review applied: {done.summary()}"
