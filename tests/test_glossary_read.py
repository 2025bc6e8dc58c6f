"""Glossary readers: TBX v2 and v3, CSV with a header, OmegaT tab-separated; our own output
reads back; unsafe XML (XXE, billion laughs) is refused without reading or expanding."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner.errors import EncodingError, FormatError, InputError
from aligner.formats.glossary_read import (
    GlossaryFormat, detect_format, read_glossary, read_glossary_file, read_glossary_text,
)
from aligner.model import Source, TermEntry, TermKind, TermStatus

DATA = Path(__file__).parent / "data" / "check"


def test_tbx_v2_statuses_become_variants_and_forbidden() -> None:
    reading = read_glossary_file(DATA / "glossary_v2.tbx")
    assert reading.format is GlossaryFormat.TBX2
    assert reading.entries == [
        TermEntry("智能体", "agent", definition="An agent is a system that acts on its own.",
                  variants=("代理", "AI agent"), forbidden=("intelligent body",)),
        TermEntry("DeepSeek", "DeepSeek", keep_as_is=True),
    ]
    # the fr/en entry is not silently dropped
    assert reading.skipped == [(42, "no Chinese term")]


def test_tbx_v3_dct_and_dca() -> None:
    reading = read_glossary_file(DATA / "glossary_v3.tbx")
    assert reading.format is GlossaryFormat.TBX3
    assert reading.entries == [
        TermEntry("大语言模型", "large language model", definition="以大语言模型为核心的系统。",
                  variants=("LLM",), forbidden=("big language model",)),
        TermEntry("对齐", "alignment"),
    ]


def test_csv_with_header() -> None:
    entries = read_glossary(DATA / "glossary.csv")
    assert entries[1] == TermEntry("有效加速主义", "effective accelerationism", variants=("e/acc",))
    assert entries[4] == TermEntry("DeepSeek", "DeepSeek", definition="Chinese AI company",
                                   keep_as_is=True)
    assert entries[7].forbidden == ("intelligent body",)


def test_source_target_header_and_tabs() -> None:
    text = "source\ttarget\tnote\n加速主义\taccelerationism\t\n"
    assert read_glossary_text(text, "g.tsv").entries == [TermEntry("加速主义", "accelerationism")]


def test_omegat_tab_file() -> None:
    reading = read_glossary_file(DATA / "glossary.utf8")
    assert reading.format is GlossaryFormat.OMEGAT
    assert reading.entries == [
        TermEntry("加速主义", "accelerationism", definition="a philosophy of speeding up"),
        TermEntry("有效加速主义", "effective accelerationism"),
    ]


def test_translate_toolkit_csv2tbx_output(tmp_path: Path) -> None:
    """csv2tbx labels the languages en/xx; the reader decides by the script instead."""
    (tmp_path / "g.csv").write_text("source,target\n加速主义,accelerationism\n对齐,alignment\n",
                                    encoding="utf-8")
    subprocess.run([str(Path(sys.executable).parent / "csv2tbx"), "--progress", "none",
                    "-i", str(tmp_path / "g.csv"), "-o", str(tmp_path / "g.tbx")], check=True)
    assert read_glossary(tmp_path / "g.tbx") == [TermEntry("加速主义", "accelerationism"),
                                                 TermEntry("对齐", "alignment")]


ENTRIES = [
    TermEntry("加速主义", "accelerationism", TermKind.CONCEPT, (Source("doc", 3), Source("doc", 9)),
              definition="a view", variants=("加速论", "acceleration-ism")),
    TermEntry("DeepSeek", "DeepSeek", TermKind.ORG, (Source("d2", 1),), keep_as_is=True,
              evidence="latin"),
    TermEntry("王小明", "Wang Xiaoming", TermKind.PERSON, (Source("d2", 1),),
              status=TermStatus.PROPOSED, evidence="pinyin"),
]


def _comparable(entries: list[TermEntry]) -> list[tuple]:
    return [(e.zh, e.en, e.kind, e.sources, e.status, e.definition, frozenset(e.variants),
             e.keep_as_is) for e in entries]


@pytest.mark.parametrize("suffix", ["tbx", "tbx3", "csv", "utf8"])
def test_our_own_glossary_files_read_back(tmp_path: Path, suffix: str) -> None:
    from aligner.formats.glossary_files import write_csv, write_utf8
    from aligner.formats.tbx import TbxVersion, write_tbx

    path = tmp_path / f"glossary.{suffix}"
    if suffix == "tbx":
        write_tbx(ENTRIES, path, version=TbxVersion.V2)
    elif suffix == "tbx3":
        write_tbx(ENTRIES, path, version=TbxVersion.V3)
    elif suffix == "csv":
        write_csv(ENTRIES, path)
    else:
        write_utf8(ENTRIES, path)
    got = read_glossary(path)
    assert _comparable(got) == _comparable(ENTRIES)
    if suffix != "utf8":  # the OmegaT comment has no room for the evidence
        assert got == [TermEntry(**{**e.__dict__, "variants": g.variants})
                       for e, g in zip(ENTRIES, got)]


@pytest.mark.parametrize("prefix", ["", "\ufeff", "# exported by a tool\n\n"])
def test_a_hash_header_names_the_columns(prefix: str) -> None:
    """Our CSV writes its header as '#zh,en,...' (OmegaT skips '#' lines); a '#' line that
    names a zh and an en column is the header, any other '#' line a comment."""
    text = prefix + "# zh: not the header\r\n#zh,en,kind\r\n杨立昆,Yann LeCun,person\r\n大模型,large model,concept\r\n"
    assert detect_format(text, "g.csv") is GlossaryFormat.CSV
    got = read_glossary_text(text, "g.csv").entries
    assert [(e.zh, e.en, e.kind) for e in got] == [
        ("杨立昆", "Yann LeCun", TermKind.PERSON), ("大模型", "large model", TermKind.CONCEPT)]


# --- unsafe XML ---------------------------------------------------------------------------

XXE = """<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry>
<langSet xml:lang="zh"><tig><term>加速主义</term></tig></langSet>
<langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet>
</termEntry></body></text></martif>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<martif type="TBX"><text><body><termEntry>
<langSet xml:lang="zh"><tig><term>加速主义</term></tig></langSet>
<langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet>
</termEntry></body></text></martif>
"""


def test_xxe_is_refused_and_never_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "xxe.tbx"
    path.write_text(XXE, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_glossary(path)
    assert str(caught.value) == (
        f"{path}:2: the file declares the XML entity xxe. remove the <!DOCTYPE ...[...]> entity "
        "declarations and write the characters themselves; entities are refused for safety.")
    assert "root:" not in str(caught.value)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "laughs.tbx"
    path.write_text(LAUGHS, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(FormatError) as caught:
        read_glossary(path)
    assert time.perf_counter() - start < 2
    assert str(caught.value).startswith(f"{path}:3: the file declares the XML entity lol.")


def test_undeclared_entity_reference_is_refused(tmp_path: Path) -> None:
    """An entity from an external DTD is never fetched; its reference is an error."""
    path = tmp_path / "ext.tbx"
    path.write_text(XXE.replace('[<!ENTITY xxe SYSTEM "file:///etc/passwd">]',
                                'SYSTEM "http://example.invalid/evil.dtd"'), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_glossary(path)
    assert "xxe" in str(caught.value) and "root:" not in str(caught.value)


# --- bad input: file:line and the fix ----------------------------------------------------------

@pytest.mark.parametrize("name, content, error, message", [
    ("g.csv", "加速主义,accelerationism\n", FormatError,
     "g.csv:1: CSV glossary has no header row naming its columns. "
     "add a first row such as 'zh,en' (or 'source,target')."),
    ("g.csv", "zh,en\n加速主义,accelerationism\n对齐,\n", FormatError,
     "g.csv:3: row has an empty en cell. fill in both terms or delete the row."),
    ("g.utf8", "加速主义\taccelerationism\n对齐 alignment\n", FormatError,
     "g.utf8:2: line is not 'source<TAB>target[<TAB>comment]'. "
     "separate the Chinese term and its translation with one tab."),
    ("g.tbx", "<martif><text><body><termEntry></body></text></martif>", FormatError,
     "g.tbx:1: not well-formed XML at column 39: <termEntry> (opened on line 1) is closed by </body>. "
     "close <termEntry> before </body>, or remove the stray tag."),
    ("g.tbx", "<tmx version='1.4'/>", FormatError,
     "g.tbx:1: XML root <tmx> is not a glossary. "
     "give a TBX file (root <martif> for TBX v2 or <tbx> for TBX v3)."),
])
def test_bad_glossary_messages(tmp_path: Path, name: str, content: str, error: type,
                               message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error) as caught:
        read_glossary(path)
    assert str(caught.value) == f"{tmp_path}/{message}"


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.utf8"
    path.write_bytes("加速主义\taccelerationism\n".encode() + "对齐\talignment\n".encode("gb18030"))
    with pytest.raises(EncodingError) as caught:
        read_glossary(path)
    assert str(caught.value) == (f"{path}:2: invalid UTF-8 byte 0xb6 at column 1. repair the term or "
                                 "re-save the glossary as UTF-8.")


def test_missing_glossary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="glossary file not found"):
        read_glossary(tmp_path / "none.tbx")
