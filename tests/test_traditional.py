"""Traditional Chinese sources (zh-TW, zh-HK, zh-Hant): language tags end to end, words and
dictionary look-ups through a Simplified lookup form, and text that is never converted.

The fixture (tests/data/traditional/corpus) is a short product page written for these tests.
Most checks compare a Traditional text with its character-for-character Simplified twin, so
they hold for any Traditional text, not only for the fixture's words.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from aligner.cedict import raw_glosses
from aligner.cli import cli
from aligner.documents import read_document
from aligner.formats.glossary_read import read_glossary
from aligner.formats.langs import SourceLang, source_lang
from aligner.formats.tmx import write_tmx
from aligner.glossary import extract_terms
from aligner.model import TranslationUnit
from aligner.script import cut_like, is_traditional, lookup_form, simplified_chars, srclang_note
from aligner.segment import words

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "traditional" / "corpus"
ZH = CORPUS / "zh" / "product.txt"
EN = CORPUS / "en" / "product.txt"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _runner() -> CliRunner:
    return CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("trad")
    result = _runner().invoke(cli, ["build", "--corpus", str(CORPUS), "--out", str(out), "--srclang", "zh-TW",
                                  "--no-tm-terms"])
    assert result.exit_code == 0, result.output
    return out, result


# --- language tags --------------------------------------------------------------------------


@pytest.mark.parametrize(("given_tag", "member"), [
    ("zh-TW", SourceLang.ZH_TW), ("zh_tw", SourceLang.ZH_TW), ("ZH-HK", SourceLang.ZH_HK),
    ("zh-hant", SourceLang.ZH_HANT),
])
def test_traditional_tags_are_source_languages(given_tag: str, member: SourceLang) -> None:
    assert source_lang(given_tag) is member and member.traditional and not member.simplified


def test_simplified_tags_are_not_traditional() -> None:
    assert not any(source_lang(t).traditional for t in ("zh-CN", "zh-Hans", "zh"))


# --- lookup form: never the text itself -----------------------------------------------------


@given(st.text(alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9fff) | st.sampled_from("AI 1,。")))
def test_lookup_form_keeps_length_and_cuts_are_slices(text: str) -> None:
    assert len(lookup_form(text)) == len(text) == len(simplified_chars(text))
    assert "".join(cut_like(lambda s: [s[:3], s[3:]], text)) == text


def test_simplified_text_is_looked_up_as_written() -> None:
    for path in sorted((Path(__file__).parents[1] / "corpus" / "zh").glob("*")):
        for para in read_document(path).zh:
            assert lookup_form(para.text) is para.text, para.text[:40]


def test_traditional_text_cuts_where_its_simplified_twin_cuts() -> None:
    for para in read_document(ZH).zh:
        assert is_traditional(para.text)
        trad = words(para.text)
        assert "".join(trad) == "".join(para.text.split())  # the words are the text as written
        assert [simplified_chars(w) for w in trad] == words(simplified_chars(para.text))


def test_cedict_has_traditional_headwords_without_changing_simplified_ones() -> None:
    raw = raw_glosses()
    assert "software" in raw["軟體"] and "software" in raw["软体"]
    # 乾 is a Simplified headword too (qián): its glosses stay its own, not those of 乾 (gān, dry)
    assert "/dry/" in raw["干"] and "Qian" in raw["乾"] and "/dry/" not in raw["乾"]
    assert "Taiwan" in raw["臺灣"]


# --- glossary -------------------------------------------------------------------------------


def _twin(tmp_path: Path) -> Path:
    """The fixture with every character mapped to Simplified (same length, same lines)."""
    path = tmp_path / "product.txt"
    path.write_text(simplified_chars(ZH.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def test_glossary_of_traditional_text_is_its_simplified_twins(tmp_path: Path) -> None:
    trad = extract_terms([read_document(ZH)])
    simp = extract_terms([read_document(_twin(tmp_path))])
    assert trad, "the fixture has bracketed terms"
    assert sorted((simplified_chars(t.zh), t.en, t.kind, t.status) for t in trad) == sorted(
        (t.zh, t.en, t.kind, t.status) for t in simp)
    text = ZH.read_text(encoding="utf-8")
    assert all(t.zh in text for t in trad if t.evidence == "paren")  # never converted


def test_traditional_terms_are_found(built: tuple[Path, object]) -> None:
    out, _ = built
    entries = {e.en: e for e in read_glossary(out / "glossary" / "glossary.tbx")}
    assert entries["Galaxy Information Co., Ltd."].zh == "星河資訊股份有限公司"
    assert entries["Galaxy Information Co., Ltd."].kind.value == "org"
    assert entries["Translation Memory"].zh == "翻譯記憶庫"
    assert entries["Termbase"].zh == "術語庫"
    assert entries["Speech Recognition"].zh == "語音辨識"
    assert entries["Machine Translation"].zh.endswith("機器翻譯")


def test_glossary_files_carry_the_traditional_tag(built: tuple[Path, object]) -> None:
    out, _ = built
    gloss = out / "glossary"
    for name in ("glossary.tbx", "glossary.tbx3"):
        langs = {e.get(XML_LANG) for e in etree.parse(str(gloss / name)).iter() if e.tag.endswith(("langSet", "langSec"))}
        assert langs == {"zh-TW", "en-US"}, name
    with open(gloss / "glossary.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[:3] == ["#zh-TW", "en-US", "kind"]  # a comment line to OmegaT, the header to a spreadsheet
    assert (gloss / "glossary.utf8").read_text(encoding="utf-8").startswith("# aligner|src:zh-TW|tgt:en-US|")
    for name in ("glossary.csv", "glossary.utf8", "glossary.tbx3"):  # each reads back, terms as written
        assert "術語庫" in {e.zh for e in read_glossary(gloss / name)}, name


# --- TMX ------------------------------------------------------------------------------------


def test_tmx_is_zh_tw_with_the_text_as_written(built: tuple[Path, object]) -> None:
    out, _ = built
    root = etree.parse(str(out / "tmx" / "product.tmx")).getroot()
    assert root.find("header").get("srclang") == "zh-TW"
    tus = root.iter("tu")
    pairs = []
    for tu in tus:
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["zh-TW", "en-US"]
        pairs.append((tuvs[0].findtext("seg"), tuvs[1].findtext("seg")))
    zh_text, en_text = ZH.read_text(encoding="utf-8"), EN.read_text(encoding="utf-8")
    assert len(pairs) == 9
    assert all(zh in zh_text and en in en_text for zh, en in pairs)
    by_zh = dict(pairs)
    assert by_zh["目前已有超過3,500名譯者使用這套軟體，平均節省約40%的翻譯時間。"].startswith("More than 3,500")
    assert by_zh["歡迎造訪我們的網站，下載三十天免費試用版。"] == "Visit our website to download a free 30-day trial."
    assert "said product manager Lin Yi-chun" in by_zh["產品經理林怡君表示：「我們希望讓每一位譯者都能專心處理真正困難的句子。」"]


def test_build_self_check_finds_the_traditional_terms(built: tuple[Path, object]) -> None:
    _, result = built
    assert "self-check: 9 units in 1 file against 5 glossary terms: 5 term occurrences, no findings." in result.stdout


# --- check ----------------------------------------------------------------------------------


def test_check_reads_a_zh_tw_tmx_against_a_traditional_glossary(built: tuple[Path, object], tmp_path: Path) -> None:
    out, _ = built
    ok = _runner().invoke(cli, ["check", str(out / "tmx" / "product.tmx"), "-g", str(out / "glossary" / "glossary.csv")])
    assert ok.exit_code == 0, ok.output
    assert "5 term occurrences, no findings" in ok.stdout
    tmx = tmp_path / "bad.tmx"
    write_tmx([TranslationUnit("系統內建術語庫（Termbase），可以自動檢查譯文。", "The system checks translations.")],
              tmx, srclang="zh-TW")
    # the built glossary's entries are extracted, not reviewed, and a TM of one unit does not
    # confirm them: the miss is counted by default and listed by missing-term-unconfirmed
    counted = _runner().invoke(cli, ["check", str(tmx), "-g", str(out / "glossary" / "glossary.tbx")])
    assert counted.exit_code == 0, counted.output
    assert "1 missing term of extracted glossary entries this TM does not confirm" in counted.stdout
    bad = _runner().invoke(cli, ["check", str(tmx), "-g", str(out / "glossary" / "glossary.tbx"),
                                 "--rule", "terms"])
    assert "術語庫 is in the source but Termbase is not in the target" in bad.stdout


def test_check_matches_traditional_terms_on_word_boundaries(tmp_path: Path) -> None:
    """記憶 is a glossary term, but inside 翻譯記憶庫 it is no hit: the longer term wins."""
    glossary = tmp_path / "g.csv"
    glossary.write_text("zh-TW,en-US\n記憶,memory\n翻譯記憶庫,translation memory\n", encoding="utf-8")
    tmx = tmp_path / "t.tmx"
    write_tmx([TranslationUnit("請先建立翻譯記憶庫。", "First create a translation memory.")], tmx, srclang="zh-TW")
    result = _runner().invoke(cli, ["check", str(tmx), "-g", str(glossary)])
    assert result.exit_code == 0, result.output
    assert "1 term occurrence, no findings" in result.stdout


# --- the note for Traditional text declared Simplified --------------------------------------


def test_note_when_traditional_text_is_declared_simplified(tmp_path: Path, built: tuple[Path, object]) -> None:
    result = _runner().invoke(cli, ["build", "--corpus", str(CORPUS), "--out", str(tmp_path), "--no-tm-terms"])
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if "--srclang zh-TW" in line]
    assert len(notes) == 1 and "--srclang is zh-CN" in notes[0]
    out, traditional = built
    assert "--srclang zh-TW" not in traditional.stderr
    # the output is unchanged but for its language tags
    for name in ("tmx/product.tmx", "glossary/glossary.tbx"):
        assert (tmp_path / name).read_text(encoding="utf-8").replace("zh-CN", "zh-TW") == \
            (out / name).read_text(encoding="utf-8"), name


def test_no_note_for_simplified_text_or_a_neutral_tag() -> None:
    simplified = [p.text for p in read_document(Path(__file__).parents[1] / "corpus" / "zh" / "003_2a4c1ede4b7fe100.txt").zh]
    traditional = [p.text for p in read_document(ZH).zh]
    assert srclang_note(simplified, "zh-CN") is None
    assert srclang_note(traditional, "zh") is None and srclang_note(traditional, "zh-HK") is None
    assert srclang_note(traditional, "zh-Hans") is not None
    assert srclang_note(traditional[:1], "zh-CN") is None  # a title alone is too little to tell


# --- align ----------------------------------------------------------------------------------


def test_align_writes_the_tags_it_is_given(tmp_path: Path) -> None:
    out = tmp_path / "a.tmx"
    result = _runner().invoke(cli, ["align", str(ZH), str(EN), "--format", "tmx", "-o", str(out),
                                    "--srclang", "zh-HK", "--tgtlang", "en-GB"])
    assert result.exit_code == 0, result.output
    assert "--srclang zh-TW" not in result.stderr
    root = etree.parse(str(out)).getroot()
    assert root.find("header").get("srclang") == "zh-HK"
    assert {t.get(XML_LANG) for t in root.iter("tuv")} == {"zh-HK", "en-GB"}
    assert len(root.findall(".//tu")) == 9


def test_align_notes_traditional_text_under_the_default_tag() -> None:
    result = _runner().invoke(cli, ["align", str(ZH), str(EN), "--format", "beads"])
    assert result.exit_code == 0
    assert sum("--srclang zh-TW" in line for line in result.stderr.splitlines()) == 1
    assert [line.rsplit(":", 1)[0] for line in result.stdout.splitlines()] == [f"[{i}]:[{i}]" for i in range(9)]


def test_align_refuses_an_unknown_tag() -> None:
    result = _runner().invoke(cli, ["align", str(ZH), str(EN), "--srclang", "ja"])
    assert result.exit_code == 2
    assert result.stderr == "aligner: unsupported --srclang 'ja'. use one of zh-CN|zh-Hans|zh|zh-TW|zh-HK|zh-Hant.\n"


def test_glossary_extract_takes_the_traditional_tag(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    result = _runner().invoke(cli, ["glossary", "extract", str(ZH), "-o", str(out), "--srclang", "zh-Hant"])
    assert result.exit_code == 0, result.output
    assert "--srclang zh-TW" not in result.stderr
    langs = {e.get(XML_LANG) for e in etree.parse(str(out)).iter() if e.tag == "langSet"}
    assert langs == {"zh-Hant", "en-US"}
    assert "術語庫" in {e.zh for e in read_glossary(out)}
    default = _runner().invoke(cli, ["glossary", "extract", str(ZH), "-o", str(tmp_path / "d.csv")])
    assert sum("--srclang zh-TW" in line for line in default.stderr.splitlines()) == 1
    assert (tmp_path / "d.csv").read_text(encoding="utf-8").startswith("#zh,en,kind,")
