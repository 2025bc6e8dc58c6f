"""Bracket glosses of one aligned pair: 交叉熵（cross-entropy）, 7200RPM（每分钟转数）,
内存（随机访问存储，RAM）, read by the glossary's own bracket reader
(:func:`aligner.glossary.paren_pairs.paren_candidates`) and kept when the pair's English
holds the bracket's English form (or one of its abbreviations).

Why: a translator who writes the English beside the Chinese names the term pair outright,
and the aligned English confirming the form makes it the translators' term, whatever its
frequency: an abbreviation (RPM, QLC) or a term seen once never gathers the co-occurrence
the statistics need. A pure function of one pair, so it can be computed per document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...han import HAN
from ...model import Lang, LineSpan, Paragraph, TermStatus
from ..text import singular
from .candidates import en_key

_OPEN = re.compile(r"[(（]")
#: An English form that can be a term: starts with a letter, has a word of two letters, and
#: holds no math, Chinese or quantity ($i$, 5μs, 1 K are not terms).
_TERM_LIKE = re.compile(rf"^(?=.*[A-Za-z]{{2}})[A-Za-z][^${HAN}μ]*$")
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'.][A-Za-z0-9]+)*")
_HAN = re.compile(rf"[{HAN}]")


@dataclass(frozen=True)
class Gloss:
    """One bracket gloss the pair's English confirms."""

    zh: str
    en: str
    variants: tuple[str, ...] = ()  # the bracket's other English forms (abbreviations)
    status: TermStatus = TermStatus.ATTESTED  # proposed when the bracket reader was unsure of the edge


def _words_key(text: str) -> str:
    return " " + en_key(" ".join(_WORD.findall(text))) + " "


def _worth_reading(source: str, english: str) -> bool:
    """A bracket holds, or follows, a Latin word the English has: the bracket reader (whose
    boundary search is the costly part) is run only then."""
    from ..parens import paren_groups

    for group in paren_groups(source, nested=True):
        before = _LAST_LATIN.search(source, max(0, group.start - 40), group.start)
        for text in (group.inner, before.group() if before else ""):
            if any(f" {en_key(w)} " in english for w in _LETTERS.findall(text)):
                return True
    return False


_LETTERS = re.compile(r"[A-Za-z]+(?:[-'.][A-Za-z]+)*")  # 7200RPM → RPM
_LAST_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .'-]*$")


def bracket_glosses(source: str, target: str) -> tuple[Gloss, ...]:
    """The bracket glosses of ``source`` whose English (or an abbreviation of it) the
    English ``target`` holds, as whole words after plural -s and case are set aside."""
    if not _OPEN.search(source):
        return ()
    from ..paren_pairs import paren_candidates

    english = _words_key(target)
    if not _worth_reading(source, english):
        return ()
    paragraph = Paragraph(source, Lang.ZH, spans=(LineSpan(0, 1),))
    out: list[Gloss] = []
    for cand in paren_candidates("", paragraph, source.count):
        zh = cand.zh.strip() if cand.cue in _WHOLE else _trimmed(cand.zh.strip())
        if not zh or not _HAN.search(zh) or len(zh) > 16 or not _TERM_LIKE.match(cand.en.strip()):
            continue
        forms = [f for f in dict.fromkeys([cand.en, *cand.variants]) if f and not _HAN.search(f)]
        if not any(_words_key(f).strip() and _words_key(f) in english for f in forms):
            continue
        en = singular(cand.en.strip())  # as the glossary writes a bracket's English (layers → layer)
        out.append(Gloss(zh, en, tuple(f for f in forms if f not in (en, cand.en)), cand.status))
    return tuple(dict.fromkeys(out))


#: Cues whose Chinese the translator wrote whole inside the bracket (7200RPM（每分钟转数）,
#: 内存（随机访问存储，RAM）): no left edge was guessed.
_WHOLE = frozenset({"english-first", "inner-chinese", "colon"})
#: jieba tags of words that never start a term (不是 c, 在 p, 这个 r, 的 u; not an adverb: 互相关) and mark a
#: phrase when inside one (堆上分配内存: 上 f).
_LEADING = frozenset({"c", "p", "r", "u", "y", "uj", "ul", "f"})
_INSIDE = frozenset({"c", "p", "f", "y"})
#: One-character function words a left edge loses (是堆 → 堆); other single characters may be
#: bound to the term (过拟合, 互相关).
_FUNCTION_CHARS = frozenset("是有在的了和与及或也都就又而被把将对从向为以即称叫")


def _trimmed(zh: str) -> str:
    """The bracket reader's left edge without leading function words (不是堆 → 堆); empty
    when a word inside marks a phrase, not a term (堆上分配内存). The reader sees one
    pair, not the corpus whose counts would settle the edge."""
    from .candidates import ZH_STOP, _tagged

    tagged = list(_tagged(zh))
    while len(tagged) > 1 and ((len(tagged[0][0]) > 1 and (tagged[0][1] in _LEADING or tagged[0][0] in ZH_STOP))
                               or tagged[0][0] in _FUNCTION_CHARS):  # not 过 of 过拟合, 互 of 互相关
        tagged.pop(0)
    if any(tag in _INSIDE for _, tag in tagged[1:]):
        return ""
    return "".join(w for w, _ in tagged)
