"""TBX v2 (martif) and TBX-Basic v3 writers: golden files, what each entry carries, and a
round trip through translate-toolkit (v2) and lxml (v3)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage.tbx import tbxfile

from aligner.errors import UsageError
from aligner.formats.tbx import BASIC_NS, TBX3_NS, TbxVersion, write_tbx
from aligner.formats.xmltext import has_han, xml_clean
from aligner.model import Source, TermEntry
from tests.formats_helpers import load_entries

DATA = Path(__file__).parent / "data" / "formats"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIGNATURE = "aligner|glossary|src:zh-CN|tgt:en-US|version:0.1.0"
T = f"{{{TBX3_NS}}}"
B = f"{{{BASIC_NS}}}"


@pytest.mark.parametrize(("version", "golden"), [(TbxVersion.V2, "small.tbx"), (TbxVersion.V3, "small.v3.tbx")])
def test_golden_file(tmp_path: Path, version: TbxVersion, golden: str) -> None:
    out = tmp_path / golden
    report = write_tbx(load_entries(), out, version=version, signature=SIGNATURE)
    if os.environ.get("UPDATE_GOLDEN"):
        (DATA / golden).write_bytes(out.read_bytes())
    assert out.read_bytes() == (DATA / golden).read_bytes()
    assert (report.entries, report.terms, report.skipped_empty) == (6, 15, 0)


def test_v2_reads_back_with_translate_toolkit(tmp_path: Path) -> None:
    write_tbx(load_entries(), tmp_path / "g.tbx", version=TbxVersion.V2)
    units = tbxfile((tmp_path / "g.tbx").open("rb")).units
    assert [(u.source, u.target) for u in units[:3]] == [
        ("杨立昆", "Yann LeCun"), ("有效加速主义", "effective accelerationism"), ("通用人工智能", "AGI"),
    ]
    # variants become extra terms in the language they are written in
    # (read from the unit's element: get_source_terms() only exists from translate-toolkit 3.20)
    zh, en = units[1].xmlelement.findall("langSet")
    assert [t.text for t in zh.iter("term")] == ["有效加速主义", "有效加速"]
    assert [t.text for t in en.iter("term")] == ["effective accelerationism", "e/acc"]
    assert units[0].getnotes() == "kind: person\nevidence: paren"


def test_v2_entry_carries_kind_status_sources_definition(tmp_path: Path) -> None:
    write_tbx(load_entries(), tmp_path / "g.tbx", version=TbxVersion.V2)
    root = etree.parse(str(tmp_path / "g.tbx")).getroot()
    assert root.tag == "martif"
    entries = root.findall("text/body/termEntry")
    person, concept, abbreviation, proposed = entries[:4]
    assert [a.text for a in person.findall("admin[@type='source']")] == ["fixture:3", "other_doc:12"]
    assert person.findtext("langSet/tig/termNote[@type='partOfSpeech']") == "properNoun"
    assert person.findtext("langSet/tig/termNote[@type='administrativeStatus']") == "preferredTerm-admn-sts"
    assert [ls.get(XML_LANG) for ls in person.findall("langSet")] == ["zh-CN", "en-US"]
    # an English definition sits in the English langSet, a Chinese one in the Chinese langSet
    assert concept.find("langSet[2]/descrip[@type='definition']").text.startswith("A movement")
    assert abbreviation.find("langSet[1]/descrip[@type='definition']").text.startswith("通用人工智能，")
    assert abbreviation.findtext("langSet[2]/tig/termNote[@type='termType']") == "abbreviation"
    assert proposed.findtext("langSet[2]/tig/termNote[@type='administrativeStatus']") == "admittedTerm-admn-sts"
    assert proposed.findtext("langSet[2]/tig/note").startswith("status: proposed: English form made by the tool")


def test_v3_is_tbx_basic_dct(tmp_path: Path) -> None:
    write_tbx(load_entries(), tmp_path / "g.tbx", version="tbx3", srclang="zh-Hans", tgtlang="en-GB")
    root = etree.parse(str(tmp_path / "g.tbx")).getroot()
    assert root.tag == f"{T}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dct")
    entry = root.find(f"{T}text/{T}body/{T}conceptEntry")
    assert [e.text for e in entry.findall(f"{B}source")] == ["fixture:3", "other_doc:12"]
    assert [ls.get(XML_LANG) for ls in entry.findall(f"{T}langSec")] == ["zh-Hans", "en-GB"]
    term_sec = entry.find(f"{T}langSec/{T}termSec")
    assert term_sec.findtext(f"{T}term") == "杨立昆"
    assert term_sec.findtext(f"{B}administrativeStatus") == "preferredTerm-admn-sts"


def test_unknown_version_and_language_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown TBX version 'tbx4'"):
        write_tbx([], tmp_path / "g.tbx", version="tbx4")
    with pytest.raises(UsageError, match="unsupported --srclang 'ja'"):
        write_tbx([], tmp_path / "g.tbx", srclang="ja")
    assert not (tmp_path / "g.tbx").exists()


def test_empty_terms_are_skipped_and_counted(tmp_path: Path) -> None:
    report = write_tbx([TermEntry("\x01", "x"), TermEntry("词", "word")], tmp_path / "g.tbx")
    assert (report.entries, report.skipped_empty, report.control_chars_removed) == (1, 1, 1)
    assert report.skipped == ["entry 1 ('\\x01' / 'x'): empty term"]


awkward = st.sampled_from(["\x00", "\x0b", "\r", "\ufffe", "&", "<", "]]>", "\U0001f600", " ", "\u3000", "中"])
term = st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), awkward), min_size=1, max_size=20).map("".join)


def _expected(text: str) -> str:
    return xml_clean(text)[0].strip()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=st.lists(st.tuples(term, term, term), min_size=1, max_size=4))
def test_any_text_round_trips(pairs: list[tuple[str, str, str]]) -> None:
    entries = [TermEntry(zh, en, definition=d, sources=(Source("d", 1),)) for zh, en, d in pairs]
    kept = [(_expected(zh), _expected(en), _expected(d)) for zh, en, d in pairs if _expected(zh) and _expected(en)]
    with tempfile.TemporaryDirectory() as tmp:
        v2, v3 = Path(tmp) / "v2.tbx", Path(tmp) / "v3.tbx"
        write_tbx(entries, v2, version=TbxVersion.V2)
        write_tbx(entries, v3, version=TbxVersion.V3)
        units = tbxfile(v2.open("rb")).units
        assert [(u.source, u.target) for u in units] == [(zh, en) for zh, en, _ in kept]
        root = etree.parse(str(v3)).getroot()
        got = []
        for entry in root.iter(f"{T}conceptEntry"):
            zh_sec, en_sec = entry.findall(f"{T}langSec")
            definition = zh_sec.findtext(f"{B}definition") or en_sec.findtext(f"{B}definition") or ""
            got.append((zh_sec.findtext(f"{T}termSec/{T}term"), en_sec.findtext(f"{T}termSec/{T}term"), definition))
        assert got == kept
        for (_, _, d), entry in zip(kept, root.iter(f"{T}conceptEntry")):
            if d:  # the definition sits in the language section of its own language
                zh_sec = entry.find(f"{T}langSec")
                assert (zh_sec.findtext(f"{B}definition") == d) == has_han(d)


def test_v2_validates_against_omegats_tbx_schema(tmp_path: Path) -> None:
    """OmegaT 3.6 reads TBX with JAXB classes generated from schemas/tbx.xsd in its jar
    (the TBX core structure); a file valid there is one OmegaT can unmarshal."""
    import zipfile

    jar = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
    if not jar.is_file():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"{jar} not found (install with .ci/install-omegat)")
    with zipfile.ZipFile(jar) as archive:
        for name in ("tbx.xsd", "xml.xsd"):
            (tmp_path / name).write_bytes(archive.read(f"schemas/{name}"))
    schema = etree.XMLSchema(etree.parse(str(tmp_path / "tbx.xsd")))
    write_tbx(load_entries(), tmp_path / "g.tbx", version=TbxVersion.V2)
    document = etree.parse(str(tmp_path / "g.tbx"))
    assert schema.validate(document), schema.error_log
    term = document.find(".//tig/term")
    term.getparent().remove(term)  # a tig without its term must fail: the check has teeth
    assert not schema.validate(document)
