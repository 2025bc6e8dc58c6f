"""Workers spawned before the glossary is known (aligner.runner.early): a build that uses them
writes the bytes of a one-process build; a re-run with nothing to align closes them; a build
that changed one page starts none; the setup's folder is removed."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from aligner import build_jobs
from aligner.build import BuildSettings, build
from aligner.cache import DocumentCache
from aligner.cache.parsed import KIND as PARSED
from aligner.cache.store import FORMAT
from aligner.runner import WorkerSetup
from aligner.runner import early as early_module
from aligner.runner.early import EarlyPool
from tests.cache_helpers import output_files, write_corpus

ROOT = Path(__file__).resolve().parent.parent

# our own pages
PAGES = {
    "a.md": ("# 容器\n\n容器镜像（container image）保存在镜像仓库中。每个容器都有自己的文件系统。\n",
             "# Containers\n\nContainer images are kept in an image registry. Every container has its own file system.\n"),
    "b.md": ("# 节点\n\n节点上运行多个容器。容器镜像从镜像仓库下载。\n",
             "# Nodes\n\nA node runs several containers. Container images are downloaded from the image registry.\n"),
    "c.md": ("# 调度\n\n调度器为每个容器选择节点。节点故障时容器会被重新调度。\n",
             "# Scheduling\n\nThe scheduler picks a node for every container. When a node fails its containers "
             "are scheduled again.\n"),
}


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[EarlyPool]:
    made: list[EarlyPool] = []

    class Counted(EarlyPool):
        def __init__(self, jobs: int, threads: int | None = None) -> None:
            super().__init__(jobs, threads)
            made.append(self)

    monkeypatch.setattr(early_module, "EarlyPool", Counted)
    return made


def test_early_workers_write_the_bytes_of_one_process(tmp_path: Path, pools: list[EarlyPool]) -> None:
    corpus = write_corpus(tmp_path / "corpus", PAGES)
    build(BuildSettings(corpus=corpus, out=tmp_path / "one"), jobs=1)
    assert pools == []
    messages: list[str] = []
    build(BuildSettings(corpus=corpus, out=tmp_path / "two"), messages.append, jobs=2)
    assert len(pools) == 1 and any("in 2 worker processes" in m for m in messages)
    assert output_files(tmp_path / "two") == output_files(tmp_path / "one")
    # the setup's folder is gone (this pool's own: another build on the machine may have one)
    folder = Path(pools[0]._folder)
    assert folder.parent == Path(tempfile.gettempdir()) and not folder.exists()


def test_a_rerun_closes_or_starts_no_early_workers(tmp_path: Path, pools: list[EarlyPool]) -> None:
    corpus = write_corpus(tmp_path / "corpus", PAGES)
    cache = tmp_path / "cache"
    build(BuildSettings(corpus=corpus, out=tmp_path / "first"), jobs=2, cache=DocumentCache(cache))
    assert len(pools) == 1
    shutil.rmtree(cache / f"v{FORMAT}" / PARSED)  # every page parsed again, and nothing to align
    messages: list[str] = []
    build(BuildSettings(corpus=corpus, out=tmp_path / "again"), messages.append, jobs=2, cache=DocumentCache(cache))
    assert len(pools) == 2 and not any("worker processes" in m for m in messages)
    assert output_files(tmp_path / "again") == output_files(tmp_path / "first")
    (corpus / "en" / "c.md").write_text(PAGES["c.md"][1].replace("picks", "chooses"), encoding="utf-8")
    build(BuildSettings(corpus=corpus, out=tmp_path / "changed"), messages.append, jobs=2, cache=DocumentCache(cache))
    assert len(pools) == 2  # one page parsed: aligned here, no pool
    build(BuildSettings(corpus=corpus, out=tmp_path / "plain"), jobs=1)
    assert output_files(tmp_path / "changed") == output_files(tmp_path / "plain")


def test_a_pool_runs_the_setup_its_tasks_carry_and_keeps_the_order() -> None:
    pool = EarlyPool(2)
    try:
        runner = pool.runner(WorkerSetup(_remember, ("setup-a",)))
        assert list(runner.map(_state, range(6))) == [(k, "setup-a") for k in range(6)]
        other = pool.runner(WorkerSetup(_remember, ("setup-b",)))  # another setup: run again
        assert list(other.map(_state, range(3))) == [(k, "setup-b") for k in range(3)]
    finally:
        pool.close()


_SEEN: list[str] = []


def _remember(name: str) -> None:
    _SEEN[:] = [name]


def _state(k: int) -> tuple[int, str]:
    return k, _SEEN[0]


def test_start_early_only_for_fresh_pages() -> None:
    assert build_jobs.start_early(2, 10, 1, None) is None
    assert build_jobs.start_early(1, 10, 10, None) is None
    assert build_jobs.start_early(2, 10, 10, "tcp://x:8786") is None
