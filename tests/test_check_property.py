"""Property: inserting one glossary term into a clean TM adds exactly one finding when its
translation is missing, and none when any allowed English form (inflected, hyphenated,
re-cased) is there."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import TermIndex, Unit, check
from aligner.formats.glossary_read import read_glossary
from aligner.model import TermEntry

DATA = Path(__file__).parent / "data" / "check"
ENTRIES: list[TermEntry] = read_glossary(DATA / "glossary.csv")
INDEX = TermIndex(ENTRIES)

CLEAN = [
    ("加速主义是一种关于技术与资本的思潮。",
     "Accelerationism is a current of thought about technology and capital."),
    ("大语言模型正在改变翻译行业。", "Large language models are changing the translation industry."),
    ("许多大语言模型都是开源的。", "Many LLMs are open-source."),
    ("对齐是人工智能安全的核心问题。", "Alignment is the central problem of AI safety."),
    ("人工智能的未来取决于对齐。", "Artificial intelligence's future depends on alignment."),
    ("智能手机已经非常普及。", "Smartphones are now very common."),
    ("这是一个普通的句子。", "This is an ordinary sentence."),
]
FRAMES = [
    ("关于{term}，我们有三点看法。", "We have three views on {en}.", "We have three views on this."),
    ("我们讨论「{term}」这个问题。", "We discuss the question of {en}.", "We discuss this question."),
    ("{term}。", "{en}.", "See above."),
]


def _units(pairs: list[tuple[str, str]]) -> list[Unit]:
    return [Unit("tm.tmx", str(i), i, s, t) for i, (s, t) in enumerate(pairs, 1)]


BASELINE = check(_units(CLEAN), INDEX)
assert BASELINE.findings == [], BASELINE.findings


@st.composite
def english_form(draw: st.DrawFn, entry: TermEntry) -> str:
    """An allowed English form as a translator may write it."""
    forms = [entry.en] + [v for v in entry.variants if not any("\u4e00" <= c <= "\u9fff" for c in v)]
    form = draw(st.sampled_from(forms))
    if entry.keep_as_is:
        return form + draw(st.sampled_from(["", "'s"]))
    if draw(st.booleans()):
        form = form[:1].upper() + form[1:]
    if draw(st.booleans()):
        form = form.replace(" ", "-")
    return form + draw(st.sampled_from(["", "s", "'s"]))


@settings(max_examples=60, deadline=None)
@given(entry=st.sampled_from(ENTRIES), frame=st.sampled_from(FRAMES), data=st.data())
def test_inserted_term_without_translation_is_one_finding(entry: TermEntry, frame, data) -> None:
    source, _with, without = frame
    position = data.draw(st.integers(0, len(CLEAN)))
    pairs = list(CLEAN)
    pairs.insert(position, (source.format(term=entry.zh), without))
    findings = check(_units(pairs), INDEX).findings
    assert len(findings) == 1, findings
    assert findings[0].source_term == entry.zh
    assert findings[0].unit == str(position + 1)
    assert findings[0].rule == ("keep-as-is" if entry.keep_as_is else "missing-term")


@settings(max_examples=60, deadline=None)
@given(entry=st.sampled_from(ENTRIES), frame=st.sampled_from(FRAMES), data=st.data())
def test_inserted_term_with_translation_is_no_finding(entry: TermEntry, frame, data) -> None:
    source, with_en, _without = frame
    en = data.draw(english_form(entry))
    position = data.draw(st.integers(0, len(CLEAN)))
    pairs = list(CLEAN)
    pairs.insert(position, (source.format(term=entry.zh), with_en.format(en=en)))
    assert check(_units(pairs), INDEX).findings == []
