"""Run the real OmegaT 3.6 on a source file kept under its own name (``film.srt``), so its own
format filter reads it; ``../shared/bench/omegat_check.sh`` renames every source to ``.txt``
(the plain-text filter). Reuses that bench's Groovy script for the per-segment report."""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.shared_data import SHARED

REPO = Path(__file__).resolve().parents[1]
OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
GROOVY = SHARED / "bench" / "omegat_check.groovy"

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
  <source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir><tm_dir>__DEFAULT__</tm_dir>
  <glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file>
  <dictionary_dir>__DEFAULT__</dictionary_dir>
  <source_lang>zh-CN</source_lang><target_lang>en-US</target_lang>
  <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
  <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
  <sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
"""


@dataclass(frozen=True)
class Segment:
    """One source segment as OmegaT made it, and what it filled from the TMX."""

    number: int
    translated: bool
    source: str
    translation: str


def missing() -> list[str]:
    """What the run needs and this machine lacks."""
    return [what for what, ok in (("java", shutil.which("java")), (str(OMEGAT_JAR), OMEGAT_JAR.is_file()),
                                  (str(GROOVY), GROOVY.is_file())) if not ok]


def run_project(source: Path, tmx: Path, work: Path, timeout: int = 300) -> list[Segment]:
    """OmegaT's segments of ``source`` with ``tmx`` in tm/auto (raises on an OmegaT failure)."""
    project = work / "project"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / sub).mkdir(parents=True, exist_ok=True)
    (work / "config").mkdir(exist_ok=True)
    shutil.copyfile(source, project / "source" / source.name)
    shutil.copyfile(tmx, project / "tm" / "auto" / tmx.name)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    result = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Duser.language=en", "-Duser.country=US",
         "-jar", str(OMEGAT_JAR), "--mode=console-translate", "--quiet", "--disable-project-locking",
         "--no-team", f"--config-dir={work / 'config'}", f"--script={GROOVY}", str(project)],
        capture_output=True, text=True, timeout=timeout, cwd=work, env=env,
    )
    report = project / "check_report.tsv"
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"OmegaT exited {result.returncode}:\n{(result.stdout + result.stderr)[-2000:]}")
    segments = []
    for row in report.read_text(encoding="utf-8").splitlines():
        cells = row.split("\t")
        if cells[0] == "SEG":
            segments.append(Segment(int(cells[1]), cells[2] == "true", cells[4], cells[5] if len(cells) > 5 else ""))
    return segments
