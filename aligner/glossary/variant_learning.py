"""Learning variants from aligned pairs, in two steps: what each pair shows (:func:`read_units`,
pair by pair, so that a build reads each document's pairs in the worker that aligned it, see
:mod:`aligner.build_readings`) and the glossary with the variants of all of them
(:func:`learn_variants`). The rules are :mod:`.from_pairs`'s."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import Source, TermEntry, TranslationUnit, VariantSource
from .text import has_han

if TYPE_CHECKING:
    from ..check.terms import TermIndex
    from .from_pairs import PairLearning

@dataclass
class UnitLearning:
    """What :func:`read_units` saw in some pairs: :class:`PairLearning`'s counts and the
    learned variant records by entry position; pairs read apart (a build's documents, each
    in its worker) add up (:func:`learn_variants`)."""

    counts: dict[str, int] = field(default_factory=dict)  # PairLearning's counter fields
    refused: dict[str, int] = field(default_factory=dict)
    records: dict[int, list[VariantSource]] = field(default_factory=dict)


_COUNTS = ("pairs", "below_threshold", "occurrences", "rendered", "learned", "skipped")


def learn_variants(
    entries: Sequence[TermEntry], units: Sequence[TranslationUnit], *, min_score: float | None = None,
    read: Sequence[UnitLearning] = (),
) -> PairLearning:
    """``entries`` with the English renderings the aligned ``units`` show added as variants.

    An entry's ``zh``, ``en``, kind, status and sources never change; a learned form is added
    to ``variants`` and each pair that shows it to ``variant_sources``. The result does not
    depend on the order of ``units``. ``read``: more pairs, read by :func:`read_units` with
    the same ``entries`` and ``min_score``.
    """
    from .from_pairs import MIN_SCORE, PairLearning, _same_form

    min_score = MIN_SCORE if min_score is None else min_score
    result = PairLearning(entries=list(entries), min_score=min_score)
    learned: dict[int, list[VariantSource]] = defaultdict(list)
    for part in [read_units(entries, units, min_score=min_score), *read]:
        for name in _COUNTS:
            setattr(result, name, getattr(result, name) + part.counts.get(name, 0))
        for reason, n in part.refused.items():
            result.refused[reason] = result.refused.get(reason, 0) + n
        for k, records in part.records.items():
            learned[k].extend(records)
    for k, records in sorted(learned.items()):
        entry = result.entries[k]
        variants = list(entry.variants)
        for record in sorted(records):
            if not any(_same_form(record.variant, v) for v in (*variants, entry.en)):
                variants.append(record.variant)
                result.variants += 1
        result.entries[k] = replace(
            entry,
            variants=tuple(sorted(variants)),
            variant_sources=tuple(sorted({*entry.variant_sources, *records})),
        )
        result.entries_changed += 1
    return result


def read_units(entries: Sequence[TermEntry], units: Sequence[TranslationUnit], *,
               min_score: float | None = None, index: TermIndex | None = None) -> UnitLearning:
    """The glossary terms of each confident pair of ``units`` and the renderings found for
    those its English lacks (the per-pair part of :func:`learn_variants`). ``index``: the
    :class:`~aligner.check.terms.TermIndex` of ``entries``, when the caller keeps one."""
    from ..check.terms import TermIndex, fold_target
    from .from_pairs import ALIGNED_PAIR, MIN_SCORE, _same_form, find_rendering

    min_score = MIN_SCORE if min_score is None else min_score

    part = UnitLearning(counts=dict.fromkeys(_COUNTS, 0))
    counts, refused, learned = part.counts, part.refused, part.records
    if not units:
        return part
    index = index if index is not None else TermIndex(entries)
    taken_forms = sorted({f for term in index.terms for f in term.allowed})
    position = {id(e): k for k, e in enumerate(entries)}
    ordered = sorted(units, key=lambda u: (u.doc, u.src_line or 0, u.tgt_line or 0, u.source, u.target))
    for unit in ordered:
        if unit.score is None or unit.score < min_score:
            counts["below_threshold"] += 1
            continue
        counts["pairs"] += 1
        hits, seen = [], set()
        for hit in index.find(unit.source):  # one per term, as the check counts them
            if id(hit.term) not in seen:
                seen.add(id(hit.term))
                hits.append(hit)
        folded = fold_target(unit.target)
        rendered_at: dict[int, list[tuple[int, int]]] = {}
        for n, hit in enumerate(hits):
            rendered_at[n] = [m.span() for m in hit.term.allowed_re.finditer(folded)]
        for n, hit in enumerate(hits):
            counts["occurrences"] += 1
            if rendered_at[n]:
                counts["rendered"] += 1
                continue
            term = hit.term
            if term.keep_as_is or term.proposed or not has_han(hit.form):
                counts["skipped"] += 1
                continue
            blocked = [span for k, spans in rendered_at.items() if k != n for span in spans]
            own = set(term.allowed)
            outcome = find_rendering(
                hit.form, list(term.allowed), unit.target, kind=term.entries[0].kind, blocked=blocked,
                taken_forms=[f for f in taken_forms if f not in own],
            )
            if outcome.rendering is None:
                refused[outcome.reason] = refused.get(outcome.reason, 0) + 1
                continue
            rendering = outcome.rendering
            if any(_same_form(rendering.text, form) for form in term.allowed):
                counts["rendered"] += 1  # same words in another case or number: not a new form
                continue
            counts["learned"] += 1
            entry = term.entries[0]
            learned.setdefault(position[id(entry)], []).append(VariantSource(
                variant=rendering.text,
                zh=Source(unit.doc, unit.src_line or 0),
                en=Source(unit.doc, unit.tgt_line or 0),
                evidence=f"{ALIGNED_PAIR} (confidence {unit.score:.2f}): {rendering.evidence}",
            ))
    return part
