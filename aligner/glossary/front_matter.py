"""Evidence type ``front-matter``: names listed in a document's YAML front matter.

The lists give English names and say what they are (people, organisations, products).
A name is kept when the body supports it: used as-is in the Chinese prose (a keep-as-is
entry), or as the surname of a Chinese name in the body whose pinyin agrees
(``Jensen Huang`` <-> 黄仁勋). Names the body never uses are counted, not invented.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass


from ..model import Document, Source, TermKind
from . import lexicon
from .candidate import Candidate, Evidence
from .latin import prose_mask
from .text import HAN, SURNAMES, norm_key, tidy

KIND_KEYS = (
    (re.compile(r"people|person|author|speaker|guest|host", re.I), TermKind.PERSON),
    (re.compile(r"compan|org|institution|lab", re.I), TermKind.ORG),
    (re.compile(r"product|model|tool|software", re.I), TermKind.PRODUCT),
    (re.compile(r"book|media|work|paper|film", re.I), TermKind.WORK),
    (re.compile(r"place|location|countr|cit", re.I), TermKind.PLACE),
)


@dataclass(frozen=True)
class Listed:
    name: str
    kind: TermKind


def listed_names(doc: Document) -> list[Listed]:
    """Names from the front-matter lists whose key says what they are."""
    names: list[Listed] = []
    for key, value in sorted(doc.front_matter.items()):
        kind = next((k for pattern, k in KIND_KEYS if pattern.search(str(key))), None)
        if kind is None or not isinstance(value, list):
            continue
        for item in value:
            if isinstance(item, str) and item.strip():
                names.append(Listed(tidy(item), kind))
    return names


def front_matter_candidates(doc: Document) -> tuple[list[Candidate], dict[str, TermKind], int]:
    """Candidates, a kind for every listed name (by normalised form), and how many found no use."""
    kinds: dict[str, TermKind] = {}
    out: list[Candidate] = []
    unused = 0
    for listed in listed_names(doc):
        kinds.setdefault(norm_key(listed.name), listed.kind)
        found = list(_as_is(doc, listed))
        if not found and listed.kind is TermKind.PERSON:
            found = list(_chinese_form(doc, listed))
        if not found:
            unused += 1
        out.extend(found)
    return out, kinds, unused


def _as_is(doc: Document, listed: Listed) -> Iterator[Candidate]:
    if re.search(f"[{HAN}]", listed.name):
        return
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(listed.name)}(?![A-Za-z0-9])")
    for paragraph in doc.zh:
        for match in pattern.finditer(prose_mask(paragraph.text)):
            yield Candidate(listed.name, listed.name, Evidence.FRONT_MATTER,
                            Source(doc.stem, paragraph.line_at(match.start())),
                            kind=listed.kind, keep_as_is=True, cue="front-matter")


@functools.lru_cache(maxsize=1024)
def _reading(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin  # imported when needed, not by every build

    return lazy_pinyin(ch, style=Style.NORMAL)[0]


def _chinese_form(doc: Document, listed: Listed) -> Iterator[Candidate]:
    """A Chinese name in the body whose surname's pinyin is the English surname."""
    tokens = listed.name.split()
    if len(tokens) < 2:
        return
    readings = {tokens[-1].lower(), tokens[0].lower()}
    found: dict[str, list[Source]] = {}
    for paragraph in doc.zh:
        text = paragraph.text
        for i, ch in enumerate(text):
            if ch not in SURNAMES or _reading(ch) not in readings:
                continue
            for length in (3, 2):
                word = text[i : i + length]
                if len(word) == length and re.fullmatch(f"[{HAN}]+", word) and lexicon.is_probable_name(word):
                    found.setdefault(word, []).append(Source(doc.stem, paragraph.line_at(i)))
                    break
    if len(found) == 1:
        word, sources = next(iter(found.items()))
        for source in sources:
            yield Candidate(word, listed.name, Evidence.FRONT_MATTER, source, kind=TermKind.PERSON,
                            cue="front-matter-pinyin")
