"""One answer to "is this Han?" across the package (aligner/han.py).

Each stage used to spell the class out itself, and a compatibility ideograph or a
character from Extension B was Chinese to one stage and not to the next: a glossary
variant written with one was filed under English, a document of them was not Chinese.
"""
from __future__ import annotations

from hypothesis import given, strategies as st

from aligner.check.terms import has_han as check_has_han
from aligner.documents.text import count_han, is_han as documents_is_han
from aligner.formats.glossary_parse import _is_han
from aligner.formats.xmltext import has_han as xml_has_han
from aligner.glossary.text import has_han as glossary_has_han, is_han
from aligner.han import HAN_CHAR, HAN_RUN, has_han, is_han_char

HAN_SAMPLES = {
    "中": "CJK Unified Ideographs",
    "㐀": "Extension A",
    "豈": "a compatibility ideograph (U+F900)",
    "𠮷": "Extension B (U+20BB7)",
    "𰀀": "Extension G (U+30000)",
}
NOT_HAN = {
    "䷀": "a Yijing hexagram (U+4DC0), between Extension A and the main block",
    "。": "CJK punctuation",
    "あ": "Hiragana",
    "한": "Hangul",
    "Ａ": "a full-width Latin letter",
    "a": "ASCII",
}


def test_every_stage_agrees_on_the_samples():
    for ch, what in {**HAN_SAMPLES, **NOT_HAN}.items():
        expected = ch in HAN_SAMPLES
        answers = {
            "han.is_han_char": is_han_char(ch),
            "han.has_han": has_han(ch),
            "glossary.text.is_han": is_han(ch),
            "glossary.text.has_han": glossary_has_han(ch),
            "formats.xmltext.has_han": xml_has_han(ch),
            "formats.glossary_parse": _is_han(ch),
            "documents.text.count_han": count_han(ch) == 1,
            "documents.text.is_han": documents_is_han(ch),
            "check.terms.has_han": check_has_han(ch),
        }
        wrong = {k: v for k, v in answers.items() if v != expected}
        assert not wrong, f"{what} {ch!r}: {wrong}"


def test_every_per_character_test_is_the_class_over_every_code_point():
    """Not a sample: each stage's per-character answer equals the one regular-expression class
    for every code point of the planes that hold ideographs, and past them (the documents' reader once took U+323B0–U+3FFFF, unassigned
    today, as Han while the checker did not)."""
    tests = {"han.is_han_char": is_han_char, "documents.text.is_han": documents_is_han,
             "glossary.text.is_han": is_han, "formats.glossary_parse": _is_han}
    points = [o for o in range(0x40000) if not 0xD800 <= o <= 0xDFFF] + [0xE0001, 0xF0000, 0x10FFFF]
    expected = [HAN_CHAR.match(chr(o)) is not None for o in points]
    for name, test in tests.items():
        got = [test(chr(o)) for o in points]
        wrong = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
        assert not wrong, f"{name} disagrees at {len(wrong)} code points, first index {wrong[0]}"


@given(st.text(alphabet=st.characters(min_codepoint=0x2000, max_codepoint=0x323FF), max_size=40))
def test_count_and_runs_agree_with_the_per_character_test(text):
    assert count_han(text) == sum(is_han_char(ch) for ch in text)
    assert has_han(text) == any(is_han_char(ch) for ch in text)
    assert "".join(HAN_RUN.findall(text)) == "".join(ch for ch in text if is_han_char(ch))


def test_a_glossary_variant_in_extension_b_is_filed_as_chinese(tmp_path):
    """A TBX variant written with a rare character goes to the Chinese section."""
    from aligner.formats.glossary_read import read_glossary

    csv = tmp_path / "g.csv"
    csv.write_text("zh,en,variants\n吉野家,Yoshinoya,𠮷野家\n", encoding="utf-8")
    entries = read_glossary(csv)
    assert [e.zh for e in entries] == ["吉野家"]
    assert any("𠮷野家" in str(v) for v in entries[0].variants), entries[0].variants
