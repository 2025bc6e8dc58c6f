"""Our sentence segmentation against the real OmegaT 3.6 (Debian package ``omegat``).

OmegaT's text filter makes a paragraph of each block of non-empty lines, strips it, and
segments it with its SRX rules; ``../shared/bench/omegat_check.sh`` prints the segments it
made. ``aligner.segment.omegat`` rebuilds the same paragraphs from the raw file, and our
segments must be identical, for the five bundled documents and for fixtures full of edge cases. A TMX written
from our segments then matches OmegaT's segments exactly.

One JVM run per file, cached for the session. Without OmegaT the tests skip, except in CI
(``CI`` set), where they fail: CI installs OmegaT and must prove the claim.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from aligner.model import Lang
from aligner.segment import load_rules
from aligner.segment.omegat import omegat_segments
from aligner.segment.srx import parse_srx
from tests.shared_data import SHARED

pytestmark = [pytest.mark.omegat, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHECK_SCRIPT = SHARED / "bench" / "omegat_check.sh"
OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
DATA = Path(__file__).parent / "data" / "segment"
CORPUS = ROOT / "corpus" / "zh"
BUNDLED = sorted(CORPUS.glob("*.txt")) or sorted((SHARED / "corpus").glob("0*.txt"))

DUMMY_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="aligner-tests" creationtoolversion="1" segtype="sentence"
 o-tmf="none" adminlang="en-US" srclang="{src}" datatype="plaintext"/><body><tu>
<tuv xml:lang="{src}"><seg>@@ no such segment @@</seg></tuv><tuv xml:lang="{tgt}"><seg>x</seg></tuv>
</tu></body></tmx>
"""


def _missing() -> list[str]:
    missing = []
    if shutil.which("java") is None:
        missing.append("java")
    if not OMEGAT_JAR.is_file():
        missing.append(str(OMEGAT_JAR))
    if not CHECK_SCRIPT.is_file():
        missing.append(str(CHECK_SCRIPT))
    return missing


class OmegaT:
    """Runs omegat_check.sh once per (file, language) and keeps the segments."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.cache: dict[tuple[Path, str], list[str]] = {}

    def segments(self, source: Path, src_lang: str = "zh-CN") -> list[str]:
        key = (source, src_lang)
        if key not in self.cache:
            self.cache[key] = self._run(source, src_lang)
        return self.cache[key]

    def _run(self, source: Path, src_lang: str) -> list[str]:
        tgt_lang = "en-US" if src_lang.startswith("zh") else "zh-CN"
        tmx = self.workdir / f"dummy-{src_lang}.tmx"
        tmx.write_text(DUMMY_TMX.format(src=src_lang, tgt=tgt_lang), encoding="utf-8")
        env = dict(os.environ, KEEP="1", MIN_MATCHED="0", TMPDIR=str(self.workdir),
                   SRC_LANG=src_lang, TGT_LANG=tgt_lang, OMEGAT_JAR=str(OMEGAT_JAR))
        done = subprocess.run(["bash", str(CHECK_SCRIPT), str(tmx), str(source)], env=env,
                              capture_output=True, text=True, errors="replace", timeout=600)
        kept = re.search(r"^kept: (.+)$", done.stdout, re.M)
        if done.returncode != 0 or kept is None:
            pytest.fail(f"omegat_check.sh failed on {source.name} (exit {done.returncode}):\n"
                        f"{done.stdout[-3000:]}\n{done.stderr[-2000:]}")
        report = Path(kept.group(1)) / "project" / "check_report.tsv"
        out = []
        for line in report.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if fields[0] == "SEG":
                out.append(_unescape(fields[4]))
        return out


def _unescape(field: str) -> str:
    """The Groovy report writes tab, CR and LF as \\t \\r \\n."""
    return re.sub(r"\\([tnr])", lambda m: {"t": "\t", "n": "\n", "r": "\r"}[m.group(1)], field)


def _require(missing: list[str]) -> None:
    """Skip without OmegaT, but fail in CI, which installs it to prove the claim."""
    if missing:
        message = (f"OmegaT comparison needs {', '.join(missing)}: apt-get install -y omegat, "
                   "and ../shared/bench beside the project (or ALIGNER_SHARED=DIR)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def omegat(tmp_path_factory: pytest.TempPathFactory) -> OmegaT:
    _require(_missing())
    return OmegaT(tmp_path_factory.mktemp("omegat"))


def ours(source: Path, lang: Lang, rules=None) -> list[str]:
    return [text for _, text in omegat_segments(source.read_text(encoding="utf-8"), lang, rules)]


def _diff(theirs: list[str], mine: list[str]) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(theirs, mine, "OmegaT", "aligner", lineterm="", n=1))


@pytest.mark.parametrize("source", BUNDLED, ids=[p.stem[:3] for p in BUNDLED])
def test_bundled_documents_segment_as_omegat(omegat: OmegaT, source: Path) -> None:
    theirs = omegat.segments(source)
    mine = ours(source, Lang.ZH)
    assert mine == theirs, _diff(theirs, mine)
    assert len(mine) > 40


def test_zh_edge_cases_segment_as_omegat(omegat: OmegaT) -> None:
    source = DATA / "omegat_edge_zh.txt"
    theirs = omegat.segments(source)
    mine = ours(source, Lang.ZH)
    assert mine == theirs, _diff(theirs, mine)
    # the fixture exercises what it should: quote runs stay whole, ？！ splits
    assert "他说：“你好。”然后走了。" in mine and "！" in mine


@pytest.fixture(scope="session")
def omegat_own_rules() -> object:
    """OmegaT's defaultRules.srx, read from its jar with our SRX reader (the --srx path)."""
    _require([] if OMEGAT_JAR.is_file() else [str(OMEGAT_JAR)])
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        data = jar.read("org/omegat/core/segmentation/defaultRules.srx")
    return parse_srx(data, "OmegaT.jar!defaultRules.srx")


def test_our_default_zh_rules_equal_omegats(omegat_own_rules) -> None:
    mine = load_rules()
    theirs = omegat_own_rules.rules_for("zh-CN")
    assert [(r.is_break, r.before, r.after) for r in mine.rules_for("zh-CN")] == [
        (r.is_break, r.before, r.after) for r in theirs
    ]


def test_en_with_omegats_own_srx_segments_as_omegat(omegat: OmegaT, omegat_own_rules) -> None:
    """Our SRX engine and Java-regex translation, run on OmegaT's full rule file."""
    source = DATA / "omegat_edge_en.txt"
    theirs = omegat.segments(source, "en-US")
    mine = ours(source, Lang.EN, omegat_own_rules)
    assert mine == theirs, _diff(theirs, mine)


def test_en_default_rules_only_merge_omegats_segments(omegat: OmegaT) -> None:
    """Our English additions never add a break OmegaT lacks, except after closing quotes."""
    source = DATA / "omegat_edge_en.txt"
    theirs = omegat.segments(source, "en-US")
    mine = ours(source, Lang.EN)
    assert mine != theirs  # the additions do something on this fixture
    joined_theirs = " ".join(theirs)
    for segment in mine:
        assert segment in joined_theirs
    assert 'He said "Go."' in mine and "The U.S. economy grew 3.5 percent." in mine
