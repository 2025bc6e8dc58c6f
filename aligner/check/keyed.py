"""Compact (group key, member key, position) triples for the cross-unit rules.

The consistency rules compare every unit with every other unit of the same source (or
target). Keeping each unit to do that costs its strings: a 1,000,000-TU check held a
gigabyte. Instead each unit adds a 64-bit hash of its group key, a 64-bit hash of its member
key and its position (20 bytes); at the end
the groups whose members disagree are found with one sort, and only their positions are read
again in full (:meth:`aligner.check.rules.registry.Tracker.wanted`). A collision of group
hashes only merges two groups, so a few more units are read again; the rule compares the
real text of the units it gets back, so the findings are those of comparing every unit in
full (a collision of two members' 64-bit hashes within one group would hide a difference:
about one chance in 10^19 per pair). Group hashes were 32-bit once: a million units then had
about a hundred colliding pairs of groups, spread over the file, so the second reading went
through nearly all of it although no group disagreed (as long as the first); with 64 bits a
clean TM is read once.
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
        self._position = array("I")  # 4 bytes; widened to 8 past 4,294,967,295 units

    def __len__(self) -> int:
        return len(self._position)

    def add(self, group: str, member: str, position: int) -> None:
        self._group.append(hash(group))
        self._member.append(hash(member))
        try:
            self._position.append(position)
        except OverflowError:
            self._position = array("q", self._position)
            self._position.append(position)

    def export(self) -> tuple[bytes, bytes, bytes]:
        """The keys as bytes, to send from a worker process (:meth:`absorb` takes them);
        positions as 8-byte integers."""
        return (self._group.tobytes(), self._member.tobytes(),
                array("q", self._position).tobytes())

    def absorb(self, keys: tuple[bytes, bytes, bytes], offset: int) -> None:
        """Append what :meth:`export` gave in another process, its positions moved by
        ``offset`` (the worker numbered its units from 0). Both processes must share the
        string hash seed: forked workers do."""
        group, member, positions = keys
        self._group.frombytes(group)
        self._member.frombytes(member)
        moved = np.frombuffer(positions, dtype=np.int64) + offset
        if len(moved) and self._position.typecode == "I" and int(moved.max()) > 0xFFFFFFFF:
            self._position = array("q", self._position)
        self._position.frombytes(moved.astype(np.uint32 if self._position.typecode == "I"
                                              else np.int64).tobytes())

    def mixed(self) -> frozenset[int]:
        """Positions of the members of every group with two or more different member keys."""
        if len(self._position) < 2:
            return frozenset()
        group = np.frombuffer(self._group, dtype=np.int64)
        member = np.frombuffer(self._member, dtype=np.int64)
        order = np.lexsort((member, group))  # the one array as long as the units kept to the end
        sorted_group = group[order]
        starts = np.empty(len(order), dtype=bool)
        starts[0] = True
        np.not_equal(sorted_group[1:], sorted_group[:-1], out=starts[1:])
        del sorted_group
        ends = np.empty_like(starts)
        ends[-1] = True
        ends[:-1] = starts[1:]
        sorted_member = member[order]
        differs = sorted_member[starts] != sorted_member[ends]  # sorted: first and last member differ
        del sorted_member, ends
        if not differs.any():
            return frozenset()
        ids = np.cumsum(starts, dtype=np.int32) - 1
        positions = np.frombuffer(self._position, dtype=np.uint32 if self._position.typecode == "I"
                                  else np.int64)[order[differs[ids]]]
        return frozenset(int(p) for p in positions)
