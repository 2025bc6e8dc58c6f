"""``aligner build --jobs N``: the same bytes in every output file for any number of workers,
any hash seed and any locale; and the runner API under it (order, errors, setup once)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.build import BuildSettings, build
from aligner.errors import FormatError
from aligner.runner import InProcessRunner, ProcessPoolRunner, WorkerSetup, make_runner

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = Path(__file__).parent / "data" / "pipeline" / "corpus"

# our own sentences: a pair with a glossary term in brackets, and an English-only stray page
PAIR_ZH = ("# 对齐工具说明\n\n翻译记忆库（translation memory）把原文和译文按句配对。"
           "每一句都有一个置信度。\n\n置信度低的句对不会写入文件。如果英文缺了一段，工具会把它记为未对齐。\n")
PAIR_EN = ("# About the aligner\n\nA translation memory pairs source and target sentence by sentence. "
           "Every pair has a confidence.\n\nPairs with a low confidence are not written to the file. "
           "If a paragraph is missing in the English, the tool counts it as unaligned.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus, the pipeline fixture pairs and one pair of our own, in one folder."""
    root = tmp_path_factory.mktemp("jobs-corpus")
    for side in ("zh", "en"):
        (root / side).mkdir()
        for source in (ROOT / "corpus" / side, PIPELINE / side):
            for path in sorted(source.glob("*")):
                shutil.copy(path, root / side / path.name)
    (root / "zh" / "tool.md").write_text(PAIR_ZH, encoding="utf-8")
    (root / "en" / "tool.md").write_text(PAIR_EN, encoding="utf-8")
    return root


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_two_workers_write_the_same_bytes_as_one(corpus: Path, tmp_path: Path) -> None:
    one = build(BuildSettings(corpus=corpus, out=tmp_path / "one"), jobs=1)
    # a fresh process with another hash seed and locale, two workers, through the CLI
    env = {**os.environ, "PYTHONHASHSEED": "4242", "LC_ALL": "C", "LANG": "C"}
    run = subprocess.run([sys.executable, "-m", "aligner", "build", "--corpus", str(corpus),
                          "--out", str(tmp_path / "two"), "--jobs", "2"],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "in 2 worker processes" in run.stderr
    assert f"[{len(one.documents)}/{len(one.documents)}]" in run.stderr  # done / total
    assert "documents/s" in run.stderr
    first, second = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert sorted(first) == sorted(second)
    assert sum(name.startswith("tmx/") for name in first) >= 4  # several documents aligned
    for name in first:
        assert first[name] == second[name], name


def test_the_report_is_the_same_for_one_and_two_workers(corpus: Path, tmp_path: Path) -> None:
    reports = [build(BuildSettings(corpus=corpus, out=tmp_path / "out"), jobs=jobs).to_dict()
               for jobs in (1, 2)]
    assert reports[0] == reports[1]
    assert [d["stem"] for d in reports[0]["documents"]] == sorted(d["stem"] for d in reports[0]["documents"])


# --- the runner API ------------------------------------------------------------------------

_SEEN: list[str] = []


def _remember(tag: str) -> None:
    _SEEN.append(tag)


def _square_or_fail(n: int) -> tuple[int, int, str]:
    if n < 0:
        raise FormatError("negative", path="item.txt", line=n * -1, hint="give a positive number")
    return n, n * n, ",".join(_SEEN)


def test_a_pool_returns_results_in_input_order_after_its_setup() -> None:
    runner = ProcessPoolRunner(2, WorkerSetup(_remember, ("ready",)))
    items = [5, 1, 4, 2, 3, 0]
    results = list(runner.map(_square_or_fail, items))
    assert [r[:2] for r in results] == [(n, n * n) for n in items]
    assert {r[2] for r in results} == {"ready"}  # each worker ran its setup once, before any task


def test_an_error_in_a_worker_arrives_as_itself() -> None:
    with pytest.raises(FormatError) as err:
        list(ProcessPoolRunner(2).map(_square_or_fail, [1, 2, -7, 3]))
    assert (err.value.path, err.value.line, err.value.hint) == ("item.txt", 7, "give a positive number")


def test_one_job_or_one_item_runs_in_process() -> None:
    assert isinstance(make_runner(1), InProcessRunner)
    assert isinstance(make_runner(4, items=1), InProcessRunner)
    assert isinstance(make_runner(4, items=3), ProcessPoolRunner) and make_runner(4, items=3).jobs == 3
    _SEEN.clear()
    runner = InProcessRunner(WorkerSetup(_remember, ("here",)))
    assert [r[:2] for r in runner.map(_square_or_fail, [2, 3])] == [(2, 4), (3, 9)]
    assert list(runner.map(_square_or_fail, [1])) == [(1, 1, "here")]  # the setup ran once
