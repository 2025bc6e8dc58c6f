"""``aligner review ZH EN``: one pair aligned and kept as a beads file, like a build's."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..build import MIN_SCORE
from .sidecar import BeadsFile, Sentence, beads_path, write_beads


def write_pair_beads(zh: Path, en: Path, out: Path, *, min_score: float = MIN_SCORE,
                     progress: Callable[[str], None] | None = None) -> Path:
    """Align ZH with EN (with the anchors) and write ``OUT/tmx/<stem>.beads.json``."""
    from ..align.embedder import model_version
    from ..align.files import align_files

    result = align_files(Path(zh), Path(en), explain=True, progress=progress)
    stem = Path(zh).stem
    header = {"x-aligner-scorer": result.scorer, "x-aligner-model": model_version(), "x-document": stem}
    beads = BeadsFile(
        stem,
        tuple(Sentence(s.text, s.line, s.role.value) for s in result.src),
        tuple(Sentence(s.text, s.line, s.role.value) for s in result.tgt),
        result.beads, result.srclang, result.tgtlang, min_score, header,
    )
    path = beads_path(out, stem)
    write_beads(path, beads)
    return path
