"""Issue 17, classes 1 and 4: input at fault is never an internal error, and every message
names the right place.

Class 1: a value read from a file or the environment is validated where it enters
(YAML front matter scalars, ``SOURCE_DATE_EPOCH``, CSV cells and quotes, the standard
streams, declared character sets): exit 2 with one line naming the file and line or the
variable, or the value is read as what it plainly is; never exit 70.
Class 4: line numbers are the csv module's (U+000B in a cell is valid), an error deep in a
document names the file, and a unit's language roles come from its tags.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.check.langroles import lang_role, missing_role

from .conftest import GLOSSARY_CSV, TBX, TMX, invoke

UNCLOSED = ('a quoted cell is never closed: the rest of the file would be one cell. add the missing closing '
            'quote (") on that row.')
LONG_CELL = ('a cell holds 200000 characters, more than the 131072 a cell may hold. look for a quote (") that '
             'opens a cell on that row and closes it far below, or split the cell.')
EPOCH_HINT = "set it to seconds since 1970 as digits 0-9, at most 253402300799 (9999-12-31), or unset it."
NOT_DIGITS = "is not a number of seconds in ASCII digits"
DEEP_YAML = ("the YAML front matter is too large or nests too deeply (recursive aliases?). simplify the front "
             "matter between the --- lines.")
ZH_TW_SKIP = "no English <tuv> (xml:lang zh-CN, zh-TW): Chinese variants are all source text, nothing to check"
BODY = "\n# 标题\n\n人工智能的发展引起了广泛关注。\n"


def _md(tmp: Path, name: str, front: str) -> Path:
    path = tmp / name
    path.write_text(f"---\n{front}\n---\n{BODY}", encoding="utf-8")
    return path


def _strict_json(text: str) -> dict:
    """JSON as RFC 8259 has it: Infinity and NaN are not JSON."""
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")
    return json.loads(text, parse_constant=refuse)


def _last(err: str) -> str:
    return err.rstrip("\n").rsplit("\n", 1)[-1]


def _clean(run) -> None:  # noqa: ANN001 - conftest.Run
    assert "Traceback" not in run.err, run.err
    assert "internal error" not in run.err, run.err
    assert run.code != 70


# --- class 1: YAML front matter ----------------------------------------------------------

@pytest.mark.parametrize("front, key, value", [
    ("date: 2024-02-30", "date", "2024-02-30"),  # a date that does not exist
    ("date: 2023-13-01", "date", "2023-13-01"),
    ("date: 2024-02-29", "date", "2024-02-29"),  # one that does: the same string
    ("when: 2001-12-14t21:59:43.10-05:00", "when", "2001-12-14t21:59:43.10-05:00"),
    ("score: .inf", "score", ".inf"),
    ("score: -.Inf", "score", "-.Inf"),
    ("score: .nan", "score", ".nan"),
    ("score: 1e999", "score", "1e999"),  # overflows to inf
    ("score: 1.5", "score", 1.5),
    ("n: " + "9" * 5000, "n", "9" * 5000),  # past Python's int conversion limit
    ("n: 0x1F", "n", 31),
    ("blob: !!binary aGVsbG8=", "blob", "aGVsbG8="),
    ("tags: [.inf, 2024-02-30, 人工智能]", "tags", [".inf", "2024-02-30", "人工智能"]),
])
def test_front_matter_values_are_json_or_the_text_as_written(tmp_path: Path, front: str, key: str,
                                                               value: object) -> None:
    path = _md(tmp_path, "doc.md", "title: 测试\n" + front)
    run = invoke(["read", "--json", str(path)])
    _clean(run)
    assert run.code == 0, run.err
    assert _strict_json(run.out)["front_matter"][key] == value


@pytest.mark.parametrize("front", ["a: " + "[" * 3000 + "]" * 3000, "a: " + "{b: " * 60 + "1" + "}" * 60])
@pytest.mark.parametrize("command", [["read"], ["segment"], ["glossary", "extract", "-o", "-"]])
def test_front_matter_nesting_names_the_file_and_line(tmp_path: Path, front: str, command: list[str]) -> None:
    path = tmp_path / "deep.md"
    path.write_text(f"\n---\n{front}\n---\n{BODY}", encoding="utf-8")
    run = invoke([*command, str(path)])
    _clean(run)
    assert run.code == 2
    assert _last(run.err) == f"aligner: {path}:2: {DEEP_YAML}"


def test_front_matter_nesting_names_the_file_in_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus" / "zh"
    corpus.mkdir(parents=True)
    path = corpus / "deep.md"
    path.write_text("---\na: " + "[" * 3000 + "]" * 3000 + f"\n---\n{BODY}", encoding="utf-8")
    run = invoke(["build", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--scorer", "length"])
    _clean(run)
    assert run.code in (2, 3)
    assert str(path) in run.err + run.out


# --- class 1: the environment ------------------------------------------------------------

@pytest.mark.parametrize("value, what", [
    ("²", NOT_DIGITS),  # str.isdigit() says yes
    ("１７００００００００", NOT_DIGITS),  # full-width digits: int() reads them
    ("٣", NOT_DIGITS),  # Arabic-Indic digit
    ("-1", NOT_DIGITS),
    ("1e9", NOT_DIGITS),
    ("1700000000.5", NOT_DIGITS),
    ("0x10", NOT_DIGITS),
    ("now", NOT_DIGITS),
    ("99999999999999", "is out of range"),
    ("253402300800", "is out of range"),  # 10000-01-01
    ("9" * 400, "is out of range"),
])
@pytest.mark.parametrize("command", ["segment", "align"])
def test_bad_source_date_epoch_is_one_line_naming_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               value: str, what: str, command: str) -> None:
    zh = tmp_path / "zh.txt"
    zh.write_text("深度学习很重要。\n", encoding="utf-8")
    en = tmp_path / "en.txt"
    en.write_text("Deep learning matters.\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    args = ["segment", str(zh)] if command == "segment" else [
        "align", str(zh), str(en), "--scorer", "length", "--format", "tmx", "-o", str(tmp_path / "a.tmx")]
    run = invoke(args)
    _clean(run)
    assert run.code == 2
    shown = ascii(value[:40])[1:-1] + ("..." if len(value) > 40 else "")
    assert _last(run.err) == f"aligner: environment variable SOURCE_DATE_EPOCH='{shown}' {what}. {EPOCH_HINT}"
    assert not (tmp_path / "a.tmx").exists()


@pytest.mark.parametrize("value, date", [("0", "19700101T000000Z"), (" 1700000000 ", "20231114T221320Z"),
                                         ("253402300799", "99991231T235959Z")])
def test_good_source_date_epoch_sets_the_tmx_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  value: str, date: str) -> None:
    (tmp_path / "zh.txt").write_text("深度学习很重要。\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Deep learning matters.\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    run = invoke(["align", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), "--scorer", "length",
                  "--format", "tmx", "-o", str(tmp_path / "a.tmx")])
    assert run.code == 0, run.err
    assert f'creationdate="{date}"' in (tmp_path / "a.tmx").read_text(encoding="utf-8")


# --- class 1: CSV cells and quotes -------------------------------------------------------

def _csv_files(tmp: Path) -> dict[str, Path]:
    files = {
        "long_cell.csv": 'zh,en\n深度学习,"' + "x" * 200000 + '"\n',
        "long_unquoted.csv": "zh,en\n深度学习,deep learning\n学习," + "x" * 200000 + "\n",
        "long_header.csv": "zh,en," + "x" * 200000 + "\n深度学习,deep learning\n",
        "unclosed_big.csv": 'zh,en\n深度学习,"deep\n' + "学习,learning\n" * 20000,
        "unclosed_huge_line.csv": 'zh,en\n深度学习,deep learning\n学习,"' + "x" * 300000 + "\n",
        "tm_long_cell.csv": 'zh,en\n深度学习很重要。,"' + "x" * 200000 + '"\n',
        "tm_unclosed_big.csv": 'zh,en\n深度学习很重要。,"Deep\n' + "学习,learning\n" * 20000,
    }
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
    (tmp / "good.tmx").write_text(TMX, encoding="utf-8")
    (tmp / "glossary.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    return {name: tmp / name for name in files}


@pytest.mark.parametrize("name, line, message", [
    ("long_cell.csv", 2, LONG_CELL),
    ("long_unquoted.csv", 3, LONG_CELL),
    ("long_header.csv", 1, LONG_CELL),
    ("unclosed_big.csv", 2, UNCLOSED),
    ("unclosed_huge_line.csv", 3, UNCLOSED),
])
@pytest.mark.parametrize("command", ["check", "merge", "align"])
def test_csv_glossary_cells_and_quotes_are_one_line(tmp_path: Path, name: str, line: int, message: str,
                                                    command: str) -> None:
    path = _csv_files(tmp_path)[name]
    zh = tmp_path / "zh.txt"
    zh.write_text("深度学习很重要。\n", encoding="utf-8")
    args = {"check": ["check", str(tmp_path / "good.tmx"), "-g", str(path)],
            "merge": ["glossary", "merge", str(tmp_path / "glossary.csv"), str(path), "-o", str(tmp_path / "m.csv")],
            "align": ["align", str(zh), str(zh), "-g", str(path), "--scorer", "length"]}[command]
    run = invoke(args)
    _clean(run)
    assert run.code == 2
    if command != "align" or name != "long_header.csv":  # align may refuse the same-language pair first
        assert _last(run.err) == f"aligner: {path}:{line}: {message}"


@pytest.mark.parametrize("name, line, message", [("tm_long_cell.csv", 2, LONG_CELL),
                                                 ("tm_unclosed_big.csv", 2, UNCLOSED)])
def test_csv_tm_cells_and_quotes_are_one_line(tmp_path: Path, name: str, line: int, message: str) -> None:
    path = _csv_files(tmp_path)[name]
    run = invoke(["check", str(path), "-g", str(tmp_path / "glossary.csv")])
    _clean(run)
    assert run.code == 2
    assert _last(run.err) == f"aligner: {path}:{line}: {message}"


@pytest.mark.parametrize("name, text", [
    ("sources.csv", "zh,en,sources\n深度学习,deep learning,doc:" + "9" * 5000 + "\n"),
    ("arabic_digit.csv", "zh,en,sources\n深度学习,deep learning,doc:\u0663\n"),
    ("pairs.csv", "zh,en,variants,variant_sources\n深度学习,deep learning,DL,DL: doc:" + "9" * 5000
     + " (zh) / doc:1 (en)\n"),
    ("also.utf8", "深度学习\tdeep learning\tterm; attested; also: DL (aligned pair doc:" + "9" * 5000
     + " (zh) / doc:1 (en))\n"),
])
def test_line_numbers_inside_glossary_cells_are_validated(tmp_path: Path, name: str, text: str) -> None:
    """A source line in a cell is 1-9 ASCII digits or not a source line: int() refuses
    4,300 digits (was exit 70)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (tmp_path / "good.tmx").write_text(TMX, encoding="utf-8")
    run = invoke(["check", str(tmp_path / "good.tmx"), "-g", str(path)])
    _clean(run)
    assert run.code in (0, 1), run.err
    assert "against 1 glossary term" in run.out


# --- class 1: declared character sets ----------------------------------------------------

ASCII_TBX = TBX.replace("深度学习", "shendu xuexi")


@pytest.mark.parametrize("encoding, message", [
    ("punycode", "the XML declaration names 'punycode', which is not a character set"),
    ("idna", "the XML declaration names 'idna', which is not a character set"),
    ("unicode_escape", "the XML declaration names 'unicode-escape', which is not a character set"),
    ("raw-unicode-escape", "the XML declaration names 'raw-unicode-escape', which is not a character set"),
    ("undefined", "the XML declaration names 'undefined', which is not a character set"),
    ("rot13", "the XML declaration names 'rot13', which is not a character set"),
    ("base64", "the XML declaration names 'base64', which is not a character set"),
    ("zlib", "the XML declaration names 'zlib', which is not a character set"),
    ("x-klingon", "the XML declaration names an unknown encoding 'x-klingon'"),
])
@pytest.mark.parametrize("chinese", [False, True])
def test_xml_declaration_naming_no_character_set_is_one_line(tmp_path: Path, encoding: str, message: str,
                                                             chinese: bool) -> None:
    path = tmp_path / "g.tbx"
    path.write_text((TBX if chinese else ASCII_TBX).replace('encoding="UTF-8"', f'encoding="{encoding}"'),
                    encoding="utf-8")
    (tmp_path / "good.tmx").write_text(TMX, encoding="utf-8")
    run = invoke(["check", str(tmp_path / "good.tmx"), "-g", str(path)])
    _clean(run)
    assert run.code == 2
    assert _last(run.err) == f"aligner: {path}:1: {message}. declare UTF-8 and save the glossary as UTF-8."


@pytest.mark.parametrize("encoding", ["punycode", "idna", "unicode_escape", "rot13", "base64", "utf-7", "x-klingon"])
@pytest.mark.parametrize("where", ["xml", "meta"])
def test_html_page_declaring_no_character_set_is_read_by_detection(tmp_path: Path, encoding: str, where: str) -> None:
    head = (f'<?xml version="1.0" encoding="{encoding}"?>\n<html><head>' if where == "xml"
            else f'<html><head><meta charset="{encoding}">')
    path = tmp_path / "page.html"
    path.write_bytes((head + "</head><body><p>abc def</p><p>人工智能的发展。</p></body></html>\n").encode("gb18030"))
    run = invoke(["read", str(path)])
    _clean(run)
    assert run.code in (0, 2), run.err
    if run.code == 2:
        assert _last(run.err).startswith(f"aligner: {path}")


@pytest.mark.parametrize("ext, body", [("tmx", TMX), ("tbx", TBX)])
def test_xml_declaration_punycode_in_tm_and_glossary(tmp_path: Path, ext: str, body: str) -> None:
    path = tmp_path / f"x.{ext}"
    path.write_text(body.replace('encoding="UTF-8"', 'encoding="punycode"'), encoding="utf-8")
    (tmp_path / "good.tmx").write_text(TMX, encoding="utf-8")
    (tmp_path / "g.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    args = ["check", str(path), "-g", str(tmp_path / "g.csv")] if ext == "tmx" else [
        "check", str(tmp_path / "good.tmx"), "-g", str(path)]
    run = invoke(args)
    _clean(run)
    assert run.code == 2
    assert _last(run.err).startswith(f"aligner: {path}:1: ")


# --- class 1: the standard streams (a real process: the test runner replaces them) -------

def _aligner(args: str, tmp: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = f"{sys.executable} -m aligner {args}"
    return subprocess.run(["bash", "-c", command], cwd=tmp, capture_output=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("command", ["read -", "segment -", "check - -g g.csv"])
def test_closed_stdin_is_one_line(tmp_path: Path, command: str) -> None:
    (tmp_path / "g.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    proc = _aligner(command + " <&-", tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert err == ("aligner: <stdin>: standard input is closed. pipe or redirect a file into aligner "
                   "(aligner read - < FILE), or give the file's path.\n")


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1252", "koi8-r"])
def test_stdout_in_a_non_unicode_encoding_gets_utf8(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "名字.txt").write_text("深度学习很重要。\n", encoding="utf-8")
    proc = _aligner("segment 名字.txt", tmp_path, {"PYTHONIOENCODING": encoding})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == "1\t深度学习很重要。\n"
    proc = _aligner("read nope名字.txt", tmp_path, {"PYTHONIOENCODING": encoding})
    assert proc.returncode == 2
    err = proc.stderr.decode(encoding, "replace")  # click itself writes UTF-8 to an ASCII stream
    assert "Traceback" not in err
    assert err.startswith("aligner: nope") and err.endswith(": file not found. check the path.\n")


# --- class 4: line numbers are the csv module's ------------------------------------------

SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("sep", SEPARATORS, ids=[f"U+{ord(s):04X}" for s in SEPARATORS])
@pytest.mark.parametrize("fmt", ["csv", "utf8"])
def test_line_separators_inside_a_cell_are_valid(tmp_path: Path, sep: str, fmt: str) -> None:
    delimiter = "," if fmt == "csv" else "\t"
    rows = [f"深度{sep}学习{delimiter}deep{sep}learning", f"机器学习{delimiter}machine learning"]
    path = tmp_path / f"g.{fmt}"
    path.write_text(("zh,en\n" if fmt == "csv" else "") + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "good.tmx").write_text(TMX, encoding="utf-8")
    run = invoke(["check", str(tmp_path / "good.tmx"), "-g", str(path)])
    _clean(run)
    assert run.code == 0, run.err
    assert "against 2 glossary terms" in run.out


@pytest.mark.parametrize("fmt, bad, message", [
    ("csv", "坏,", "row has an empty en cell. fill in both terms or delete the row."),
    ("utf8", "坏", "line is not 'source<TAB>target[<TAB>comment]'. separate the Chinese term and its "
                  "translation with one tab."),
])
def test_an_error_after_separator_cells_names_its_own_line(tmp_path: Path, fmt: str, bad: str, message: str) -> None:
    delimiter = "," if fmt == "csv" else "\t"
    header = ["zh,en"] if fmt == "csv" else []
    rows = header + [f"术语{i}{delimiter}term{SEPARATORS[i % len(SEPARATORS)]}{i}" for i in range(8)] + [bad]
    path = tmp_path / f"g.{fmt}"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "good.tmx").write_text(TMX, encoding="utf-8")
    run = invoke(["check", str(tmp_path / "good.tmx"), "-g", str(path)])
    _clean(run)
    assert run.code == 2
    assert _last(run.err) == f"aligner: {path}:{len(rows)}: {message}"


def test_no_module_numbers_lines_with_splitlines() -> None:
    """The mechanism, not the examples: str.splitlines() cuts at U+000B, U+2028... that a
    file's lines (and the csv module) do not; the package never uses it."""
    package = Path(__file__).resolve().parents[2] / "aligner"
    users = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "splitlines":
                users.append(f"{path.relative_to(package)}:{node.lineno}")
    assert users == []


# --- class 4: an error deep inside a reader names the file -------------------------------

def test_a_parser_outrun_by_nesting_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import aligner.documents.reader as reader

    def outrun(*_args: object, **_kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(reader, "clean_text", outrun)
    path = tmp_path / "doc.txt"
    path.write_text("人工智能的发展引起了广泛关注。\n", encoding="utf-8")
    run = invoke(["read", str(path)])
    assert run.code == 2
    assert run.err == (f"aligner: {path}: the file nests too deeply to read. simplify the nesting (lists, quotes, "
                       "brackets or elements inside one another).\n")


# --- class 4: language roles come from the tags ------------------------------------------

def _tmx_with(langs: tuple[str, str]) -> str:
    texts = {"zh-CN": "深度学习很重要。", "zh-TW": "深度學習很重要。", "zh-Hans": "深度学习很重要。", "yue": "深度學習好重要。",
             "ja": "深層学習は重要だ。", "en-US": "Deep learning matters.", "en-GB": "Deep learning matters.",
             "fr": "L'apprentissage profond compte."}
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{texts[lang]}</seg></tuv>' for lang in langs)
    return TMX.replace(TMX[TMX.index("<tu>"):TMX.index("</tu>") + 5], f"<tu>{tuvs}</tu>")


@pytest.mark.parametrize("langs, reason", [
    (("zh-CN", "zh-TW"), ZH_TW_SKIP),
    (("zh-TW", "zh-CN"), "no English <tuv> (xml:lang zh-TW, zh-CN): Chinese variants are all source text, "
                         "nothing to check"),
    (("zh-Hans", "yue"), "no English <tuv> (xml:lang zh-Hans, yue): Chinese variants are all source text, "
                         "nothing to check"),
    (("zh-CN", "ja"), "no English <tuv> (xml:lang zh-CN, ja): a zh-en glossary checks English translations only, "
                      "nothing to check"),
    (("en-US", "en-GB"), "no Chinese <tuv> (xml:lang en-US, en-GB): nothing to check against the glossary"),
    (("fr", "ja"), "no Chinese or English <tuv> (xml:lang fr, ja): nothing to check"),
])
def test_a_unit_without_a_chinese_and_an_english_side_is_skipped_with_its_reason(
        tmp_path: Path, langs: tuple[str, str], reason: str) -> None:
    path = tmp_path / "tm.tmx"
    path.write_text(_tmx_with(langs), encoding="utf-8")
    (tmp_path / "g.csv").write_text(GLOSSARY_CSV, encoding="utf-8")
    run = invoke(["check", str(path), "-g", str(tmp_path / "g.csv")])
    _clean(run)
    assert run.code == 0, run.err
    assert f"unit skipped at {path}:4: {reason}\n" in run.out
    assert "finding (" not in run.out  # zh-TW is not checked as if it were the English
    run = invoke(["check", "--strict", str(path), "-g", str(tmp_path / "g.csv")])
    assert run.code == 2
    assert _last(run.err) == f"aligner: {path}:4: {reason}. repair the unit, or drop --strict to skip and count it."


@pytest.mark.parametrize("langs", [("zh-TW", "en-GB"), ("zh-Hans", "en-US"), ("yue", "en-US")])
def test_chinese_variants_with_english_are_checked(tmp_path: Path, langs: tuple[str, str]) -> None:
    path = tmp_path / "tm.tmx"
    path.write_text(_tmx_with(langs), encoding="utf-8")
    (tmp_path / "g.csv").write_text("zh,en\n深度学习,deep learning\n深度學習,deep learning\n", encoding="utf-8")
    run = invoke(["check", str(path), "-g", str(tmp_path / "g.csv")])
    assert run.code == 0, run.err
    assert "unit skipped" not in run.out


@pytest.mark.parametrize("tag, role", [("zh-CN", "zh"), ("ZH_tw", "zh"), ("cmn-Hans", "zh"), ("yue-HK", "zh"),
                                       ("en", "en"), ("EN-gb", "en"), ("eng", "en"), ("ja", "other"), ("", "")])
def test_lang_role(tag: str, role: str) -> None:
    assert lang_role(tag) == role


def test_an_untagged_side_is_left_to_the_text() -> None:
    assert missing_role(["zh-CN", ""]) == ""
    assert missing_role(["zh-CN"]) == ""
