"""The labels that open a paper's parts, in every common spelling, and the cuts they imply.

摘要 / 关键词 / Abstract / Key words come as ``摘要:`` ``摘 要：`` ``【摘要】`` ``[摘要]``
``〔摘要〕`` ``Abstract:`` ``ABSTRACT：`` ``【Abstract】`` ``[Abstract]`` ``KEY WORDS``
``Keywords`` (ASCII or full-width colon, any bracket, any case, spaces inside), or alone on
their line above the text. A converter that leaves no empty line between the parts runs them
into one paragraph; :func:`split_parts` cuts it again at every label line, where the script
changes next to a label (the Chinese key words, then the English block) and after a key-words
line, so each part gets a role of its own.
"""
from __future__ import annotations

import re

from .paragraphs import Draft
from .text import CLOSERS, ends_sentence, is_english

_BRA = r"[\[【［〔〖(（]"
_KET = r"[\]】］〕〗)）]"
_ZH_ABSTRACT_WORD = r"(?:内\s*容\s*)?(?:摘\s*要|提\s*要)"
_ZH_KEYWORDS_WORD = r"(?:关\s*键\s*[词字]|主\s*题\s*词)"
_EN_ABSTRACT_WORD = r"(?:abstract|summary)"
_EN_KEYWORDS_WORD = r"(?:key\s*-?\s*words?|index\s+terms)"


def _zh(word: str) -> re.Pattern[str]:
    return re.compile(
        rf"\s*(?:{_BRA}\s*{word}\s*{_KET}\s*[:：]?|{word}\s*[:：]|{word}[ \u3000]+|{word}\s*$)\s*"
    )


def _en(word: str, title: str, upper: str, alone: str) -> re.Pattern[str]:
    # [Abstract] / Abstract: / ABSTRACT Text / Abstract Text / Abstract (alone on its line;
    # not Summary, which is as often an English document's last heading)
    return re.compile(
        rf"\s*(?:{_BRA}\s*(?i:{word})\s*{_KET}\s*[:：.]?|(?i:{word})\s*[:：]|(?:{title}|{upper})\s*[.—–\-]|"
        rf"(?:{title})[ \t]+(?=[A-Z])|(?:{upper})[ \t]+(?=\S)|(?:{alone})\s*$)\s*"
    )


ZH_ABSTRACT = _zh(_ZH_ABSTRACT_WORD)
ZH_KEYWORDS = _zh(_ZH_KEYWORDS_WORD)
EN_ABSTRACT = _en(_EN_ABSTRACT_WORD, r"Abstract|Summary", r"ABSTRACT|SUMMARY", r"Abstract|ABSTRACT")
EN_KEYWORDS = re.compile(
    _en(
        _EN_KEYWORDS_WORD, r"Key\s*-?\s*[Ww]ords?|Index\s+[Tt]erms", r"KEY\s*-?\s*WORDS?|INDEX\s+TERMS",
        r"Key\s*-?\s*[Ww]ords?|KEY\s*-?\s*WORDS?",
    ).pattern
    # Key words community garden; publicness — a lower-case list after an unpunctuated label
    + r"|\s*Key\s*-?\s*[Ww]ords?[ \t]+(?=[^\n.]*[;；,，])"
)
LABELS = (ZH_ABSTRACT, ZH_KEYWORDS, EN_ABSTRACT, EN_KEYWORDS)
KEYWORD_LABELS = (ZH_KEYWORDS, EN_KEYWORDS)
# A label that is one whatever precedes it: bracketed, with a colon, upper case, or Chinese.
_STRONG_EN = re.compile(
    rf"\s*(?:{_BRA}\s*(?i:{_EN_ABSTRACT_WORD}|{_EN_KEYWORDS_WORD})\s*{_KET}|"
    rf"(?i:{_EN_ABSTRACT_WORD}|{_EN_KEYWORDS_WORD})\s*[:：]|ABSTRACT|SUMMARY|KEY\s*-?\s*WORDS?|INDEX\s+TERMS|"
    rf"(?:Abstract|Key\s*-?\s*[Ww]ords?)\s*$)"
)
_KEYWORD_SEPARATORS = "；;，,、"


def finished(text: str) -> bool:
    """Ends a sentence, in Chinese or English (an English full stop included)."""
    return ends_sentence(text) or text.rstrip().rstrip(CLOSERS).endswith(".")


def label_of(text: str) -> re.Pattern[str] | None:
    """The label pattern ``text`` starts with, or ``None``."""
    return next((p for p in LABELS if p.match(text)), None)


def _opens_part(text: str, before: str) -> bool:
    """Does this line (inside a paragraph, after ``before``) start a part of its own?

    A Chinese or strong English label always does; ``Abstract This …`` only after a
    finished sentence (else it may be a wrapped line of English prose)."""
    label = label_of(text)
    if label is None:
        return False
    if label in (ZH_ABSTRACT, ZH_KEYWORDS) or _STRONG_EN.match(text):
        return True
    return finished(before)


def _continues_keywords(keywords: str, line: str) -> bool:
    """A key-words list wrapped onto the next line: same script, the list's separator, no
    sentence punctuation, no label. Under a label alone on its line, the line is the list."""
    label = label_of(keywords)
    if label is not None:
        keywords = keywords[label.match(keywords).end():]
        if not keywords.strip():
            return not label_of(line)
    if is_english(keywords) != is_english(line) or label_of(line) or finished(line):
        return False
    seps = [s for s in _KEYWORD_SEPARATORS if s in keywords]
    if not seps:
        return False
    sep = max(seps, key=keywords.count)
    if sep not in line:
        return False
    return sep not in "；;" or not any(c in line for c in "，,。")


def split_parts(drafts: list[Draft]) -> list[Draft]:
    """Cut paragraphs that run several paper parts together (see the module docstring)."""
    out: list[Draft] = []
    for draft in drafts:
        pieces: list[list] = [[draft.lines[0]]]
        keywords = any(p.match(draft.lines[0].text) for p in KEYWORD_LABELS)
        for before, line in zip(draft.lines, draft.lines[1:]):
            text = line.text
            cut = _opens_part(text, before.text) or (
                keywords and not _continues_keywords(" ".join(x.text for x in pieces[-1]), text)
            )
            if cut:
                pieces.append([line])
                keywords = any(p.match(text) for p in KEYWORD_LABELS)
            else:
                pieces[-1].append(line)
        out.extend(Draft(lines, draft.lang, draft.role) for lines in pieces)
    return _split_fronts(out)


def _split_fronts(drafts: list[Draft]) -> list[Draft]:
    """The paragraph right before an abstract label may hold the end of the other language's
    block and this language's title and authors, one per line: cut at the last change of
    script, then between the title lines and the author lines."""
    out: list[Draft] = []
    for i, draft in enumerate(drafts):
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        label = label_of(nxt.lines[0].text) if nxt is not None else None
        if label is None or label_of(draft.lines[0].text) or len(draft.lines) < 2:
            out.append(draft)
            continue
        english = label in (EN_ABSTRACT, EN_KEYWORDS)
        lines = draft.lines
        k = len(lines)
        while k > 0 and is_english(lines[k - 1].text) == english:
            k -= 1
        head, front = lines[:k], lines[k:]
        abstract: list = []
        if label in KEYWORD_LABELS:  # key words under an unlabelled abstract: it follows the last author line
            last = max((j for j, line in enumerate(front[:-1]) if looks_like_authors(line.text, english)), default=-1)
            if last < 0:
                front, abstract = [], front
            else:
                front, abstract = front[: last + 1], front[last + 1:]
        if head:
            out.append(Draft(head, draft.lang, draft.role))
        if front:
            out.extend(Draft(part, draft.lang, draft.role) for part in _title_and_authors(front, english))
        if abstract:
            out.append(Draft(abstract, draft.lang, draft.role))
    return out


def looks_like_authors(text: str, english: bool) -> bool:
    from .roles import looks_like_authors as check  # roles imports this module

    return check(text, english)


def _title_and_authors(lines: list, english: bool) -> list[list]:
    """Title lines stay one paragraph; from the first line that reads as names or an
    affiliation on, one paragraph per line. Left whole when no line reads so."""
    if len(lines) > 8 or any(len(line.text) > (400 if english else 150) for line in lines):
        return [lines]
    for k in range(1, len(lines)):
        if looks_like_authors(lines[k].text, english):
            return [lines[:k]] + [[line] for line in lines[k:]]
    return [lines]
