"""Where does the Chinese term before a bracket begin?

``图灵奖(Turing Award)得主`` is easy; ``和杨立昆同时获得图灵奖的杰弗里·辛顿(Geoffrey Hinton)``
is not. The text before the bracket is cut at punctuation and spaces, split into jieba
words, cut again at grammar words, and the remaining words are kept from the right while
some cue supports them:

* a transliteration cue: a run of transliteration characters around ``·`` for a name;
* a Chinese-name cue: a surname followed by one or two characters, for a person's name;
* a dictionary cue: a CC-CEDICT gloss of the word shares a stem with the English;
* an agreement cue: the longer form occurs elsewhere in the documents too.

No list of this corpus's terms is consulted: every cue is general.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import lexicon
from .text import MIDDLE_DOTS, PHONETIC, SURNAMES, has_han, is_han, is_latin_word_char

MAX_TAIL = 16
OPENING_QUOTES = {"”": "“", "’": "‘", "」": "「", "』": "『", "》": "《", '"': '"'}

# Grammar words that a term never starts with or spans: particles, prepositions,
# conjunctions, copulas, demonstratives, reporting verbs and "former"/"so-called" prefixes.
STOP_WORDS = frozenset(
    """的 地 得 之 了 着 过 是 为 在 和 与 及 跟 同 或 被 把 将 对 从 向 以 由 于 等 即 如 称 叫 其 该
    这 那 此 而 则 也 都 就 又 还 并 但 却 因 所 让 使 给 用 有 没有 不 也 就是 作为 成为 包括 例如
    比如 像 称为 被称为 叫做 名为 所谓 一种 一个 一位 一名 一家 一项 一篇 一款 前 原 时任 现任 曾任
    著名 知名 新 旧 该 各 每 某 诸如 以及 或者 还是 而是 并且 认为 指出 表示 提出 提到 强调 获得 同时
    称之为 号称 俗称 简称 又称 也称 即为 以下 前任 首位 他 她 它 他们 她们 它们 我们 你们 其中
    位于 来自 担任 出任 发布 宣布 推出 创立 创办 联合 得主 旗下 属于 关于 对于 通过 根据 基于
    就会 会 将会 可能 能 能够 应该 应当 要 需要 必须 已经 已 正在 曾经 就是 便 才 再 更 最 很 非常
    甚至 尤其 特别 特别是 比如说 诸如 指 即是 提出了 提到 提到了 称作 看作 视为 所有 任何 这种
    那种 这些 那些 一些 某种 某个 一样""".split()
)
NUMBER_RE = re.compile(r"^[\d.,%]+$|^[0-9]+[年月日]$")
_PERSON_PARTICLES = {"von", "van", "de", "der", "den", "di", "da", "du", "la", "le", "bin", "al", "jr", "jr."}
_NOT_PERSON = re.compile(
    r"\b(Company|Corporation|Inc|Ltd|LLC|University|Institute|Award|Prize|Act|Law|Paradox|"
    r"Effect|Disease|Project|Program|Foundation|Association|Society|Council|Agency|Lab|Labs|"
    r"Group|Party|Bank|Union|Wars?|Dynasty|Empire|Revolution|Intelligence|Learning|Model|"
    r"Network|System|Theory|Principle|Index|Manifesto)\b"
)


_NOUN_SUFFIX = re.compile(r"\w{3}(ism|isms|ity|ities|tion|tions|ness|ogy|ship|ships)$")


@dataclass(frozen=True)
class Boundary:
    """The chosen zh term, where it starts in the paragraph, and the cue that chose it."""

    term: str
    start: int
    cue: str


def tail_start(prefix: str) -> int:
    """Start of the run before the bracket: Han, ``·`` and Latin word characters.

    Spaces end the run except between two Latin characters (``METR eval``).
    """
    i = len(prefix)
    while i > 0 and prefix[i - 1] == " " and i == len(prefix):
        i -= 1
    end = i
    while i > 0:
        ch = prefix[i - 1]
        if is_han(ch) or ch in MIDDLE_DOTS or is_latin_word_char(ch):
            i -= 1
        elif ch == " " and i >= 2 and is_latin_word_char(prefix[i - 2]) and i < end and not is_han(prefix[i]):
            i -= 1
        else:
            break
        if end - i > 40:
            break
    while i < end and prefix[i] in " .,'-/&+":
        i += 1
    return i


_EMPHASIS_RE = re.compile(r"(?<![*_\w])(\*\*|\*|__|_)([^*_\s][^*_\n]{0,29}?)\1$")


def quoted_term(prefix: str) -> tuple[str, int] | None:
    """The content of a quote, a title or Markdown emphasis that closes right before the bracket.

    ``*特征*（feature）``, ``**所有权**（*ownership*）``: the writer marked the term's extent.
    """
    emphasis = _EMPHASIS_RE.search(prefix)
    if emphasis and has_han(emphasis.group(2)):
        return emphasis.group(2).strip(), emphasis.start(2)
    if not prefix or prefix[-1] not in OPENING_QUOTES:
        return None
    opener = OPENING_QUOTES[prefix[-1]]
    j = prefix.rfind(opener, 0, len(prefix) - 1)
    if j < 0 or len(prefix) - 1 - (j + 1) > 30:
        return None
    content = prefix[j + 1 : -1].strip()
    return (content, j + 1) if content else None


def is_person_name(english: str) -> bool:
    """``Geoffrey Hinton``, ``Vincent C. Müller``, ``John von Neumann``: a personal name."""
    if _NOT_PERSON.search(english) or any(ch.isdigit() for ch in english):
        return False
    tokens = english.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5:
        return False
    if any(_NOUN_SUFFIX.search(token) for token in tokens):
        return False  # Accelerationism, Capabilities: abstract nouns, not names
    for token in tokens:
        if token.lower() in _PERSON_PARTICLES:
            continue
        if not (token[0].isupper() and (token[1:].islower() or token[1:] in ("", ".") or _camel_surname(token))):
            return False
    return True


def _camel_surname(token: str) -> bool:
    return bool(re.fullmatch(r"(Mc|Mac|Le|La|De|Di|O')[A-Z][a-z]+", token))


def transliteration_run(tail: str) -> str:
    """The transliterated name that ends the tail: phonetic characters and ``·``.

    Left of the first ``·`` the jieba word is taken when it is longer than the phonetic run
    (约书亚·本吉奥: 书 is not in the table, but 约书亚 is one word).
    """
    i = len(tail)
    while i > 0 and (tail[i - 1] in PHONETIC or tail[i - 1] in MIDDLE_DOTS):
        i -= 1
    run = tail[i:].lstrip("".join(MIDDLE_DOTS))
    dot = next((j for j, ch in enumerate(tail) if ch in MIDDLE_DOTS), -1)
    if dot > 0:
        before = lexicon.words(tail[:dot])
        first = before[-1] if before else ""
        if first and first not in STOP_WORDS and all(is_han(c) for c in first) and len(first) <= 4:
            whole = first + tail[dot:]
            if len(whole) > len(run):
                run = whole
    return run


def chinese_name(tail: str) -> str:
    """A Chinese-style name (surname + one or two characters) ending the tail.

    It must start on a jieba word boundary, and be tagged a name by jieba, or stand alone at
    the start of the clause, or be a surname plus characters that form no ordinary word
    (陈 + 嘉兴 yes; 斯 + 世界 no).
    """
    words = lexicon.words(tail)
    starts = set()
    pos = 0
    for word in words:
        starts.add(pos)
        pos += len(word)
    for size in (3, 2):
        if len(tail) < size:
            continue
        name = tail[-size:]
        at = len(tail) - size
        if name[0] not in SURNAMES or at not in starts or lexicon.common_word(name):
            continue
        if not all(is_han(ch) for ch in name):
            continue
        if lexicon.is_probable_name(name) or at == 0:
            return name
        given = name[1:]
        if not lexicon.common_word(given) and given not in STOP_WORDS and not lexicon.is_verb(given):
            return name
    return ""


def content_words(tail: str, english: str = "") -> list[str]:
    """jieba words at the right of the tail, cut at the last grammar word or number."""
    words = lexicon.words(tail)
    kept: list[str] = []
    for word in reversed(words):
        if NUMBER_RE.match(word) or not word.strip():
            break
        if word in STOP_WORDS:
            break
        kept.append(word)
        if sum(len(w) for w in kept) >= MAX_TAIL:
            break
    kept.reverse()
    return kept


def _transliterated_word(word: str, english: str) -> bool:
    """鲍莫尔 in 鲍莫尔成本病 (Baumol's Cost Disease): a phonetic word for a proper name."""
    return (
        len(word) >= 2
        and all(ch in PHONETIC for ch in word)
        and any(t[:1].isupper() for t in english.split())
        and not lexicon.common_word(word)
    )


def concept_boundary(words: list[str], english: str, count: Callable[[str], int]) -> tuple[int, str]:
    """How many words from the right form the term, and which cue decided it.

    Words are added from the right while a cue supports each: a dictionary gloss, a
    transliteration of a proper name, the English word itself (Conquest定律), the English
    length (one Chinese word per English content word, verbs excluded), or agreement (the
    longer form, or its modifier, is used elsewhere in the documents).
    """
    if not words:
        return 0, ""
    n = len(words)
    en_tokens = lexicon.content_tokens(english)
    en_lower = {t.lower() for t in re.findall(r"[A-Za-z0-9]+", english)}
    letters = english.lower() if re.fullmatch(r"[A-Z]{2,6}", english) else ""
    if letters:
        en_tokens = list(letters)
    multiword = len(en_tokens) >= 2
    best, cue = 1, "word"
    head_glossed = lexicon.gloss_matches(words[-1], english)
    if head_glossed:
        cue = "dictionary"
    if len(words[-1]) == 1 and n >= 2:
        best = 2
    gap = 0
    for k in range(best + 1, n + 1):
        left = words[n - k]
        candidate = "".join(words[n - k :])
        modifier = "".join(words[n - k : n - 1])
        if not has_han(left):
            if left.lower() in en_lower:
                best, cue, gap = k, "english-word", 0
                continue
            break
        if lexicon.gloss_matches(left, english):
            best, cue = k, "dictionary"
        elif letters and lexicon.initials(left) & set(letters):
            best, cue = k, "acronym"
        elif _transliterated_word(left, english):
            best, cue = k, "transliteration"
        elif multiword and count(candidate) >= 2 and len(candidate) >= 3:
            best, cue = k, "agreement"
        elif multiword and len(modifier) >= 4 and count(modifier) >= 3:
            best, cue = k, "agreement"
        elif k <= len(en_tokens) and not (lexicon.is_verb(left) and (not multiword or lexicon.is_verb(left[:1]))):
            # One word per English content word. Verb-tagged morphemes occur inside terms
            # (强化学习, 价值负载属性), but a word opening with a verb (来到, 发布) opens a clause.
            best, cue = k, "length"
        elif k == 2 and cue == "word" and not lexicon.in_dictionary(left) and not lexicon.is_verb(left):
            best, cue = k, "unknown-modifier"  # 废奴+主义者: a rare morpheme the head needs
        elif (multiword and k == n and best == k - 1 and lexicon.pos(left) == "b" and len(left) >= 3
              and not head_glossed):
            # A compound attributive-only word (非营利性, 非政府) opening the phrase right after a
            # grammar word, when the head noun does not translate the English word for word:
            # the English renders the whole phrase, 定位为[非营利性社会组织](social enterprise).
            # Short descriptive ones (大型, 主要) stay out: 大型[服务器集群](server cluster).
            best, cue = k, "attributive"
        else:
            # An unsupported word may sit inside the term (有效+加速+主义) when a supported
            # word lies beyond it; more than two in a row end the term.
            gap += 1
            if gap > 2:
                break
            continue
        gap = 0
    return best, cue


def _after_opening_quote(prefix: str, start: int) -> bool:
    return start > 0 and prefix[start - 1] in "“‘「『《\""


def find_boundary(
    prefix: str, english: str, count: Callable[[str], int], *, person_hint: bool = False
) -> Boundary | None:
    """The Chinese term that ends ``prefix`` (the paragraph text before the bracket)."""
    quoted = quoted_term(prefix)
    if quoted and has_han(quoted[0]):
        return Boundary(quoted[0], quoted[1], "quote")
    start = tail_start(prefix)
    tail = prefix[start:].rstrip()
    if not tail or not has_han(tail):
        return None
    end = start + len(tail)
    if _after_opening_quote(prefix, start) and len(tail) <= 12:
        if not any(w in STOP_WORDS for w in lexicon.words(tail)):
            return Boundary(tail, start, "quote")
    person = person_hint or is_person_name(english)
    if person or (len(english.split()) == 1 and english[:1].isupper()):
        run = transliteration_run(tail)
        name = chinese_name(tail) if person else ""
        if "·" in run and len(run) >= len(name):
            return Boundary(run, end - len(run), "transliteration")
        if len(name) > len(run) or (name and len(name) == len(run)):
            return Boundary(name, end - len(name), "chinese-name")
        if (len(run) >= 2 and (person or len(english) > 3) and _run_is_word(tail, run)
                and not lexicon.common_word(run)):
            return Boundary(run, end - len(run), "transliteration")
        if name:
            return Boundary(name, end - len(name), "chinese-name")
    words = content_words(tail, english)
    k, cue = concept_boundary(words, english, count)
    if k == 0:
        return None
    term = "".join(words[-k:])
    return Boundary(term, end - len(term), cue)


def _run_is_word(tail: str, run: str) -> bool:
    """The transliteration run does not cut a jieba word in two (员工豪根 -> 豪根 is fine)."""
    words = lexicon.words(tail)
    joined = ""
    for word in reversed(words):
        joined = word + joined
        if len(joined) == len(run):
            return True
        if len(joined) > len(run):
            return False
    return False
