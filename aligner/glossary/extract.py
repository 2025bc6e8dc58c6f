"""Run every evidence extractor over the documents and assemble the glossary."""
from __future__ import annotations

import re

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..model import Document, Lang, LineSpan, Paragraph, TermEntry, TermKind
from .assemble import agree_boundaries, build_entries
from .bilingual import author_candidates, keyword_candidates
from .candidate import Candidate, Evidence
from .front_matter import front_matter_candidates
from .kinds import english_context_kinds
from .latin import NameTest, latin_candidates
from .en_names import english_names
from .names import credit_candidates, name_candidates
from .noise import code_line, is_noise, is_version, mask_markup
from .paren_pairs import paren_candidates
from .parens import paren_groups, too_deep
from .text import has_han, singular


class _Corpus:
    """Occurrence counts of a string across all Chinese prose: the agreement cue."""

    def __init__(self, docs: Sequence[Document]) -> None:
        self._texts = [p.text for d in docs for p in prose_paragraphs(d.zh)]
        self._cache: dict[str, int] = {}

    def count(self, text: str) -> int:
        if text not in self._cache:
            self._cache[text] = sum(t.count(text) for t in self._texts)
        return self._cache[text]


#: Debris that still holds the author's words: a footnote can define a term
#: (超级对齐(super alignment)是指…), a masthead credits the editors.
NOTE_DEBRIS = ("footnote", "masthead", "metadata", "note")


def note_paragraphs(doc: Document) -> list[Paragraph]:
    """Footnotes and credits the reader set aside, as one-line paragraphs."""
    return [
        Paragraph(item.text, Lang.ZH, spans=(LineSpan(0, item.line),))
        for item in doc.debris
        if item.kind in NOTE_DEBRIS and item.text.strip()
    ]


def prose_paragraphs(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs with code, markup, URLs and math blanked (offsets, hence lines, kept).

    Whatever the reader left of inline code, code blocks, shortcodes, anchors or HTML is not
    prose: nothing in it may become a term, nor count as a term's recurrence.
    """
    out = []
    for paragraph in paragraphs:
        if code_line(paragraph.text):
            continue
        masked = mask_markup(paragraph.text)
        out.append(paragraph if masked == paragraph.text else replace(paragraph, text=masked))
    return out


def not_noise(cand: Candidate) -> bool:
    """Neither side of the pair is code, a quantity, a version, an address or markup."""
    if is_noise(cand.en, markup_words=not has_han(cand.zh)) or (not has_han(cand.zh) and is_noise(cand.zh)):
        return False
    cand.variants = tuple(v for v in cand.variants if has_han(v) or not is_noise(v))
    if cand.evidence == Evidence.PAREN and has_han(cand.zh):
        cand.en = re.sub(r"^(?:The|the) (?=\S+ \S+ \S)", "", cand.en)  # The United States National …
        one = singular(cand.en)
        if one != cand.en:
            cand.variants = tuple(dict.fromkeys([*cand.variants, cand.en]))
            cand.en = one
    return True


def _without_version(cand: Candidate) -> Candidate:
    """``Python 3.11``, ``Kubernetes v1.30``: the name without the version (``Llama 2`` keeps its 2)."""
    if cand.evidence == Evidence.LATIN and " " in cand.zh:
        words = cand.zh.split()
        while len(words) > 1 and is_version(words[-1]):
            words.pop()
        cand.zh = cand.en = " ".join(words)
    return cand


_REFERENCE_CALL = re.compile(r"^\{\{\s*[A-Za-z_][\w.-]*\s*\(\s*[\"']([^\"']+)[\"']\s*\)\s*\}\}$")


def macro_references(doc: Document) -> dict[str, int]:
    """Forms a one-argument macro displayed in the Chinese (``{{xref("Window")}}`` shows
    Window): a cross-reference to an API or a page, shown as text. Counted per form."""
    shown: dict[str, int] = {}
    for item in doc.debris:
        match = _REFERENCE_CALL.match(item.text.strip()) if item.kind == "shortcode" else None
        if match:
            shown[match.group(1)] = shown.get(match.group(1), 0) + 1
    return shown


def _plain_count(paragraphs: Sequence[Paragraph], form: str) -> int:
    """Occurrences of a Latin form as a whole word in the prose."""
    pattern = re.compile(rf"(?<![\w.-]){re.escape(form)}(?![\w-])")
    return sum(len(pattern.findall(p.text)) for p in paragraphs)


@dataclass
class Extraction:
    """The entries, and what was seen but not turned into an entry (counted, not dropped)."""

    entries: list[TermEntry]
    candidates: int = 0
    unused_front_matter: int = 0
    brackets: int = 0  # bracket groups seen in Chinese text (footnotes included)
    brackets_not_terms: int = 0  # asides, years, citations, list markers: not translations
    brackets_too_deep: int = 0  # nested deeper than bounds.MAX_BRACKET_DEPTH: not read
    by_evidence: dict[str, int] = field(default_factory=dict)


def extract(docs: Sequence[Document]) -> Extraction:
    """All glossary entries of ``docs``; the result does not depend on their order."""
    ordered = sorted(docs, key=lambda d: (d.stem, str(d.path)))
    corpus = _Corpus(ordered)
    candidates: list[Candidate] = []
    kinds: dict[str, TermKind] = {}
    unused = 0
    brackets = bracket_pairs = deep = 0
    english = english_names(ordered)
    for doc in ordered:
        notes = prose_paragraphs(note_paragraphs(doc))
        zh = prose_paragraphs(doc.zh)
        for paragraph in [*zh, *notes]:
            found = list(paren_candidates(doc.stem, paragraph, corpus.count))
            brackets += sum(1 for _ in paren_groups(paragraph.text, nested=True))
            deep += too_deep(paragraph.text)
            bracket_pairs += len(found)
            candidates.extend(found)
        shown = macro_references(doc)
        for paragraph in zh:
            candidates.extend(c for c in latin_candidates(doc.stem, paragraph)
                              if not shown.get(c.zh) or _plain_count(zh, c.zh) > shown[c.zh])
        for note in notes:
            candidates.extend(credit_candidates(doc.stem, note, english))
        candidates.extend(keyword_candidates(doc))
        candidates.extend(author_candidates(doc))
        found, doc_kinds, doc_unused = front_matter_candidates(doc)
        candidates.extend(found)
        for key, kind in doc_kinds.items():
            kinds.setdefault(key, kind)
        unused += doc_unused
        candidates.extend(name_candidates(doc, english))
    english_kinds = english_context_kinds(p.text for d in ordered for p in d.en)
    for cand in candidates:
        if cand.context_kind is None and cand.en in english_kinds:
            cand.context_kind = english_kinds[cand.en]  # "researchers at X" in the user's English
    name_like = NameTest([p.text for d in ordered for p in prose_paragraphs(d.zh)],
                         [p.text for d in ordered for p in prose_paragraphs(d.en)])
    candidates = [c for c in map(_without_version, candidates)
                  if not_noise(c) and (c.evidence != Evidence.LATIN or name_like(c.zh))]
    candidates = agree_boundaries(candidates)
    entries = build_entries(candidates, kinds)
    by_evidence: dict[str, int] = {}
    for entry in entries:
        by_evidence[entry.evidence] = by_evidence.get(entry.evidence, 0) + 1
    return Extraction(entries, len(candidates), unused, brackets, brackets - bracket_pairs, deep,
                      dict(sorted(by_evidence.items())))


def extract_terms(docs: Sequence[Document]) -> list[TermEntry]:
    """Glossary entries of ``docs``, sorted and deterministic (see :func:`extract`)."""
    return extract(docs).entries
