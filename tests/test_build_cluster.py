"""``aligner build --scheduler ADDRESS``: a Dask cluster (a ``LocalCluster`` here) writes the
same bytes as ``--jobs 1``; the runner keeps input order and runs its setup once per worker;
an unusable cluster is one line and exit status 2."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.build import BuildSettings, build
from aligner.cli import cli
from aligner.errors import FormatError
from aligner.runner import ClusterError, DaskRunner, WorkerSetup, cluster, make_runner

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = Path(__file__).parent / "data" / "pipeline" / "corpus"

# our own sentences
PAIR_ZH = ("# 集群说明\n\n每个工作进程只加载一次模型。文档按原来的顺序写出。\n\n"
           "如果调度器无法连接，工具会给出一行说明。\n")
PAIR_EN = ("# About the cluster\n\nEach worker process loads the model once. Documents are written "
           "in their original order.\n\nIf the scheduler cannot be reached, the tool says so in one line.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cluster-corpus")
    for side in ("zh", "en"):
        (root / side).mkdir()
        for source in (ROOT / "corpus" / side, PIPELINE / side):
            for path in sorted(source.glob("*")):
                shutil.copy(path, root / side / path.name)
    (root / "zh" / "cluster.md").write_text(PAIR_ZH, encoding="utf-8")
    (root / "en" / "cluster.md").write_text(PAIR_EN, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def threads_cluster():  # type: ignore[no-untyped-def]
    """One worker with two threads in this process: cheap, and it shares this process's state."""
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=2,
                                  dashboard_address=":0") as local:
        yield local


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_cluster_of_worker_processes_writes_the_bytes_of_one_job(corpus: Path, tmp_path: Path) -> None:
    one = build(BuildSettings(corpus=corpus, out=tmp_path / "one"), jobs=1)
    env = {**os.environ, "PYTHONHASHSEED": "777", "LC_ALL": "C", "LANG": "C"}
    # a worker in its own process: the setup, the documents and the results travel pickled
    with distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                  dashboard_address=":0") as local:
        run = subprocess.run([sys.executable, "-m", "aligner", "build", "--corpus", str(corpus),
                              "--out", str(tmp_path / "dask"), "--scheduler", local.scheduler_address],
                             capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    total = len(one.documents)
    assert f"aligning {total} documents on the Dask cluster at {local.scheduler_address}" in run.stderr
    assert f"[{total}/{total}]" in run.stderr and "documents/s" in run.stderr
    first, second = _files(tmp_path / "one"), _files(tmp_path / "dask")
    assert sorted(first) == sorted(second)
    assert sum(name.startswith("tmx/") for name in first) >= 4
    for name in first:
        assert first[name] == second[name], name


def test_a_threaded_worker_gives_the_report_of_one_job(corpus: Path, tmp_path: Path, threads_cluster) -> None:  # type: ignore[no-untyped-def]
    local = build(BuildSettings(corpus=corpus, out=tmp_path), jobs=1).to_dict()
    written = _files(tmp_path)
    shutil.rmtree(tmp_path / "tmx")
    remote = build(BuildSettings(corpus=corpus, out=tmp_path),
                   scheduler=threads_cluster.scheduler_address).to_dict()
    assert local == remote
    assert _files(tmp_path) == written


# --- the runner ----------------------------------------------------------------------------

_SETUPS: list[str] = []


def _remember(tag: str) -> None:
    _SETUPS.append(tag)


def _square_or_fail(n: int) -> tuple[int, int, int]:
    if n < 0:
        raise FormatError("negative", path="item.txt", line=-n, hint="give a positive number")
    return n, n * n, len(_SETUPS)


def test_results_come_in_input_order_after_one_setup(threads_cluster) -> None:  # type: ignore[no-untyped-def]
    _SETUPS.clear()
    runner = make_runner(1, WorkerSetup(_remember, ("ready",)), scheduler=threads_cluster.scheduler_address)
    assert isinstance(runner, DaskRunner)
    items = [9, 1, 8, 2, 7, 3, 0]
    results = list(runner.map(_square_or_fail, items))
    assert [r[:2] for r in results] == [(n, n * n) for n in items]
    assert _SETUPS == ["ready"]  # once for the process, although two threads ran tasks
    assert {r[2] for r in results} == {1}
    again = list(DaskRunner(threads_cluster.scheduler_address, WorkerSetup(_remember, ("ready",)))
                 .map(_square_or_fail, [4]))
    assert again == [(4, 16, 1)] and _SETUPS == ["ready"]  # the same setup: not run again
    list(DaskRunner(threads_cluster.scheduler_address, WorkerSetup(_remember, ("other",)))
         .map(_square_or_fail, [4]))
    assert _SETUPS == ["ready", "other"]  # another build's setup replaces it


def test_an_error_in_a_task_arrives_as_itself(threads_cluster) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FormatError) as err:
        list(DaskRunner(threads_cluster.scheduler_address).map(_square_or_fail, [1, -7, 3]))
    assert (err.value.path, err.value.line, err.value.hint) == ("item.txt", 7, "give a positive number")


# --- an unusable cluster: one line, exit 2 -------------------------------------------------

def _build_line(corpus: Path, tmp_path: Path, address: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path),
                                      "--scheduler", address, "--quiet"])
    assert not isinstance(result.exception, ClusterError), "the CLI must turn it into a message"
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert not (tmp_path / "tmx").exists()  # refused before any work
    return result.exit_code, lines[0]


def test_an_unreachable_scheduler_is_one_line(corpus: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    code, line = _build_line(corpus, tmp_path, "tcp://127.0.0.1:1")
    assert code == 2
    assert line.startswith("aligner: cannot reach the Dask scheduler at tcp://127.0.0.1:1")
    assert "dask scheduler" in line


def test_missing_dask_says_how_to_install_it(corpus: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    code, line = _build_line(corpus, tmp_path, "tcp://127.0.0.1:8786")
    assert code == 2
    assert "needs dask.distributed, which is not installed" in line
    assert "pip install 'aligner[dask]'" in line


def _no_aligner() -> str:
    raise ModuleNotFoundError("No module named 'aligner'")


def _old_aligner() -> str:
    return "0.0.1"


@pytest.mark.parametrize(("probe", "expected"), [
    (_no_aligner, "cannot import aligner (No module named 'aligner')"),
    (_old_aligner, "has aligner 0.0.1, this machine"),
])
def test_an_unfit_worker_is_named(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  threads_cluster, probe, expected) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cluster, "_PROBE", probe)
    code, line = _build_line(corpus, tmp_path, threads_cluster.scheduler_address)
    assert code == 2
    assert expected in line and "the Dask worker " in line and "install aligner" in line


def test_a_scheduler_without_workers_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:
        with pytest.raises(ClusterError) as err:
            DaskRunner(empty.scheduler_address).check()
    assert "has no workers" in str(err.value) and "dask worker" in str(err.value)


def test_the_version_probe_travels_by_value() -> None:
    """A worker without aligner must be able to unpickle and run the probe to say so."""
    import pickle

    import cloudpickle

    import aligner

    data = cloudpickle.dumps(cluster._PROBE)
    assert b"aligner.runner" not in data  # not a reference to a module the worker may lack
    assert pickle.loads(data)() == aligner.__version__
