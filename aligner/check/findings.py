"""The findings of one check, in memory while they are few and in a temporary file past that.

A TM of a million units with a systematic terminology problem has hundreds of thousands of
findings, each holding its unit's source and target: kept as objects they cost more than
everything else the check holds. :class:`FindingStore` keeps the first
:data:`IN_MEMORY` findings as they are; past that every finding is pickled into an anonymous
temporary file (removed when the store goes) and only its offset, sort key and where it
is (file and line, which :mod:`aligner.check.term_usage` lists for the findings it folds,
without reading them back) stay in memory (33 bytes). It reads like a list of findings, in report order once :meth:`sealed
<FindingStore.seal>`.
"""
from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, overload

import numpy as np

from ..model import Finding

#: findings kept as objects; past this many they all go to a temporary file
IN_MEMORY = 20_000


class FindingStore(Sequence[Finding]):
    """Findings added with their place (file order, unit position); read in that order."""

    def __init__(self) -> None:
        self._items: list[Finding] = []
        self._file: IO[bytes] | None = None
        self._offsets = array("q")
        self._order_key = array("i")
        self._position = array("q")
        self._rules = array("B")  # the rule of each finding, as an index into _rule_names
        self._rule_names: dict[str, int] = {}
        self._sorted: Any = None  # indices in report order, once sealed
        self._discarded = array("q")  # indices left out of the report when sealed
        self._files: dict[str, int] = {}  # finding.file -> its index, for _file_of
        self._file_of = array("I")
        self._line = array("q")  # finding.line, or -1 when it has none (0 or None)
        self._file_names: list[str] = []  # _files in index order, made when asked

    # --- writing ------------------------------------------------------------------------
    def add(self, order: int, position: int, finding: Finding) -> int:
        """Add ``finding`` at its place; returns its index (for :meth:`discard`)."""
        index = len(self._order_key)
        self._order_key.append(order)
        self._position.append(position)
        self._rules.append(self._rule_names.setdefault(finding.rule, len(self._rule_names)))
        self._file_of.append(self._files.setdefault(finding.file, len(self._files)))
        self._line.append(finding.line if finding.line else -1)
        if self._file is None:
            self._items.append(finding)
            if len(self._items) > IN_MEMORY:
                self._spill()
            return index
        self._write(finding)
        return index

    def discard(self, indices: Sequence[int]) -> None:
        """Leave the findings added at ``indices`` out of the report (a cross-unit rule
        replaced them: :mod:`aligner.check.term_usage`). Before :meth:`seal` only."""
        self._discarded.extend(indices)

    def place(self, index: int) -> tuple[int, int]:
        """``(file order, unit position)`` the finding at ``index`` was added with (before
        :meth:`seal`)."""
        if self._sorted is not None:
            raise RuntimeError("place() reads a store before it is sealed")
        return self._order_key[index], self._position[index]

    def location(self, index: int) -> tuple[str, int] | None:
        """``(file, line)`` of the finding added at ``index`` without reading it back, or
        ``None`` when it has no line (before :meth:`seal`)."""
        if self._sorted is not None:
            raise RuntimeError("location() reads a store before it is sealed")
        line = self._line[index]
        if line < 0:
            return None
        if len(self._file_names) != len(self._files):
            self._file_names = list(self._files)
        return self._file_names[self._file_of[index]], line

    def added(self, index: int) -> Finding:
        """The finding added at ``index`` (before :meth:`seal`: the order it was added in)."""
        if self._sorted is not None:
            raise RuntimeError("added() reads a store before it is sealed")
        return self._at(index)

    def _spill(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="aligner-check-")
        self._offsets.append(0)
        for finding in self._items:
            self._write(finding)
        self._items = []

    def _write(self, finding: Finding) -> None:
        assert self._file is not None
        self._file.write(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL))
        self._offsets.append(self._file.tell())

    def seal(self, rank: Callable[[str], int]) -> None:
        """Fix the report order: file, unit position, then ``rank(rule)``; ties keep the order
        they were added in."""
        ranks = np.zeros(max(len(self._rule_names), 1), dtype=np.int64)
        for rule, index in self._rule_names.items():
            ranks[index] = rank(rule)
        rule_rank = ranks[np.frombuffer(self._rules, dtype=np.uint8)] if len(self._rules) else np.zeros(0, np.int64)
        order = np.frombuffer(self._order_key, dtype=np.int32) if len(self._order_key) else np.zeros(0, np.int32)
        position = np.frombuffer(self._position, dtype=np.int64) if len(self._position) else np.zeros(0, np.int64)
        self._sorted = np.lexsort((rule_rank, position, order))
        if len(self._discarded):
            gone = np.frombuffer(self._discarded, dtype=np.int64)
            self._sorted = self._sorted[~np.isin(self._sorted, gone)]
            self._discarded = array("q")
        self._rules, self._order_key, self._position = array("B"), array("i"), array("q")
        self._file_of, self._line = array("I"), array("q")

    @property
    def spilled(self) -> bool:
        """True when the findings are in a temporary file."""
        return self._file is not None

    # --- reading ------------------------------------------------------------------------
    def __len__(self) -> int:
        if self._sorted is not None:
            return len(self._sorted)
        return len(self._items) if self._file is None else len(self._offsets) - 1

    def _at(self, index: int) -> Finding:
        if self._sorted is not None:
            index = int(self._sorted[index])
        if self._file is None:
            return self._items[index]
        start, end = self._offsets[index], self._offsets[index + 1]
        self._file.seek(start)
        finding: Finding = pickle.loads(self._file.read(end - start))
        self._file.seek(0, 2)  # writes go at the end
        return finding

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("finding index out of range")
        return self._at(index)

    def __iter__(self) -> Iterator[Finding]:
        for index in range(len(self)):
            yield self._at(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (FindingStore, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        where = "in a temporary file" if self.spilled else "in memory"
        return f"<FindingStore: {len(self)} findings {where}>"
