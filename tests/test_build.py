"""The main job end to end: `aligner build` on a small fixture corpus and on the bundled one."""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.build import BuildSettings, build
from aligner.cli import cli
from tests.formats_helpers import csv_rows
from tests.tbx_schemas import validate_v2, validate_v3
from tests.shared_data import SHARED

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "pipeline"
FIXTURE = DATA / "corpus"
GOLDEN = DATA / "golden"
TMX_VALIDATE = SHARED / "bench" / "tmx_validate.py"
OUTPUTS = [
    "tmx/paper.tmx",
    "tmx/speech.tmx",
    "tmx/terms.tmx",
    "glossary/glossary.tbx",
    "glossary/glossary.tbx3",
    "glossary/glossary.csv",
    "glossary/glossary.utf8",
]


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("fixture-build")
    report = build(BuildSettings(corpus=FIXTURE, out=out))
    return out, report.to_dict()


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus-build")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(ROOT / "corpus"), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    return out, json.loads(result.stdout)


def tmx_pairs(path: Path) -> list[tuple[str, str]]:
    tree = etree.parse(str(path))
    pairs = []
    for tu in tree.iter("tu"):
        segs = {tuv.get("{http://www.w3.org/XML/1998/namespace}lang"): tuv.findtext("seg") for tuv in tu.iter("tuv")}
        pairs.append((segs["zh-CN"], segs["en-US"]))
    return pairs


@pytest.mark.parametrize("name", OUTPUTS)
def test_fixture_outputs_match_golden(fixture_build: tuple[Path, dict], name: str) -> None:
    out, _ = fixture_build
    produced = out / name
    golden = GOLDEN / name
    if os.environ.get("ALIGNER_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, golden)
    assert produced.read_bytes() == golden.read_bytes(), f"{name} differs from {golden}"


def test_two_builds_are_byte_identical(fixture_build: tuple[Path, dict], tmp_path: Path) -> None:
    first, _ = fixture_build
    build(BuildSettings(corpus=FIXTURE, out=tmp_path))
    for name in OUTPUTS:
        assert filecmp.cmp(first / name, tmp_path / name, shallow=False), name


def test_document_without_english_gets_no_sentence_tmx(fixture_build: tuple[Path, dict]) -> None:
    out, report = fixture_build
    notes = {d["stem"]: d for d in report["documents"]}
    assert not (out / "tmx" / "notes.tmx").exists()
    assert notes["notes"]["tmx"] is None
    assert "no English found" in notes["notes"]["note"]


def test_supplied_english_file_is_aligned(fixture_build: tuple[Path, dict]) -> None:
    out, _ = fixture_build
    pairs = tmx_pairs(out / "tmx" / "speech.tmx")
    assert ("开源社区在其中发挥了重要作用。", "The open-source community has played an important role in this.") in pairs


def test_embedded_english_is_paired_by_role(fixture_build: tuple[Path, dict]) -> None:
    out, _ = fixture_build
    pairs = dict(tmx_pairs(out / "tmx" / "paper.tmx"))
    assert pairs["张明,李华"] == "Zhang Ming, Li Hua"
    keywords = [zh for zh in pairs if "开源大模型;技术治理" in zh]
    assert keywords and "Open-Source Large Models; Technology Governance" in pairs[keywords[0]]


def test_bundled_corpus_outputs(corpus_build: tuple[Path, dict]) -> None:
    out, report = corpus_build
    stems = sorted(p.stem for p in (ROOT / "corpus" / "zh").iterdir() if p.suffix == ".txt")
    assert [d["stem"] for d in report["documents"]] == stems
    with_tmx = [d["stem"] for d in report["documents"] if d["tmx"]]
    assert with_tmx == ["000_a19bb3cb7fd24b93"]
    for doc in report["documents"]:
        assert doc["zh_segments"] > 0
        if not doc["tmx"]:
            assert "no English found" in doc["note"]
    for name in ["tmx/terms.tmx", "glossary/glossary.tbx", "glossary/glossary.csv", "glossary/glossary.utf8"]:
        assert (out / name).stat().st_size > 0


@pytest.mark.parametrize(("name", "validate"), [("glossary.tbx", validate_v2), ("glossary.tbx3", validate_v3)])
def test_built_tbx_passes_the_official_schemas(
    fixture_build: tuple[Path, dict], corpus_build: tuple[Path, dict], name: str, validate
) -> None:
    """Both TBX files of both builds: RelaxNG and Schematron of ../shared/schemas (tests/tbx_schemas.py)."""
    for out in (fixture_build[0], corpus_build[0]):
        document = etree.parse(str(out / "glossary" / name))
        assert len(document.getroot().findall(".//{*}term")) > 10
        assert validate(document) == []


def test_bundled_paper_pairs_title_authors_abstract_keywords(corpus_build: tuple[Path, dict]) -> None:
    out, _ = corpus_build
    pairs = tmx_pairs(out / "tmx" / "000_a19bb3cb7fd24b93.tmx")
    english = " ".join(en for _, en in pairs)
    by_zh = dict(pairs)
    assert by_zh.get("卢云峰,吴语菲") == "Lu Yunfeng, Wu Yufei"
    assert any("生成式人工智能会毁灭人类吗" in zh and "Will Generative AI Be the End of Humanity?" in en for zh, en in pairs)
    assert any("人工智能社会学" in zh and "Artificial Intelligence Sociology" in en for zh, en in pairs)
    assert any(zh.startswith("摘要") and en.startswith("Abstract") for zh, en in pairs)
    assert "An Introductory Analysis of Effective Accelerationism" in english
    assert len(pairs) >= 9


def test_bundled_glossary_has_100_pairs_with_provenance(corpus_build: tuple[Path, dict]) -> None:
    out, _ = corpus_build
    rows = csv_rows((out / "glossary" / "glossary.csv").read_bytes())
    assert {"zh", "en", "kind", "doc", "line"} <= set(rows[0])
    pairs = {(r["zh"], r["en"]) for r in rows}
    assert len(pairs) >= 100
    for row in rows:
        assert row["doc"] and int(row["line"]) > 0
    assert ("杨立昆", "Yann LeCun") in pairs
    assert ("有效加速主义", "Effective Accelerationism") in pairs


@pytest.mark.skipif(not TMX_VALIDATE.exists(), reason=f"needs {TMX_VALIDATE} (../shared, or ALIGNER_SHARED=DIR)")
def test_every_tmx_passes_the_validator(corpus_build: tuple[Path, dict]) -> None:
    out, _ = corpus_build
    files = sorted((out / "tmx").glob("*.tmx"))
    assert files
    for path in files:
        run = subprocess.run([sys.executable, str(TMX_VALIDATE), str(path)], capture_output=True, text=True)
        assert run.returncode == 0, f"{path.name}: {run.stdout}{run.stderr}"


def test_missing_corpus_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"aligner: {tmp_path / 'nope'}: corpus folder not found. run from the project folder or pass "
        "--corpus DIR (it must hold zh/ and, optionally, en/).\n"
    )
    assert "Traceback" not in result.output


def test_undecodable_file_message(tmp_path: Path) -> None:
    zh = tmp_path / "corpus" / "zh"
    zh.mkdir(parents=True)
    (zh / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aligner: {zh / 'bad.txt'}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "tmx").exists() or not any((tmp_path / "out" / "tmx").iterdir())


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--srclang", "fr"], "aligner: unsupported --srclang 'fr'. use one of zh-CN|zh-Hans|zh|zh-TW|zh-HK|zh-Hant.\n"),
        (["--tgtlang", "de"], "aligner: unsupported --tgtlang 'de'. use one of en-US|en-GB|en.\n"),
    ],
)
def test_bad_language_code_is_refused_before_any_output(tmp_path: Path, option: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["build", "--corpus", str(FIXTURE), "--out", str(tmp_path), *option])
    assert result.exit_code == 2
    assert result.stderr == message
    assert not (tmp_path / "tmx").exists() and not (tmp_path / "glossary").exists()
