"""The two glossary jobs the CLI runs: extract from documents, merge with a user's glossary.

Each reads its inputs, calls the library, writes one output (atomically, or to stdout for
``-``) and returns a report; nothing is printed here.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..documents.entries import IGNORED, classify
from ..errors import InputError, UsageError
from ..model import Document, TermEntry, TermStatus
from .conflicts import Conflict, find_conflicts
from .extract import Extraction, extract
from .merge import MergeResult, merge

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
SUFFIX_FORMATS = {".tbx": "tbx", ".csv": "csv", ".utf8": "utf8", ".tab": "utf8", ".json": "json"}


@dataclass
class ExtractReport:
    """What ``aligner glossary extract`` found and wrote."""

    documents: list[str]
    extraction: Extraction
    conflicts: list[Conflict]
    output: str
    format: str
    skipped_files: list[str] = field(default_factory=list)

    @property
    def entries(self) -> list[TermEntry]:
        return self.extraction.entries

    def to_dict(self) -> dict:
        status: dict[str, int] = {}
        for entry in self.entries:
            status[entry.status.value] = status.get(entry.status.value, 0) + 1
        return {
            "documents": self.documents,
            "entries": len(self.entries),
            "by_status": dict(sorted(status.items())),
            "by_evidence": self.extraction.by_evidence,
            "unused_front_matter_names": self.extraction.unused_front_matter,
            "brackets": self.extraction.brackets,
            "brackets_not_translations": self.extraction.brackets_not_terms,
            "brackets_too_deep": self.extraction.brackets_too_deep,
            "conflicts": [
                {"side": c.side, "form": c.form, "renderings": list(c.renderings),
                 "sources": [str(s) for s in c.sources]}
                for c in self.conflicts
            ],
            "output": self.output,
            "format": self.format,
            "skipped_files": self.skipped_files,
        }


def output_format(fmt: str | None, out: str) -> str:
    """``--format`` if given, else the output's suffix, else JSON (for stdout)."""
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower() if out != "-" else ""
    if suffix and suffix not in SUFFIX_FORMATS:
        raise UsageError(f"cannot tell the glossary format from the suffix {suffix!r}",
                         path=out, hint="give --format tbx|tbx3|csv|utf8|json")
    return SUFFIX_FORMATS.get(suffix, "json")


def input_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Files to read: the files given, and the text files of any folder given (sorted)."""
    files: list[Path] = []
    skipped: list[str] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                why = classify(child)  # a FIFO is never opened; broken links and subfolders are named
                if why is not None and why.kind != IGNORED:
                    skipped.append(why.reason)
                elif child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
                    files.append(child)
                elif child.is_file():
                    skipped.append(str(child))
        elif path.exists():
            files.append(path)
        else:
            raise InputError("file not found", path=path, hint="check the path")
    if not files:
        raise InputError("no documents to read", path=paths[0] if paths else None,
                         hint=f"give text files ({', '.join(TEXT_SUFFIXES)}) or a folder holding them")
    return files, skipped


def run_extract(
    paths: Sequence[Path],
    out: str = "-",
    fmt: str | None = None,
    *,
    progress: Callable[[str], None] = lambda _: None,
    strict: bool = False,
    srclang: str = "zh-CN",
    tgtlang: str = "en-US",
) -> ExtractReport:
    """Read ``paths``, extract the glossary, write it to ``out`` in ``fmt``.

    ``strict`` refuses a document with undecodable bytes instead of skipping and counting them.
    ``srclang``/``tgtlang`` are the language tags of TBX (and of a Traditional CSV header).
    """
    from ..documents import read_document
    from ..documents.report import damage_summary
    from ..formats.registry import glossary_format, write_glossary

    from ..formats.langs import source_lang, target_lang
    from ..script import srclang_note

    srclang, tgtlang = source_lang(srclang).value, target_lang(tgtlang).value  # a bad tag fails first
    chosen = glossary_format(output_format(fmt, out)).value
    files, skipped = input_files(paths)
    docs: list[Document] = []
    for path in files:
        progress(f"reading {path}")
        docs.append(read_document(path, strict=strict))
        damage = damage_summary(docs[-1])
        if damage:
            progress(f"aligner: {damage}")
    stems = [d.stem for d in docs]
    duplicates = sorted({s for s in stems if stems.count(s) > 1})
    if duplicates:
        raise UsageError(f"two documents share the name {duplicates[0]!r}",
                         hint="sources are written as name:line, so rename one of them")
    note = srclang_note((p.text for d in docs for p in d.zh), srclang)
    if note:
        progress(note)
    extraction = extract(docs)
    conflicts = find_conflicts(extraction.entries)
    write_glossary(extraction.entries, out, chosen, signature=signature(chosen), srclang=srclang, tgtlang=tgtlang)
    return ExtractReport(stems, extraction, conflicts, out, chosen, skipped)


def signature(fmt: str) -> str:
    from .. import __version__

    return f"aligner|glossary extract|evidence:paren+keywords+authors+front-matter+latin+pinyin|format:{fmt}|version:{__version__}"


@dataclass
class MergeReport:
    result: MergeResult
    output: str
    format: str
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file:line, reason): entries not usable

    def to_dict(self) -> dict:
        r = self.result
        return {
            "entries": len(r.entries),
            "kept_yours": r.kept,
            "added_ours": len(r.added),
            "agreed": r.agreed,
            "differences": [
                {"zh": d.theirs.zh, "yours": d.theirs.en, "ours": d.ours.en,
                 "our_sources": [str(s) for s in d.ours.sources],
                 "our_status": d.ours.status.value}
                for d in r.differences
            ],
            "output": self.output,
            "format": self.format,
            "skipped": [{"where": where, "reason": reason} for where, reason in self.skipped],
        }


def run_merge(ours: Path, theirs: Path, out: str = "-", fmt: str | None = None, *,
              strict: bool = False) -> MergeReport:
    """Merge our glossary file into the user's (any format ``aligner check`` reads).

    Entries without both a Chinese and an English term cannot be merged: they are listed in
    the report (file:line, reason), or with ``strict`` the first one is an error.
    """
    from ..errors import FormatError
    from ..formats.glossary_read import read_glossary_file
    from ..formats.registry import glossary_format, write_glossary

    chosen = glossary_format(output_format(fmt, out)).value
    readings = [read_glossary_file(ours), read_glossary_file(theirs)]
    skipped = [(f"{r.path}:{line}" if line else r.path, reason) for r in readings for line, reason in r.skipped]
    if strict and skipped:
        reading = next(r for r in readings if r.skipped)
        line, reason = reading.skipped[0]
        raise FormatError(f"glossary entry has {reason}", path=reading.path, line=line,
                          hint="complete or remove the entry, or drop --strict to skip and count it")
    result = merge(readings[0].entries, readings[1].entries)
    write_glossary(result.entries, out, chosen, signature=signature(chosen).replace("glossary extract", "glossary merge"))
    return MergeReport(result, out, chosen, skipped)


def proposed_count(entries: Sequence[TermEntry]) -> int:
    return sum(1 for e in entries if e.status is TermStatus.PROPOSED)
