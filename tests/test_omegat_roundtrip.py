"""Proof with the real OmegaT 3.6 (Debian package ``omegat``) that our files work in a CAT tool.

Each check runs ``../shared/bench/omegat_check.sh TMX SOURCE [GLOSSARY]``, which builds a
throw-away OmegaT project, runs OmegaT headless (console-translate mode) and reports the
segments OmegaT filled from the TMX and the glossary hits. A JVM run costs ~3 s, so the
checks are grouped: one run per (TMX, glossary) pair, shared by several tests.

(a)+(b) use a small zh/en fixture (tests/data/formats/) and only need our writers; (b) also
    shows that OmegaT reads our CSV (whose header is a ``#`` line) without a header entry.
(c) WAITS ON the ``aligner build`` pipeline (issue 3): it runs the CLI on the bundled corpus
    and fails, saying so, until the pipeline writes tmx/<stem>.tmx and glossary/.

Without OmegaT the tests skip; when the environment variable CI is set they fail instead,
so CI cannot pass without having run them (.ci/install-omegat installs OmegaT).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aligner.formats.glossary_files import write_csv, write_utf8
from aligner.formats.tbx import TbxVersion, write_tbx
from aligner.formats.tmx import write_tmx
from aligner.model import TranslationUnit
from tests.formats_helpers import csv_rows, load_entries
from tests.shared_data import SHARED

pytestmark = pytest.mark.omegat

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "formats"
OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
CHECK = Path(os.environ.get("OMEGAT_CHECK", SHARED / "bench" / "omegat_check.sh"))
PIPELINE = "WAITS ON the `aligner build` pipeline (issue 3)"
SEG_LINE = re.compile(r"^\s+(\d+) (true|false)\s+(\S+)\s+(.*?) => (.*)$")
GLOSS_LINE = re.compile(r"^\s+seg (\d+): (.*) -> (.*) \((tokens|cjk-substring)\)$")


@dataclass
class OmegaTRun:
    """What omegat_check.sh printed, parsed."""

    returncode: int
    output: str
    summary: dict[str, int] = field(default_factory=dict)
    segments: list[tuple[int, bool, str, str, str]] = field(default_factory=list)
    glossary_hits: list[tuple[int, str, str]] = field(default_factory=list)
    #: (source, target, comment) of every glossary entry OmegaT's own reader returned
    glossary_entries: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def load_error(self) -> bool:
        return "TF_TM_LOAD_ERROR" in self.output or "OmegaT rejected the TMX" in self.output


def require_omegat() -> None:
    missing = []
    if not shutil.which("java"):
        missing.append("java")
    if not OMEGAT_JAR.is_file():
        missing.append(str(OMEGAT_JAR))
    if not CHECK.is_file():
        missing.append(str(CHECK))
    if missing:
        message = f"the OmegaT round trip needs {', '.join(missing)} (install with .ci/install-omegat)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def run_omegat(tmx: Path, source: Path, glossary: Path | None = None, **env: str) -> OmegaTRun:
    require_omegat()
    args = ["bash", str(CHECK), str(tmx), str(source)] + ([str(glossary)] if glossary else [])
    result = subprocess.run(  # KEEP=1 keeps the project, whose report lists every glossary entry
        args, capture_output=True, text=True, timeout=600, env=os.environ | {"OMEGAT_TIMEOUT": "300", "KEEP": "1"} | env
    )
    run = OmegaTRun(result.returncode, result.stdout + result.stderr)
    kept = re.search(r"^kept: (.+)$", run.output, re.MULTILINE)
    if kept:
        work = Path(kept[1].strip())
        report = work / "project" / "check_report.tsv"
        if report.is_file():
            for line in report.read_text(encoding="utf-8").splitlines():
                if line.startswith("GLOSSENTRY\t"):
                    src, tgt, comment = (line.split("\t") + ["", "", ""])[1:4]
                    run.glossary_entries.append((src, tgt, comment))
        shutil.rmtree(work, ignore_errors=True)
    for line in run.output.splitlines():
        if line.startswith("SUMMARY "):
            run.summary = {k: int(v) for k, v in (item.split("=") for item in line.split()[1:])}
        elif match := SEG_LINE.match(line):
            n, done, origin, src, tgt = match.groups()
            run.segments.append((int(n), done == "true", origin, src, tgt))
        elif match := GLOSS_LINE.match(line):
            run.glossary_hits.append((int(match[1]), match[2], match[3]))
    return run


# --- (a) and (b): our writers on a small fixture ------------------------------------------


def fixture_units() -> list[TranslationUnit]:
    rows = json.loads((DATA / "units.json").read_text(encoding="utf-8"))
    return [TranslationUnit(**{k: tuple(v) if k == "anchors" else v for k, v in row.items()}) for row in rows]


@pytest.fixture(scope="module")
def fixture_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, OmegaTRun]:
    """Two OmegaT runs: the fixture TMX with our TBX v2 glossary, then with our .utf8."""
    require_omegat()
    folder = tmp_path_factory.mktemp("omegat")
    tmx = folder / "fixture.tmx"
    write_tmx(fixture_units(), tmx)
    write_tbx(load_entries(), folder / "glossary.tbx", version=TbxVersion.V2)
    write_utf8(load_entries(), folder / "glossary.utf8")
    write_csv(load_entries(), folder / "glossary.csv")
    source = DATA / "omegat_source.txt"
    return {
        "tbx": run_omegat(tmx, source, folder / "glossary.tbx"),
        "utf8": run_omegat(tmx, source, folder / "glossary.utf8"),
        "csv": run_omegat(tmx, source, folder / "glossary.csv"),
    }


def test_fixture_tmx_loads_and_fills_every_segment(fixture_runs: dict[str, OmegaTRun]) -> None:
    run = fixture_runs["tbx"]
    assert not run.load_error, run.output
    assert run.returncode == 0, run.output
    assert [(n, done, origin, src, tgt) for n, done, origin, src, tgt in run.segments] == [
        (1, True, "xAUTO", "人工智能的未来", "The Future of Artificial Intelligence"),
        (2, True, "xAUTO", "杨立昆认为，大模型不是通用人工智能的终点。",
         "Yann LeCun holds that large models are not the end point of AGI."),
        (3, True, "xAUTO", "有效加速主义主张加快技术进步！",
         "Effective accelerationism (e/acc) calls for faster technical progress!"),
        (4, True, "xAUTO", "关键词：人工智能；大模型；有效加速主义",
         "Key words: artificial intelligence; large models; effective accelerationism"),
    ]
    assert run.summary["from_tm_auto"] == run.summary["segments"] == 4


def test_tbx_v2_glossary_gives_hits(fixture_runs: dict[str, OmegaTRun]) -> None:
    run = fixture_runs["tbx"]
    assert "GLOSSFILE_ERROR" not in run.output, run.output
    assert run.summary["glossary_entries"] > 0
    assert run.summary["glossary_hits"] > 0
    assert (2, "杨立昆", "Yann LeCun") in run.glossary_hits
    assert (3, "有效加速主义", "e/acc") in run.glossary_hits  # an English variant is its own tig


def test_utf8_glossary_gives_hits(fixture_runs: dict[str, OmegaTRun]) -> None:
    run = fixture_runs["utf8"]
    assert "GLOSSFILE_ERROR" not in run.output, run.output
    assert run.returncode == 0, run.output
    assert run.summary["glossary_entries"] == 7  # 6 entries + 1 Chinese variant line; '#' line skipped
    assert (2, "杨立昆", "Yann LeCun") in run.glossary_hits
    assert (2, "通用人工智能", "AGI") in run.glossary_hits


def test_csv_glossary_reads_clean(fixture_runs: dict[str, OmegaTRun]) -> None:
    """OmegaT reads every *.csv in a glossary folder; our header line starts with '#', which its
    CSV reader skips, so it gets exactly our entries and no 'zh -> en' entry from the header."""
    run = fixture_runs["csv"]
    assert "GLOSSFILE_ERROR" not in run.output, run.output
    expected = [(e.zh, e.en, e.kind.value) for e in load_entries()]
    # a cell's line break would end OmegaT's entry and start a false one: the writer flattens it
    expected[5] = ("大模型\\t(口语)", 'large model, "LLM" plural: models', "concept")  # check_report writes a tab as \\t
    assert run.glossary_entries == expected
    assert (2, "杨立昆", "Yann LeCun") in run.glossary_hits


# --- (c) the pipeline's own output on the bundled corpus ---------------------------------
# WAITS ON the `aligner build` pipeline (issue 3). Fails with that message until it lands.


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_omegat()
    out = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "-m", "aligner", "build", "--corpus", str(REPO / "corpus"), "--out", str(out)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
    )
    if result.returncode != 0 or not list((out / "tmx").glob("000_*.tmx")):
        pytest.fail(f"{PIPELINE}: `aligner build` exited {result.returncode} without tmx/000_*.tmx:\n"
                    + (result.stderr or result.stdout)[-1500:])
    return out


def _doc_source(stem: str) -> Path | None:
    matches = sorted((REPO / "corpus" / "zh").glob(f"{stem}.*"))
    return matches[0] if matches else None


def test_pipeline_doc_000_fills_title_authors_abstract_keywords(built: Path) -> None:
    """WAITS ON the pipeline: the TMX of doc 000 with the bundled doc 000 as the source."""
    tmx = sorted((built / "tmx").glob("000_*.tmx"))[0]
    glossary = built / "glossary" / "glossary.tbx"
    run = run_omegat(tmx, _doc_source(tmx.stem), glossary if glossary.exists() else None, MIN_MATCHED="9")
    assert not run.load_error, run.output
    assert run.summary.get("from_tm_auto", 0) >= 9, run.output[-3000:]
    if glossary.exists():
        assert run.summary.get("glossary_hits", 0) > 0, run.output[-3000:]


def test_pipeline_every_tmx_loads_and_utf8_glossary_hits(built: Path) -> None:
    """WAITS ON the pipeline: every TMX it wrote loads in OmegaT (no TF_TM_LOAD_ERROR)."""
    doc000 = _doc_source(sorted((built / "tmx").glob("000_*.tmx"))[0].stem)
    utf8 = built / "glossary" / "glossary.utf8"
    others = [p for p in sorted((built / "tmx").glob("*.tmx")) if not p.name.startswith("000_")]
    assert others, "expected at least tmx/terms.tmx besides doc 000's TMX"
    for index, tmx in enumerate(others):
        source = _doc_source(tmx.stem) or doc000
        glossary = utf8 if index == 0 and utf8.exists() else None
        run = run_omegat(tmx, source, glossary, MIN_MATCHED="0")
        assert not run.load_error, f"{tmx.name}:\n{run.output[-3000:]}"
        assert run.returncode == 0, f"{tmx.name}:\n{run.output[-3000:]}"
        if glossary:
            assert run.summary.get("glossary_hits", 0) > 0, run.output[-3000:]


def test_pipeline_csv_glossary_reads_clean(built: Path) -> None:
    """WAITS ON the pipeline: OmegaT reads the built glossary.csv (any *.csv in a project's
    glossary folder is read) as exactly our rows, with no entry made of the header."""
    csv_path = built / "glossary" / "glossary.csv"
    tmx = sorted((built / "tmx").glob("000_*.tmx"))[0]
    run = run_omegat(tmx, _doc_source(tmx.stem), csv_path, MIN_MATCHED="0")
    assert "GLOSSFILE_ERROR" not in run.output, run.output[-3000:]
    rows = csv_rows(csv_path.read_bytes())
    assert len(rows) > 100
    clean = lambda text: text.replace("\t", "\\t")  # noqa: E731 - how check_report.tsv writes a tab
    assert run.glossary_entries == [(clean(r["zh"]), clean(r["en"]), r["kind"]) for r in rows]
    assert run.summary.get("glossary_hits", 0) > 0
