"""The main job: a corpus folder in, translation memories and a glossary out.

``build`` only wires the stages together (read → glossary → segment → align → write →
check); each stage lives in its own module. Everything it skips is counted in the report.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError
from .model import (
    Document,
    Role,
    TranslationUnit,
)
from .wording import count

Progress = Callable[[str], None]

#: Glossary files the build writes. TBX v3 gets its own extension: OmegaT 3.6 reads every
#: *.tbx in a glossary folder and rejects v3, so a v3 file named *.tbx would break it.
GLOSSARY_OUTPUTS = {
    "glossary.tbx": "tbx",
    "glossary.tbx3": "tbx3",
    "glossary.csv": "csv",
    "glossary.utf8": "utf8",
}

#: Roles aligned as separate blocks: a paper's title is never paired with its abstract.
ROLE_ORDER = (Role.TITLE, Role.AUTHORS, Role.ABSTRACT, Role.KEYWORDS, Role.BODY)


MIN_SCORE = 0.5
"""Default confidence a pair needs to enter the TMX: a wrong pair in a TM is worse than none,
and below 0.5 a pair is more likely wrong than right (the confidence is calibrated)."""


@dataclass(frozen=True)
class BuildSettings:
    """Everything that decides the output; recorded in every file's header."""

    corpus: Path = Path("corpus")
    out: Path = Path(".")
    srclang: str = "zh-CN"
    tgtlang: str = "en-US"
    scorer: str = "default"
    srx: Path | None = None
    min_score: float = MIN_SCORE  # a pair more likely wrong than right stays out of the TMX
    strict: bool = False  # undecodable bytes are an error instead of skipped and counted
    # add term pairs extracted from the confident aligned pairs for Chinese forms the
    # glossary lacks (`aligner build --no-tm-terms` leaves them out)
    tm_terms: bool = True
    # where sentence embeddings are kept between runs (set by aligner.cache); decides nothing
    embeddings_cache: Path | None = None
    # the TMX creationdate, resolved once by build() from SOURCE_DATE_EPOCH, so every worker
    # (a Dask one too) writes the same (see aligner.build_pages)
    creation_date: str | None = None

    def signature(self) -> str:
        """sacrebleu-style signature naming the settings that produced an output."""
        srx = self.srx.name if self.srx else "default"
        # named only when off, so a default build's signature (and every golden file) is unchanged
        tm_terms = "" if self.tm_terms else "|tm-terms:no"
        return (
            f"aligner|src:{self.srclang}|tgt:{self.tgtlang}|scorer:{self.scorer}"
            f"|srx:{srx}|min-score:{self.min_score:g}{tm_terms}|version:{__version__}"
        )


@dataclass
class DocReport:
    """What the build did with one document."""

    stem: str
    kind: str
    encoding: str
    zh_segments: int = 0
    en_segments: int = 0
    debris: dict[str, int] = field(default_factory=dict)
    normalised: dict[str, int] = field(default_factory=dict)
    pairs: int = 0
    unaligned_zh: int = 0
    unaligned_en: int = 0
    below_min_score: int = 0
    terms: int = 0
    tmx: str | None = None
    note: str = ""
    damage: str = ""  # undecodable bytes / control characters skipped, with their first lines
    foreign: list[tuple[int, str]] = field(default_factory=list)  # Chinese paragraphs in the English

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class BuildReport:
    """Summary of a build: per document, the glossary, the outputs and the self-check."""

    signature: str
    documents: list[DocReport] = field(default_factory=list)
    terms: int = 0
    terms_by_status: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0
    outputs: list[str] = field(default_factory=list)
    tmx_warnings: dict[str, int] = field(default_factory=dict)
    check: dict[str, Any] = field(default_factory=dict)
    from_pairs: dict[str, Any] = field(default_factory=dict)  # variants learned from aligned pairs
    pair_names: dict[str, Any] = field(default_factory=dict)  # personal names learned from aligned pairs
    tm_terms: dict[str, Any] = field(default_factory=dict)  # term pairs extracted from aligned pairs
    skipped: list[dict[str, str]] = field(default_factory=list)  # folder entries not read, why, and kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "documents": [d.to_dict() for d in self.documents],
            "terms": self.terms,
            "terms_by_status": self.terms_by_status,
            "conflicts": self.conflicts,
            "outputs": self.outputs,
            "tmx_warnings": self.tmx_warnings,
            "check": self.check,
            "from_pairs": self.from_pairs,
            "pair_names": self.pair_names,
            "tm_terms": self.tm_terms,
            "skipped": self.skipped,
        }


def build(settings: BuildSettings, progress: Progress | None = None, *, jobs: int = 1,
          cache: Any = None, scheduler: str | None = None) -> BuildReport:
    """Run the whole job on ``settings.corpus`` and write ``tmx/`` and ``glossary/`` under
    ``settings.out``. Raises :class:`aligner.errors.AlignerError` subclasses on bad input.

    ``jobs`` > 1 aligns documents in that many worker processes (:mod:`aligner.build_jobs`);
    ``cache`` (an :class:`aligner.cache.DocumentCache`) reuses stored per-document results;
    ``scheduler`` (a Dask scheduler's address) aligns them on that cluster's workers instead.
    The outputs are the same bytes for any ``jobs``, with or without the cache or a cluster."""
    from .documents import read_corpus
    from .documents.entries import IGNORED, Skipped
    from .formats.langs import source_lang, target_lang
    from .glossary import extract_terms, find_conflicts
    from .script import srclang_note
    from .segment import add_user_terms, load_rules

    say = progress or (lambda _msg: None)
    source_lang(settings.srclang), target_lang(settings.tgtlang)  # refuse a bad code before any work
    load_rules(settings.srx)  # a bad SRX file is refused before any work; workers load their own
    if scheduler:  # an unreachable cluster is refused before any work too
        from .runner import DaskRunner

        DaskRunner(scheduler).check()
    zh_dir = settings.corpus / "zh"
    if not settings.corpus.is_dir():
        raise InputError(
            "corpus folder not found",
            path=settings.corpus,
            hint="run from the project folder or pass --corpus DIR (it must hold zh/ and, optionally, en/)",
        )
    if not zh_dir.is_dir():
        raise InputError(
            "corpus folder has no zh/ subfolder",
            path=settings.corpus,
            hint="put the Chinese documents in DIR/zh/ and their English, if any, in DIR/en/",
        )
    en_dir = settings.corpus / "en"
    skipped: list[Skipped] = []
    from .cache.parsed import ParsedDocuments

    parsed = ParsedDocuments(cache.folder, settings.strict, say) if cache is not None else None  # hashed, not parsed
    docs = read_corpus(zh_dir, en_dir if en_dir.is_dir() else None, strict=settings.strict,
                       skipped=None if settings.strict else skipped, reuse=parsed.read if parsed else None)
    failed = [item for item in skipped if item.kind != IGNORED]
    if not docs and len(failed) == 1 and failed[0].error is not None:
        raise failed[0].error  # the only file: its own one-line message
    for item in failed:
        say(f"skipped: {item.reason}")
    if not docs:
        raise InputError(
            f"no document could be read ({len(failed)} skipped: {'; '.join(i.reason for i in failed[:3])})",
            path=zh_dir, hint="give documents in a format aligner reads (see `aligner build --help`)",
        )
    unparsed = f" ({parsed.reused} unchanged, not parsed again)" if parsed is not None and parsed.reused else ""
    say(f"read {count(len(docs), 'document')} from {zh_dir}{unparsed}")
    note = srclang_note((p.text for d in docs for p in d.zh), settings.srclang)
    if note:
        say(note)

    from .build_jobs import start_early
    from .cache.corpus import CorpusMemo, glossary_of
    from .cache.keys import settings_digest

    early = start_early(jobs, len(docs), len(docs) if parsed is None else parsed.parsed, scheduler)

    memo = CorpusMemo(cache.folder, say, settings_digest(settings)) if cache is not None else None  # kept whole
    terms = extract_terms(docs) if memo is None else glossary_of(docs, memo, extract_terms)
    conflicts = find_conflicts(terms)
    say(f"glossary: {count(len(terms), 'term')}, {count(len(conflicts), 'conflict')}")
    add_user_terms(t.zh for t in terms)

    report = BuildReport(signature=settings.signature(), conflicts=len(conflicts),
                         skipped=[{"path": item.path, "reason": item.reason, "kind": item.kind} for item in skipped])
    tmx_dir = settings.out / "tmx"
    gloss_dir = settings.out / "glossary"
    all_units: list[TranslationUnit] = []
    from .build_jobs import align_documents
    from .build_outputs import _count, _learn_from_pairs, _self_check, _write_glossaries

    from .build_pages import write_page
    from .formats.tmx import resolve_creation_date

    settings = dataclasses.replace(settings, creation_date=resolve_creation_date())
    aligned = (cache.align(docs, terms, settings, jobs, say, scheduler=scheduler, early=early) if cache is not None
               else align_documents(docs, terms, settings, jobs, say, scheduler=scheduler, early=early))
    readings = []  # what the learning from pairs reads of each document's pairs (read with it)
    for doc_report, units, files, doc_readings in aligned:
        readings.append((doc_readings, units))
        files = write_page(settings.out, doc_report, units, files, settings, say)  # only where bytes changed
        if units:
            report.outputs.append(str(doc_report.tmx))
            for name, value in files.counts().items():
                report.tmx_warnings[name] = report.tmx_warnings.get(name, 0) + value
            all_units.extend(units)
        report.documents.append(doc_report)

    from .build_readings import CorpusReadings
    from .runner import default_jobs

    corpus_jobs = 1 if scheduler else min(jobs, default_jobs())  # the corpus steps' processes, here

    terms = _learn_from_pairs(terms, all_units, report, say, tm_terms=settings.tm_terms,
                              readings=CorpusReadings(readings, terms),
                              vectors_cache=cache.folder if cache is not None else None, memo=memo,
                              jobs=corpus_jobs)
    from .review.glossary_review import reapply_glossary, write_built

    write_built(settings.out, terms, srclang=settings.srclang, tgtlang=settings.tgtlang,
                signature=settings.signature())  # as built, for `aligner review`
    terms, note = reapply_glossary(settings.out, terms)  # a glossary review already made is applied again
    if note:
        say(note)
    report.terms = len(terms)  # counted once the glossary is final (names from pairs too)
    report.terms_by_status = _count(t.status.value for t in terms)
    per_doc: dict[str, int] = {}  # entries citing each document (once per entry)
    for term in terms:
        for stem in {s.doc for s in term.sources}:
            per_doc[stem] = per_doc.get(stem, 0) + 1
    for doc_report in report.documents:
        doc_report.terms = per_doc.get(doc_report.stem, 0)
    report.outputs.extend(_write_glossaries(terms, tmx_dir, gloss_dir, settings, report))
    report.check = _self_check(all_units, terms, memo, jobs=corpus_jobs, say=say)
    if cache is not None:
        say(cache.stats.line())
        if memo is not None and memo.line():
            say(memo.line())
    say("done")
    return report
