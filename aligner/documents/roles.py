"""The parts of a journal paper, and the English that already exists for them.

A Chinese paper commonly carries its title, authors, 摘要 and 关键词 near the start, and the
same four in English (Title, authors, Abstract:, Key words:) at the end or right after the
Chinese ones. Both sides get :class:`~aligner.model.Role` TITLE/AUTHORS/ABSTRACT/KEYWORDS so
the pipeline can pair them by role; the English paragraphs move to ``Document.en``. The
labels (摘要: / 【Abstract】 / 关键词: / KEY WORDS：, see :mod:`.labels`) are removed as
``label`` debris; an abstract without one is the prose right above its key words. English
lines that are simply part of Chinese prose are left where they are.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..han import HAN
from ..model import Lang, Role
from .labels import EN_ABSTRACT, EN_KEYWORDS, ZH_ABSTRACT, ZH_KEYWORDS, finished, split_parts
from .lines import Recorder
from .paragraphs import Draft
from .text import count_han, is_english

__all__ = ["EN_ABSTRACT", "EN_KEYWORDS", "ZH_ABSTRACT", "ZH_KEYWORDS", "assign_roles", "looks_like_authors"]

# 王小明 / 欧阳娜娜 / 埃隆·马斯克 (a transliterated name has a middle dot)
_ZH_NAME = re.compile(rf"[{HAN}]{{2,4}}|[{HAN}]{{1,6}}(?:[·•・][{HAN}]{{1,6}}){{1,3}}")
_SUP = re.compile(r"[\d*†‡¹²³⁴⁵⁶⁷⁸⁹⁰,，\s]+$")  # 卢云峰1 / 卢云峰¹ / 卢云峰*
# 北京大学社会学系，北京 100871 — an affiliation line without parentheses
_AFFILIATION_ZH = re.compile(r"(?:大学|学院|研究院|研究所|研究中心|实验室|科学院|社会科学院|医院|公司).{0,60}(?:\d{6}|[,，；;])")
_AFFILIATION_EN = re.compile(
    r"Universit|Institut|College|School|Academy|Department|Dept\.|Cent(?:er|re)|Laborator|Faculty", re.I
)
_NAME_WORD = r"(?:[A-Z][A-Za-z'\-]*\.?|de|van|von|der|da|di|le|la)"
_EN_NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}")  # Wang Xiaoming, ZHANG San, J. R. Smith
_SUBTITLE = re.compile(r"\s*(?:——|—|－－|--|:|：)")
_WINDOW = 8  # how far from the abstract the title, authors and key words may be


def assign_roles(drafts: list[Draft], rec: Recorder, *, english_file: bool = False) -> list[Draft]:
    """Give paper parts their roles; move embedded English parts to ``Lang.EN``.

    ``english_file``: the drafts come from a separate English document (all ``Lang.EN``).
    A role may cover several paragraphs (a title and its subtitle, authors and affiliation).
    """
    drafts = split_parts(drafts)
    english = [english_file or is_english(d.text) for d in drafts]
    if not english_file:
        drafts = _zh_roles(drafts, english, rec)
        english = [is_english(d.text) if d.role is Role.BODY else False for d in drafts]
    return _en_roles(drafts, english, rec, move=not english_file)


def _strip_label(draft: Draft, pattern: re.Pattern[str], rec: Recorder) -> bool:
    line = draft.lines[0]
    m = pattern.match(line.text)
    if not m:
        return False
    rec.drop("label", line.no, m.group().strip())
    line.text = line.text[m.end():]
    return True


def _anchor(
    drafts: list[Draft], mine: list[bool], abstract: re.Pattern[str], keywords: re.Pattern[str], rec: Recorder
) -> tuple[int, int | None] | None:
    """(first abstract paragraph, key-words paragraph) among the paragraphs ``mine`` marks.

    Found by the abstract label, or, where the abstract has none, by the key-words label
    with the finished prose paragraphs right above it (none: no parts). Labels are removed."""
    start = next((i for i, d in enumerate(drafts) if mine[i] and abstract.match(d.lines[0].text)), None)
    if start is not None:
        _strip_label(drafts[start], abstract, rec)
        _absorb_empty(drafts, mine, start)
        stop = min(len(drafts), start + _WINDOW)
        found = next((j for j in range(start + 1, stop) if mine[j] and keywords.match(drafts[j].lines[0].text)), None)
    else:
        found = next((i for i, d in enumerate(drafts) if mine[i] and keywords.match(d.lines[0].text)), None)
        if found is None:
            return None
        start = found
        while start > 0 and found - start < 3 and mine[start - 1] and _prose(drafts[start - 1].text):
            start -= 1
        if start == found:  # key words alone are no evidence of a paper's parts
            return None
    if found is not None:
        _strip_label(drafts[found], keywords, rec)
    return start, found


def _prose(text: str) -> bool:
    """An unlabelled abstract paragraph: finished sentences, not a title or a name line."""
    return finished(text) and (count_han(text) >= 40 or len(text.split()) >= 25)


def _zh_roles(drafts: list[Draft], english: list[bool], rec: Recorder) -> list[Draft]:
    chinese = [not e for e in english]
    found = _anchor(drafts, chinese, ZH_ABSTRACT, ZH_KEYWORDS, rec)
    if found is None:
        return drafts
    english = [not c for c in chinese]  # a paragraph may have been taken into the abstract
    start, keywords = found
    if keywords is not None:
        drafts[keywords].role = Role.KEYWORDS
    for j in range(start, keywords if keywords is not None else start + 1):
        if not english[j]:
            drafts[j].role = Role.ABSTRACT
    k = start - 1
    while k >= 0 and start - k <= 3 and _zh_authors(drafts[k].text):
        if _affiliation_above_names(drafts, k, start, _zh_names):
            break
        drafts[k].role = Role.AUTHORS
        k -= 1
    if not (k >= 0 and _zh_title(drafts[k].text) and not english[k]) and start - k >= 3:
        k += 1  # a short title (2-4 characters) looked like a name: the first "author" is it
        if _AFFILIATION_ZH.search(drafts[k].text) or drafts[k].text[:1] in "(（":
            k = -1
    if k >= 0 and _zh_title(drafts[k].text) and not english[k]:
        drafts[k].role = Role.TITLE
        if k >= 1 and _SUBTITLE.match(drafts[k].text) and _zh_title(drafts[k - 1].text) and not english[k - 1]:
            # 主标题 / ——副标题: both TITLE, kept apart as a CAT tool segments them
            drafts[k - 1].role = Role.TITLE
    return drafts


def _en_roles(drafts: list[Draft], english: list[bool], rec: Recorder, *, move: bool) -> list[Draft]:
    found = _anchor(drafts, english, EN_ABSTRACT, EN_KEYWORDS, rec)
    if found is None:
        return drafts
    start, keywords = found
    parts: dict[int, Role] = {}
    if keywords is not None:
        parts[keywords] = Role.KEYWORDS
    for j in range(start, keywords if keywords is not None else start + 1):
        if english[j]:
            parts[j] = Role.ABSTRACT
    k = start - 1
    while k >= 0 and start - k <= 4 and english[k] and _en_authors(drafts[k].text):
        if _affiliation_above_names(drafts, k, start, _en_names):
            break
        parts[k] = Role.AUTHORS
        k -= 1
    if k >= 0 and english[k] and _en_title(drafts[k].text):
        parts[k] = Role.TITLE
    elif start - k >= 3 and _en_title(drafts[k + 1].text) and not _AFFILIATION_EN.search(drafts[k + 1].text):
        parts[k + 1] = Role.TITLE  # a title of capitalised words looked like a name list
    for i, role in parts.items():
        drafts[i].role = role
        if move:
            drafts[i].lang = Lang.EN
    return drafts


def _absorb_empty(drafts: list[Draft], flags: list[bool], i: int) -> None:
    """A label alone on its paragraph (``摘要:`` then the text below): take the next one in."""
    if not drafts[i].text.strip() and i + 1 < len(drafts):
        drafts[i].lines = drafts[i].lines + drafts[i + 1].lines
        del drafts[i + 1]
        del flags[i + 1]


def _affiliation_above_names(drafts: list[Draft], k: int, start: int, names: Callable[[str], bool]) -> bool:
    """An affiliation follows the names it belongs to: a paragraph that reads as one only
    because it mentions a university (a title: ...in Universities) but stands above a line
    of names is not part of the authors."""
    text = drafts[k].text.strip()
    if names(text) or text[:1] in "(（":
        return False
    return any(names(drafts[j].text.strip()) for j in range(k + 1, start))


def _zh_names(text: str) -> bool:
    names = [_SUP.sub("", t) for t in re.split(r"[,，、;；\s]+", text) if t]
    names = [n for n in names if n]
    return bool(names) and len(names) <= 12 and all(_ZH_NAME.fullmatch(n) for n in names)


def _en_names(text: str) -> bool:
    names = [re.sub(r"[\d*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]+$", "", t.strip()) for t in re.split(r",|;|&|\band\b", text)]
    names = [n for n in names if n]
    return bool(names) and len(names) <= 20 and all(_EN_NAME.fullmatch(n) for n in names)


def _zh_authors(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 120 or "。" in text:
        return False
    if (text[0] in "(（" and text[-1] in ")）") or _AFFILIATION_ZH.search(text):
        return True  # (北京大学 社会学系, 北京 100871)
    return _zh_names(text)


def _zh_title(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= 120 and not text.endswith("。") and count_han(text) >= 2


def _en_authors(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 400:
        return False
    if (text[0] == "(" and text[-1] == ")") or (_AFFILIATION_EN.search(text) and len(text) <= 400):
        return True
    return _en_names(text)


def _en_title(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= 300 and not text.endswith(".")


def looks_like_authors(text: str, english: bool) -> bool:
    """A line of names or an affiliation (for cutting a title-and-authors paragraph).

    Stricter than the paragraph test on the English side: a line of capitalised words with
    no separator is as likely the second line of a title."""
    if not english:
        return _zh_authors(text)
    text = text.strip()
    if not _en_authors(text):
        return False
    return bool(re.search(r",|;|&|\band\b|[\d*†‡¹²³⁴⁵⁶⁷⁸⁹⁰]|^\(", text)) or len(text.split()) <= 3 \
        or bool(_AFFILIATION_EN.search(text))
