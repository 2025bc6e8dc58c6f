"""Properties: provenance holds for every entry, and input order does not matter.

Provenance, precisely: let surface(s) be s after NFKC and case folding, with whitespace and
Markdown ``*`` removed (the identity of a term form in the glossary). For every source
doc:line of an entry, the source line (of the file as given, or of the paragraph for
documents built in code) contains surface(zh), or ends with a non-empty prefix of it (a
term cut by a page break or a footnote, which the reader re-joined). A source on a line
of the document's English (``Document.en``: a paper's English key words or authors)
contains surface(en) instead.
"""
from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.documents import read_document
from aligner.glossary import extract_terms
from aligner.model import TermEntry
from tests.glossary_helpers import FIXTURE, doc

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "zh"


def surface(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split()).replace("*", "")


def holds(entry: TermEntry, line: str, english_line: bool = False) -> bool:
    if english_line:
        return surface(entry.en) in surface(line)
    zh, text = surface(entry.zh), surface(line)
    return zh in text or any(text.endswith(zh[:i]) for i in range(1, len(zh)))


@functools.lru_cache(maxsize=1)
def corpus_run() -> tuple[list[TermEntry], dict[str, list[str]], set[tuple[str, int]]]:
    paths = sorted(CORPUS.iterdir())
    docs = [read_document(p) for p in paths]
    lines = {d.stem: p.read_text(encoding="utf-8-sig").splitlines() for d, p in zip(docs, paths)}
    english = {(d.stem, span.line) for d in docs for para in d.en for span in para.spans}
    return extract_terms(docs), lines, english


def test_every_source_line_holds_the_term_bundled_corpus() -> None:
    entries, lines, english = corpus_run()
    bad = [(e.zh, e.en, str(s)) for e in entries for s in e.sources
           if not holds(e, lines[s.doc][s.line - 1], (s.doc, s.line) in english)]
    assert bad == []


def test_bundled_corpus_gives_at_least_100_distinct_pairs_with_provenance() -> None:
    entries, _, _ = corpus_run()
    attested = {(e.zh, e.en) for e in entries if e.status.value == "attested" and e.sources}
    assert len(attested) >= 100


@functools.lru_cache(maxsize=1)
def fixture_docs() -> tuple:
    return tuple(read_document(p) for p in sorted(FIXTURE.iterdir()))


@settings(max_examples=12, deadline=None)
@given(st.permutations(range(3)))
def test_extraction_is_order_independent(order: list[int]) -> None:
    docs = fixture_docs()
    assert extract_terms([docs[i] for i in order]) == extract_terms(list(docs))


PIECES = [
    "杨立昆", "(Yann LeCun)", "图灵奖", "（Turing Award）", "得主", "的", "和", "萨姆·奥尔特曼", "(Sam Altman)",
    "OpenAI", " ", "，", "。", "DeepSeek", "通用人工智能", "(AGI)", "前", "脸书", "(Facebook)", "(2023)", "(a)",
    "Claude", "(Anthropic 的旗舰模型)", "“", "”", "超级对齐", "(super alignment", ")", "（", "）", "TSMC",
    "（Taiwan Semiconductor: 台积电）", "肖茜", "认为", "：", "e/acc", "GPT-4", "**", "https://x.com/a", "·",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=25).map("".join), min_size=1, max_size=4))
def test_random_text_every_entry_is_in_its_source_paragraph(texts: list[str]) -> None:
    document = doc("rand", *texts)
    by_line = {p.line: p.text for p in document.zh}
    entries = extract_terms([document])
    for entry in entries:
        assert entry.zh and entry.en
        assert entry.sources == tuple(sorted(set(entry.sources)))
        for source in entry.sources:
            assert holds(entry, by_line[source.line]), (entry, by_line[source.line])
    keys = [(e.zh, e.en) for e in entries]
    assert len(keys) == len(set(keys))
    assert entries == sorted(entries, key=lambda e: (e.zh, e.en, e.kind.value))


def test_agreement_never_extends_a_term_beyond_its_own_text() -> None:
    """Found by hypothesis: a longer boundary chosen elsewhere must not be forced onto a
    sighting whose own text lacks it (its provenance would not contain the term)."""
    document = doc("rand", "杨立昆脸书(Yann LeCun)", "脸书(Yann LeCun)")
    by_line = {p.line: p.text for p in document.zh}
    for entry in extract_terms([document]):
        for source in entry.sources:
            assert entry.zh in by_line[source.line], (entry.zh, by_line[source.line])
