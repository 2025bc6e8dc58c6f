"""A termbase from parallel text: bilingual term pairs from aligned sentence pairs.

Public API::

    TmPair(source, target, zh=Source, en=Source)         # one aligned pair
    extract_tm_terms(pairs, *, known=(), min_freq=1) -> TmTerms
    TmTerms.entries -> list[TermEntry]                    # for the glossary's merge logic
    units_to_pairs(units) -> list[TmPair]                 # from a build's TranslationUnits

:mod:`.candidates` finds noun phrases on both sides, :mod:`.stats` scores their
association, :mod:`.reading` reads each pair and indexes the corpus, :mod:`.pairing` decides
each Chinese candidate's English, and :mod:`.sparse` those seen in only one or two pairs
that nothing else paired (by phrase embeddings with the dictionary; always proposed). The
entries are ordinary :class:`~aligner.model.TermEntry` objects, so the existing merge,
conflict and variant logic applies. Their evidence starts ``aligned-`` and the method
(``bracket``, ``dictionary``, ``alignment``, ``cooccurrence``, ``embedding``) and says why
the pair was made, with up to ``max_examples`` example pairs as ``doc:line (zh) / doc:line (en)``; it is what the CSV's evidence column,
the TBX entry's ``evidence:`` note and the JSON's ``evidence`` field carry.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model import Source, TermEntry, TermKind, TermStatus, TranslationUnit
from ...wording import count
from ..text import norm_key
from .candidates import SUFFIX_CHARS
from .pairing import finish, pair_term
from .sparse import eligible, needed, sparse_terms
from .reading import PairReading, index
from .terms import TermPair, TmPair, term_data, term_from_data

__all__ = ["PairReading", "TermPair", "TmPair", "TmTerms", "extract_tm_terms", "units_to_pairs", "EVIDENCE"]

EVIDENCE = {"bracket": "aligned-bracket", "dictionary": "aligned-dictionary", "alignment": "aligned-alignment",
            "cooccurrence": "aligned-cooccurrence", "embedding": "aligned-embedding"}
#: Example pairs kept per term.
MAX_EXAMPLES = 3


@dataclass
class TmTerms:
    """What extraction from the pairs found (counted, so the summary can say it)."""

    terms: list[TermPair] = field(default_factory=list)
    pairs: int = 0  # pairs read
    candidates: int = 0  # distinct Chinese candidates seen at least min_freq times
    known: int = 0  # candidates that are a glossary term as they stand (left to it)
    nested: int = 0  # accepted pairs dropped as the part of a longer term
    # the entries as stored with the result (:meth:`from_data`): their kinds need jieba and
    # CC-CEDICT, which a build that reads every step back never loads
    stored: list[TermEntry] | None = field(default=None, repr=False, compare=False)

    @property
    def entries(self) -> list[TermEntry]:
        return list(self.stored) if self.stored is not None else [_entry(t) for t in self.terms]

    def summary(self) -> str:
        attested = sum(1 for t in self.terms if t.status is TermStatus.ATTESTED)
        return (f"{count(len(self.terms), 'term pair')} ({attested} attested, {len(self.terms) - attested} proposed) "
                f"from {count(self.pairs, 'aligned pair')} ({count(self.candidates, 'Chinese candidate')})")

    def to_dict(self) -> dict[str, Any]:
        return {"pairs": self.pairs, "candidates": self.candidates, "known": self.known, "nested": self.nested,
                "entries": len(self.terms),
                "attested": sum(1 for t in self.terms if t.status is TermStatus.ATTESTED),
                "summary": self.summary()}


    def to_data(self) -> dict[str, Any]:
        """JSON data of the whole result (a build keeps it, :mod:`aligner.cache.corpus`)."""
        from ...formats.glossary_files import entry_dict

        return {"pairs": self.pairs, "candidates": self.candidates, "known": self.known, "nested": self.nested,
                "terms": [term_data(t) for t in self.terms],
                "entries": [{**entry_dict(e), "forbidden": list(e.forbidden)} for e in self.entries]}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> TmTerms:
        """The result :meth:`to_data` made; ``ValueError``/``TypeError``/``KeyError`` when it is not one."""
        counts = [data[name] for name in ("pairs", "candidates", "known", "nested")]
        if not all(type(c) is int for c in counts):
            raise ValueError("the counts are not numbers")
        from ...review.glossary_review import entry_from_dict

        terms = [term_from_data(t) for t in data["terms"]]
        stored = [entry_from_dict(e) for e in data["entries"]]
        if [(e.zh, e.en) for e in stored] != [(t.zh, t.en) for t in terms]:
            raise ValueError("the entries are not those of the term pairs")
        return cls(terms, *counts, stored=stored)


def units_to_pairs(units: Iterable[TranslationUnit], *, min_score: float = 0.0) -> list[TmPair]:
    """A build's aligned units as pairs (those scored below ``min_score`` left out)."""
    return [TmPair(u.source, u.target, Source(u.doc, u.src_line or 0), Source(u.doc, u.tgt_line or 0))
            for u in units if u.score is None or u.score >= min_score]


def extract_tm_terms(pairs: Sequence[TmPair], *, known: Iterable[str] = (), min_freq: int = 1,
                     embeddings: bool = True, dictionary: bool = True, alignment: bool = True, brackets: bool = True,
                     max_examples: int = MAX_EXAMPLES, readings: Callable[[TmPair], PairReading | None] | None = None,
                     vectors_cache: Path | None = None, say: Callable[[str], None] | None = None,
                     jobs: int = 1) -> TmTerms:
    """Term pairs of ``pairs``, sorted by Chinese form; Chinese forms in ``known`` (the
    glossary's own) are left out. ``dictionary=False``, ``alignment=False``, ``brackets=False`` and
    ``embeddings=False`` leave out CC-CEDICT, the IBM-1 model and the embeddings
    (co-occurrence alone: the benchmark's baseline). Deterministic: the same pairs in any order give the same terms.

    ``readings``: a pair's reading made earlier under the same ``known`` (a build's workers
    read their documents' pairs, see :mod:`aligner.build_readings`), or None to read it here.
    ``vectors_cache``: the embedding cache folder the candidate phrases' vectors are kept in
    (:mod:`aligner.cache.phrases`); ``say`` hears about a damaged entry there. ``jobs`` > 1:
    the sparse step's candidates split with a forked process (:func:`_sparse_split`)."""
    pairs = sorted(pairs, key=lambda p: (p.zh, p.en, p.source, p.target))
    known = sorted(set(known))
    skip = {norm_key(k) for k in known}
    idx = index(pairs, known, alignment=alignment, brackets=brackets, readings=readings)
    result = TmTerms(pairs=len(pairs))
    similarity = _Similarity(vectors_cache, say) if embeddings else None
    found: dict[str, TermPair] = {}
    memo: dict[str, Any] = {}
    for zh in sorted(idx.zh_pairs):
        if len(idx.zh_pairs[zh]) < min_freq:
            continue
        result.candidates += 1
        if norm_key(zh) in skip:
            result.known += 1
            continue
        term = pair_term(zh, idx, similarity, max_examples, dictionary, memo)
        if term is not None:
            found[zh] = term
    if similarity is not None and similarity.asked:
        # the candidates whose close options the embeddings decide, again, with every
        # phrase they asked for embedded in one go (the first pass only collected them)
        similarity.embed()
        for zh in sorted(similarity.asked):
            found.pop(zh, None)
            term = pair_term(zh, idx, similarity, max_examples, dictionary, memo)
            if term is not None:
                found[zh] = term
    kept = _drop_nested(found, idx.zh_pairs)
    result.nested = len(found) - len(kept)
    if similarity is not None:
        # candidates seen once or twice that nothing above paired: the embeddings choose
        # among their pairs' English spans, with the dictionary and the IBM-1 table (:mod:`.sparse`)
        rest = [zh for zh in sorted(idx.zh_pairs) if zh not in found and norm_key(zh) not in skip
                and len(idx.zh_pairs[zh]) >= min_freq and eligible(zh, idx)]
        sparse: dict[str, TermPair] = {}
        if rest:
            vectors = similarity.vectors_of(needed(rest, idx))
            for zh, term in _sparse_split(rest, idx, vectors, max_examples, jobs).items():
                term = finish(zh, term, idx)
                if term is not None:
                    sparse[zh] = term
        # nested among all, but weaker evidence never removes a pair the statistics made
        # (生命体征 = vital signs seen once does not make 体征 = sign a fragment)
        both = _drop_nested({**kept, **sparse}, idx.zh_pairs)
        result.nested += sum(1 for zh in sparse if zh not in both)
        kept.update((zh, t) for zh, t in both.items() if zh in sparse)
    result.terms = sorted(kept.values(), key=lambda t: (t.zh, t.en))
    return result


#: sparse candidates worth a forked process (a fork and the pickled answer cost ~0.1 s)
SPLIT_AFTER = 400


def _sparse_split(rest: list[str], idx: Any, vectors: dict[str, Any], max_examples: int,
                  jobs: int) -> dict[str, TermPair]:
    """:func:`.sparse.sparse_terms` of ``rest``, every other candidate decided in a forked
    process when ``jobs`` > 1 (it sees the index and the vectors without pickling them): each
    candidate's choice reads only its own pairs, so the halves give the same pairs, put
    back in ``rest``'s order. The other core is free by then: the build's workers are done."""
    if jobs < 2 or len(rest) < SPLIT_AFTER:
        return sparse_terms(rest, idx, vectors, max_examples)
    from ...align import forked

    other = forked.start(lambda: sparse_terms(rest[1::2], idx, vectors, max_examples))
    if other is None:  # no fork here
        return sparse_terms(rest, idx, vectors, max_examples)
    found = sparse_terms(rest[0::2], idx, vectors, max_examples)
    found.update(other())
    return {zh: found[zh] for zh in rest if zh in found}


def _drop_nested(found: dict[str, TermPair], zh_pairs: dict[str, list[int]]) -> dict[str, TermPair]:
    """A term seen (almost) only inside a longer accepted term whose English holds its English
    is that term's part (企业 inside 企业利益); a longer term whose English is just its part's
    English (加速主义 / 有效加速主义 both "accelerationism") is the part with a modifier."""
    kept = dict(found)
    rank = {z: k for k, z in enumerate(sorted(found, key=lambda z: (-len(z), z)))}
    containing: dict[str, list[str]] = {}
    for long in found:  # each term's parts that are terms too (linear: a term is short)
        parts = {long[i:j] for i in range(len(long)) for j in range(i + 1, len(long) + 1)}
        for part in parts - {long}:
            if part in found:
                containing.setdefault(part, []).append(long)
    for short in sorted(found, key=len):
        for long in sorted(containing.get(short, ()), key=rank.__getitem__):
            if long not in kept or short not in kept:
                continue
            s, lo = found[short], found[long]
            s_key, l_key = norm_key(s.en), norm_key(lo.en)
            alone = len(set(zh_pairs[short]) - set(zh_pairs[long]))
            if s_key == l_key:
                # one English for both: the short form seen only inside the long one is a
                # fragment (均衡器 in 负载均衡器), as is a form less the suffix the English
                # ending carries (技术中性 in 技术中性论); otherwise the long one is the short
                # one with a modifier
                suffix = long == short + long[-1] and long[-1] in SUFFIX_CHARS
                del kept[short if suffix or alone == 0 else long]
                continue
            if s_key not in l_key:
                continue
            if alone < 2 and alone < len(zh_pairs[short]) / 2:
                del kept[short]
    return kept


class _Similarity:
    """Cosine of a Chinese phrase with each English option, by the aligner's sentence
    embeddings. Asked before :meth:`embed`, it notes the phrases and answers 0 (the caller
    asks again after :meth:`embed`), so all of a corpus's phrases are embedded together,
    through the embedding cache when there is one (:func:`aligner.cache.phrases.phrase_vectors`)."""

    def __init__(self, folder: Path | None = None, say: Callable[[str], None] | None = None) -> None:
        self.folder, self.say = folder, say
        self.asked: dict[str, set[str]] = {}
        self.vectors: dict[str, Any] | None = None

    def __call__(self, zh: str, options: list[str]) -> list[float]:
        if self.vectors is None:
            self.asked.setdefault(zh, set()).update([zh, *options])
            return [0.0] * len(options)
        if any(t not in self.vectors for t in (zh, *options)):  # not asked in the first pass
            self.vectors.update(self._vectors([zh, *options]))
        return [float(self.vectors[zh] @ self.vectors[o]) for o in options]

    def vectors_of(self, texts: Iterable[str]) -> dict[str, Any]:
        """The vectors of ``texts`` (those the first pass did not embed, embedded in one go)."""
        texts = set(texts)
        have = dict(self.vectors or {})
        missing = sorted(t for t in texts if t not in have)
        if missing:
            have.update(self._vectors(missing))
        return {t: have[t] for t in texts}

    def embed(self) -> None:
        self.vectors = self._vectors(t for texts in self.asked.values() for t in texts)

    def _vectors(self, texts: Iterable[str]) -> dict[str, Any]:
        from ...cache.phrases import phrase_vectors

        return phrase_vectors(texts, self.folder, self.say)


def _entry(term: TermPair) -> TermEntry:
    from ..kinds import classify

    kind = classify(term.zh, term.en)
    if kind is TermKind.PERSON:
        kind = TermKind.CONCEPT if term.en == term.en.lower() else kind
    sources = term.sources or tuple(sorted({z for z, _ in term.examples}))
    return TermEntry(zh=term.zh, en=term.en, kind=kind, sources=sources, status=term.status,
                     variants=term.variants, evidence=f"{EVIDENCE[term.method]}: {term.reasons()}")
