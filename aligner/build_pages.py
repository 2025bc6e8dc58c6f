"""A page's output files made where the page is aligned, and written only when they changed.

A build writes two files per document: ``tmx/<stem>.tmx`` and ``tmx/<stem>.beads.json``.
Serialising them is per-document work, so the worker that aligns a page makes their bytes
(:func:`page_files`) and the document's cache entry keeps them; the build then only compares
and writes (:func:`write_page`). A re-run after one page changed therefore serialises one
page, and rewrites no file whose bytes are already right (no temporary file, no ``fsync``,
the mtime kept: :func:`aligner.atomic.write_bytes`).

The bytes depend on the units, the beads, the document's name, the settings' signature (all
in the cache key) and the TMX ``creationdate`` (``SOURCE_DATE_EPOCH``, resolved once by the
build and carried in :attr:`aligner.build.BuildSettings.creation_date`, so a Dask worker with
another environment writes the same date). A stored page made under another date is written
again from its units here, so that setting never costs an alignment.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import BuildSettings, DocReport, Progress
    from .model import TranslationUnit
    from .review.sidecar import BeadsFile


@dataclass(frozen=True)
class PageFiles:
    """One page's output bytes: its TMX (``None`` without units) and beads (``None`` without
    English), what the TMX writer counted, and the creation date the TMX was made with."""

    tmx: bytes | None = None
    beads: bytes | None = None
    control_chars_removed: int = 0
    long_segments: int = 0
    date: str | None = None

    def counts(self) -> dict[str, int]:
        """The TMX writer's warnings the build adds up (as ``build_outputs._merge_counts``)."""
        found = {"control_chars_removed": self.control_chars_removed, "long_segments": self.long_segments}
        return {name: value for name, value in found.items() if value}


def tmx_header(settings: BuildSettings, stem: str) -> dict[str, str]:
    return {"x-aligner-signature": settings.signature(), "x-document": stem}


def page_tmx(units: Sequence[TranslationUnit], settings: BuildSettings, stem: str) -> PageFiles:
    """The TMX bytes of ``units`` (and the writer's counts) as the build writes them."""
    from .formats.tmx import tmx_bytes

    data, report = tmx_bytes(units, f"{stem}.tmx", srclang=settings.srclang, tgtlang=settings.tgtlang,
                             segtype="sentence", header_props=tmx_header(settings, stem),
                             creation_date=settings.creation_date)
    return PageFiles(data, None, report.control_chars_removed, report.long_segments, settings.creation_date)


def page_files(units: Sequence[TranslationUnit], beads: BeadsFile | None, settings: BuildSettings,
               stem: str) -> PageFiles:
    """Both files of a page, as bytes (run by the worker that aligned it)."""
    made = page_tmx(units, settings, stem) if units else PageFiles(date=settings.creation_date)
    if beads is None:
        return made
    return PageFiles(made.tmx, beads.to_json().encode("utf-8"), made.control_chars_removed,
                     made.long_segments, made.date)


def write_page(out: Path, report: DocReport, units: Sequence[TranslationUnit], files: PageFiles,
               settings: BuildSettings, say: Progress) -> PageFiles:
    """Write the page's files under ``out/tmx`` where their bytes changed, apply a review
    already made to it again, and return the files as written (the TMX made again here when
    ``files`` was made under another creation date)."""
    from .atomic import write_bytes
    from .review.apply import REVIEW_FILE, reapply
    from .review.sidecar import beads_path, parse_beads

    if units and (files.tmx is None or files.date != settings.creation_date):
        files = PageFiles(page_tmx(units, settings, report.stem).tmx, files.beads, files.control_chars_removed,
                          files.long_segments, settings.creation_date)
    if units and files.tmx is not None:
        path = Path(out) / "tmx" / f"{report.stem}.tmx"
        write_bytes(path, files.tmx)
        report.tmx = str(path)
    if files.beads is not None:  # every bead, for `aligner review`; a review already made is applied again
        path = beads_path(out, report.stem)
        write_bytes(path, files.beads)
        if (Path(out) / REVIEW_FILE).is_file():
            note = reapply(out, parse_beads(files.beads.decode("utf-8", "surrogatepass"), path))
            if note:
                say(note)
    return files
