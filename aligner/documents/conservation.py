"""The conservation property: cleaning loses nothing silently.

Every non-whitespace character of a source line ends up either in exactly one paragraph
(``zh`` or ``en``) or in a debris record of that line, in order. In-place normalisations are
undone before comparing, character by character, with the same *fold* on both sides:

* NFKC, which maps full-width punctuation and letters back (``，`` → ``,``, ``（`` → ``(``,
  ``Ａ`` → ``A``) and footnote markers (``①`` → ``1``) alike on both sides;
* HTML entity unescaping of the source line and of debris (``&amp;`` → ``&``) for the kinds
  whose cleaner unescapes (forum pages, Markdown): kept text is already unescaped;
* whitespace is ignored (joining ``肖 茜`` or collapsing spaces changes no text).

The check per line is: the multiset of folded characters of the line equals that of the
kept text plus the debris, the kept text is a subsequence of the line, and so is each debris
record. It is linear in the size of the input.
"""
from __future__ import annotations

import html
import unicodedata
from collections import Counter, defaultdict

from ..model import Debris, DocKind, Document, Paragraph

_UNESCAPING = (DocKind.FORUM, DocKind.MARKDOWN)


def fold(text: str, *, unescape: bool = False) -> str:
    """Text as the conservation check compares it (see the module docstring)."""
    if unescape and "&" in text:
        text = html.unescape(text)
    out = []
    for ch in text:
        if ch.isascii():
            if not ch.isspace():
                out.append(ch)
            continue
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                out.append(c)
    return "".join(out)


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _kept_by_line(paragraphs: list[Paragraph]) -> dict[int, list[str]]:
    kept: dict[int, list[str]] = defaultdict(list)
    for para in paragraphs:
        spans = para.spans
        for i, span in enumerate(spans):
            end = spans[i + 1].offset if i + 1 < len(spans) else len(para.text)
            kept[span.line].append(para.text[span.offset:end])
    return kept


def check_lines(source: str, paragraphs: list[Paragraph], debris: list[Debris], *, unescape: bool) -> list[str]:
    """Problems found (empty when every character is accounted for), one per bad line."""
    kept = _kept_by_line(paragraphs)
    removed: dict[int, list[str]] = defaultdict(list)
    for item in debris:
        removed[item.line].append(item.text)
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems = []
    known = set(range(1, len(lines) + 1))
    for no in sorted(set(kept) | set(removed)):
        if no not in known:
            problems.append(f"line {no}: text attributed to a line the source does not have")
    for no, line in enumerate(lines, start=1):
        want = fold(line, unescape=unescape)
        have_kept = fold("".join(kept.get(no, ())))
        have_debris = [fold(text, unescape=unescape) for text in removed.get(no, ())]
        if not want and not have_kept and not any(have_debris):
            continue
        if Counter(want) != Counter(have_kept) + Counter("".join(have_debris)):
            lost = Counter(want) - Counter(have_kept) - Counter("".join(have_debris))
            extra = Counter(have_kept) + Counter("".join(have_debris)) - Counter(want)
            problems.append(
                f"line {no}: lost {''.join(sorted(lost.elements()))!r}, "
                f"extra {''.join(sorted(extra.elements()))!r}"
            )
        elif not _is_subsequence(have_kept, want):
            problems.append(f"line {no}: kept text out of order")
        elif not all(_is_subsequence(d, want) for d in have_debris):
            problems.append(f"line {no}: debris out of order")
    return problems


def conservation_errors(source: str, doc: Document, en_source: str | None = None) -> list[str]:
    """Check ``doc`` against the decoded text it was read from (and its English file's).

    Returns human-readable problems; an empty list means nothing was lost or invented.
    """
    if doc.source_lines or (doc.en_path is not None and doc.en_source_lines):
        return _rendered_errors(source, doc, en_source)
    unescape = doc.kind in _UNESCAPING
    separate = doc.en_path is not None
    zh_debris = [d for d in doc.debris if not d.kind.startswith("en:")]
    paragraphs = doc.zh + ([] if separate else doc.en)
    problems = check_lines(source, paragraphs, zh_debris, unescape=unescape)
    if separate and en_source is not None:
        en_debris = [Debris(d.kind[3:], d.line, d.text) for d in doc.debris if d.kind.startswith("en:")]
        en_unescape = _kind_of(en_source) in _UNESCAPING
        problems += [f"en {p}" for p in check_lines(en_source, doc.en, en_debris, unescape=en_unescape)]
    return problems


def _letters(text: str) -> Counter[str]:
    return Counter(ch for ch in fold(text, unescape=True) if ch.isalnum())


def _rendered_errors(source: str, doc: Document, en_source: str | None) -> list[str]:
    """For a document a format reader rendered (Markdown, HTML, subtitles …), markup syntax
    is not text and a block's text sits on its first line, so the check is per side: every
    letter, digit and Han character of the file is in a paragraph or a debris record."""
    problems = []
    separate = doc.en_path is not None and doc.en_path != doc.path  # (a bilingual file is one side)
    sides = [("", source, doc.zh + ([] if separate else doc.en),
              [d for d in doc.debris if separate is False or not d.kind.startswith("en:")])]
    if separate and en_source is not None:
        sides.append(("en ", en_source, doc.en, [d for d in doc.debris if d.kind.startswith("en:")]))
    for prefix, text, paragraphs, debris in sides:
        have = Counter[str]()
        for para in paragraphs:
            have += _letters(para.text)
        for item in debris:
            have += _letters(item.text)
        lost = _letters(text) - have
        if lost:
            problems.append(f"{prefix}lost {''.join(sorted(lost.elements()))[:200]!r}")
    return problems


def _kind_of(source: str) -> DocKind:
    from .frontmatter import take_front_matter
    from .kinds import detect_kind
    from .lines import Recorder, split_lines

    rec = Recorder()
    lines = split_lines(source, rec)
    return detect_kind(lines, take_front_matter(lines, rec, None))
