"""Wall time, CPU time, peak memory and load average, printed next to every benchmark figure.

A wall time alone cannot be trusted on a shared machine: 58 s of wall with 63 s of CPU is a
slow program, 58 s of wall with 8 s of CPU is a busy machine. So every figure a benchmark
prints comes with the CPU seconds spent in that span (this process and the child processes
that ended in it), the peak resident memory (of this process, and ``ru_maxrss`` of its
largest finished child; a high-water mark, so it never drops between spans) and the 1-minute
load average at the start and the end of the span against the number of cores.

    from measure import measured

    with measured("align MAC-Dev") as m:
        ...
    print(m.line())          # or: measured(..., echo=True) prints it on exit
"""
from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its waited-for children."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def peak_mb() -> tuple[float, float]:
    """Peak RSS in MB of this process and of the largest finished child.

    ``ru_maxrss`` survives ``exec`` on Linux: a child started from a 250 MB parent reports at
    least 250 MB. So this process's own peak is the kernel's high-water mark of its current
    address space (``VmHWM``), which starts afresh at ``exec``, where ``/proc`` has it;
    ``ru_maxrss`` elsewhere and for children.
    """
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                own = int(line.split()[1]) / 1024
                break
    except OSError:
        pass
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return own, child


def reset_peak() -> bool:
    """Start this process's peak RSS (``VmHWM``) afresh, so the next span's peak is its own
    (Linux: ``/proc/self/clear_refs``); False where that cannot be done."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def rss_mb() -> float:
    """Resident memory now, in MB (``VmRSS``; 0.0 where ``/proc`` has none)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def load() -> float:
    """1-minute load average (0.0 where the platform has none)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


@dataclass
class Span:
    """One measured stretch of a benchmark."""

    label: str
    wall: float = 0.0
    cpu: float = 0.0  # this process
    cpu_children: float = 0.0  # child processes that finished inside the span
    peak_mb: float = 0.0
    peak_child_mb: float = 0.0
    load_start: float = 0.0
    load_end: float = 0.0
    cores: int = field(default_factory=lambda: os.cpu_count() or 1)

    @property
    def cpu_total(self) -> float:
        return self.cpu + self.cpu_children

    def line(self) -> str:
        """``label: 8.1 s wall, 7.9 s CPU, peak 320 MB; load 0.9 -> 1.2 on 2 cores``."""
        cpu = f"{self.cpu_total:.1f} s CPU"
        if self.cpu_children >= 0.05:
            cpu += f" ({self.cpu_children:.1f} s in child processes)"
        peak = f"peak RSS {self.peak_mb:.0f} MB"
        if self.peak_child_mb:
            peak += f" (largest child {self.peak_child_mb:.0f} MB)"
        return (f"{self.label}: {self.wall:.1f} s wall, {cpu}, {peak}; "
                f"load {self.load_start:.1f} -> {self.load_end:.1f} on {self.cores} cores")


@contextmanager
def measured(label: str, *, echo: bool = False) -> Iterator[Span]:
    """Measure the ``with`` block; the :class:`Span` is filled in when the block ends."""
    span = Span(label, load_start=load())
    own0, child0 = _cpu()
    start = time.perf_counter()
    try:
        yield span
    finally:
        span.wall = time.perf_counter() - start
        own1, child1 = _cpu()
        span.cpu, span.cpu_children = own1 - own0, child1 - child0
        span.peak_mb, span.peak_child_mb = peak_mb()
        span.load_end = load()
        if echo:
            print(span.line(), flush=True)
