"""Aligning two files: read and segment each side (or take one sentence per line), align.

This is what ``aligner align ZH EN`` runs; :mod:`aligner.align.output` formats the result.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..han import has_han
from ..inputs import not_found, read_input
from ..model import Bead, Lang, Segment, TermEntry
from ..wording import count
from . import align


@dataclass(frozen=True)
class AlignedFiles:
    """Both sides' sentences (with their source lines) and the beads that pair them."""

    src_path: Path
    tgt_path: Path
    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    scorer: str
    srclang: str = "zh-CN"  # the language tags a TMX of this alignment carries
    tgtlang: str = "en-US"

    def src_text(self, bead: Bead) -> str:
        """Chinese sentences of a bead, joined without spaces as Chinese is written."""
        return "".join(self.src[k].text for k in bead.src)

    def tgt_text(self, bead: Bead) -> str:
        return " ".join(self.tgt[k].text for k in bead.tgt)

    def pairs_below(self, min_score: float) -> int:
        """Pairs scored below ``min_score`` (left out of TMX and TSV by ``--min-score``)."""
        return sum(1 for b in self.beads if b.src and b.tgt and b.score < min_score)

    @property
    def unaligned(self) -> tuple[int, int]:
        """Chinese and English sentences left without a partner."""
        return (
            sum(len(b.src) for b in self.beads if not b.tgt),
            sum(len(b.tgt) for b in self.beads if not b.src),
        )


def read_presplit(path: Path, lang: Lang, *, strict: bool = False,
                  progress: Callable[[str], None] | None = None) -> list[Segment]:
    """One sentence per line, as given: line N is sentence N-1 (blank lines included).

    ``strict`` refuses undecodable bytes instead of reading them as U+FFFD."""
    from ..documents.decode import decode

    data = read_input(path, folder_hint="give a text file with one sentence per line", allow_stdin=False)
    text, _ = decode(data, Path(path), strict=strict)
    # only CR/LF end a line: str.splitlines() would also split at U+2028, form feeds and
    # other separators inside a sentence, and line N would no longer be sentence N-1
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    stem = Path(path).stem
    return [Segment(line.strip(), lang, stem, number) for number, line in enumerate(lines, 1)]


def read_segmented(path: Path, lang: Lang, *, strict: bool = False,
                   progress: Callable[[str], None] | None = None) -> list[Segment]:
    """The document read and cleaned as the pipeline does, then split into sentences.

    ``strict`` refuses undecodable bytes; otherwise ``progress`` hears how many were skipped."""
    from ..segment.files import segment_file

    if not Path(path).exists():
        raise not_found(path)
    return segment_file(Path(path), lang, strict=strict, progress=progress)


_LATIN = re.compile(r"[A-Za-z]")


def _require_both_languages(zh_path: Path, src: Sequence[Segment], en_path: Path, tgt: Sequence[Segment], *,
                            presplit: bool, strict: bool) -> None:
    """Refuse a side without its language: nothing useful could be aligned, and swapped
    files would otherwise give an empty result that a script takes for success."""
    zh_found = any(has_han(s.text) for s in src)
    en_found = any(_LATIN.search(t.text) for t in tgt) if presplit else bool(tgt)
    if zh_found and en_found:
        return
    if presplit:
        swapped = any(has_han(t.text) for t in tgt) and any(_LATIN.search(s.text) for s in src)
    else:
        swapped = bool(read_segmented(en_path, Lang.ZH, strict=strict)) and bool(read_segmented(zh_path, Lang.EN, strict=strict))
    if swapped:
        raise InputError("no Chinese text, but the English file has Chinese: the two files look swapped",
                         path=zh_path, hint="give the Chinese file first: aligner align ZH EN")
    if not zh_found:
        raise InputError("no Chinese text found", path=zh_path,
                         hint="give the Chinese document first and its English translation second")
    raise InputError("no English text found", path=en_path,
                     hint="give the English translation of the Chinese document as the second file")


def align_files(
    zh_path: Path,
    en_path: Path,
    *,
    presplit: bool = False,
    scorer: str = "default",
    glossary: Sequence[TermEntry] = (),
    glossary_path: Path | None = None,
    explain: bool = False,
    progress: Callable[[str], None] | None = None,
    strict: bool = False,
    srclang: str = "zh-CN",
    tgtlang: str = "en-US",
) -> AlignedFiles:
    """Align a Chinese file with an English one; see :func:`aligner.align.align`.

    ``glossary_path`` (TBX, CSV or OmegaT) adds its pairs to ``glossary`` as anchors.
    ``strict`` refuses a file with undecodable bytes instead of skipping and counting them.
    ``srclang``/``tgtlang`` are the TMX language tags; clearly Traditional Chinese declared
    Simplified gets a note through ``progress`` (the result is the same). Raises :class:`InputError` when a side has no text in its language (or the two files
    look swapped).
    """
    from .scorers import get_scorer

    get_scorer(scorer)  # an unknown name fails before any file is read
    from ..formats.langs import source_lang, target_lang
    from ..script import srclang_note

    srclang, tgtlang = source_lang(srclang).value, target_lang(tgtlang).value  # a bad tag fails early too
    if glossary_path is not None:
        from ..formats.glossary_read import read_glossary

        glossary = [*glossary, *read_glossary(glossary_path)]
    read = read_presplit if presplit else read_segmented
    src = read(zh_path, Lang.ZH, strict=strict, progress=progress)
    tgt = read(en_path, Lang.EN, strict=strict, progress=progress)
    _require_both_languages(zh_path, src, en_path, tgt, presplit=presplit, strict=strict)
    if progress:
        progress(f"align: {count(len(src), 'Chinese sentence')} from {zh_path}, {len(tgt)} English from {en_path}")
        note = srclang_note((s.text for s in src), srclang)
        if note:
            progress(note)
    beads = align(
        [s.text for s in src], [t.text for t in tgt],
        scorer=scorer, glossary=glossary, explain=explain, progress=progress,
    )
    return AlignedFiles(Path(zh_path), Path(en_path), tuple(src), tuple(tgt), tuple(beads), scorer,
                        srclang, tgtlang)
