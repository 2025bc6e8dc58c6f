"""Replaying a reviewer's decisions over a document's beads.

The page and ``apply`` see the same result: :func:`replay` is the only place a decision
changes the alignment, and it keeps the invariant every bead list has (each sentence of each
side in exactly one bead, in order), so any sequence of decisions gives a valid alignment.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from ..model import Bead
from .decisions import Decision, Op


class Status(str, Enum):
    AUTO = "auto"  # not looked at: in the TMX when its confidence reaches --min-score
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ReplayError(ValueError):
    """A decision that does not fit the beads it is replayed on (number is 1-based)."""

    def __init__(self, number: int, message: str) -> None:
        super().__init__(f"decision #{number}: {message}")
        self.number = number


@dataclass(frozen=True)
class ReviewBead:
    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float | None  # None: the pair came without a confidence (a TMX from elsewhere)
    anchors: tuple[str, ...] = ()
    status: Status = Status.AUTO
    edited: bool = False  # made by the reviewer (merge, split, moved border): reviewed by construction
    note: str = ""  # the reviewer's note (accept/reject)

    @property
    def paired(self) -> bool:
        return bool(self.zh and self.en)

    def in_tmx(self, min_score: float) -> bool:
        if not self.paired or self.status is Status.REJECTED:
            return False
        return self.edited or self.status is Status.ACCEPTED or self.score is None or self.score >= min_score

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"zh": list(self.zh), "en": list(self.en), "score": self.score,
                                   "anchors": list(self.anchors), "status": self.status.value, "edited": self.edited}
        if self.note:
            data["note"] = self.note
        return data


def _edited(zh: Sequence[int], en: Sequence[int]) -> ReviewBead:
    """A bead the reviewer made: confidence 1 (a person paired it), no machine anchors."""
    return ReviewBead(tuple(zh), tuple(en), 1.0, (), Status.AUTO, True)


def replay(beads: Sequence[Bead], decisions: Sequence[Decision]) -> list[ReviewBead]:
    """The beads after ``decisions``, in order. Raises :class:`ReplayError` for the first
    decision whose bead is not there (or cannot take the edit)."""
    state = [ReviewBead(b.src, b.tgt, b.score, b.anchors) for b in beads]
    for number, decision in enumerate(decisions, 1):
        index = _find(state, decision)
        if index is None:
            raise ReplayError(number, f"no bead with zh {list(decision.zh)} and en {list(decision.en)} "
                                      "(was the document re-aligned since the review?)")
        state[index:index + 2] = _apply(state, index, decision, number)
    return state


def _find(state: Sequence[ReviewBead], decision: Decision) -> int | None:
    for index, bead in enumerate(state):
        if bead.zh == decision.zh and bead.en == decision.en:
            return index
    return None


def _apply(state: Sequence[ReviewBead], index: int, d: Decision, number: int) -> list[ReviewBead]:
    """The replacement for ``state[index:index + 2]``."""
    bead = state[index]
    after = list(state[index + 1:index + 2])
    if d.op is Op.ACCEPT:
        return [replace(bead, status=Status.ACCEPTED, note=d.note), *after]
    if d.op is Op.REJECT:
        return [replace(bead, status=Status.REJECTED, note=d.note), *after]
    if d.op is Op.ORPHAN and d.sentence is not None:
        return [*_orphan_one(bead, d, number), *after]
    if d.op is Op.ORPHAN:
        return [*(ReviewBead((k,), (), 0.0, status=Status.ACCEPTED) for k in bead.zh),
                *(ReviewBead((), (k,), 0.0, status=Status.ACCEPTED) for k in bead.en), *after]
    if d.op is Op.SPLIT:
        i, j = d.at
        if not (0 <= i <= len(bead.zh) and 0 <= j <= len(bead.en)) or (i + j == 0) \
                or (i == len(bead.zh) and j == len(bead.en)):
            raise ReplayError(number, f"cannot split zh {list(bead.zh)} / en {list(bead.en)} at {list(d.at)}")
        return [_edited(bead.zh[:i], bead.en[:j]), _edited(bead.zh[i:], bead.en[j:]), *after]
    if not after:
        raise ReplayError(number, f"{d.op.value}: the last bead has no next bead")
    nxt = after[0]
    if d.op is Op.MERGE:
        return [_edited(bead.zh + nxt.zh, bead.en + nxt.en)]
    # Op.MOVE: one sentence crosses the border between this bead and the next
    mine, theirs = (bead.zh, nxt.zh) if d.side == "zh" else (bead.en, nxt.en)
    if d.by > 0:
        if not theirs:
            raise ReplayError(number, f"move: the next bead has no {d.side} sentence to take")
        mine, theirs = mine + theirs[:1], theirs[1:]
    else:
        if not mine:
            raise ReplayError(number, f"move: the bead has no {d.side} sentence to give")
        mine, theirs = mine[:-1], mine[-1:] + theirs
    if d.side == "zh":
        first, second = _edited(mine, bead.en), _edited(theirs, nxt.en)
    else:
        first, second = _edited(bead.zh, mine), _edited(nxt.zh, theirs)
    return [b for b in (first, second) if b.zh or b.en]


def _orphan_one(bead: ReviewBead, d: Decision, number: int) -> list[ReviewBead]:
    """One sentence out of the bead, as a 1-0 / 0-1 bead where it stood (before the rest for
    the side's first sentence, after it for the last); the rest stays one bead. Only a side's
    first or last sentence can leave without breaking the order (split the bead first)."""
    mine = bead.zh if d.side == "zh" else bead.en
    k = d.sentence
    if k not in (mine[0], mine[-1]):
        raise ReplayError(number, f"sentence {d.side} {k} is inside the bead, not at its edge: split the bead first")
    rest_side = tuple(x for x in mine if x != k)
    zh, en = (rest_side, bead.en) if d.side == "zh" else (bead.zh, rest_side)
    alone = ReviewBead((k,), (), 0.0, status=Status.ACCEPTED) if d.side == "zh" else \
        ReviewBead((), (k,), 0.0, status=Status.ACCEPTED)
    if zh and en:
        rest = _edited(zh, en)
    else:  # nothing left to pair with: the other side is unaligned too
        rest = ReviewBead(zh, en, 0.0, status=Status.ACCEPTED) if zh or en else None
    if rest is None:
        return [alone]
    return [rest, alone] if len(mine) > 1 and k == mine[-1] else [alone, rest]
