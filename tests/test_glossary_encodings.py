"""Glossaries in the encodings translators receive them in: decoded as documents are.

Chinese Excel saves CSV in GBK (code page 936) and "Unicode text" as UTF-16; an XML
glossary may declare a legacy encoding. All are read; bytes that are no supported
encoding are one typed error with the file, the line and a lower-case fix, exit 2.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.errors import EncodingError
from aligner.formats.glossary_read import GlossaryFormat, read_glossary_file

# the header row Chinese Excel users write, and terms outside GB2312 (镕) and outside the
# BMP (𠀀 U+20000, four bytes in GB18030) so a narrower codec would fail
GBK_CSV = "中文,英文\n神经网络,neural network\n深度学习,deep learning\n朱镕基,Zhu Rongji\n"
GB18030_TSV = "zh\ten\n模型\tmodel\n𠀀\tU+20000\n"


def runner() -> CliRunner:
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


def pairs(path: Path) -> list[tuple[str, str]]:
    return [(e.zh, e.en) for e in read_glossary_file(path).entries]


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "excel.csv").write_bytes(GBK_CSV.encode("gbk"))
    (tmp_path / "terms.tsv").write_bytes(GB18030_TSV.encode("gb18030"))
    (tmp_path / "tm.csv").write_text("zh,en\n神经网络很强,Neural networks are strong\n深度学习,Deep study\n",
                                     encoding="utf-8")
    return tmp_path


def test_gbk_csv_from_chinese_excel(files: Path) -> None:
    reading = read_glossary_file(files / "excel.csv")
    assert reading.format is GlossaryFormat.CSV
    assert pairs(files / "excel.csv") == [("神经网络", "neural network"), ("深度学习", "deep learning"),
                                          ("朱镕基", "Zhu Rongji")]


def test_gb18030_tsv_with_a_four_byte_character(files: Path) -> None:
    assert pairs(files / "terms.tsv") == [("模型", "model"), ("𠀀", "U+20000")]


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(b"\xff\xfe" + "zh\ten\r\n模型\tmodel\r\n".encode("utf-16-le"))
    assert pairs(path) == [("模型", "model")]


def test_xml_declaration_names_the_encoding(tmp_path: Path) -> None:
    tbx = ('<?xml version="1.0" encoding="{}"?>\n<martif type="TBX" xml:lang="en"><text><body><termEntry>'
           '<langSet xml:lang="zh"><tig><term>{}</term></tig></langSet>'
           '<langSet xml:lang="en"><tig><term>café</term></tig></langSet>'
           '</termEntry></body></text></martif>\n')
    latin = tmp_path / "latin.tbx"  # é alone would pass for half a GBK character
    latin.write_bytes(tbx.format("ISO-8859-1", "&#21654;&#21857;&#39302;").encode("latin-1"))
    assert pairs(latin) == [("咖啡馆", "café")]
    gb = tmp_path / "gb.tbx"  # files declared GB2312 are GBK in practice: 镕 is not in GB2312
    gb.write_bytes(tbx.format("GB2312", "朱镕基").encode("gbk"))
    assert pairs(gb) == [("朱镕基", "café")]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("odd.tbx", b'<?xml version="1.0" encoding="x-klingon"?>\n<martif/>\n',
         "1: the XML declaration names an unknown encoding 'x-klingon'. declare UTF-8 and save the glossary as UTF-8."),
        # a document skips a few bad bytes (counted); a glossary term must never hold U+FFFD
        ("g.csv", "zh,en\n咖啡馆,caf".encode() + b"\xe9\n",
         "2: invalid UTF-8 byte 0xe9 at column 14. repair the term or re-save the glossary as UTF-8."),
        ("junk.csv", b"zh,en\n" + b"\x80\xff\xfe\x81" * 60 + b"\n",
         "2: cannot decode byte 0x80 at column 1: the file is not UTF-8, UTF-16, GB18030/GBK or Big5. "
         "re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)."),
    ],
    ids=["unknown-declared-encoding", "one-bad-byte", "no-supported-encoding"],
)
def test_undecodable_glossaries_are_one_line_errors(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(EncodingError) as caught:
        read_glossary_file(path)
    assert str(caught.value) == f"{path}:{message}"


def test_merge_reads_gbk_and_gb18030(files: Path) -> None:
    out = files / "merged.csv"
    result = runner().invoke(cli, ["glossary", "merge", str(files / "terms.tsv"), str(files / "excel.csv"),
                                   "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("aligner: 5 terms: kept all 3 of yours, added 2 of ours, 0 agreed, 0 differ; "
                             f"wrote csv to {out}\n")
    rows = [line.split(",")[:2] for line in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(rows) == sorted([["神经网络", "neural network"], ["深度学习", "deep learning"],
                                   ["朱镕基", "Zhu Rongji"], ["模型", "model"], ["𠀀", "U+20000"]])


@pytest.mark.parametrize("glossary", ["excel.csv", "terms.tsv"])
def test_check_reads_gbk_and_gb18030_glossaries(files: Path, glossary: str) -> None:
    result = runner().invoke(cli, ["check", str(files / "tm.csv"), "-g", str(files / glossary), "--json"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["glossary"]["entries"] == (3 if glossary == "excel.csv" else 2)
    if glossary == "excel.csv":  # the GBK terms really are matched against the TM
        assert [(f["source_term"], f["expected"]) for f in report["findings"]] == [("深度学习", ["deep learning"])]


@pytest.mark.parametrize("command", [["check", "{d}/tm.csv", "-g", "{g}"], ["glossary", "merge", "{g}", "{g}"]])
def test_undecodable_glossary_is_one_line_exit_2(tmp_path: Path, command: list[str]) -> None:
    glossary = tmp_path / "junk.csv"
    glossary.write_bytes(b"zh,en\n" + b"\x80\xff\xfe\x81" * 60 + b"\n")
    (tmp_path / "tm.csv").write_text("zh,en\n模型,model\n", encoding="utf-8")
    args = [part.format(d=tmp_path, g=glossary) for part in command]
    result = runner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"aligner: {glossary}:2: cannot decode byte 0x80 at column 1: the file is not UTF-8, UTF-16, "
        "GB18030/GBK or Big5. re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8).\n")
