"""One document through the per-document stages (segment → align → units), as the build's
workers run it; :mod:`aligner.build` wires the corpus-level stages around it."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .build import ROLE_ORDER, BuildSettings, DocReport, Progress
from .model import Bead, Document, Lang, Segment, TermEntry, TranslationUnit
from .wording import count


def _build_document(
    doc: Document, terms: Sequence[TermEntry], rules: Any, settings: BuildSettings, say: Progress
) -> tuple[DocReport, list[TranslationUnit], Any]:
    from .documents.report import damage_summary
    from .review.sidecar import from_blocks
    from .segment import segment_paragraphs

    zh = segment_paragraphs(doc.zh, doc.stem, rules)
    en = segment_paragraphs(doc.en, doc.stem, rules)
    report = DocReport(
        stem=doc.stem,
        kind=doc.kind.value,
        encoding=doc.encoding,
        zh_segments=len(zh),
        en_segments=len(en),
        debris=doc.debris_counts(),
        normalised=dict(sorted(doc.normalised.items())),
        damage=damage_summary(doc),
        foreign=list(doc.foreign),
    )
    if not en:
        report.note = "no English found: no sentence TMX written (supply corpus/en/<stem>.txt)"
        return report, [], None
    if not zh:  # nothing to align the English with: say so, with the count, not a blank line
        report.unaligned_en = len(en)
        report.note = (f"no Chinese found: {count(len(en), 'English sentence')} not in any TMX (is this the English "
                       f"of another document? put it in corpus/en/ named after its Chinese document)")
        return report, [], None
    units: list[TranslationUnit] = []
    blocks: list[tuple[list[Segment], list[Segment], list[Bead]]] = []
    zh_cat = _cat_texts(zh, doc.source if doc.cat_view else "", rules, doc.source_lines)
    en_cat = _cat_texts(en, doc.en_source if doc.en_cat_view else "", rules, doc.en_source_lines)
    for role_zh, role_en in _role_blocks(zh, en):
        if not role_zh or not role_en:
            report.unaligned_zh += len(role_zh)
            report.unaligned_en += len(role_en)
            blocks.append((role_zh, role_en, []))
            continue
        beads = _align(role_zh, role_en, terms, settings, say)
        blocks.append((role_zh, role_en, beads))
        for bead in beads:
            if not bead.src or not bead.tgt:
                report.unaligned_zh += len(bead.src)
                report.unaligned_en += len(bead.tgt)
                continue
            if bead.score < settings.min_score:
                report.below_min_score += 1
                continue
            units.append(_unit(bead, role_zh, role_en, doc.stem, zh_cat, en_cat))
    report.pairs = len(units)
    if not units:  # say why there is no TMX, never a blank line
        if report.below_min_score:
            n = report.below_min_score
            report.note = (f"no TMX written: every pair is below --min-score {settings.min_score:g} "
                           f"({count(n, 'pair')}; --min-score 0 keeps them)")
        else:
            report.note = (f"no TMX written: no pair aligned; {report.unaligned_zh} zh / {report.unaligned_en} en "
                           f"sentences without a counterpart (is the English the translation of this document?)")
    from .build_pages import tmx_header

    header = tmx_header(settings, doc.stem)  # the TMX's own header props
    beads_file = from_blocks(doc.stem, blocks, zh_cat, en_cat, srclang=settings.srclang, tgtlang=settings.tgtlang,
                             min_score=settings.min_score, header=header)
    return report, units, beads_file


def _role_blocks(
    zh: Sequence[Segment], en: Sequence[Segment]
) -> list[tuple[list[Segment], list[Segment]]]:
    """Pair segments block by block: same role on both sides, body with body."""
    blocks = []
    for role in ROLE_ORDER:
        blocks.append(([s for s in zh if s.role == role], [s for s in en if s.role == role]))
    return [b for b in blocks if b[0] or b[1]]


def _align(
    zh: Sequence[Segment], en: Sequence[Segment], terms: Sequence[TermEntry], settings: BuildSettings,
    say: Progress,
) -> list[Bead]:
    """Align one role block; only a long block's embedding counts reach ``say`` (see
    ``embedder.PROGRESS_EVERY``), so a build of short documents stays as quiet as before."""
    from .align import align
    from .align.embedder import COUNT

    def counts(message: str) -> None:
        if message.startswith((f"align: {COUNT}", "cache: ")):
            say("  " + message)

    return align(
        [s.text for s in zh], [s.text for s in en], scorer=settings.scorer, glossary=terms, explain=True,
        progress=counts, cache_dir=settings.embeddings_cache,
    )


def _cat_texts(segments: Sequence[Segment], raw: str, rules: Any,
               line_map: Sequence[int] = ()) -> dict[Segment, str]:
    """The text a CAT tool shows for each cleaned segment, where one corresponds.

    Alignment works on cleaned text (full-width punctuation, labels and markers removed),
    but a CAT tool looks a TMX entry up by exact source text, punctuation and width
    included. So a TU records the raw segment OmegaT would show (see
    :func:`aligner.segment.omegat.cat_sources`), and the cleaned text only where the raw
    file has no such segment (a paragraph re-joined across a page break).
    """
    from .segment.omegat import cat_sources

    if not segments or not raw:
        return {}
    found = cat_sources(segments, raw, rules, line_map)
    return {seg: cat.text for seg, cat in zip(segments, found) if cat is not None}


def _unit(
    bead: Bead,
    zh: Sequence[Segment],
    en: Sequence[Segment],
    stem: str,
    zh_cat: dict[Segment, str],
    en_cat: dict[Segment, str],
) -> TranslationUnit:
    src = [zh[i] for i in bead.src]
    tgt = [en[i] for i in bead.tgt]
    return TranslationUnit(
        source=_join([zh_cat.get(s, s.text) for s in src], Lang.ZH),
        target=_join([en_cat.get(s, s.text) for s in tgt], Lang.EN),
        score=round(bead.score, 4),
        doc=stem,
        src_line=src[0].line,
        tgt_line=tgt[0].line,
        anchors=bead.anchors,
    )


def _join(texts: Sequence[str], lang: Lang) -> str:
    return ("" if lang is Lang.ZH else " ").join(texts)
