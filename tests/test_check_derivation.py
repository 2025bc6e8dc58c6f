"""Fewer false positives than a substring matcher: a term inside a longer dictionary word
or carrying a derivational suffix is accepted when the target renders that longer word or a
derived English form; the JSON report lists it as accepted-by-derivation, not as a finding.
Also the HTML report."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

import pytest

from aligner.check import Unit, check
from aligner.check.derivation import family, family_form
from aligner.check.html import report_html
from aligner.cli import cli
from aligner.model import TermEntry

GLOSSARY = [TermEntry(zh="中国", en="China"),
            TermEntry(zh="有效加速主义", en="effective accelerationism"),
            TermEntry(zh="现代化", en="modernization")]


def _units(*pairs: tuple[str, str]) -> list[Unit]:
    return [Unit("f.po", str(i), i, s, t) for i, (s, t) in enumerate(pairs, 1)]


@pytest.mark.parametrize(("a", "b"), [
    # the suffix swaps the derived-form acceptance made (-ism/-ist, -ization/-ize, -ic/-ical,
    # -ology/-ologist) and the word family's stems (observation/observed …): one model
    ("accelerationism", "accelerationists"), ("accelerationism", "accelerationistic"),
    ("modernization", "modernize"), ("modernization", "modernized"), ("modernize", "modernise"),
    ("physics", "physical"), ("biology", "biologist"), ("biology", "biological"),
    ("observation", "observed"), ("dimensionality", "dimension"), ("numbering", "number"),
])
def test_one_family_model(a: str, b: str) -> None:
    assert family(a)[0] == family(b)[0]


def test_agent_nouns_are_marked() -> None:
    """An agent noun (-er, -ist, -ician) is another word than its thing, except after a
    deriving suffix of the Chinese (者, 家) or, for -er, after an -ing word."""
    assert family("accelerationists") == ("acceler", True)
    assert family("accelerationism") == ("acceler", False)
    assert family("pointer")[1] and not family("point")[1]
    assert family("collector")[0] != family("collection")[0]  # -or is not stripped
    target = "Effective accelerationists think so."
    assert family_form(("effective accelerationism",), target) is None
    assert family_form(("effective accelerationism",), target, derived=True) == (0, 26)
    assert family_form(("reinforcement learning",), "Reinforcement learners act.") == (0, 22)
    assert family_form(("China",), "He is Chinese.", derived=True) is None


def test_longer_dictionary_word_is_accepted() -> None:
    report = check(_units(("他是中国人。", "He is Chinese.")), GLOSSARY)
    assert report.findings == []
    assert report.accepted == [{
        "file": "f.po", "unit": "1", "line": 1, "rule": "accepted-by-derivation",
        "source_term": "中国", "expected": ["China"], "source_word": "中国人",
        "target_form": "Chinese", "reason": "dictionary-word", "fuzzy": False}]


def test_derived_form_is_accepted() -> None:
    report = check(_units(("有效加速主义者认为技术无罪。",
                           "Effective accelerationists think technology is innocent.")), GLOSSARY)
    assert report.findings == []
    assert [(a["source_word"], a["target_form"], a["reason"]) for a in report.accepted] == [
        ("有效加速主义者", "Effective accelerationists", "derived-form")]


def test_a_wrong_target_is_still_a_finding() -> None:
    """The acceptance needs the longer word's English or a derived form in the target."""
    report = check(_units(("他是中国人。", "He is Japanese."),
                          ("有效加速主义者认为技术无罪。", "Optimists think technology is innocent."),
                          ("有效加速主义认为技术无罪。", "Effective accelerationists think so.")),
                   GLOSSARY)
    # the third has no derivational suffix in the source: the derived form is not enough
    assert [(f.unit, f.rule) for f in report.findings] == [
        ("1", "missing-term"), ("2", "missing-term"), ("3", "missing-term")]
    assert report.accepted == []


def test_accepted_in_json_and_summary(tmp_path: Path) -> None:
    (tmp_path / "g.csv").write_text("zh,en\n中国,China\n", encoding="utf-8")
    (tmp_path / "t.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "他是中国人。"\nmsgstr "He is Chinese."\n', encoding="utf-8")
    args = ["check", str(tmp_path / "t.po"), "-g", str(tmp_path / "g.csv")]
    text = CliRunner().invoke(cli, args)
    assert text.exit_code == 0
    assert text.stdout.endswith("1 term occurrence, no findings; "
                                "1 term occurrence accepted by derivation.\n")
    data = json.loads(CliRunner().invoke(cli, [*args, "--json"]).stdout)
    assert data["counts"]["accepted"] == 1 and data["counts"]["findings"] == 0
    assert data["accepted"][0]["source_word"] == "中国人"


def test_html_report_is_self_contained_and_escaped() -> None:
    report = check(_units(("点击<b>保存</b>。", "Click <i>Save</i>."),
                          ("他是中国人。", "He is Chinese.")), GLOSSARY)
    page = report_html(report)
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert not re.search(r"<(script|link)\b|\bsrc=|https?://", page)  # nothing fetched
    assert "&lt;b&gt;保存&lt;/b&gt;" in page and "<b>保存" not in page
    assert "tag-mismatch" in page and "Accepted by derivation (1)" in page
    assert report_html(report) == page  # deterministic


def test_cli_format_html(tmp_path: Path) -> None:
    data = Path(__file__).parent / "data" / "check"
    result = CliRunner().invoke(cli, ["check", str(data / "rules" / "tag-codes.xlf"), "-g",
                                      str(data / "glossary.csv"), "--format", "html"])
    assert result.exit_code == 1
    assert result.stdout.count('<tr id="f') == 4


def test_able_prefix_is_accepted() -> None:
    """可 + term ("can be learned") rendered as the -able adjective of the term's English."""
    glossary = [TermEntry(zh="学习", en="learning", variants=("learn",)),
                TermEntry(zh="扩展", en="extend")]
    report = check(_units(("权重是可学习的参数。", "The weights are learnable parameters."),
                          ("这个框架可扩展。", "The framework is extendible."),
                          ("偏置也是可学习的。", "The biases are fixed too.")), glossary)
    assert [(a["source_word"], a["target_form"], a["reason"]) for a in report.accepted] == [
        ("可学习", "learnable", "derived-form"), ("可扩展", "extendible", "derived-form")]
    assert [(f.unit, f.rule) for f in report.findings] == [("3", "missing-term")]


def test_closed_compound_is_accepted() -> None:
    """总线 → bus: 环总线 written as the closed compound "ringbus" is accepted (and listed);
    without a modifier in the source, or with the English only inside another word's middle,
    it is still a finding."""
    glossary = [TermEntry(zh="总线", en="bus")]
    report = check(_units(("环总线连接四个核心。", "A ringbus connects the four cores."),
                          ("总线连接四个核心。", "A ringbus connects the four cores."),
                          ("环总线连接四个核心。", "A business connects the four cores.")), glossary)
    assert [(f.unit, f.rule) for f in report.findings if f.rule == "missing-term"] == [
        ("2", "missing-term"), ("3", "missing-term")]
    assert [(a["unit"], a["reason"], a["source_word"], a["target_form"]) for a in report.accepted] == [
        ("1", "closed-compound", "环总线", "ringbus")]


@pytest.mark.parametrize(("en", "target", "accepted"), [
    ("observation", "We observed the birds.", "observed"),
    ("dimensionality", "The dimension is high.", "dimension"),
    ("reinforcement learning", "Reinforcement learners act.", "Reinforcement learners"),
    ("allocating on the heap", "Allocating space on the heap is slow.",
     "Allocating space on the heap"),
    ("pushing onto the stack", "The value is pushed onto the stack.", "pushed onto the stack"),
    ("pointer", "Move to the next point.", None),  # an -er agent noun is another word
    ("point", "Move the pointer.", None),
    ("garbage collector", "Garbage collection runs.", None),
    ("allocating on the heap", "Allocating much more space on the heap.", None),  # two words apart
])
def test_word_family_of_a_third_party_entry(en: str, target: str, accepted: str | None) -> None:
    """Another tool's entry (no evidence) is accepted in another form of its words' family,
    any word of a multi-word term, one target word allowed between two of its words."""
    report = check(_units(("术语在这里。", target)), [TermEntry(zh="术语", en=en)])
    if accepted is None:
        assert [f.rule for f in report.findings] == ["missing-term"] and not report.accepted
    else:
        assert report.findings == []
        assert [(a["reason"], a["target_form"]) for a in report.accepted] == [("word-family", accepted)]


def test_word_family_is_not_used_for_an_extracted_entry() -> None:
    """An extracted entry's relative stays with missing-term-related (info, off)."""
    report = check(_units(("术语在这里。", "We observed the birds.")),
                   [TermEntry(zh="术语", en="observation", evidence="paren")],
                   rules={"missing-term", "missing-term-related"})
    assert [f.rule for f in report.findings] == ["missing-term-related"] and not report.accepted


@pytest.mark.parametrize(("status", "target", "accepted"), [
    (None, "The address and the buffer memory are full.", "buffer memory"),  # another sense
    (None, "The address and the gizmo are full.", None),  # a wrong word is no sense of it
    ("reviewed", "The address and the buffer memory are full.", None),  # a reviewed entry rules
])
def test_dictionary_sense_of_a_third_party_entry(status: str | None, target: str,
                                                 accepted: str | None) -> None:
    """Another tool's entry (no evidence) is accepted when the target has another whole
    CC-CEDICT sense of the term's Chinese (缓存: "cache", "buffer memory"), reason
    ``dictionary-sense``; a reviewed entry prescribes its English."""
    from aligner.model import TermStatus

    entry = TermEntry(zh="缓存", en="cache",
                      status=TermStatus.REVIEWED if status else TermStatus.ATTESTED)
    report = check(_units(("地址和缓存都满了。", target)), [entry])
    if accepted is None:
        assert [f.rule for f in report.findings] == ["missing-term"] and not report.accepted
    else:
        assert report.findings == []
        assert [(a["reason"], a["target_form"]) for a in report.accepted] == [
            ("dictionary-sense", accepted)]
