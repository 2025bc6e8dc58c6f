"""What stands inside a bracket: a translation, a definition, or an aside?

``(Effective Accelerationism, e/acc)`` is a translation with an abbreviation;
``（Moravec's Paradox: 机器人学…）`` a translation with a definition;
``(X,原名 Twitter)`` a translation with a former name; ``(Anthropic 的旗舰模型)``, ``(2023)``,
``(a)``, URLs and citations are not translations at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..han import HAN
from .text import has_han, has_latin

URL_RE = re.compile(r"https?://|www\.|\.(com|org|net|cn|html?)\b|@\w+\.", re.I)
NUMERIC_RE = re.compile(r"^[\s\d.,:;/%~\-–—年月日号第期卷版页]+$")
LIST_MARKER_RE = re.compile(r"^\s*([a-zA-Z]|[ivxIVX]{1,4}|\d{1,2})\s*$")
CITATION_RE = re.compile(r"\bet al\b|\bvol\.|\bpp?\.\s*\d|\b(19|20)\d\d\b|\bibid\b", re.I)
ALIAS_CUES = ("原名", "旧称", "又称", "又名", "也称", "亦称", "简称", "全称", "即", "或称", "现名", "前身")
ABBR_RE = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9&/+.\-]{2,12}$")
NAME_LIKE_ZH_RE = re.compile(rf"^[{HAN}·]{{2,16}}$")
MAX_EN_WORDS = 10
DOTTED_RE = re.compile(r"(?:[A-Za-z]\.){2,}")
# A comma, then a cue that the rest is another name of the same thing (或cost function,
# 或称为训练集（training set）, 正式称为类（class）).
ALTERNATIVE_RE = re.compile(r"^(?:或者?(?:称为|称作|叫做|叫)?|(?:也|又|亦|通常|正式|有时)(?:被)?(?:称为|称作|称|叫做|叫)|即)\s*")
NESTED_RE = re.compile(r"\s*[(（]([^()（）]*)[)）]")
SYNONYM_MAX_WORDS = 4
SENTENCE_END_RE = re.compile(r"[.!?。！？]$")
QUOTES = "\"'“”‘’「」『』"


def is_sentence(inner: str) -> bool:
    """``“Garbage in, garbage out.”``: a quoted line or a sentence, not a gloss of a term.

    It ends with sentence punctuation (a final abbreviation such as ``i.i.d.`` or ``Inc.``
    does not count), or it is wholly quoted and has a comma or five words or more.
    """
    text = inner.strip()
    quoted = len(text) >= 2 and text[0] in QUOTES and text[-1] in QUOTES
    core = text.strip(QUOTES + " ")
    last = core.split()[-1] if core.split() else ""
    if SENTENCE_END_RE.search(core) and len(core.split()) >= 2:
        if not (DOTTED_RE.fullmatch(last) or re.fullmatch(r"[A-Z][a-z]{1,3}\.", last)):
            return True
    return quoted and ("," in core or len(core.split()) >= 5)


def split_alternatives(inner: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The bracket text without what names the same thing again, and what that was.

    ``features，或协变量（covariates）`` -> ``features``: the Chinese alternative has its own
    bracket, read on its own. ``loss function，或cost function`` -> ``loss function`` and the
    synonym ``cost function``. ``Resource Acquisition Is Initialization (RAII)`` -> the full
    form and its abbreviation. Returns (text, abbreviations, synonyms).
    """
    abbreviations: list[str] = []

    def nested(match: re.Match[str]) -> str:
        content = match.group(1).strip()
        if is_abbreviation(content):
            abbreviations.append(content)
        return ""

    text = NESTED_RE.sub(nested, inner).strip()
    pieces = re.split(r"([,，;；])", text)
    kept = pieces[0]
    synonyms: list[str] = []
    for separator, piece in zip(pieces[1::2], pieces[2::2]):
        cue = ALTERNATIVE_RE.match(piece.strip())
        other = piece.strip()[cue.end():].strip() if cue else ""
        if not other:
            kept += separator + piece
        elif not has_han(other) and has_latin(other):
            synonyms.append(other)
    return kept.strip(), tuple(abbreviations), tuple(synonyms)


@dataclass(frozen=True)
class InnerParse:
    """The English form, its abbreviation(s), and what follows a colon."""

    en: str
    abbreviations: tuple[str, ...] = ()
    rest: str = ""  # text after the colon: a definition or a Chinese full name
    aliases: tuple[str, ...] = ()  # former or other names (原名 Twitter)


def is_abbreviation(text: str) -> bool:
    """``AGI``, ``e/acc``, ``UAE``, ``R&D``, ``i.i.d.``: short, no spaces, capitals, a slash
    or letters each followed by a dot."""
    text = text.strip()
    if DOTTED_RE.fullmatch(text):
        return True
    if not ABBR_RE.match(text):
        return False
    upper = sum(ch.isupper() for ch in text)
    return upper >= 2 or "/" in text or "&" in text


def not_a_term(inner: str) -> bool:
    """Years, numbers, list markers, URLs and citations are never translations."""
    stripped = inner.strip()
    return (
        not stripped
        or bool(NUMERIC_RE.match(stripped))
        or bool(LIST_MARKER_RE.match(stripped))
        or bool(URL_RE.search(stripped))
        or bool(CITATION_RE.search(stripped))
    )


def short_chinese_name(text: str) -> bool:
    """A bare Chinese name (``台湾积体电路制造股份有限公司``), not a sentence defining one."""
    text = text.strip()
    return (
        bool(NAME_LIKE_ZH_RE.match(text))
        and not text.startswith(("指", "是", "一种", "一个", "即", "由", "在", "对", "将"))
        and "的" not in text
    )


def leading_name(rest: str) -> tuple[str, str] | None:
    """``蒙特卡洛树搜索，一种…``: a Chinese name, then its definition after a comma."""
    rest = rest.strip()
    if short_chinese_name(rest):
        return rest, ""
    parts = re.split(r"[，,；;]", rest, maxsplit=1)
    if len(parts) == 2:
        head, tail = parts[0].strip(), parts[1].strip()
        if short_chinese_name(head) and len(head) <= 12:
            return head, tail
    return None


def parse_english_inner(inner: str) -> InnerParse | None:
    """Parse a bracket whose leading part is English; None when it is an aside."""
    inner = inner.strip()
    if not_a_term(inner) or not has_latin(inner) or is_sentence(inner):
        return None
    if ":" not in inner and "：" not in inner:
        cleaned, nested_abbreviations, synonyms = split_alternatives(inner)
        if cleaned != inner and cleaned and has_latin(cleaned) and not has_han(cleaned):
            parsed = parse_english_inner(cleaned)
            if parsed is None:
                return None
            abbreviations = tuple(dict.fromkeys([*parsed.abbreviations, *nested_abbreviations]))
            aliases = tuple(dict.fromkeys([*parsed.aliases, *synonyms]))
            return InnerParse(parsed.en, abbreviations, parsed.rest, aliases)
    head, rest = inner, ""
    parts = re.split(r"\s*[:：]\s*", inner)
    latin_parts: list[str] = []
    for i, part in enumerate(parts):
        if has_han(part):
            rest = "：".join(parts[i:]) if i else ""
            break
        latin_parts.append(part)
    if not latin_parts:
        return None
    aliases: list[str] = []
    if len(latin_parts) == 1:
        head = latin_parts[0]
        pieces = [p.strip() for p in re.split(r"[,，;；]", head)]
        if has_han(head) or any(has_han(p) for p in pieces):
            return None
        if len(pieces) > 1 and not rest:
            return _split_abbreviation(pieces, head)
        if has_han(inner) and not rest:
            return None
    else:
        head = latin_parts[0]
    if rest == "" and has_han(inner):
        return None
    abbreviations = [p for p in latin_parts if is_abbreviation(p)]
    full = [p for p in latin_parts if not is_abbreviation(p)]
    en = full[-1] if full else latin_parts[0]
    abbreviations = [a for a in abbreviations if a != en]
    if len(en.split()) > MAX_EN_WORDS:
        return None
    return InnerParse(en=en, abbreviations=tuple(abbreviations), rest=rest, aliases=tuple(aliases))


def _split_abbreviation(pieces: list[str], whole: str) -> InnerParse | None:
    abbreviations = [p for p in pieces if is_abbreviation(p)]
    full = [p for p in pieces if p and not is_abbreviation(p)]
    if len(full) == 1 and abbreviations:
        if len(full[0].split()) > MAX_EN_WORDS:
            return None
        return InnerParse(en=full[0], abbreviations=tuple(abbreviations))
    heads = {p.split()[-1].lower() for p in full if p.split()}
    if 2 <= len(full) <= 3 and not abbreviations and all(
            len(p.split()) <= SYNONYM_MAX_WORDS and p[:1].islower() for p in full) and (
            all(len(p.split()) == 1 for p in full) or len(heads) == 1):
        # 样本（example, sample）, (batch learning, offline learning): alternative words for one
        # concept, one word each or with the same head; a phrase cut at its commas (last in,
        # first out; write once, run anywhere) is one gloss
        return InnerParse(en=full[0], aliases=tuple(full[1:]))
    if len(whole.split()) > MAX_EN_WORDS:
        return None
    return InnerParse(en=whole)


def parse_alias_inner(inner: str) -> InnerParse | None:
    """``X,原名 Twitter``: an English name, then a cue word and another name."""
    pieces = [p.strip() for p in re.split(r"[,，;；]", inner.strip(), maxsplit=1)]
    if len(pieces) != 2 or has_han(pieces[0]) or not has_latin(pieces[0]):
        return None
    if URL_RE.search(pieces[0]) or NUMERIC_RE.match(pieces[0]) or CITATION_RE.search(pieces[0]):
        return None
    second = pieces[1]
    for cue in ALIAS_CUES:
        if second.startswith(cue):
            alias = second[len(cue) :].strip()
            if alias and not has_han(alias) and has_latin(alias):
                return InnerParse(en=pieces[0], aliases=(alias,))
    return None


def parse_chinese_inner(inner: str) -> str | None:
    """A bracket holding only a short Chinese rendering, for the English(中文) form."""
    text = inner.strip()
    if not text or has_latin(text) or not has_han(text) or not_a_term(text):
        return None
    if len(text) > 20 or "的" in text or text.startswith(("以下", "即", "指", "包括", "主要", "如", "例如")):
        return None
    from .boundary import STOP_WORDS
    from .lexicon import words

    if any(w in STOP_WORDS for w in words(text)):
        return None
    return text
