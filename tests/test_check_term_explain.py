"""The per-unit lexical test (aligner/check/explain.py) and the bounds on sense acceptance
(aligner/check/related.py): a free rendering of a confirmed extracted entry is counted, a
wrong word is listed; a dictionary sense counts only in the term's own sentence; a
CC-CEDICT acronym is a sense; one family model serves related forms."""
from __future__ import annotations

from aligner.check import Unit, check
from aligner.check.derivation import family_stem
from aligner.check.explain import Explainer, free_rendering
from aligner.check.related import same_family, sentence_window
from aligner.check.terms import Hit, Term
from aligner.model import TermEntry, TermStatus

RULES = {"missing-term", "missing-term-unconfirmed"}


def _tm(odd_target: str) -> list[Unit]:
    """Twenty units that render 张量 as tensor and one that does not (line 21), among twenty
    that render 数据 as data in one unit of four (the TM's rate over all its terms: 60%),
    so the TM confirms the entry 张量 → tensor."""
    units = [Unit(file="t.tmx", id=str(i), line=i, source=f"第{i}个张量很大。",
                  target=f"Tensor {i} is large.") for i in range(1, 21)]
    units.append(Unit(file="t.tmx", id="21", line=21, source="这个张量很大。", target=odd_target))
    units += [Unit(file="t.tmx", id=str(i), line=i, source=f"第{i}份数据很多。",
                   target=f"Data {i} is plenty." if i % 4 == 0 else f"Values {i} are plenty.")
              for i in range(22, 42)]
    return units


def test_a_free_rendering_of_a_confirmed_entry_is_counted_a_wrong_word_listed() -> None:
    entry = TermEntry("张量", "tensor", evidence="paren")
    glossary = [entry, TermEntry("数据", "data")]
    # "it" and "large" need no source word for the term: the English leaves it to the context
    free = check(_tm("It is large."), glossary, rules={"missing-term"})
    assert 21 not in [f.line for f in free.findings] and free.unconfirmed_hidden == 1
    listed = check(_tm("It is large."), glossary, rules=RULES)
    ours = [f for f in listed.findings if f.line == 21]
    assert [f.rule for f in ours] == ["missing-term-unconfirmed"]
    assert "a free rendering" in ours[0].message
    # a word no source word explains, where the term stands: still a missing-term error
    wrong = check(_tm("This gizmo is large."), glossary, rules={"missing-term"})
    assert ("missing-term", 21) in [(f.rule, f.line) for f in wrong.findings]


def test_a_reviewed_or_third_party_entry_is_not_excused_by_a_free_rendering() -> None:
    for entry in (TermEntry("张量", "tensor"),
                  TermEntry("张量", "tensor", evidence="paren", status=TermStatus.REVIEWED)):
        report = check(_tm("It is large."), [entry, TermEntry("数据", "data")], rules={"missing-term"})
        assert 21 in [f.line for f in report.findings]


def test_unexplained_words() -> None:
    explainer = Explainer()
    assert explainer.unexplained("这个张量很大。", "This gizmo is large.") == ["gizmo"]
    assert explainer.unexplained("特征很多。", "Many characteristics.") == []  # family of the sense
    assert free_rendering("只是GPU的速度更快。", "Just a lot faster.", "GPU")
    assert not free_rendering("只是GPU的速度更快。", "Just a lot faster, the gizmo.", "GPU")


def test_a_dictionary_sense_counts_only_in_the_term_s_sentence() -> None:
    source = "目标很重要。我们每天早上都在公园里跑步，然后回家吃早饭，再去上班。"
    entry = TermEntry("目标", "target")  # another tool's: 目标 is also "goal" (CC-CEDICT)
    near = "The goal matters. Every morning we run in the park, then go home for breakfast and work."
    far = "It matters. Every morning we run in the park. Then we eat at home. We work towards a goal."
    accepted = check([Unit(file="t", id="1", line=1, source=source, target=near)], [entry],
                     rules={"missing-term"})
    assert accepted.findings == [] and [a["reason"] for a in accepted.accepted] == ["dictionary-sense"]
    missed = check([Unit(file="t", id="1", line=1, source=source, target=far)], [entry],
                   rules={"missing-term"})
    assert [f.rule for f in missed.findings] == ["missing-term"]
    # a one-sentence source: the whole target is the term's sentence
    assert sentence_window("目标很重要", far, Hit(0, 2, "目标", None)) == (0, len(far))  # type: ignore[arg-type]


def test_a_cedict_acronym_is_a_sense_as_written() -> None:
    entry = TermEntry("内存", "memory")  # CC-CEDICT: "random access memory (RAM)"
    unit = Unit(file="t", id="1", line=1, source="内存很快。", target="The CPU RAM is fast.")
    report = check([unit], [entry], rules={"missing-term"})
    assert report.findings == [] and report.accepted[0]["target_form"] == "RAM"
    lower = Unit(file="t", id="1", line=1, source="内存很快。", target="The ram is fast.")
    assert [f.rule for f in check([lower], [entry], rules={"missing-term"}).findings] == ["missing-term"]


def test_related_forms_use_the_one_family_model() -> None:
    term = Term([TermEntry("维度", "dimension", evidence="paren")])
    assert same_family(term, "The dimensionality is high.") == "dimensionality"
    assert same_family(term, "The dime is high.") is None
    assert family_stem("characteristics") == family_stem("characteristic")
