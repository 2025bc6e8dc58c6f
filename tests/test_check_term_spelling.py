"""Glossary rules against spelling variants of the English: spacing, hyphenation and case.

A glossary form and the target may break an English term differently (ringbus / "ring
bus" / ring-bus; RTX4090 / "RTX 4090"; email / e-mail). The fixture
``tests/data/check/term_spelling/spelling.po`` (TMX by po2tmx, XLIFF by po2xliff) holds
units that must not trigger (``good-*``) and units that must (``bad-*``), checked in all three
formats against its own glossary, which also has one machine-proposed entry. A kept-as-is
name the source writes in another case than the glossary (WIFI for Wi-Fi) may stay so.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check import Unit, check, run_check, select_rules
from aligner.model import Severity, TermEntry

DATA = Path(__file__).parent / "data" / "check" / "term_spelling"
GLOSSARY_RULES = {"missing-term", "keep-as-is", "forbidden-variant"}
EXPECTED = {
    "bad-missing": ("missing-term", Severity.ERROR),
    "bad-inside-a-word": ("missing-term", Severity.ERROR),
    "bad-keep-other-model": ("keep-as-is", Severity.ERROR),
    "bad-keep-case": ("keep-as-is", Severity.WARNING),
    "bad-email-missing": ("missing-term", Severity.ERROR),
}


def _context(report, finding) -> str:  # type: ignore[no-untyped-def]
    """The msgctxt the unit came from (PO: the unit id; TMX/XLIFF: found by its source)."""
    from translate.storage.po import pofile

    store = pofile.parsefile(str(DATA / "spelling.po"))
    by_source = {u.source: u.getcontext() for u in store.units if not u.isheader()}
    return by_source[finding.source]


@pytest.mark.parametrize("suffix", ["po", "tmx", "xlf"])
def test_spelling_variants_pass_and_real_misses_are_found(suffix: str) -> None:
    report = run_check([DATA / f"spelling.{suffix}"], DATA / "glossary.csv", rules=GLOSSARY_RULES)
    found = {_context(report, f): (f.rule, f.severity) for f in report.findings}
    assert found == EXPECTED
    assert report.units == 13
    assert report.proposed_hidden == 1  # 张小红 → Zhang Xiaohong is only proposed


def test_proposed_entry_listed_on_request() -> None:
    report = run_check([DATA / "spelling.po"], DATA / "glossary.csv",
                       rules=select_rules(["terms"]))
    proposed = [(_context(report, f), f.severity) for f in report.findings
                if f.rule == "missing-term-proposed"]
    assert proposed == [("good-proposed-entry", Severity.INFO)]
    assert report.proposed_hidden == 0


def _one(entry: TermEntry, source: str, target: str) -> list[str]:
    report = check([Unit("f", "1", None, source, target)], [entry], rules=GLOSSARY_RULES)
    return [f.rule for f in report.findings]


_WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=7)


@settings(max_examples=60, deadline=None)  # the first check builds jieba's dictionary
@given(st.lists(_WORD, min_size=2, max_size=3), st.lists(st.sampled_from([" ", "-", ""]),
                                                         min_size=2, max_size=2),
       st.lists(st.sampled_from([" ", "-", ""]), min_size=2, max_size=2))
def test_any_spacing_of_the_same_letters_is_the_term(words: list[str], glossary_seps: list[str],
                                                     target_seps: list[str]) -> None:
    """Whatever breaks the glossary form and the target put between the same words, the
    term is found; dropping a letter is still a miss."""
    def joined(seps: list[str]) -> str:
        return words[0] + "".join(sep + word for sep, word in zip(seps, words[1:]))

    entry = TermEntry("环形总线", joined(glossary_seps))
    assert _one(entry, "环形总线很快。", f"The {joined(target_seps)} is fast.") == []
    assert _one(entry, "环形总线很快。", f"The {joined(target_seps).capitalize()} is fast.") == []
    other = "z" if words[0][0] != "z" else "y"  # the first letter changed: another word
    changed = other + joined(target_seps)[1:]
    assert _one(entry, "环形总线很快。", f"The {changed} is fast.") == ["missing-term"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", min_size=1, max_size=5),
                min_size=2, max_size=3), st.sampled_from([" ", "-", ""]))
def test_kept_as_is_name_spaced_differently_passes(parts: list[str], sep: str) -> None:
    name = "".join(parts)
    if not re.search("[A-Z]", name) or len(name) < 3:
        return
    entry = TermEntry(name, name, keep_as_is=True)
    assert _one(entry, f"我们用 {name} 工作。", f"We work with {sep.join(parts)}.") == []
    lowered = sep.join(parts).lower()
    assert _one(entry, f"我们用 {name} 工作。", f"We work with {lowered}.") == ["keep-as-is"]
