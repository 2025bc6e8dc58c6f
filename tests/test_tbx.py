"""TBX v2 (martif) and TBX-Basic v3 writers: golden files, what each entry carries, a round
trip through translate-toolkit (v2) and lxml (v3), and validity against the official TBX
schemas in ../shared/schemas (RelaxNG and Schematron; tests/tbx_schemas.py)."""
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
from aligner.formats.tbx import BASIC_NS, MIN_NS, TBX3_NS, TbxVersion, write_tbx
from aligner.formats.xmltext import has_han, xml_clean
from aligner.model import Source, TermEntry, TermKind, TermStatus, VariantSource
from tests.formats_helpers import load_entries
from tests.tbx_schemas import schemas_dir, validate_v2, validate_v3

DATA = Path(__file__).parent / "data" / "formats"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SIGNATURE = "aligner|glossary|src:zh-CN|tgt:en-US|version:0.1.0"
T = f"{{{TBX3_NS}}}"
B = f"{{{BASIC_NS}}}"
M = f"{{{MIN_NS}}}"


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
    # partOfSpeech and administrativeStatus are the Min module's, not the Basic module's;
    # TBX-Basic v3 has no properNoun, so a name is a noun whose kind the entry's note keeps
    assert term_sec.findtext(f"{M}administrativeStatus") == "preferredTerm-admn-sts"
    assert term_sec.findtext(f"{M}partOfSpeech") == "noun"
    assert entry.findtext(f"{T}note") == "kind: person"
    assert term_sec.find(f"{B}partOfSpeech") is None and term_sec.find(f"{B}administrativeStatus") is None
    en_terms = entry.findall(f"{T}langSec[2]/{T}termSec")
    assert [(t.findtext(f"{T}term"), t.findtext(f"{B}termType")) for t in en_terms] == [("Yann LeCun", None), ("LeCun", "variant")]


def every_kind_and_status() -> list[TermEntry]:
    """One entry for each kind and status, with every field our writers map to TBX."""
    entries = []
    for number, kind in enumerate(TermKind):
        for status in TermStatus:
            zh, en = f"术语{number}{status.value[0]}", f"term {number} {status.value}"
            entries.append(TermEntry(
                zh, en, kind=kind, status=status, definition="一个定义。" if number % 2 else "A definition.",
                sources=(Source("doc", number + 1), Source("other", 7)), variants=(f"{zh}变体", f"{en} variant"),
                evidence="paren", keep_as_is=number == 2,
                variant_sources=(VariantSource(f"{en} variant", Source("doc", 3), Source("doc", 40)),),
            ))
    return entries


@pytest.mark.parametrize(("version", "validate"), [(TbxVersion.V2, validate_v2), (TbxVersion.V3, validate_v3)])
def test_every_kind_and_status_passes_the_official_schemas(tmp_path: Path, version: TbxVersion, validate) -> None:
    for name, entries in (("fixture", load_entries()), ("every-kind", every_kind_and_status())):
        path = tmp_path / f"{name}.tbx"
        write_tbx(entries, path, version=version, srclang="zh-Hans", tgtlang="en-GB")
        assert validate(etree.parse(str(path))) == [], name


def test_the_schemas_have_teeth(tmp_path: Path) -> None:
    """What the v3 writer used to write (partOfSpeech properNoun in the Basic module) and a
    v2 part of speech outside TBX-Basic's picklist are refused, so a pass means something."""
    write_tbx(load_entries(), tmp_path / "v3.tbx", version=TbxVersion.V3)
    document = etree.parse(str(tmp_path / "v3.tbx"))
    pos = document.find(f".//{M}partOfSpeech")
    pos.tag, pos.text = f"{B}partOfSpeech", "properNoun"
    errors = validate_v3(document)
    assert errors and all("Basic.rng" in e and "<partOfSpeech>" in e for e in errors), errors
    pos.tag = f"{M}partOfSpeech"
    assert validate_v3(document) and all("Min.rng" in e for e in validate_v3(document))
    pos.text = "noun"
    definition = document.find(f".//{B}definition")
    definition.getparent().find(f"{T}termSec").append(definition)  # a definition belongs to langSec
    assert [e.split(":")[0] for e in validate_v3(document)] == ["Basic.sch"]

    write_tbx(load_entries(), tmp_path / "v2.tbx", version=TbxVersion.V2)
    document = etree.parse(str(tmp_path / "v2.tbx"))
    document.find(".//termNote[@type='partOfSpeech']").text = "properName"
    assert [e.split(":")[0] for e in validate_v2(document)] == ["TBXBasicRNGV02.rng (Schematron)"]


def test_v3_xml_model_names_the_published_dialect_schemas(tmp_path: Path) -> None:
    """The <?xml-model?> lines name the TBX-Basic dialect's published NVDL and DCT Schematron
    (those the NVDL itself names), files that exist: the local copies carry the same names."""
    write_tbx(load_entries(), tmp_path / "g.tbx", version=TbxVersion.V3)
    document = etree.parse(str(tmp_path / "g.tbx"))
    models = [pi for pi in document.getroot().itersiblings(preceding=True) if isinstance(pi, etree._ProcessingInstruction)]
    hrefs = [pi.get("href") for pi in reversed(models)]
    dialect = "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCT/"
    assert hrefs == [dialect + "TBX-Basic.nvdl", dialect + "TBX-Basic_DCT.sch"]
    v3 = schemas_dir() / "v3"
    assert all((v3 / href.rsplit("/", 1)[1]).is_file() for href in hrefs)
    nvdl = (v3 / "TBX-Basic.nvdl").read_text(encoding="utf-8")
    assert f'schema="{dialect}TBX-Basic_DCT.sch"' in nvdl
    assert [pi.get("schematypens") for pi in reversed(models)] == [
        "http://purl.oclc.org/dsdl/nvdl/ns/structure/1.0", "http://purl.oclc.org/dsdl/schematron"]


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
