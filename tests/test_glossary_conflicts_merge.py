"""Conflicts (one form, two renderings) are reported, never merged; merging keeps the user's."""
from __future__ import annotations

from aligner.glossary import extract_terms, find_conflicts, merge
from aligner.model import Source, TermEntry, TermKind, TermStatus
from tests.glossary_helpers import doc


def entry(zh: str, en: str, doc_line: str = "a:1", **kw: object) -> TermEntry:
    stem, line = doc_line.split(":")
    return TermEntry(zh, en, sources=(Source(stem, int(line)),), **kw)  # type: ignore[arg-type]


def test_one_english_two_chinese_across_documents() -> None:
    docs = [doc("a", "通用人工智能(AGI)研发提速。"),
            doc("b", "AGI（Artificial General Intelligence: 人工通用智能）的时间线更长。")]
    entries = extract_terms(docs)
    assert {(e.zh, e.en) for e in entries} >= {("通用人工智能", "AGI"),
                                               ("人工通用智能", "Artificial General Intelligence")}
    (conflict,) = find_conflicts(entries)
    assert (conflict.side, conflict.form, conflict.renderings) == ("en", "AGI", ("AGI", "人工通用智能", "通用人工智能"))
    assert conflict.documents == ("a", "b")
    by_zh = {e.zh: e for e in entries}
    assert "人工通用智能" in by_zh["通用人工智能"].variants  # grouped as variants, both kept


def test_latin_kept_in_one_document_and_translated_in_another() -> None:
    entries = extract_terms([doc("a", "在推特(X,原名 Twitter)平台上传播。"), doc("b", "他认为阅读Twitter也很有用。")])
    (conflict,) = find_conflicts(entries)
    assert conflict.form == "Twitter" and conflict.renderings == ("Twitter", "推特")
    assert conflict.describe() == "Twitter: 2 Chinese forms: Twitter | 推特 (in a, b)"


def test_one_chinese_two_english() -> None:
    conflicts = find_conflicts([entry("代理", "agent", "a:1"), entry("代理", "proxy", "b:4")])
    assert [(c.side, c.form, c.renderings) for c in conflicts] == [("zh", "代理", ("agent", "proxy"))]


def test_abbreviation_beside_its_expansion_in_one_document_is_no_conflict() -> None:
    entries = extract_terms([doc("a", "TSMC（Taiwan Semiconductor Manufacturing Company: 台湾积体电路制造股份有限公司）的产能。"
                                 "TSMC的工程师也这样认为。")])
    assert find_conflicts(entries) == []


def test_case_and_spacing_are_not_conflicts() -> None:
    assert find_conflicts([entry("开源模型", "Open-Source Models", "a:1"), entry("开源模型", "open-source models", "b:2")]) == []


def test_merge_user_wins_and_differences_are_reported() -> None:
    ours = [entry("杨立昆", "Yann LeCun", "a:1", kind=TermKind.PERSON),
            entry("肖茜", "Xiao Qian", "b:3", status=TermStatus.PROPOSED),
            entry("图灵奖", "Turing Award", "a:1")]
    theirs = [TermEntry("杨立昆", "Yann Le Cun"), TermEntry("图灵奖", "Turing award"), TermEntry("对齐", "alignment")]
    result = merge(ours, theirs)
    assert [(e.zh, e.en) for e in result.entries] == [
        ("图灵奖", "Turing award"), ("对齐", "alignment"), ("杨立昆", "Yann Le Cun"), ("肖茜", "Xiao Qian")]
    assert [d.describe() for d in result.differences] == [
        "图灵奖: kept yours 'Turing award'; we proposed 'Turing Award'",
        "杨立昆: kept yours 'Yann Le Cun'; we proposed 'Yann LeCun'"]
    assert (result.kept, len(result.added), result.agreed) == (3, 1, 0)
    assert merge(ours, [TermEntry("杨立昆", "Yann  LeCun")]).agreed == 1
    assert result.added[0].status is TermStatus.PROPOSED
