"""What a review is of: a build's output folder, or one TMX file.

The page, the spreadsheet export and import, and ``apply`` all need the same three things:
the documents' beads, the review file their decisions go to, and how to write the reviewed
TMX. :func:`open_source` answers them for both routes, so each command wires one call.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FormatError
from .apply import DocApplied, apply_document, beads_files
from .decisions import REVIEW_FILE, Decision
from .from_tmx import TmxDocument, apply_tmx, open_tmx
from .sidecar import BeadsFile, read_beads


@dataclass
class ReviewSource:
    docs: dict[str, BeadsFile]
    review: Path
    out: Path  # the build folder (its glossary highlights terms), or the TMX's folder
    tmx: TmxDocument | None = None
    label: str = ""  # what is reviewed, for messages
    outputs: dict[str, Path] = field(default_factory=dict)  # each document's reviewed TMX

    def apply_doc(self, stem: str, decisions: list[Decision]) -> DocApplied:
        if self.tmx is not None:
            return apply_tmx(self.tmx, decisions)
        return apply_document(self.docs[stem], decisions, self.outputs[stem], self.review)

    def apply(self, decisions: dict[str, list[Decision]]) -> list[DocApplied]:
        return [self.apply_doc(stem, decisions.get(stem, [])) for stem in sorted(self.docs)]

    def check_glossary(self) -> None:
        """Refuse a damaged glossary section or built glossary before anything is written."""
        if self.tmx is None:
            from .glossary_review import load_glossary_review, read_built

            load_glossary_review(self.review), read_built(self.out)

    def apply_glossary(self) -> str:
        """A build's glossary files rewritten with the glossary decisions: their summary line
        ('' for a TMX, or a build that kept no glossary)."""
        if self.tmx is not None:
            return ""
        from .glossary_review import apply_glossary

        return apply_glossary(self.out, self.review)


def is_tmx(path: Path) -> bool:
    return Path(path).suffix.lower() == ".tmx"


def open_source(out: Path = Path("."), *, tmx: Path | None = None, review: Path | None = None,
                output: Path | None = None) -> ReviewSource:
    """The build in ``out`` (every ``tmx/*.beads.json``), or the TMX file ``tmx``."""
    if tmx is not None:
        doc = open_tmx(tmx, review=review, output=output)
        return ReviewSource({doc.beads.doc: doc.beads}, doc.review, doc.out or Path(tmx).parent, doc,
                            str(tmx), {doc.beads.doc: doc.output})
    out = Path(out)
    files = beads_files(out)
    if not files:
        raise FormatError("no beads files to review (tmx/*.beads.json)", path=out,
                          hint="run `aligner build` first, or give the build's --out folder")
    docs = {}
    for path in files:
        beads = read_beads(path)
        docs[beads.doc] = beads
    return ReviewSource(docs, Path(review) if review else out / REVIEW_FILE, out, None, f"the build in {out}",
                        {stem: path.parent / f"{stem}.tmx" for stem, path in zip(docs, files)})
