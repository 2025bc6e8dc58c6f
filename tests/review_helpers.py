"""A real build of the small pipeline corpus, shared by the review tests."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "pipeline" / "corpus"


def build_into(out: Path) -> Path:
    from aligner.build import BuildSettings, build

    build(BuildSettings(corpus=CORPUS, out=out))
    return out
