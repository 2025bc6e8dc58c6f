"""`aligner glossary extract` and `aligner glossary merge`, as a user runs them."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from aligner.cli import cli
from tests.glossary_helpers import FIXTURE


def run(*args: str):  # noqa: ANN201 - click Result
    return CliRunner().invoke(cli, list(args))


def test_extract_csv_on_stdout() -> None:
    result = run("glossary", "extract", str(FIXTURE / "paper.txt"), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "#zh,en,kind,doc,line,status,count,definition,sources,variants,evidence,keep_as_is,variant_sources"
    assert "萨蒂亚·纳德拉,Satya Nadella,person,paper,9,attested,1,,paper:9,,paren,no," in lines
    assert "张伟明,Zhang Weiming,person,paper,11,proposed,1,,paper:11,,pinyin,no," in lines
    assert [line for line in result.stderr.splitlines() if line.startswith("aligner:")] == [
        "aligner: 15 terms (14 attested, 1 proposed) from 1 document; by evidence: authors 2, "
        "keywords 3, latin 2, paren 7, pinyin 1; wrote csv to stdout"]
    assert result.stderr.splitlines()[-1] == (
        "note: 3 of 10 brackets are asides, years, citations or list markers, not translations, and gave no term")


def test_extract_folder_to_tbx_with_conflicts_reported(tmp_path: Path) -> None:
    out = tmp_path / "glossary.tbx"
    result = run("glossary", "extract", str(FIXTURE), "-o", str(out))
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    assert root.tag == "martif"
    assert len(root.findall(".//termEntry")) == 31
    assert ("conflict: AGI: 3 Chinese forms: AGI | 人工通用智能 | 通用人工智能 (in notes, roundtable)"
            in result.stderr.splitlines())
    assert "note: 1 front-matter name is not used in the text and was left out" in result.stderr
    assert ("note: 3 of 15 brackets are asides, years, citations or list markers, not translations, "
            "and gave no term") in result.stderr


def test_extract_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.utf8", tmp_path / "b.utf8"
    assert run("glossary", "extract", str(FIXTURE), "-o", str(first)).exit_code == 0
    assert run("glossary", "extract", str(FIXTURE), "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_extract_missing_file() -> None:
    result = run("glossary", "extract", "nope.txt")
    assert result.exit_code == 2
    assert result.stderr == "aligner: nope.txt: file not found. check the path.\n"


def test_extract_unknown_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "terms.docx"
    result = run("glossary", "extract", str(FIXTURE), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"aligner: {out}: cannot tell the glossary format from the suffix '.docx'. "
        "give --format tbx|tbx3|csv|utf8|json.")
    assert not out.exists()


def test_merge_keeps_the_users_entries(tmp_path: Path) -> None:
    ours = tmp_path / "ours.csv"
    assert run("glossary", "extract", str(FIXTURE / "paper.txt"), "-o", str(ours)).exit_code == 0
    users = tmp_path / "users.csv"
    users.write_text("zh,en\n萨蒂亚·纳德拉,Satya Nadela\n对齐,alignment\n", encoding="utf-8")
    merged = tmp_path / "merged.csv"
    result = run("glossary", "merge", str(ours), str(users), "-o", str(merged))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "aligner: 16 terms: kept all 2 of yours, added 14 of ours, 0 agreed, 1 differs; wrote csv to " + str(merged),
        "differs: 萨蒂亚·纳德拉: kept yours 'Satya Nadela'; we proposed 'Satya Nadella'",
    ]
    text = merged.read_text(encoding="utf-8")
    assert "萨蒂亚·纳德拉,Satya Nadela," in text and "Satya Nadella" not in text


def test_glossary_help_lists_both_commands() -> None:
    result = run("glossary", "--help")
    assert result.exit_code == 0
    assert "extract" in result.output and "merge" in result.output
