"""Compact (group key, member key, position) triples for the cross-unit rules.

The consistency rules compare every unit with every other unit of the same source (or
target). Keeping each unit to do that costs its strings: a 1,000,000-TU check held a
gigabyte. Instead each unit adds two 64-bit hashes and its position (24 bytes); at the end
the groups whose members disagree are found with one sort, and only their positions are read
again in full (:meth:`aligner.check.rules.registry.Tracker.wanted`). A hash collision can
only add a unit to a group, never hide a difference, and the rule compares the real text of
the units it gets back, so the findings are those of comparing every unit in full.
"""
from __future__ import annotations

from array import array

import numpy as np


class KeyedPositions:
    """``add(group, member, position)``; :meth:`mixed` gives the positions of every group
    that has two or more different members."""

    def __init__(self) -> None:
        self._group = array("q")
        self._member = array("q")
        self._position = array("q")

    def __len__(self) -> int:
        return len(self._position)

    def add(self, group: str, member: str, position: int) -> None:
        self._group.append(hash(group))
        self._member.append(hash(member))
        self._position.append(position)

    def mixed(self) -> frozenset[int]:
        """Positions of the members of every group with two or more different member keys."""
        if len(self._position) < 2:
            return frozenset()
        group = np.frombuffer(self._group, dtype=np.int64)
        member = np.frombuffer(self._member, dtype=np.int64)
        order = np.lexsort((member, group))
        group, member = group[order], member[order]
        starts = np.empty(len(group), dtype=bool)
        starts[0] = True
        np.not_equal(group[1:], group[:-1], out=starts[1:])
        ends = np.empty_like(starts)
        ends[-1] = True
        ends[:-1] = starts[1:]
        differs = member[starts] != member[ends]  # sorted: first and last member differ
        if not differs.any():
            return frozenset()
        ids = np.cumsum(starts) - 1
        positions = np.frombuffer(self._position, dtype=np.int64)[order][differs[ids]]
        return frozenset(int(p) for p in positions)
