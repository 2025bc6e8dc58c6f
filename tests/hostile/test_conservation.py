"""Conservation as properties (issue 8).

* For any text, every character is in exactly one segment or in debris counted by kind, in
  order: reading (``aligner.documents.conservation_errors``) and then segmentation
  (``aligner.segment.conservation.segmentation_errors``).
* Every TU written to TMX reads back with identical text, through both TMX readers (the
  library's ``read_tmx`` and the ``check`` command's unit reader).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aligner.check.units import read_units
from aligner.errors import AlignerError
from aligner.formats.tmx import read_tmx, write_tmx
from aligner.formats.xmltext import xml_clean
from aligner.model import Lang, LineSpan, Paragraph, Segment
from aligner.segment.conservation import pipeline_conservation_errors, segmentation_errors

from ..test_documents_properties import FRAGMENTS

SENTENCE_BITS = ["。", "！", "？", "……", ". ", "! ", "? ", "Mr. ", "e.g. ", "3.14", "「", "」", "\u00a0",
                 "\u3000", "\t", " ", "(", ")", "“", "”", "Dr. Smith", "U.S.", "深度学习", "Deep learning"]
hostile_line = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS + SENTENCE_BITS),
              st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r")),
    max_size=30,
).map("".join)
newline = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\x0c\n"])


@st.composite
def documents(draw) -> str:
    return "".join(text + nl for text, nl in draw(st.lists(st.tuples(hostile_line, newline), max_size=30)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@example("第一句。第二句！\r\n第三句？\rEnglish here. And more.\n\n\x00\ufffd尾")
@example("甲\u3000。\u00a0乙。 \t")
# a forum post header on the line where a quoted post starts or ends was counted twice
@example("##### 1#       楼主       发表于 2025-11-12 15:41<blockquote>甲 发表于 2025-11-12 15:48\n")
@example("<blockquote>甲 发表于 2025-11-12 15:48\n引用</blockquote>##### 1#   楼主  发表于 2025-11-12 15:41\n")
def test_every_character_is_in_one_segment_or_counted_debris(text: str) -> None:
    try:
        problems = pipeline_conservation_errors(text, "h.txt")
    except AlignerError:
        return  # a typed, user-facing error is an acceptable answer; a crash is not
    assert problems == []


def test_segmentation_check_catches_a_lost_and_a_moved_sentence() -> None:
    para = Paragraph("甲。乙。丙。", Lang.ZH, spans=(LineSpan(0, 1), LineSpan(2, 2)))
    good = [Segment("甲。", Lang.ZH, "d", 1), Segment("乙。", Lang.ZH, "d", 2), Segment("丙。", Lang.ZH, "d", 2)]
    assert segmentation_errors([para], good) == []
    lost = good[:1] + good[2:]
    assert segmentation_errors([para], lost) == [
        "zh paragraph 0 (line 1): text '乙。' before '丙。' is in no segment"]
    moved = [good[1], good[0], good[2]]
    assert segmentation_errors([para], moved) == [
        "zh paragraph 0 (line 1): text '甲。' before '乙。' is in no segment",
        "zh paragraph 0 (line 1): segment '甲。' not found after offset 4 (lost or out of order)"]
    wrong_line = [good[0], Segment("乙。", Lang.ZH, "d", 1), good[2]]
    assert segmentation_errors([para], wrong_line) == [
        "zh paragraph 0 (line 1): segment '乙。' says line 1, starts on 2"]


awkward = st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\r", "\r\n", "\t", "\ufffe", "\uffff", "&", "<",
                           "]]>", "\U0001f600", "\u2028", "\x85", " ", "\u00a0", "\u3000", "&amp;", "<seg>"])
tu_text = st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), awkward), min_size=1, max_size=30).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=st.lists(st.tuples(tu_text, tu_text), min_size=1, max_size=6))
@example(pairs=[("深度学习\x00。", "Deep\x0blearning & <seg>."), (" \t", "x")])
def test_every_tu_written_reads_back_identical(pairs: list[tuple[str, str]]) -> None:
    from aligner.model import TranslationUnit

    units = [TranslationUnit(s, t) for s, t in pairs]
    expected = [(xml_clean(s)[0], xml_clean(t)[0]) for s, t in pairs]
    expected = [(s, t) for s, t in expected if s.strip() and t.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.tmx"
        report = write_tmx(units, path)
        assert report.units_written == len(expected)
        assert report.skipped_empty == len(pairs) - len(expected)  # skipped, and counted
        assert [(u.source, u.target) for u in read_tmx(path)] == expected
        if expected:
            # check's reader honours xml:space="default" (TMX's default): runs of whitespace
            # fold to one space, which term matching does not see; every other character is kept
            def fold(text: str) -> str:
                return " ".join(text.split())

            assert [(fold(u.source), fold(u.target)) for u in read_units([path])] == [
                (fold(s), fold(t)) for s, t in expected]
