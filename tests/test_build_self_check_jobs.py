"""The build's self-check in forked workers (``check_units(jobs=2)``) gives the report of
one process, byte for byte: the units past the first ``SELF_CHECK_ALONE`` go to the workers,
in several chunks, across many documents, with misses, renderings and variants."""
from __future__ import annotations

import json

from aligner.check import SELF_CHECK_ALONE, check_units
from aligner.check import parallel
from aligner.model import Source, TermEntry, TermKind, TermStatus, TranslationUnit

TERMS = [
    TermEntry("容器", "container", TermKind.CONCEPT, (Source("a", 1),), TermStatus.ATTESTED),
    TermEntry("镜像仓库", "image registry", TermKind.CONCEPT, (Source("a", 2),), TermStatus.ATTESTED,
              variants=("registry",)),
    TermEntry("节点", "node", TermKind.CONCEPT, (Source("b", 1),), TermStatus.PROPOSED),
    TermEntry("调度器", "scheduler", TermKind.CONCEPT, (), TermStatus.ATTESTED),
]
ROWS = [
    ("容器镜像保存在镜像仓库中。", "Container images are kept in an image registry."),
    ("节点上运行多个容器。", "A node runs several containers."),
    ("调度器为每个容器选择节点。", "The planner picks a host for every box."),  # misses
    ("镜像从仓库下载。", "Images are downloaded from the registry."),
    ("容器会被重新调度。", "Its pods are scheduled again."),
]


def _units(n: int) -> list[TranslationUnit]:
    return [TranslationUnit(source=ROWS[k % len(ROWS)][0], target=ROWS[k % len(ROWS)][1] + " " * (k % 3),
                            score=0.9, doc=f"page{k // 40:03d}", src_line=k % 40 + 1, tgt_line=k % 40 + 1)
            for k in range(n)]


def test_the_self_check_in_workers_is_the_self_check_in_one_process(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK", 300)  # many chunks in flight
    started: list[int] = []

    class Counted(parallel.Workers):
        def __init__(self, jobs: int) -> None:
            started.append(jobs)
            super().__init__(jobs)

    monkeypatch.setattr(parallel, "Workers", Counted)
    units = _units(SELF_CHECK_ALONE + 1_700)
    alone = check_units(units, TERMS)
    assert started == []
    forked = check_units(units, TERMS, jobs=2)
    assert started == [2]
    assert check_units(units[:SELF_CHECK_ALONE], TERMS, jobs=2) == check_units(units[:SELF_CHECK_ALONE], TERMS)
    assert started == [2]  # a corpus of up to SELF_CHECK_ALONE units never forks
    assert alone["summary"] and alone["findings"]
    assert json.dumps(forked, sort_keys=True) == json.dumps(alone, sort_keys=True)
