"""``aligner read``: what a user sees when checking how a file is read."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aligner.cli import cli

DATA = Path(__file__).parent / "data" / "documents"


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["read", *args], input=stdin)


def test_read_prints_paragraphs_with_lines_and_roles() -> None:
    result = run(str(DATA / "paper_en_first.txt"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == ["1\tzh\ttitle\t语料对齐方法研究", "3\tzh\tauthors\t张三1，李四2"]
    abstract = "This paper proposes a sentence alignment method. Experiments show that it works well."
    assert f"17\ten\tabstract\t{abstract}" in result.stdout.splitlines()
    assert result.stderr == (
        f"aligner: {DATA / 'paper_en_first.txt'}: plain, utf-8; 7 Chinese and 5 English paragraphs; "
        "removed: label 4; normalised: punctuation 6\n"
    )


def test_read_debris_lists_what_was_removed() -> None:
    result = run("--debris", str(DATA / "roundtable.txt"))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == ["1\tfurniture\t点击蓝字", "3\tfurniture\t关注我们", "15\tspeaker-label\t赵六"]


def test_read_json_and_stdin() -> None:
    result = run("--json", "-", stdin="甲:你好,世界。\n\n乙:好。\n\n甲:再见。\n\n乙:再见。\n".encode("gbk"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["kind"] == "roundtable" and data["encoding"] == "gb18030" and data["stem"] == "stdin"
    assert data["zh"][0] == {"lang": "zh", "role": "body", "line": 1, "spans": [[0, 1]], "text": "你好，世界。"}
    assert data["debris"][0] == {"kind": "speaker-label", "line": 1, "text": "甲"}


def test_read_errors_are_one_line(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"aligner: {tmp_path / 'missing.txt'}: file not found. check the path.\n"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"line one\n" + bytes(range(0x80, 0x100)) * 2)
    result = run(str(bad))
    assert result.exit_code == 2
    assert result.stderr == (
        f"aligner: {bad}:2: cannot decode byte 0x80 at column 1: the file is not UTF-8, UTF-16, GB18030/GBK "
        "or Big5. re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).\n"
    )


def test_read_has_help() -> None:
    result = CliRunner().invoke(cli, ["read", "--help"])
    assert result.exit_code == 0 and "LINE<TAB>LANG<TAB>ROLE<TAB>TEXT" in result.stdout
