"""``aligner align``: each output format, and the errors a user can hit."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.cli import cli

DATA = Path(__file__).parent / "data" / "align"
ZH, EN = str(DATA / "story.zh"), str(DATA / "story.en")


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, ["align", *args], catch_exceptions=False)


def test_beads_format_is_vecalign_with_scores(runner):
    result = run(runner, ZH, EN, "--presplit", "--format", "beads")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    golden = (DATA / "story.beads").read_text(encoding="utf-8").splitlines()
    assert [line.rsplit(":", 1)[0] for line in lines] == golden
    assert all(0 <= float(line.rsplit(":", 1)[1]) <= 1 for line in lines)
    assert "aligner: 10 pairs from 11 Chinese and 11 English sentences; unaligned: 0 Chinese, 0 English" in result.stderr


def test_unaligned_sentences_are_written_as_empty_sides(runner, tmp_path):
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("我爱北京。\n\n", encoding="utf-8")  # line 2 is blank: nothing to pair it with
    en.write_text("I love Beijing.\n", encoding="utf-8")
    result = run(runner, str(zh), str(en), "--presplit", "--format", "beads")
    assert re.fullmatch(r"\[0\]:\[0\]:[01]\.\d\d\n\[1\]:\[\]:[01]\.\d\d\n", result.stdout)
    assert "unaligned: 1 Chinese, 0 English" in result.stderr


def test_tsv_has_header_texts_score_and_anchors(runner):
    result = run(runner, ZH, EN, "--presplit", "--format", "tsv", "--explain")
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["zh", "en", "score", "anchors"]
    assert rows[4][0] == "她的父亲站在出口处，手里拿着一把旧雨伞，头发已经全白了。"
    assert rows[4][1] == (
        "Her father was standing at the exit. He held an old umbrella in his hand, "
        "and his hair had turned completely white."
    )
    assert "embedding: " in rows[4][3]


def test_json_carries_indices_texts_lines_and_counts(runner):
    data = json.loads(run(runner, ZH, EN, "--presplit", "--format", "json").stdout)
    assert data["scorer"] == "default"
    assert data["sentences"] == {"en": 11, "zh": 11}
    bead = data["beads"][8]
    assert (bead["src"], bead["tgt"], bead["zh_lines"], bead["en_lines"]) == ([8, 9], [9], [9, 10], [10])


def test_tmx_to_a_file_is_written_atomically_with_the_pairs(runner, tmp_path):
    out = tmp_path / "story.tmx"
    result = run(runner, ZH, EN, "--presplit", "--format", "tmx", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    tree = etree.parse(str(out))
    assert len(tree.findall(".//tu")) == 10
    assert [p.text for p in tree.findall(".//header/prop") if p.get("type") == "x-aligner-scorer"] == ["default"]


def test_same_input_gives_byte_identical_output(runner, tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    run(runner, ZH, EN, "--presplit", "-o", str(a), "--explain")
    run(runner, ZH, EN, "--presplit", "-o", str(b), "--explain")
    assert a.read_bytes() == b.read_bytes()


def test_unknown_scorer_exits_2_with_one_line(runner):
    result = runner.invoke(cli, ["align", ZH, EN, "--scorer", "nope"])
    assert result.exit_code == 2
    assert result.stderr == (
        "aligner: unknown scorer 'nope'. Choose one of: default, embedding, embedding+length, length, lexical.\n"
    )


def test_missing_file_exits_2_with_one_line(runner, tmp_path):
    missing = tmp_path / "missing.zh"
    result = runner.invoke(cli, ["align", str(missing), EN, "--presplit"])
    assert result.exit_code == 2
    assert result.stderr == f"aligner: {missing}: file not found. check the path.\n"


def test_documents_are_segmented_when_not_presplit(runner, tmp_path):
    zh = tmp_path / "doc.zh.txt"
    en = tmp_path / "doc.en.txt"
    zh.write_text("我爱北京。天安门上太阳升！\n\n他有3个苹果，她有两个。\n", encoding="utf-8")
    en.write_text("I love Beijing. The sun rises over Tiananmen!\n\nHe has 3 apples and she has two.\n", encoding="utf-8")
    result = run(runner, str(zh), str(en), "--format", "json")
    data = json.loads(result.stdout)
    assert [(b["zh"], b["en"], b["zh_lines"], b["en_lines"]) for b in data["beads"]] == [
        ("我爱北京。", "I love Beijing.", [1], [1]),
        ("天安门上太阳升！", "The sun rises over Tiananmen!", [1], [1]),
        ("他有3个苹果，她有两个。", "He has 3 apples and she has two.", [3], [3]),
    ]


def test_a_side_without_its_language_is_refused(runner, tmp_path):
    zh = tmp_path / "zh.txt"
    zh.write_text("我爱北京。\n", encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("I love Beijing.\n", encoding="utf-8")
    out = tmp_path / "a.tmx"
    for args, message in [
        ((zh, zh), f"aligner: {zh}: no English text found. give the English translation of the Chinese "
                   "document as the second file.\n"),
        ((en, en), f"aligner: {en}: no Chinese text found. give the Chinese document first and its English "
                   "translation second.\n"),
        ((en, zh), f"aligner: {en}: no Chinese text, but the English file has Chinese: the two files look "
                   "swapped. give the Chinese file first: aligner align ZH EN.\n"),
    ]:
        for presplit in ((), ("--presplit",)):
            result = run(runner, str(args[0]), str(args[1]), *presplit, "-o", str(out), "--format", "tmx")
            assert (result.exit_code, result.stdout, result.stderr.splitlines()[-1] + "\n") == (2, "", message)
            assert not out.exists()


def test_presplit_lines_end_only_at_line_breaks(runner, tmp_path):
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_bytes("第一句\u2028还是第一句。\r\n\r\n第三句。".encode("utf-8"))
    en.write_bytes("\ufeffThe first one.\nThe third.\n".encode("utf-8"))
    data = json.loads(run(runner, str(zh), str(en), "--presplit", "--format", "json").stdout)
    assert data["sentences"] == {"en": 2, "zh": 3}
    assert [(b["zh_lines"], b["en_lines"]) for b in data["beads"]][-1] == ([3], [2])


def test_glossary_file_pairs_become_anchors(runner, tmp_path):
    glossary = tmp_path / "terms.csv"
    glossary.write_text("zh,en\n林小雨,Lin Xiaoyu\n", encoding="utf-8")
    result = run(runner, ZH, EN, "--presplit", "--explain", "-g", str(glossary), "--format", "json")
    bead = json.loads(result.stdout)["beads"][1]
    assert "glossary: 林小雨=Lin Xiaoyu" in bead["anchors"]


def test_dash_writes_to_stdout(runner):
    assert run(runner, ZH, EN, "--presplit", "--format", "beads", "-o", "-").stdout.count("\n") == 10
