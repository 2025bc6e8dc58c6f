"""Group sightings into glossary entries: one entry per zh/en pair, every source kept.

Also where agreement across occurrences is applied: when the same English was given
with two nested Chinese boundaries (加速主义百科 / 有效加速主义百科), the form most
occurrences chose wins for all of them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from ..model import TermEntry, TermKind, TermStatus
from .candidate import Candidate, Evidence
from .kinds import ACRONYM_RE, classify, definition_kind, names_from_full_names
from .text import has_han, norm_key

_NAME_SHAPE = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")
PRIORITY = {e: i for i, e in enumerate(
    (Evidence.PAREN, Evidence.KEYWORDS, Evidence.AUTHORS, Evidence.FRONT_MATTER, Evidence.LATIN,
     Evidence.ENGLISH_NAME, Evidence.PINYIN)
)}


def agree_boundaries(candidates: list[Candidate]) -> list[Candidate]:
    """Make nested boundaries for one English form agree (majority, then the longer form)."""
    by_en: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        if cand.evidence == Evidence.PAREN and has_han(cand.zh):
            by_en[norm_key(cand.en)].append(cand)
    for group in by_en.values():
        votes = Counter(c.zh for c in group)
        if len(votes) < 2:
            continue
        ranked = sorted(votes, key=lambda zh: (-votes[zh], -len(zh), zh))
        winner = ranked[0]
        for cand in group:
            if cand.zh == winner:
                continue
            shorter = cand.zh.endswith(winner)
            # A longer form only where this sighting's own text holds it: provenance must
            # always contain the term (杨立昆脸书 elsewhere does not make 脸书 here 昆脸书).
            longer = winner.endswith(cand.zh) and cand.context.rstrip().endswith(winner)
            if shorter or longer:
                cand.zh = winner
    return candidates


def drop_glued_latin(candidates: list[Candidate]) -> list[Candidate]:
    """A Latin run that is part of a bracket term on the same line (Conquest in Conquest定律)."""
    glued: dict[tuple[str, int], list[str]] = defaultdict(list)
    for cand in candidates:
        if cand.evidence == Evidence.PAREN and has_han(cand.zh):
            glued[(cand.source.doc, cand.source.line)].append(norm_key(cand.zh))
    kept = []
    for cand in candidates:
        if cand.evidence == Evidence.LATIN:
            key = norm_key(cand.zh)
            if any(key in term and key != term for term in glued.get((cand.source.doc, cand.source.line), ())):
                continue
        kept.append(cand)
    return kept


def build_entries(candidates: Iterable[Candidate], kinds: Mapping[str, TermKind]) -> list[TermEntry]:
    """One TermEntry per (zh, en) form, sorted; variants hold the other forms of the concept."""
    groups: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for cand in drop_glued_latin(list(candidates)):
        groups[(norm_key(cand.zh), norm_key(cand.en))].append(cand)
    # A Latin term that a bracket already explains (H100（Nvidia H100: …）) is that entry.
    explained: dict[str, tuple[str, str]] = {}
    for key in sorted(groups):
        if key[0] != key[1] and any(c.evidence == Evidence.PAREN for c in groups[key]):
            explained.setdefault(key[0], key)
    for key in [k for k in sorted(groups) if k[0] == k[1] and k[0] in explained]:
        groups[explained[key[0]]].extend(groups.pop(key))
    # A plain lowercase word used once (gpt, allin in a forum reply) is chat, not a term; used
    # twice or more (token) it is the writer's term.
    for key in [k for k, cs in groups.items() if _casual_latin(cs)]:
        groups.pop(key)
    attested_zh = {zk for (zk, _), cs in groups.items() if any(c.status is TermStatus.ATTESTED for c in cs)}
    entries: list[TermEntry] = []
    for (zk, ek), group in groups.items():
        if zk in attested_zh and all(c.status is TermStatus.PROPOSED for c in group):
            continue
        entries.append(_entry(group, kinds))
    return _with_variants(names_from_full_names(entries))


def _casual_latin(group: list[Candidate]) -> bool:
    return (
        all(c.evidence == Evidence.LATIN for c in group)
        and len({c.source for c in group}) < 2
        and all(c.zh.isalpha() and c.zh.islower() and " " not in c.zh for c in group)
    )


def _entry(group: list[Candidate], kinds: Mapping[str, TermKind]) -> TermEntry:
    group = sorted(group, key=lambda c: (PRIORITY.get(c.evidence, 99), c.source, c.zh, c.en))
    head = group[0]
    forms = Counter((c.zh, c.en) for c in group if PRIORITY.get(c.evidence, 99) == PRIORITY.get(head.evidence, 99))
    zh, en = sorted(forms, key=lambda f: (-forms[f], f))[0]
    kind = next((c.kind for c in group if c.kind is not None), None)
    context = Counter(c.context_kind for c in group if c.context_kind is not None)
    voted = sorted(context, key=lambda k: (-context[k], k.value))[0] if context else None
    if voted is TermKind.PERSON and not _NAME_SHAPE.match(en):
        voted = None  # "OpenAI表示": organisations speak too; only a name-shaped form is a person
    if voted is TermKind.PRODUCT and ACRONYM_RE.match(en):
        voted = None  # "AI芯片": a bare acronym before a product word modifies it, it is not the product
    definition = next((c.definition for c in group if c.definition), "")
    kind = (kind or kinds.get(norm_key(en)) or kinds.get(norm_key(zh)) or definition_kind(definition) or voted
            or classify(zh, en, keep_as_is=head.keep_as_is))
    variants = sorted({v for c in group for v in c.variants if norm_key(v) not in (norm_key(zh), norm_key(en))})
    sources = tuple(sorted({c.source for c in group}))
    status = TermStatus.ATTESTED if any(c.status is TermStatus.ATTESTED for c in group) else TermStatus.PROPOSED
    keep = any(c.keep_as_is for c in group) and not has_han(zh)
    return TermEntry(zh=zh, en=en, kind=kind, sources=sources, status=status, definition=definition,
                     variants=tuple(variants), evidence=head.evidence, keep_as_is=keep)


def _with_variants(entries: list[TermEntry]) -> list[TermEntry]:
    """Add to each entry the other forms its zh or en has elsewhere (never merging entries)."""
    by_zh: dict[str, set[str]] = defaultdict(set)
    by_en: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        by_zh[norm_key(e.zh)].add(e.en)
        for form in (e.en, *[v for v in e.variants if not has_han(v)]):
            by_en[norm_key(form)].add(e.zh)
    out: list[TermEntry] = []
    for e in entries:
        others = set(e.variants)
        others |= {en for en in by_zh[norm_key(e.zh)] if en != e.en}
        others |= {zh for zh in by_en[norm_key(e.en)] if zh != e.zh}
        others = {o for o in others if norm_key(o) not in (norm_key(e.zh), norm_key(e.en))}
        out.append(_replace_variants(e, tuple(sorted(others))))
    out.sort(key=lambda e: (e.zh, e.en, e.kind.value))
    return out


def _replace_variants(entry: TermEntry, variants: tuple[str, ...]) -> TermEntry:
    from dataclasses import replace

    return replace(entry, variants=variants)
