"""The end of a build (:mod:`.build`): learning from the aligned pairs, writing the glossary
files and checking the TMX against the glossary (each page's own files: :mod:`.build_pages`)."""
from __future__ import annotations

import json

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .build import GLOSSARY_OUTPUTS, BuildReport, BuildSettings, Progress
from .build_readings import CorpusReadings
from .model import (
    TermEntry,
    TermStatus,
    TranslationUnit,
)

if TYPE_CHECKING:
    from .cache.corpus import CorpusMemo
    from .glossary.from_tm import TmPair


def _write_glossaries(
    terms: Sequence[TermEntry], tmx_dir: Path, gloss_dir: Path, settings: BuildSettings, report: BuildReport
) -> list[str]:
    outputs, tmx_report = write_glossary_outputs(terms, tmx_dir, gloss_dir, srclang=settings.srclang,
                                                 tgtlang=settings.tgtlang, signature=settings.signature())
    _merge_counts(report.tmx_warnings, tmx_report)
    return outputs


def _proposed(term: TermEntry) -> str:
    """terms.tmx's note on a proposed entry: what its evidence is."""
    if term.from_aligned_text:
        return f"{term.status.value}: read in the aligned English, paired on too little evidence to attest it"
    return f"{term.status.value}: not attested in the documents"


def write_glossary_outputs(
    terms: Sequence[TermEntry], tmx_dir: Path, gloss_dir: Path, *, srclang: str, tgtlang: str, signature: str
) -> tuple[list[str], Any]:
    """``tmx/terms.tmx`` and every ``glossary/glossary.*`` the build writes; shared with
    ``aligner review apply``, which writes the reviewed glossary the same way."""
    from .formats.registry import write_glossary
    from .formats.tmx import write_tmx

    term_units = [
        TranslationUnit(
            source=t.zh,
            target=t.en,
            doc=t.sources[0].doc if t.sources else "",
            src_line=t.sources[0].line if t.sources else None,
            segtype="phrase",
            note=_proposed(t) if t.status is TermStatus.PROPOSED else "",
        )
        for t in terms
    ]
    path = tmx_dir / "terms.tmx"
    tmx_report = write_tmx(term_units, path, srclang=srclang, tgtlang=tgtlang, segtype="phrase",
                           header_props={"x-aligner-signature": signature, "x-document": "glossary"})
    outputs = [str(path)]
    for name, fmt in GLOSSARY_OUTPUTS.items():
        path = gloss_dir / name
        write_glossary(terms, path, fmt, srclang=srclang, tgtlang=tgtlang, signature=signature)
        outputs.append(str(path))
    return outputs, tmx_report


def _learn_from_pairs(
    terms: list[TermEntry], units: Sequence[TranslationUnit], report: BuildReport, say: Progress,
    *, tm_terms: bool = False, readings: CorpusReadings | None = None, vectors_cache: Path | None = None,
    memo: CorpusMemo | None = None, jobs: int = 1,
) -> list[TermEntry]:
    """The glossary with the renderings the aligned pairs show recorded as variants, the
    personal names they romanise added as entries, and (``tm_terms``) the term pairs
    extracted from them (:mod:`aligner.glossary.from_tm`) for Chinese forms it lacks.

    ``readings``: what the workers read of each document's pairs (:mod:`aligner.build_readings`);
    ``vectors_cache``: the embedding cache, where the candidate phrases' vectors are kept;
    ``memo``: where the term pairs are kept whole, reused while their inputs are the same."""
    from .glossary.from_pairs import MIN_SCORE as CONFIDENT
    from .glossary.from_pairs import learn_variants
    from .glossary.from_tm import TmTerms, extract_tm_terms, units_to_pairs
    from .glossary.pair_names import names_from_pairs

    if readings is not None:  # the documents' pairs read by their workers, the rest here
        learned = learn_variants(terms, readings.unread, read=readings.variants)
    else:
        learned = learn_variants(terms, units)
    report.from_pairs = learned.to_dict()
    say(f"glossary: {learned.summary()}")
    names = names_from_pairs(learned.entries, units, found=readings.names if readings is not None else None)
    report.pair_names = names.to_dict()
    if names.entries:
        say(f"glossary: {names.summary()}")
    entries = [*learned.entries, *names.entries]
    if tm_terms and units:
        known = [e.zh for e in entries] + [v for e in entries for v in e.variants]
        pairs = units_to_pairs(units, min_score=CONFIDENT)

        def extract() -> TmTerms:
            return extract_tm_terms(pairs, known=known, readings=readings.tm(known) if readings is not None else None,
                                    vectors_cache=vectors_cache, say=say, jobs=jobs)

        found = extract() if memo is None else memo.run("term pairs", _pairs_digest(pairs, known), extract,
                                                        TmTerms.to_data, TmTerms.from_data)
        report.tm_terms = {**found.to_dict(), "min_score": CONFIDENT}
        say(f"glossary: {found.summary()}")
        entries.extend(found.entries)
    return sorted(entries, key=lambda e: (e.zh, e.en, e.kind.value))


def _pairs_digest(pairs: Sequence[TmPair], known: Sequence[str]) -> str:
    """Everything the term pairs are made from: the confident pairs with their places, and
    the glossary's forms (the settings and the code are in every key, :mod:`aligner.cache.corpus`)."""
    from .cache.corpus import inputs_digest

    return inputs_digest([sorted(set(known)),
                          *([p.source, p.target, p.zh.doc, p.zh.line, p.en.doc, p.en.line] for p in pairs)])


def _self_check(units: Sequence[TranslationUnit], terms: Sequence[TermEntry],
                memo: CorpusMemo | None = None, jobs: int = 1, say: Progress | None = None) -> dict[str, Any]:
    """The check of the build's own TMX against its glossary; ``memo``: kept whole, reused
    while the units and every field of every entry are the same, and otherwise the per-unit
    results of the pages whose units are the same read back (:mod:`aligner.cache.unit_results`)."""
    from .check import check_units

    texts: list[bytes] = []
    memory: list[Any] = []

    def run() -> dict[str, Any]:  # as JSON data, whether computed or read back
        # serialised once: the text read back is the data, and the same text is what is stored
        # (the report is ~8 MB at 1,000 pages; it went through JSON three times before)
        text = json.dumps(check_units(units, terms, jobs=jobs, memory=memory[0] if memory else None),
                          ensure_ascii=False, separators=(",", ":"))
        texts.append(text.encode("utf-8", "surrogatepass"))
        if memory:
            memory[0].store()
        return json.loads(text)

    if memo is None:
        return run()
    from .cache.corpus import inputs_digest
    from .cache.unit_results import UnitMemory, unit_glossary
    from .formats.glossary_files import entry_dict

    digest = inputs_digest([*({**entry_dict(t), "forbidden": list(t.forbidden)} for t in terms), None,
                            *([u.doc, u.src_line, u.source, u.target] for u in units)])

    def fresh() -> dict[str, Any]:
        memory.append(UnitMemory(memo.store.root, memo, units, unit_glossary(terms), say))
        return run()

    return memo.run("self-check", digest, fresh, lambda _data: texts[-1], _check_data)


def _check_data(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("summary"), str):
        raise ValueError("not a check report")
    return data


def _count(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))


def _merge_counts(total: dict[str, int], tmx_report: Any) -> None:
    for name in ("control_chars_removed", "long_segments"):
        value = getattr(tmx_report, name, 0)
        if isinstance(value, (list, tuple)):
            value = len(value)
        if value:
            total[name] = total.get(name, 0) + int(value)
