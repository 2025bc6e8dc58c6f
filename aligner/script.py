"""Traditional Chinese, for lookup only: a character-for-character Simplified form.

jieba's dictionary, its part-of-speech tags and our own word lists are Simplified. A
Traditional sentence (軟體開發) is therefore cut and looked up through its Simplified
*lookup form* (软体开发), and the words are sliced from the original text, so nothing we
write ever holds a converted character: the TMX, the glossary and every report keep the
text exactly as the user wrote it.

The table is OpenCC's (the ``opencc-python-reimplemented`` wheel ships its dictionaries, so
this works offline): Taiwan and Hong Kong variant characters to OpenCC's Traditional
(TWVariantsRev, HKVariantsRev), then Traditional to Simplified (TSCharacters), first
candidate, one character to one character. Phrase conversion (TSPhrases) is not used: it
can change the length and break the one-to-one map between the two forms.

A text is converted only when it holds more characters that exist only in Traditional
(後, 發, 體) than characters that exist only in Simplified (后 is both; 发 is Simplified
only), so Simplified text (and 乾隆 in it) is never touched.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import UsageError

__all__ = [
    "ScriptCounts", "char_table", "cut_like", "is_traditional", "lookup_form", "script_counts",
    "simplified_chars", "srclang_note", "traditional_forms",
]


def _dictionary_folder() -> Path:
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError("the OpenCC tables for Traditional Chinese are missing",
                         hint="install them with: pip install opencc-python-reimplemented")
    folder = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    if not (folder / "TSCharacters.txt").is_file():
        raise UsageError("the OpenCC tables for Traditional Chinese are missing",
                         hint="reinstall them: pip install --force-reinstall opencc-python-reimplemented")
    return folder


def _read(name: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    path = _dictionary_folder() / name
    if not path.is_file():
        return table
    for line in path.read_text(encoding="utf-8").split("\n"):
        key, _tab, values = line.partition("\t")
        if len(key) == 1 and values.split():
            table[key] = values.split()
    return table


@dataclass(frozen=True)
class _Tables:
    to_simplified: dict[str, str]  # one char -> one char, only where they differ
    traditional_only: frozenset[str]  # never written in Simplified text
    simplified_only: frozenset[str]  # never written in Traditional text


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    ts = _read("TSCharacters.txt")
    st = _read("STCharacters.txt")
    variants = _read("TWVariantsRev.txt") | _read("HKVariantsRev.txt")
    mapping: dict[str, str] = {}
    for char in set(ts) | set(variants):
        standard = variants.get(char, [char])[0]
        target = ts.get(standard, ts.get(char, [standard]))[0]
        if len(target) == 1 and target != char:
            mapping[char] = target
    trad_only = frozenset(c for c, v in ts.items() if c not in v and c not in st)
    simp_only = frozenset(c for c, v in st.items() if c not in v and c not in ts)
    return _Tables(mapping, trad_only, simp_only)


def char_table() -> dict[str, str]:
    """Traditional (and Taiwan/Hong Kong variant) character -> its Simplified character."""
    return _tables().to_simplified


@dataclass(frozen=True)
class ScriptCounts:
    """Characters of a text that only one of the two scripts writes."""

    traditional: int = 0
    simplified: int = 0

    def __add__(self, other: ScriptCounts) -> ScriptCounts:
        return ScriptCounts(self.traditional + other.traditional, self.simplified + other.simplified)

    @property
    def leans_traditional(self) -> bool:
        return self.traditional > self.simplified

    @property
    def clearly_traditional(self) -> bool:
        """Enough evidence to tell a user: a dozen Traditional-only characters, and at most
        one Simplified-only character for every ten of them (quotations, names)."""
        return self.traditional >= 12 and self.simplified * 10 <= self.traditional


def script_counts(text: str) -> ScriptCounts:
    tables = _tables()
    trad = sum(1 for c in text if c in tables.traditional_only)
    simp = sum(1 for c in text if c in tables.simplified_only)
    return ScriptCounts(trad, simp)


def is_traditional(text: str) -> bool:
    """``text`` is written in Traditional characters (more Traditional-only than
    Simplified-only characters). Text without a Traditional-only character (most of it)
    is answered by one set test instead of a count (a regular expression of the 4,093
    characters took ten times as long: a large check asks this of every run of text)."""
    if _tables().traditional_only.isdisjoint(text):
        return False
    return script_counts(text).leans_traditional


def is_simplified_form(text: str) -> bool:
    """``text`` has no Traditional-only character, so every part of it is its own
    :func:`lookup_form` (one set test for a whole text instead of one per part)."""
    return text.isascii() or _tables().traditional_only.isdisjoint(text)


def simplified_chars(text: str) -> str:
    """Every character mapped to Simplified, whatever the text (for single terms, whose
    few characters say little about their script). Same length as ``text``."""
    table = char_table()
    return "".join(table.get(c, c) for c in text)


def lookup_form(text: str) -> str:
    """The form to look ``text`` up in Simplified resources: converted character by character
    when the text is Traditional, else ``text`` itself. Always ``len(text)`` long."""
    if not text or text.isascii() or not is_traditional(text):
        return text
    return simplified_chars(text)


def cut_like(cut: Callable[[str], Iterable[str]], text: str) -> list[str]:
    """Cut ``text`` where ``cut`` cuts its lookup form; the pieces are slices of ``text``."""
    form = lookup_form(text)
    if form is text:
        return list(cut(text))
    out, at = [], 0
    for piece in cut(form):
        out.append(text[at:at + len(piece)])
        at += len(piece)
    if at < len(text):  # a cutter that dropped characters: keep the rest whole
        out.append(text[at:])
    return out


@lru_cache(maxsize=1)
def _reverse() -> dict[str, frozenset[str]]:
    reverse: dict[str, set[str]] = {}
    for trad, simp in char_table().items():
        reverse.setdefault(simp, set()).add(trad)
    return {k: frozenset(v) for k, v in reverse.items()}


def traditional_forms(simplified: Iterable[str]) -> set[str]:
    """The Traditional characters whose Simplified form is one of ``simplified`` (陳 for 陈):
    lets a list of Simplified characters recognise Traditional text too."""
    reverse = _reverse()
    return {t for s in simplified for t in reverse.get(s, ())}


def srclang_note(texts: Iterable[str], srclang: str) -> str | None:
    """A one-line suggestion when clearly Traditional text is declared Simplified.

    The output is not changed (the user may want zh-CN tags on purpose); the note only says
    that ``--srclang zh-TW`` would label the TMX and glossary as what they hold.
    """
    from .formats.langs import source_lang

    lang = source_lang(srclang)
    if not lang.simplified:
        return None
    counts = ScriptCounts()
    for text in texts:
        counts = counts + script_counts(text)
    if not counts.clearly_traditional:
        return None
    return (f"note: the Chinese is written in Traditional characters, but --srclang is {lang.value}; "
            f"pass --srclang zh-TW (or zh-HK, zh-Hant) to label the TMX and glossary as Traditional "
            f"(this output is unchanged)")
