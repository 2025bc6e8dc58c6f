"""Evidence type ``latin``: Latin-script names and terms used unchanged in Chinese prose.

``DeepSeek``, ``ChatGPT``, ``MIRI``, ``Scale AI``: a translator keeps them as they are, so
they become keep-as-is entries (zh and en the same). Brackets, URLs, citation paragraphs,
quoted English sentences and single letters are not terms.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..model import Paragraph, Source
from .candidate import Candidate, Evidence
from .inner import parse_alias_inner, parse_chinese_inner, parse_english_inner
from .kinds import kind_from_context
from .parens import paren_groups
from .text import HAN, has_han, tidy

TOKEN = r"[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f&+'’/_.*-]*"
# Tokens joined by single spaces or by " - " (PDF spacing of DeepSeek - R1).
RUN_RE = re.compile(rf"{TOKEN}(?:(?: - | |-){TOKEN})*")
# The \S+ alternatives start only where a non-space run starts: a match starting inside the
# run also matches from its start (leftmost wins, same spans), and without the anchor a long
# run with no match (a Chinese paragraph has no spaces) is rescanned from every position.
URL_RE = re.compile(r"https?://\S+|www\.\S+|(?<!\S)\S+@\S+\.\w+|(?<!\S)\S+\.(?:com|org|net|cn|io|ai|html?)\b\S*", re.I)
CITATION_PARA_RE = re.compile(r"^\s*(?:[①-⑳❶-❿]|\[\d+\]|\^)")
ROLE_WORDS = {"CEO", "CTO", "CFO", "COO", "CIO", "CSO", "VP", "SVP", "EVP"}
MAX_WORDS = 5
LOWER_WORDS = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "by", "with", "vs", "vs."}
ROMAN_RE = re.compile(r"^(?:[ivxlcdm]+|[IVXLCDM]+)$")


@functools.lru_cache(maxsize=4096)
def prose_mask(text: str) -> str:
    """``text`` with the English of bracket translations and URLs blanked (offsets kept).

    ``(Geoffrey Hinton)`` and the head of ``（Nvidia H100: 英伟达推出的…GPU）`` are
    translations, not Latin used in Chinese prose; asides and definitions stay visible.
    """
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            chars[i] = " "

    for group in paren_groups(text, nested=True):
        if not has_han(group.inner) or parse_alias_inner(group.inner):
            blank(group.start, group.end)
            continue
        if parse_chinese_inner(group.inner) is not None:
            english = english_before(text[: group.start])
            if english is not None:
                blank(english[1], group.start)  # "Build, Baby, Build!"(建吧…): a translation
            continue
        parsed = parse_english_inner(group.inner)
        if parsed is not None and parsed.rest:
            head_end = text.find(parsed.rest[:4], group.inner_start)
            blank(group.start, head_end if head_end > 0 else group.end)
    for match in URL_RE.finditer(text):
        blank(match.start(), match.end())
    return "".join(chars)


def english_before(prefix: str) -> tuple[str, int] | None:
    """The Latin run or quoted Latin text that ends ``prefix``, with its start."""
    from .boundary import quoted_term

    quoted = quoted_term(prefix)
    if quoted and not has_han(quoted[0]) and re.search("[A-Za-z]", quoted[0]):
        return quoted[0], quoted[1] - 1
    match = re.search(r"[A-Za-z][A-Za-z0-9 ,.!?'&/-]*[A-Za-z0-9!?.]\s*$", prefix)
    return (match.group(0), match.start()) if match else None


def _is_term(run: str) -> bool:
    run = tidy(run)
    words = run.split()
    if not words or len(words) > MAX_WORDS:
        return False
    letters = re.sub(r"[^A-Za-z\u00c0-\u024f]", "", run)
    if len(letters) < 2 and not re.search(r"[A-Za-z]\d|\d[A-Za-z]", run) and not re.fullmatch(r"[A-Z][*+#]+", run):
        return False
    if ROMAN_RE.match(run) or run.isdigit():
        return False
    if re.fullmatch(r"[\d.,]+[eE][+-]?\d+|[\d.,%]+[A-Za-z]{0,2}", run):
        return False  # 1E15, 30kg, 5G: numbers and units
    if not re.search(r"[A-Z]|\d|/|&", run) and (len(words) > 1 or len(run) < 3):
        return False  # a lowercase phrase is English text, not a term
    if any(w.lower() not in LOWER_WORDS and not re.search(r"[A-Z0-9]", w) for w in words[1:]) and len(words) > 2:
        return False  # reads like an English phrase, not a name
    return True


def _trim(run: str) -> str:
    run = run.strip(" .,'’-/&")
    words = run.split()
    while words and words[-1].lower() in LOWER_WORDS:
        words.pop()
    while words and words[0].lower() in LOWER_WORDS:
        words.pop(0)
    return " ".join(words)


def latin_candidates(stem: str, paragraph: Paragraph) -> Iterator[Candidate]:
    """Latin terms standing in one Chinese paragraph."""
    text = paragraph.text
    if CITATION_PARA_RE.match(text):
        return
    if not has_han(text):
        # A lone Latin line in a Chinese document is a name or a logo (I-AIIG), not English
        # prose; longer Latin lines are English text and belong to the aligner.
        run = _trim(text.strip())
        if run and len(run.split()) <= 3 and _is_term(run) and RUN_RE.fullmatch(run):
            yield Candidate(tidy(run), tidy(run), Evidence.LATIN, Source(stem, paragraph.line),
                            keep_as_is=True, cue="latin")
        return
    masked = prose_mask(text)
    han_share = len(re.findall(f"[{HAN}]", text)) / max(1, len(text.strip()))
    if han_share < 0.2:
        return  # mostly English: a quotation or a reference, not Chinese prose
    for match in RUN_RE.finditer(masked):
        for run, offset in _split_roles(match.group(0), match.start()):
            run = _trim(run)
            if not run or not _is_term(run):
                continue
            term = tidy(run)
            at = text.find(run, offset)
            end = at + len(run)
            kind = kind_from_context(text[end : end + 40], text[max(0, at - 12) : at], term)
            yield Candidate(term, term, Evidence.LATIN, Source(stem, paragraph.line_at(offset)),
                            keep_as_is=True, cue="latin", context_kind=kind)


def _split_roles(run: str, start: int) -> list[tuple[str, int]]:
    """``xAI CEO`` is a company and a role, not one name: split the role words off."""
    pieces: list[tuple[str, int]] = []
    current: list[str] = []
    current_at = start
    pos = start
    for token in re.split(r"( )", run):
        if token in ROLE_WORDS:
            if current:
                pieces.append(("".join(current).strip(), current_at))
            pieces.append((token, pos))
            current, current_at = [], pos + len(token)
        else:
            if not current:
                current_at = pos
            current.append(token)
        pos += len(token)
    if current and "".join(current).strip():
        pieces.append(("".join(current).strip(), current_at))
    return pieces


_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9+#.'-]*[A-Za-z0-9+#]|[A-Za-z]")


class NameTest:
    """Does a Latin form kept as-is behave like a name (product, organisation, standard)?

    Being Latin is not enough (``value``, ``Copy``, ``IP``): a name is capitalised wherever it
    stands, or is CamelCase, or is an acronym that recurs. ``texts`` is all prose of the
    corpus (Chinese, then English), with code and markup already blanked.
    """

    def __init__(self, chinese: list[str], english: list[str]) -> None:
        self._lower: set[str] = set()
        self._counts: dict[str, int] = {}
        for text in chinese + english:
            self._lower.update(w for w in _WORD_RE.findall(text) if w.islower())
        for text in chinese:  # recurrence: the English of the same sentence does not count
            for word in _WORD_RE.findall(text):
                self._counts[word] = self._counts.get(word, 0) + 1

    def count(self, word: str) -> int:
        return self._counts.get(word, 0)

    def __call__(self, term: str) -> bool:
        words = term.split()
        if not words:
            return False
        for i, word in enumerate(words):
            if 0 < i < len(words) - 1 and word.lower() in LOWER_WORDS:
                continue
            if not self._word_is_name_like(word, alone=len(words) == 1):
                return False
        return True

    def _word_is_name_like(self, word: str, alone: bool) -> bool:
        core = word.strip(".,'’")
        letters = re.sub(r"[^A-Za-z]", "", core)
        if not letters:
            return not alone and bool(re.search(r"\d", core))  # Caffe 2, Zen 3
        if core.islower() and not re.search(r"[\d/&+#*]", core):
            return False  # value, trait, hello: English words, not names
        if re.search(r"[a-z][A-Z]|^[a-z][A-Z]", core) or re.search(r"\d", core) or re.search(r"[/&+#*]", core):
            return True  # PyTorch, iPhone, ResNet-50, DDR4, TCP/IP, C++, R&D
        if letters.isupper():
            # An acronym is a name when it recurs or stands in a multi-word name (IP alone once: no)
            return not alone or len(letters) >= 3 or self.count(core) >= 2
        if core[:1].isupper():
            # Intel, Rust: capitalised wherever it stands; Copy, String also occur as copy, string
            return core.lower() not in self._lower
        return False
