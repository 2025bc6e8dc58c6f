"""What the corpus-level learning of a build reads of each aligned pair, read per document.

After the documents are aligned, a build learns from the confident pairs of the whole
corpus: variants of glossary terms (:mod:`aligner.glossary.variant_learning`), personal
names (:mod:`aligner.glossary.pair_names`) and term pairs (:mod:`aligner.glossary.from_tm`).
Most of that work looks at one pair at a time: the glossary terms in it and the renderings
of those its English lacks, jieba's words and the candidates of its Chinese, the English
candidate spans, the CC-CEDICT rendering of each candidate in that pair's English, the
names the English romanises. So the
worker that aligned a document reads its pairs too (:func:`read_document`), in parallel with
the other documents, and the result is kept in the document's cache entry with its units;
what is left for the corpus is counting, IBM-1's EM and the choice of each term's English.

A reading depends on the pair and on the glossary forms masked in its Chinese: the worker
masks the glossary it aligned with (:func:`~aligner.glossary.from_tm.reading.mask_forms`
of its terms), and the corpus step uses a reading only under that same mask, reading again
the candidates of the few pairs that hold a form learned since (a name from the pairs). The
variants are used only when the glossary reads the same (:func:`glossary_digest`: what
:class:`~aligner.check.terms.TermIndex` reads of each entry, in order), else that
document's pairs are read again. So the glossary is the one a build that read every pair
at the end would make: the same bytes.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .glossary.from_tm import PairReading, TmPair
    from .glossary.variant_learning import UnitLearning
    from .model import TermEntry, TranslationUnit

Names = tuple[tuple[str, str], ...]


def confident(unit: TranslationUnit) -> bool:
    """A pair the learning reads (see :data:`aligner.glossary.from_pairs.MIN_SCORE`)."""
    from .glossary.from_pairs import MIN_SCORE

    return unit.score is None or unit.score >= MIN_SCORE


def glossary_digest(terms: Sequence[TermEntry]) -> str:
    """What learning variants reads of the glossary: each entry's forms, kind and status, in order."""
    data = [[t.zh, t.en, t.kind.value, t.status.value, list(t.variants), t.keep_as_is, list(t.forbidden)] for t in terms]
    return hashlib.sha256(json.dumps(data, ensure_ascii=True).encode("ascii")).hexdigest()


def mask_digest(terms: Iterable[TermEntry]) -> str:
    """Which glossary forms a reading masked: a digest of them."""
    from .glossary.from_tm.reading import mask_forms

    return hashlib.sha256("\0".join(mask_forms([t.zh for t in terms])).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class DocReadings:
    """One document's confident pairs as read: ``(source, target) -> (term reading or None, names)``."""

    mask: str
    pairs: dict[tuple[str, str], tuple[PairReading | None, Names]] = field(default_factory=dict)
    glossary: str = ""  # glossary_digest of the terms the variants were looked for with
    variants: UnitLearning | None = None


def read_document(units: Sequence[TranslationUnit], terms: Sequence[TermEntry], tm_terms: bool) -> DocReadings:
    """The readings of ``units``' confident pairs, with ``terms`` masked (the glossary the
    document was aligned with); term readings only when the build extracts term pairs."""
    from .glossary.from_tm.reading import _mask, read_pair
    from .glossary.from_tm.terms import TmPair
    from .glossary.pair_names import names_in_pair
    from .model import Source

    mask = _mask([t.zh for t in terms]) if tm_terms else None
    pairs: dict[tuple[str, str], tuple[PairReading | None, Names]] = {}
    for unit in units:
        if not confident(unit) or (unit.source, unit.target) in pairs:
            continue
        reading = None
        if tm_terms:
            pair = TmPair(unit.source, unit.target, Source(unit.doc, 0), Source(unit.doc, 0))
            reading = read_pair(pair, mask, renderings=True)
        pairs[(unit.source, unit.target)] = (reading, tuple(names_in_pair(unit.source, unit.target)))
    from .glossary.variant_learning import read_units

    if _INDEX.get("terms") is not terms:  # one per worker and glossary (it knows the entries by identity)
        from .check.terms import TermIndex

        _INDEX.update(terms=terms, index=TermIndex(terms))
    return DocReadings(mask_digest(terms), pairs, glossary_digest(terms),
                       read_units(terms, units, index=_INDEX["index"]))


_INDEX: dict[str, Any] = {}


class CorpusReadings:
    """Every document's readings, for the corpus step; a pair not read (or read under
    another mask) is read there, as it always was."""

    def __init__(self, docs: Iterable[tuple[DocReadings | None, Sequence[TranslationUnit]]],
                 terms: Sequence[TermEntry]) -> None:
        self.mask = mask_digest(terms)
        self._masked = set(_mask_forms(terms))
        self.pairs: dict[tuple[str, str], tuple[PairReading | None, Names]] = {}
        self.variants: list[UnitLearning] = []  # documents whose variants were read with this glossary
        self.unread: list[TranslationUnit] = []  # the units of the others
        glossary = glossary_digest(terms)
        for doc, units in docs:
            if doc is not None and doc.mask == self.mask:
                for key, value in doc.pairs.items():
                    self.pairs.setdefault(key, value)
            if doc is not None and doc.variants is not None and doc.glossary == glossary:
                self.variants.append(doc.variants)
            else:
                self.unread.extend(units)

    def names(self, source: str, target: str) -> Names | None:
        found = self.pairs.get((source, target))
        return None if found is None else found[1]

    def tm(self, known: Sequence[str]) -> Callable[[TmPair], PairReading | None]:
        """The readings that hold under the mask of ``known`` (the forms the corpus step masks):
        all of them but those of pairs holding a form masked now and not when read."""
        from .glossary.from_tm.reading import _mask, mask_forms, read_pair

        now = set(mask_forms(known))
        if not self._masked <= now:  # a form no longer masked: no reading holds
            return lambda _pair: None
        added = sorted(now - self._masked)
        mask = _mask(known)

        def reading(pair: TmPair) -> PairReading | None:
            found = self.pairs.get((pair.source, pair.target))
            if found is None or found[0] is None:
                return None
            if any(form in pair.source for form in added):  # its candidates again; the rest holds
                return read_pair(pair, mask, like=found[0])
            return found[0]

        return reading


def _mask_forms(terms: Sequence[TermEntry]) -> list[str]:
    from .glossary.from_tm.reading import mask_forms

    return mask_forms([t.zh for t in terms])


# --- to JSON data and back (the document's cache entry, see aligner.cache.codec) ---------

def encode(doc: DocReadings | None) -> Any:
    if doc is None:
        return None
    return {"mask": doc.mask, "pairs": [[source, target, _reading_data(reading), [list(n) for n in names]]
                                        for (source, target), (reading, names) in doc.pairs.items()],
            "glossary": doc.glossary, "variants": _variants_data(doc.variants)}


def decode(data: Any) -> DocReadings | None:
    """The readings ``data`` encodes; ``ValueError`` (or ``KeyError``/``TypeError``, which the
    codec turns into one) when it is not."""
    if data is None:
        return None
    pairs: dict[tuple[str, str], tuple[PairReading | None, Names]] = {}
    for source, target, reading, names in data["pairs"]:
        pairs[(_str(source), _str(target))] = (_reading(reading), tuple((_str(h), _str(f)) for h, f in names))
    return DocReadings(_str(data["mask"]), pairs, _str(data["glossary"]), _variants(data["variants"]))


def _variants_data(part: UnitLearning | None) -> Any:
    if part is None:
        return None
    return {"counts": part.counts, "refused": part.refused,
            "records": [[k, [[r.variant, r.zh.doc, r.zh.line, r.en.doc, r.en.line, r.evidence] for r in records]]
                        for k, records in sorted(part.records.items())]}


def _variants(data: Any) -> UnitLearning | None:
    from .glossary.variant_learning import UnitLearning
    from .model import Source, VariantSource

    if data is None:
        return None
    counts = {_str(k): _int(v) for k, v in data["counts"].items()}
    refused = {_str(k): _int(v) for k, v in data["refused"].items()}
    records = {_int(k): [VariantSource(_str(v), Source(_str(zd), _int(zl)), Source(_str(ed), _int(el)), _str(why))
                         for v, zd, zl, ed, el, why in rows] for k, rows in data["records"]}
    return UnitLearning(counts, refused, records)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{type(value).__name__} where a count was expected")
    return value


def _reading_data(reading: PairReading | None) -> Any:
    if reading is None:
        return None
    return {"words": reading.words, "rendered": reading.rendered,
            "zh": [[text, list(words), None if found is None else list(found)] for text, words, found in reading.zh],
            "en": [list(item) for item in reading.en], "bitext": [list(side) for side in reading.bitext],
            "glosses": [[g.zh, g.en, list(g.variants), g.status.value] for g in reading.glosses],
            "nouns": sorted(reading.nouns), "defined": [list(item) for item in reading.defined]}


def _reading(data: Any) -> PairReading | None:
    from .glossary.from_tm import PairReading
    from .glossary.from_tm.brackets import Gloss
    from .model import TermStatus

    if data is None:
        return None
    if not isinstance(data["words"], int) or not isinstance(data["rendered"], bool):
        raise ValueError("a pair reading's counts are not numbers")
    zh = []
    for text, words, found in data["zh"]:
        rendering = None if found is None else tuple(_str(x) for x in found)
        if rendering is not None and len(rendering) != 3:
            raise ValueError("a rendering is not (key, text, evidence)")
        zh.append((_str(text), _strs(words), rendering))
    en = tuple((_str(key), _str(form)) for key, form in data["en"])
    zh_words, en_words = data["bitext"]
    glosses = tuple(Gloss(_str(zh_form), _str(en_form), tuple(_str(v) for v in variants), TermStatus(_str(status)))
                    for zh_form, en_form, variants, status in data["glosses"])
    defined = tuple((_str(acronym), _str(full)) for acronym, full in data["defined"])
    return PairReading(data["words"], tuple(zh), en, (_strs(zh_words), _strs(en_words)), data["rendered"],
                       glosses, frozenset(_strs(data["nouns"])), defined)


def _strs(values: Any) -> tuple[str, ...]:
    """``values`` as a tuple of text; checked in one pass of C loops (a page's readings hold
    thousands of words: one call per word was most of reading a cache entry back)."""
    items = tuple(values)
    if items and set(map(type, items)) != {str}:
        raise ValueError("a word is not text")
    return items


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{type(value).__name__} where text was expected")
    return value
