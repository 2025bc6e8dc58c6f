"""Conflicts: one Chinese form with two English forms, or one English form with two Chinese.

Such forms are variants of one concept (AGI: 通用人工智能 / 人工通用智能; Twitter: 推特 /
Twitter kept in Latin). They are reported for the translator to decide, never merged.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Source, TermEntry
from .text import has_han, norm_key


@dataclass(frozen=True)
class Conflict:
    """``form`` (in language ``side``) is rendered as each of ``renderings``."""

    side: str  # "zh": one Chinese form, several English; "en": one English form, several Chinese
    form: str
    renderings: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({s.doc for s in self.sources}))

    def describe(self) -> str:
        other = "English" if self.side == "zh" else "Chinese"
        forms = " | ".join(self.renderings)
        return f"{self.form}: {len(self.renderings)} {other} forms: {forms} (in {', '.join(self.documents)})"


def find_conflicts(entries: Iterable[TermEntry]) -> list[Conflict]:
    """Every form with more than one rendering, sorted by side then form."""
    entries = list(entries)
    zh_side: dict[str, dict[str, set[Source]]] = defaultdict(lambda: defaultdict(set))
    en_side: dict[str, dict[str, set[Source]]] = defaultdict(lambda: defaultdict(set))
    display: dict[tuple[str, str], str] = {}
    for e in entries:
        zk = norm_key(e.zh)
        display.setdefault(("zh", zk), e.zh)
        zh_side[zk][e.en].update(e.sources)
        latin_forms = [e.en] + [v for v in e.variants if not has_han(v) and _is_alias_of(v, e)]
        for form in latin_forms:
            ek = norm_key(form)
            display.setdefault(("en", ek), form)
            en_side[ek][e.zh].update(e.sources)
    conflicts: list[Conflict] = []
    for side, table in (("zh", zh_side), ("en", en_side)):
        for key in sorted(table):
            renderings = _drop_same_document_as_is(key, table[key])
            distinct = {norm_key(r): r for r in sorted(renderings)}
            if len(distinct) < 2:
                continue
            sources = tuple(sorted(set().union(*renderings.values())))
            conflicts.append(Conflict(side, display[(side, key)], tuple(sorted(distinct.values())), sources))
    return conflicts


def _drop_same_document_as_is(key: str, renderings: dict[str, set[Source]]) -> dict[str, set[Source]]:
    """Keep-as-is use of an abbreviation beside its own expansion in the same document
    (TSMC and 台湾积体电路…, both in one text) is how the text introduces it, not a conflict;
    across documents (推特 in one, Twitter kept in Latin in another) it is."""
    same = [r for r in renderings if norm_key(r) == key]
    if not same:
        return renderings
    as_is_docs = {s.doc for r in same for s in renderings[r]}
    other_docs = {s.doc for r, sources in renderings.items() if norm_key(r) != key for s in sources}
    if as_is_docs - other_docs or other_docs - as_is_docs:
        return renderings
    return {r: s for r, s in renderings.items() if norm_key(r) != key}


def _is_alias_of(variant: str, entry: TermEntry) -> bool:
    """A Latin variant recorded from the bracket itself (abbreviation or former name)."""
    return norm_key(variant) != norm_key(entry.en)
