"""``partial-unit``: a misaligned or truncated unit is one finding, with the unit's number and
term findings inside it (aligner/check/rules/partial.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from click.testing import CliRunner

from aligner.check import check, run_check
from aligner.check.rules.partial import fold_partial, is_partial
from aligner.check.units import Unit
from aligner.cli import cli
from aligner.model import TermEntry

DATA = Path(__file__).parent / "data" / "check"
FIXTURE = DATA / "rules" / "partial-unit.po"


def _unit(source: str, target: str) -> Unit:
    return Unit(file="mine.po", id="u1", line=3, source=source, target=target)


@pytest.mark.parametrize("suffix", ["po", "tmx", "xlf"])
def test_default_rules_fold_the_units_findings(suffix: str) -> None:
    """With every default rule on, the truncated unit gives one finding, not a number
    finding beside it; the clean units give none of the rules' findings."""
    report = run_check([FIXTURE.with_suffix(f".{suffix}")], DATA / "glossary.csv")
    by_unit: dict[str, list[str]] = {}
    for finding in report.findings:
        by_unit.setdefault(finding.unit.rsplit("#", 1)[0], []).append(finding.rule)
    truncated = next(f for f in report.findings if f.rule == "partial-unit" and "512" in f.source)
    assert [f.rule for f in truncated.folded] == ["number-mismatch"]
    assert not any(f.rule.startswith("number-") for f in report.findings)
    assert sum(f.rule == "partial-unit" for f in report.findings) == 3


def test_folds_numbers_and_terms_together() -> None:
    source = "这台服务器有64个核心和512GB内存，每秒可以处理大约两万个请求，并且支持深度学习。"
    report = check([_unit(source, "This server has 64 cores.")],
                   [TermEntry(zh="深度学习", en="deep learning")])
    assert [f.rule for f in report.findings] == ["partial-unit"]
    assert sorted(f.rule for f in report.findings[0].folded) == ["missing-term", "number-mismatch"]


def test_json_lists_the_folded_findings() -> None:
    result = CliRunner().invoke(cli, ["check", str(FIXTURE), "-g", str(DATA / "glossary.csv"), "--json"])
    data = json.loads(result.output)
    partial = [f for f in data["findings"] if f["rule"] == "partial-unit"]
    assert [len(f.get("folded", [])) for f in partial] == [0, 1, 1]
    assert partial[1]["folded"][0]["rule"] == "number-mismatch"
    assert partial[1]["folded"][0]["unit"] == partial[1]["unit"]


@pytest.mark.parametrize("source,target", [
    ("这个函数返回一个列表。列表中的每个元素都是字符串。", "This function returns a list whose elements are all strings."),
    ("深度学习模型需要大量数据，而且训练这些模型通常需要昂贵的硬件和很长的时间。",
     "Deep learning models need a lot of data. Training them usually takes expensive hardware and a long time."),
    ("我们先读取数据。然后把它分成训练集和测试集。", "We read the data. Then we split it. The test set is kept apart."),
])
def test_one_two_and_two_one_units_never_fire(source: str, target: str) -> None:
    """A sentence more on one side is a normal bead; even with a number missing it needs the
    length to say the unit is partial."""
    for numbers in (False, True):
        assert is_partial(source, target, numbers=numbers, terms=True) is None


def test_a_clean_unit_keeps_its_findings() -> None:
    findings = list(check([_unit("这台服务器有64个核心。", "This server has 32 cores.")], []).findings)
    assert [f.rule for f in findings] == ["number-mismatch", "number-added"]
    assert fold_partial(_unit("这台服务器有64个核心。", "This server has 32 cores."), findings) == findings


_PAIRS = [
    ("我们先读取数据。", "We read the data first."),
    ("然后把它分成训练集和测试集，测试集在训练时不能使用。",
     "Then we split it into a training set and a test set, which training must not use."),
    ("模型在训练集上学习参数。", "The model learns its parameters on the training set."),
    ("最后我们在测试集上报告准确率。", "Finally we report the accuracy on the test set."),
    ("这个过程通常需要几个小时，取决于硬件。", "This usually takes a few hours, depending on the hardware."),
    ("如果结果不好，就调整学习率再试一次。", "If the results are poor, we adjust the learning rate and try again."),
]


@given(st.lists(st.sampled_from(range(len(_PAIRS))), min_size=1, max_size=5),
       st.booleans())
def test_a_complete_translation_is_never_partial(picks: list[int], split_first: bool) -> None:
    """Sentences and their whole renderings, joined in any number and order, with one English
    sentence split in two (a 1-2 bead), never make a partial unit, whatever the other rules
    say about the unit."""
    source = "".join(_PAIRS[i][0] for i in picks)
    english = [_PAIRS[i][1] for i in picks]
    if split_first and ", " in english[0]:
        head, _comma, tail = english[0].partition(", ")
        english[0] = f"{head}. {tail[0].upper()}{tail[1:]}"
    assert is_partial(source, " ".join(english), numbers=True, terms=True) is None


def test_html_report_shows_the_folded_findings() -> None:
    result = CliRunner().invoke(cli, ["check", str(FIXTURE), "-g", str(DATA / "glossary.csv"),
                                      "--format", "html"])
    assert "[number-mismatch] the source has 512, 两万 (= 20,000) but the target does not" in result.output
