"""Benchmarks that need the shared data (``../shared``, or ``ALIGNER_SHARED``) say so in one
line and exit 2 when it is missing, instead of a traceback halfway through."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
#: the benchmarks that read MAC-Dev, the realworld corpus or the shared evaluation scripts
NEEDS_SHARED = ("align_distinct", "align_scale", "check_realworld", "check_term_alternatives",
                "check_term_explained", "check_term_mechanisms", "corpus_scale",
                "chrf_gloss", "learned_lexicon", "mac_dev", "orphan_ideas", "orphans", "pair_names_eval",
                "realworld_markup", "terms_eval",
                "variants_eval")
#: what each one names first when the shared data is missing, and where it looks
NEEDS = {name: ("MAC-Dev", "mac-dev") for name in NEEDS_SHARED} | {
    name: ("the realworld corpus", "realworld/corpus") for name in ("check_realworld", "check_term_alternatives",
                                                               "check_term_explained", "check_term_mechanisms",
                                                               "realworld_markup")}


def test_every_benchmark_that_reads_shared_data_checks_for_it() -> None:
    for script in sorted(BENCH.glob("*.py")):
        text = script.read_text(encoding="utf-8")
        if script.stem == "shared_data":
            continue
        reads_shared = "shared_data" in text or '"shared"' in text or "mac-dev" in text
        assert reads_shared == (script.stem in NEEDS_SHARED), script.name
        if script.stem in NEEDS_SHARED:
            assert "require(" in text and '"shared"' not in text, script.name


@pytest.mark.parametrize("name", [n for n in NEEDS_SHARED if n not in ("check_realworld", "terms_eval")])
@pytest.mark.parametrize("shape", ["missing", "empty"])
def test_missing_shared_data_is_one_line(tmp_path: Path, name: str, shape: str) -> None:
    shared = tmp_path / "shared"
    what, where = NEEDS[name]
    if shape == "empty":
        (shared / where / ("zh" if where.startswith("realworld") else "")).mkdir(parents=True)
    env = {**os.environ, "ALIGNER_SHARED": str(shared)}
    run = subprocess.run([sys.executable, str(BENCH / f"{name}.py")], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"{name}.py: needs {what}")
    assert f"at {shared / where}, which is {shape};" in lines[0]
    assert "ALIGNER_SHARED=DIR" in lines[0]


def test_check_realworld_without_the_corpus_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "ALIGNER_SHARED": str(tmp_path / "shared")}
    run = subprocess.run([sys.executable, str(BENCH / "check_realworld.py")], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [
        f"check_realworld.py: needs the realworld corpus (zh/ and en/ documents) at "
        f"{tmp_path / 'shared' / 'realworld' / 'corpus'}, which is missing; put the project's "
        "shared data beside the project as ../shared, or set ALIGNER_SHARED=DIR."]


def test_terms_eval_without_realworld_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "ALIGNER_SHARED": str(tmp_path / "shared")}
    run = subprocess.run([sys.executable, str(BENCH / "terms_eval.py")], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 2 and run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("terms_eval.py: needs ") and "realworld" in lines[0], run.stderr
