"""A reviewer's glossary decisions and their replay over the build's entries.

An entry is named by its two forms (``"zh": "深度学习", "en": "deep learning"``) as they stand
when the decision is made, so decisions replay in order (an edit, then an accept of the edited
forms). Unlike an alignment decision, a glossary decision whose entry is gone (a re-build no
longer finds the term) is not an error: it stays in the review file and is reported as
vanished, and the other decisions still apply.

* ``accept``: the entry is right as it is (status ``reviewed``).
* ``reject``: the entry leaves every glossary file.
* ``edit``: the entry's forms become ``to_zh`` / ``to_en`` (status ``reviewed``).
* ``pick``: of the entries that share this entry's Chinese (``side: "en"``: which English
  wins) or its English (``side: "zh"``: which Chinese wins), and their variants, ``form`` wins:
  they become one entry with that form, the other forms kept as its variants.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from ..glossary.text import has_han, norm_key
from ..model import TermEntry, TermStatus

SIDES = ("zh", "en")
MAX_FORM = 500  # characters: a term, not a paragraph


class GlossaryOp(str, Enum):
    ACCEPT = "accept"
    REJECT = "reject"
    EDIT = "edit"
    PICK = "pick"


class Mark(str, Enum):
    """What the reviewer did to an entry, as the table shows it."""

    NONE = ""
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"
    PICKED = "picked"


@dataclass(frozen=True)
class GlossaryDecision:
    op: GlossaryOp
    zh: str
    en: str
    to_zh: str = ""  # edit
    to_en: str = ""  # edit
    side: str = "en"  # pick: the language whose form is chosen
    form: str = ""  # pick: the winning form

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"op": self.op.value, "zh": self.zh, "en": self.en}
        if self.op is GlossaryOp.EDIT:
            data["to_zh"], data["to_en"] = self.to_zh, self.to_en
        if self.op is GlossaryOp.PICK:
            data["side"], data["form"] = self.side, self.form
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "GlossaryDecision":
        """Raises ValueError/TypeError/KeyError on anything malformed (callers name the place)."""
        if not isinstance(data, dict):
            raise TypeError('a glossary decision is an object such as {"op": "accept", "zh": "…", "en": "…"}')
        op = GlossaryOp(data["op"])
        zh, en = _form(data["zh"]), _form(data["en"])
        if op is GlossaryOp.EDIT:
            to_zh, to_en = _form(data["to_zh"]), _form(data["to_en"])
            if not to_zh.strip() or not to_en.strip():
                raise ValueError("edit needs non-empty \"to_zh\" and \"to_en\"")
            return cls(op, zh, en, to_zh=to_zh, to_en=to_en)
        if op is GlossaryOp.PICK:
            side, form = data["side"], _form(data["form"])
            if side not in SIDES or not form.strip():
                raise ValueError('pick needs "side": "zh" or "en" and the winning "form"')
            return cls(op, zh, en, side=side, form=form)
        return cls(op, zh, en)


def _form(value: Any) -> str:
    if not isinstance(value, str) or len(value) > MAX_FORM:
        raise TypeError(f"expected a term (a string of at most {MAX_FORM} characters), got {value!r}"[:120])
    return value


def parse_glossary_decisions(items: Any, where: str = "glossary decisions") -> list[GlossaryDecision]:
    """Decisions from JSON data; raises ValueError naming the first bad one."""
    if not isinstance(items, list):
        raise ValueError(f"{where} must be a list")
    out = []
    for number, item in enumerate(items, 1):
        try:
            out.append(GlossaryDecision.from_dict(item))
        except KeyError as exc:
            raise ValueError(f"{where} #{number}: no {exc.args[0]!r} (see the review file's format in the README)") from None
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{where} #{number}: {exc}") from None
    return out


@dataclass(frozen=True)
class Row:
    entry: TermEntry
    mark: Mark = Mark.NONE


@dataclass(frozen=True)
class GlossaryReplay:
    rows: tuple[Row, ...]
    vanished: tuple[tuple[int, GlossaryDecision], ...]  # (1-based number, decision) whose entry is gone

    def entries(self) -> list[TermEntry]:
        """The glossary to write: rejected entries out, decided ones ``reviewed``, in the
        build's order (zh, en, kind)."""
        out = [r.entry if r.mark is Mark.NONE else replace(r.entry, status=TermStatus.REVIEWED)
               for r in self.rows if r.mark is not Mark.REJECTED]
        return sorted(out, key=lambda e: (e.zh, e.en, e.kind.value))

    def vanished_note(self) -> str:
        if not self.vanished:
            return ""
        named = "; ".join(f"#{n} {d.op.value} {d.zh} = {d.en}" for n, d in self.vanished[:3])
        more = f" (+{len(self.vanished) - 3} more)" if len(self.vanished) > 3 else ""
        return (f"{len(self.vanished)} glossary decision{'s' * (len(self.vanished) != 1)} for entries no longer "
                f"in the glossary, kept in the review file: {named}{more}")


def replay_glossary(entries: Sequence[TermEntry], decisions: Sequence[GlossaryDecision]) -> GlossaryReplay:
    rows = [Row(e) for e in entries]
    vanished: list[tuple[int, GlossaryDecision]] = []
    for number, d in enumerate(decisions, 1):
        index = next((i for i, r in enumerate(rows) if r.entry.zh == d.zh and r.entry.en == d.en), None)
        done = None if index is None else _apply(rows, index, d)
        if done is None:
            vanished.append((number, d))
        else:
            rows = done
    return GlossaryReplay(tuple(rows), tuple(vanished))


def _apply(rows: list[Row], index: int, d: GlossaryDecision) -> list[Row] | None:
    row = rows[index]
    if d.op is GlossaryOp.ACCEPT:
        return [*rows[:index], Row(row.entry, Mark.ACCEPTED), *rows[index + 1:]]
    if d.op is GlossaryOp.REJECT:
        return [*rows[:index], Row(row.entry, Mark.REJECTED), *rows[index + 1:]]
    if d.op is GlossaryOp.EDIT:
        entry = replace(row.entry, zh=d.to_zh, en=d.to_en,
                        variants=tuple(v for v in row.entry.variants if v not in (d.to_zh, d.to_en)))
        return [*rows[:index], Row(entry, Mark.EDITED), *rows[index + 1:]]
    group = group_of(rows, index, d.side)
    if d.form not in choices([rows[i].entry for i in group], d.side):
        return None
    merged = _merge([rows[i].entry for i in group], row.entry, d.side, d.form)
    out = [r for i, r in enumerate(rows) if i not in group or i == index]
    return [Row(merged, Mark.PICKED) if r is row else r for r in out]


def group_of(rows: Sequence[Row], index: int, side: str) -> list[int]:
    """The live entries that render the same form as ``rows[index]`` on the other side: the
    same Chinese (choosing the English, ``side`` "en") or the same English, as its own or a
    Latin variant (choosing the Chinese, ``side`` "zh")."""
    other = "zh" if side == "en" else "en"
    key = norm_key(getattr(rows[index].entry, other))
    return [i for i, r in enumerate(rows)
            if i == index or (r.mark is not Mark.REJECTED and key in _keys(r.entry, other))]


def group_index(rows: Sequence[Row]) -> dict[tuple[str, str], list[int]]:
    """(side, key) -> the live rows rendering that form on that side, in order: what
    :func:`group_of` finds for every row at once (the table needs them all)."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(rows):
        if r.mark is Mark.REJECTED:
            continue
        for side in SIDES:
            for key in _keys(r.entry, side):
                index.setdefault((side, key), []).append(i)
    return index


def _keys(entry: TermEntry, side: str) -> set[str]:
    """The forms an entry renders on ``side``, as conflicts count them: its own, and for the
    English its Latin variants too (an abbreviation or former name given in the bracket)."""
    if side == "zh":
        return {norm_key(entry.zh)}
    return {norm_key(entry.en), *(norm_key(v) for v in entry.variants if not has_han(v))}


def choices(group: Sequence[TermEntry], side: str) -> list[str]:
    """The forms of ``side`` that can win: each entry's own and its variants in that language."""
    forms = [getattr(e, side) for e in group]
    forms += [v for e in group for v in e.variants if has_han(v) == (side == "zh")]
    return list(dict.fromkeys(f for f in forms if f.strip()))


def _merge(group: Sequence[TermEntry], named: TermEntry, side: str, form: str) -> TermEntry:
    """One entry: ``named`` with ``form`` as its ``side``, every other form of the group a variant."""
    other = "zh" if side == "en" else "en"
    others = [f for e in group for f in (getattr(e, side), *e.variants) if f != form]
    others += [getattr(e, other) for e in group]
    keep = {form, getattr(named, other)}
    variants = tuple(dict.fromkeys(f for f in others if f.strip() and f not in keep))
    return replace(
        named, **{side: form}, variants=variants,
        sources=tuple(sorted({s for e in group for s in e.sources})),
        forbidden=tuple(dict.fromkeys(f for e in group for f in e.forbidden)),
        variant_sources=tuple(sorted({s for e in group for s in e.variant_sources})),
        definition=named.definition or next((e.definition for e in group if e.definition), ""),
    )
