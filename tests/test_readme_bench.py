"""The README's Development section names every benchmark in ``bench/``, so a new one is
documented where a newcomer looks for it."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELPERS = {"measure", "shared_data", "learned_model"}


def _development_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Development\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def test_every_benchmark_script_is_listed() -> None:
    scripts = {p.stem for p in (ROOT / "bench").glob("*.py")} - HELPERS
    listed = set(re.findall(r"`python bench/([a-z_]+)\.py`", _development_section()))
    assert scripts, "no benchmarks found"
    assert scripts - listed == set(), f"benchmarks missing from README's Development list: {sorted(scripts - listed)}"
    assert listed - scripts == set(), f"README lists benchmarks that do not exist: {sorted(listed - scripts)}"


def test_helpers_are_not_benchmarks() -> None:
    for name in HELPERS:
        assert "__main__" not in (ROOT / "bench" / f"{name}.py").read_text(encoding="utf-8")
