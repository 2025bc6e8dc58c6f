"""Sentence segmentation with the packaged (OmegaT-compatible) rules, and words via jieba."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.errors import UsageError
from aligner.model import Lang, LineSpan, Paragraph, Role
from aligner.segment import (
    add_user_terms,
    clear_user_terms,
    load_rules,
    segment_paragraphs,
    split_sentences,
    srx_code,
    user_terms,
    words,
)
from aligner.segment.sentences import JAVA_WHITESPACE


def sentences(text: str, lang: Lang | str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


ZH_CASES = [
    # plain full-width enders
    ("今天天气很好。我们去公园吧！你去吗？", ["今天天气很好。", "我们去公园吧！", "你去吗？"]),
    # never before a closing quote or bracket; OmegaT then has no rule after the quote,
    # so the next sentence stays in the same segment
    ("他说：“你好。”然后走了。", ["他说：“你好。”然后走了。"]),
    ("“你好。”“再见。”", ["“你好。”“再见。”"]),
    ("他说「走吧。」然后走了。", ["他说「走吧。」然后走了。"]),
    ("他说『走吧！』然后走了。", ["他说『走吧！』然后走了。"]),
    ("见注释（详见上文。）下一句。", ["见注释（详见上文。）下一句。"]),
    ("她问：‘真的吗？’我点头。", ["她问：‘真的吗？’我点头。"]),
    # nested quotes “…‘…。’…。”
    ("他说：“她告诉我‘明天见。’然后走了。”大家都笑了。", ["他说：“她告诉我‘明天见。’然后走了。”大家都笑了。"]),
    ("“第一句。”这时。第二句。", ["“第一句。”这时。", "第二句。"]),
    # not after 、，；
    ("苹果、香蕉，还有梨；都很好。再来。", ["苹果、香蕉，还有梨；都很好。", "再来。"]),
    # ellipsis …… is no sentence end, 。 after it is
    ("他想了想……然后说好。", ["他想了想……然后说好。"]),
    ("等等……。下一句。", ["等等……。", "下一句。"]),
    ("他走了……", ["他走了……"]),
    # ？ before — or ？ stays; ？！ breaks between them (OmegaT's rule lists ？ but not ！)
    ("会毁灭人类吗？——有效加速主义刍议", ["会毁灭人类吗？——有效加速主义刍议"]),
    ("真的吗？？好的。", ["真的吗？？", "好的。"]),
    ("真的吗？！好的。", ["真的吗？", "！", "好的。"]),
    ("太好了！？好的。", ["太好了！？", "好的。"]),
    # half-width ?! break only before whitespace; half-width . never in Chinese
    ("你好? 我很好! 再见.", ["你好?", "我很好!", "再见."]),
    ("你好?我很好!再见", ["你好?我很好!再见"]),
    ("这是第一句. 这是第二句.", ["这是第一句. 这是第二句."]),
    # mixed Chinese and English
    ("他说 Hello world. 然后离开了。OpenAI 发布了 GPT-4。", ["他说 Hello world. 然后离开了。", "OpenAI 发布了 GPT-4。"]),
    ("有效加速主义(Effective Accelerationism, e/acc)是一种思潮。它源于硅谷。",
     ["有效加速主义(Effective Accelerationism, e/acc)是一种思潮。", "它源于硅谷。"]),
    ("概率低于 0.01%。马斯克认为介于 10% 至 20% 之间。", ["概率低于 0.01%。", "马斯克认为介于 10% 至 20% 之间。"]),
    # whitespace: ideographic space is trimmed, NO-BREAK SPACE only at paragraph ends
    ("第一句。\u3000第二句。", ["第一句。", "第二句。"]),
    ("\xa0——编者手记\xa0", ["——编者手记"]),
    ("第一句。\xa0第二句。", ["第一句。", "\xa0第二句。"]),
    # OmegaT's text-file rule: a line starting with spaces starts a segment
    ("第一行\n  第二行", ["第一行", "第二行"]),
    ("第一行\n第二行", ["第一行\n第二行"]),
    ("", []),
    ("  \n ", []),
]

EN_CASES = [
    ("Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
    ("Dr. Jones and Prof. Lee met, e.g. at lunch. It was fine.",
     ["Dr. Jones and Prof. Lee met, e.g. at lunch.", "It was fine."]),
    ("The U.S. economy grew 3.5 percent. Analysts were surprised.",
     ["The U.S. economy grew 3.5 percent.", "Analysts were surprised."]),
    ("Smith et al. reported it. Others disagreed.", ["Smith et al. reported it.", "Others disagreed."]),
    ("Effective Accelerationism (e/acc) is a movement. E/acc rejects regulation.",
     ["Effective Accelerationism (e/acc) is a movement.", "E/acc rejects regulation."]),
    ("It costs $3.50 today. Tomorrow it costs 4.25.", ["It costs $3.50 today.", "Tomorrow it costs 4.25."]),
    ("Is it true? Yes! Really.", ["Is it true?", "Yes!", "Really."]),
    ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    ("He said (quietly.) Then he left.", ["He said (quietly.)", "Then he left."]),
    ("Wait... what happened?", ["Wait... what happened?"]),
    ("He waited... Then he left.", ["He waited...", "Then he left."]),
    ("See Fig. 3 for details. Then go on.", ["See Fig. 3 for details.", "Then go on."]),
    ("Vincent C. Müller predicted it.", ["Vincent C. Müller predicted it."]),
    ("C. Smith wrote it.", ["C. Smith wrote it."]),
    ("We left at 5 p.m. and came back.", ["We left at 5 p.m. and came back."]),
    ("The U.S.A. is large. The U.K. is not.", ["The U.S.A. is large.", "The U.K. is not."]),
    ("Apple Inc. announced results. The stock rose.", ["Apple Inc. announced results.", "The stock rose."]),
    ("He bought apples, pears, etc. and more. Next.", ["He bought apples, pears, etc. and more.", "Next."]),
    ("See pp. 12-15 and cf. Smith. Next.", ["See pp. 12-15 and cf. Smith.", "Next."]),
    ("It happened on Jan. 5 last year. Nobody saw it.", ["It happened on Jan. 5 last year.", "Nobody saw it."]),
    ("Lu Yunfeng, Wu Yufei", ["Lu Yunfeng, Wu Yufei"]),
    ("1. Introduction", ["1.", "Introduction"]),  # OmegaT's numbered-heading rule
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_zh_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text, Lang.ZH) == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_en_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text, Lang.EN) == expected


@pytest.mark.parametrize(("lang", "code"), [(Lang.ZH, "zh-CN"), (Lang.EN, "en-US"), ("zh", "zh-CN"),
                                            ("EN", "en-US"), ("zh-TW", "zh-TW"), ("en_GB", "en-GB")])
def test_srx_codes(lang: Lang | str, code: str) -> None:
    assert srx_code(lang) == code


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as err:
        split_sentences("x", "chinese!")
    assert str(err.value) == "unknown language 'chinese!'. use one of zh, en or a language tag such as zh-TW."


def test_string_and_enum_languages_agree() -> None:
    text = "第一句。第二句。"
    assert split_sentences(text, "zh") == split_sentences(text, Lang.ZH) == [(0, 4), (4, 8)]


def test_default_rules_are_cached_and_signed() -> None:
    rules = load_rules()
    assert load_rules() is rules
    assert rules.rule_names_for("zh-CN") == ("Chinese", "Default", "Text", "HTML")
    assert rules.rule_names_for("en-US") == ("English", "Default", "Text", "HTML")
    assert rules.signature.startswith("srx:default.srx@") and len(rules.digest) == 12


# --- properties ------------------------------------------------------------------------

ZH_ALPHABET = "人工智能会毁灭类吗有效加速主义。？！?!.．…—“”‘’「」『』（）()、，,；;:：AaBZz019 \t\n\u3000\xa0"
EN_ALPHABET = "abcdeXYZMrsDU019 .?!,;:'\"()[]…-\n\t\xa0"


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    prev_end = 0
    covered = [False] * len(text)
    for start, end in spans:
        assert prev_end <= start < end <= len(text)  # increasing, non-overlapping, non-empty
        assert text[start] not in JAVA_WHITESPACE and text[end - 1] not in JAVA_WHITESPACE
        for i in range(start, end):
            covered[i] = True
        prev_end = end
    lost = [ch for ch, inside in zip(text, covered) if not inside and not ch.isspace()]
    assert lost == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ZH_ALPHABET, max_size=80), st.sampled_from([Lang.ZH, Lang.EN]))
def test_property_no_character_lost_punctuation_heavy(text: str, lang: Lang) -> None:
    _check_spans(text, split_sentences(text, lang))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=EN_ALPHABET, max_size=80), st.sampled_from([Lang.ZH, Lang.EN]))
def test_property_no_character_lost_english(text: str, lang: Lang) -> None:
    _check_spans(text, split_sentences(text, lang))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.sampled_from([Lang.ZH, Lang.EN]))
def test_property_no_character_lost_any_unicode(text: str, lang: Lang) -> None:
    _check_spans(text, split_sentences(text, lang))


@st.composite
def paragraphs(draw: st.DrawFn) -> Paragraph:
    lines = draw(st.lists(st.text(alphabet=ZH_ALPHABET.replace("\n", ""), min_size=1, max_size=20),
                          min_size=1, max_size=4))
    first = draw(st.integers(min_value=1, max_value=500))
    spans, offset, line = [], 0, first
    for part in lines:
        spans.append(LineSpan(offset=offset, line=line))
        offset += len(part)
        line += draw(st.integers(min_value=1, max_value=3))
    return Paragraph(text="".join(lines), lang=draw(st.sampled_from(list(Lang))),
                     role=draw(st.sampled_from(list(Role))), spans=tuple(spans))


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraphs(), max_size=5))
def test_property_segments_map_back_to_source_lines(paras: list[Paragraph]) -> None:
    segs = segment_paragraphs(paras, "doc")
    # rebuild each segment's offset by walking its paragraph in order
    by_para: dict[tuple[Lang, int], list] = {}
    for seg in segs:
        by_para.setdefault((seg.lang, seg.para), []).append(seg)
    counters: dict[Lang, int] = {}
    for para in paras:
        index = counters.get(para.lang, 0)
        counters[para.lang] = index + 1
        cursor = 0
        for seg in by_para.pop((para.lang, index), []):
            start = para.text.index(seg.text, cursor)
            cursor = start + len(seg.text)
            assert seg.doc == "doc" and seg.role is para.role
            assert seg.line == para.line_at(start)
            assert seg.line in {span.line for span in para.spans}
        joined = "".join(s.text for s in segment_paragraphs([para], "doc"))
        assert [c for c in joined if not c.isspace()] == [c for c in para.text if not c.isspace()]
    assert by_para == {}


def test_segment_paragraphs_lines_roles_and_indices() -> None:
    zh1 = Paragraph("第一句。第二句在下一行继续。", Lang.ZH, Role.ABSTRACT,
                    (LineSpan(0, 10), LineSpan(6, 12)))
    en1 = Paragraph("One. Two.", Lang.EN, Role.ABSTRACT, (LineSpan(0, 40),))
    zh2 = Paragraph("第三句。", Lang.ZH, Role.BODY, (LineSpan(0, 20),))
    segs = segment_paragraphs([zh1, en1, zh2], "000_x")
    assert [(s.text, s.lang, s.line, s.role, s.para, s.doc) for s in segs] == [
        ("第一句。", Lang.ZH, 10, Role.ABSTRACT, 0, "000_x"),
        ("第二句在下一行继续。", Lang.ZH, 10, Role.ABSTRACT, 0, "000_x"),  # starts at offset 4, line 10
        ("One.", Lang.EN, 40, Role.ABSTRACT, 0, "000_x"),
        ("Two.", Lang.EN, 40, Role.ABSTRACT, 0, "000_x"),
        ("第三句。", Lang.ZH, 20, Role.BODY, 1, "000_x"),
    ]
    later = segment_paragraphs([Paragraph("甲。乙乙乙乙乙乙。", Lang.ZH, spans=(LineSpan(0, 3), LineSpan(2, 4)))], "d")
    assert [(s.text, s.line) for s in later] == [("甲。", 3), ("乙乙乙乙乙乙。", 4)]


# --- words -----------------------------------------------------------------------------

SENTENCE = "有效加速主义(Effective Accelerationism, e/acc)是近年来风靡美国硅谷业界的一种思潮"


def test_words_golden_without_terms() -> None:
    clear_user_terms()
    assert words(SENTENCE) == ["有效", "加速", "主义", "(", "Effective", "Accelerationism", ",", "e",
                               "/", "acc", ")", "是", "近年来", "风靡", "美国硅谷", "业界", "的",
                               "一种", "思潮"]
    assert words("") == []
    assert words(" \n ") == []


def test_user_terms_stay_whole_idempotent_and_order_free() -> None:
    clear_user_terms()
    try:
        add_user_terms(["有效加速主义", "e/acc", "Effective Accelerationism", " ", ""])
        first = words(SENTENCE)
        assert first[:5] == ["有效加速主义", "(", "Effective Accelerationism", ",", "e/acc"]
        add_user_terms(["e/acc", "有效加速主义"])  # again: nothing changes
        assert words(SENTENCE) == first
        assert user_terms() == {"有效加速主义", "e/acc", "Effective Accelerationism"}
        clear_user_terms()
        add_user_terms(["Effective Accelerationism"])
        add_user_terms(["e/acc", "有效加速主义"])  # other order, other calls: same words
        assert words(SENTENCE) == first
        # a Latin term is not cut out of a longer Latin word
        add_user_terms(["AI"])
        assert "AI" not in words("OpenAI发布了新模型")
        assert words("AI发布") [0] == "AI"
    finally:
        clear_user_terms()
    assert words(SENTENCE)[:3] == ["有效", "加速", "主义"]


def test_jieba_is_quiet_on_stderr() -> None:
    code = "from aligner.segment import words; print(words('我们去公园'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert done.stdout.strip() == "['我们', '去', '公园']"
    assert done.stderr == ""
