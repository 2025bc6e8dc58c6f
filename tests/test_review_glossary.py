"""Glossary review: decisions replayed over the build's entries, written to every glossary
format by `aligner review apply`, and applied again by a re-build."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.formats.glossary_read import read_glossary
from aligner.model import Source, TermEntry, TermStatus
from aligner.review.decisions import save_review
from aligner.review.glossary_decisions import GlossaryDecision, GlossaryOp, Mark, replay_glossary
from aligner.review.glossary_review import load_glossary_review, read_built, table

from .review_helpers import CORPUS, build_into

E = [TermEntry("通用人工智能", "AGI", sources=(Source("a", 1),)),
     TermEntry("通用人工智能", "artificial general intelligence", sources=(Source("b", 2),), variants=("通用智能",)),
     TermEntry("深度学习", "deep learning", sources=(Source("a", 3),)),
     TermEntry("推特", "Twitter", sources=(Source("a", 4),), status=TermStatus.PROPOSED)]
OUTPUTS = ("glossary/glossary.tbx", "glossary/glossary.tbx3", "glossary/glossary.csv", "glossary/glossary.utf8",
           "tmx/terms.tmx")


def d(op: str, zh: str, en: str, **extra: str) -> GlossaryDecision:
    return GlossaryDecision.from_dict({"op": op, "zh": zh, "en": en, **extra})


def test_accept_reject_and_edit() -> None:
    state = replay_glossary(E, [d("accept", "推特", "Twitter"), d("reject", "深度学习", "deep learning"),
                                d("edit", "通用人工智能", "AGI", to_zh="通用人工智能", to_en="AGI (artificial general intelligence)")])
    assert [(r.entry.en, r.mark) for r in state.rows] == [
        ("AGI (artificial general intelligence)", Mark.EDITED), ("artificial general intelligence", Mark.NONE),
        ("deep learning", Mark.REJECTED), ("Twitter", Mark.ACCEPTED)]
    written = state.entries()
    assert [(e.en, e.status) for e in written] == [  # in the build's order: by Chinese, then English
        ("Twitter", TermStatus.REVIEWED), ("AGI (artificial general intelligence)", TermStatus.REVIEWED),
        ("artificial general intelligence", TermStatus.ATTESTED)]


def test_pick_makes_one_entry_of_a_conflict_with_the_others_as_variants() -> None:
    state = replay_glossary(E, [d("pick", "通用人工智能", "AGI", side="en", form="artificial general intelligence")])
    picked = [r for r in state.rows if r.entry.zh == "通用人工智能"]
    assert len(picked) == 1 and picked[0].mark is Mark.PICKED
    entry = picked[0].entry
    assert entry.en == "artificial general intelligence" and entry.variants == ("AGI", "通用智能")
    assert entry.sources == (Source("a", 1), Source("b", 2))
    # the Chinese variant can win too: the entry's Chinese becomes a variant
    state = replay_glossary(E, [d("pick", "通用人工智能", "artificial general intelligence", side="zh", form="通用智能")])
    assert [(r.entry.zh, r.entry.variants) for r in state.rows][1] == ("通用智能", ("通用人工智能",))


def test_a_decision_for_an_entry_that_is_gone_is_reported_and_the_rest_applies() -> None:
    state = replay_glossary(E, [d("reject", "机器学习", "machine learning"), d("accept", "推特", "Twitter"),
                                d("pick", "深度学习", "deep learning", side="en", form="DL")])
    assert [n for n, _ in state.vanished] == [1, 3]
    assert state.vanished_note().startswith("2 glossary decisions for entries no longer in the glossary, kept in "
                                            "the review file: #1 reject 机器学习 = machine learning; #3 pick")
    assert state.rows[3].mark is Mark.ACCEPTED


def test_conflicts_come_first_in_the_table_with_the_forms_that_can_win() -> None:
    rows = table(replay_glossary(list(reversed(E)), []))
    assert [r["en"] for r in rows[:2]] == ["artificial general intelligence", "AGI"]
    assert rows[0]["conflict"].startswith("通用人工智能: 2 English forms")
    assert rows[0]["choices"] == {"en": ["artificial general intelligence", "AGI"], "zh": ["通用人工智能", "通用智能"]}
    assert not rows[2]["conflict"] and rows[2]["choices"] == {}


@pytest.mark.parametrize("section, message", [
    ('"glossary": []', 'damaged review file: "glossary" must be {"decisions": [...]}'),
    ('"glossary": {"decisions": [{"op": "keep", "zh": "a", "en": "b"}]}',
     "damaged review file: glossary decisions #1: 'keep' is not a valid GlossaryOp"),
    ('"glossary": {"decisions": [{"op": "edit", "zh": "a", "en": "b", "to_zh": "", "to_en": "c"}]}',
     'damaged review file: glossary decisions #1: edit needs non-empty "to_zh" and "to_en"'),
])
def test_a_damaged_glossary_section_is_one_line(tmp_path: Path, section: str, message: str) -> None:
    path = tmp_path / "review.json"
    path.write_text('{"format": "aligner-review", "version": 1, "documents": {}, ' + section + "}", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_glossary_review(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("glossary-build"))


def _copy(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out


def test_apply_without_decisions_gives_the_build_glossary_back_byte_for_byte(built: Path, tmp_path: Path) -> None:
    out = _copy(built, tmp_path)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    result = CliRunner().invoke(cli, ["review", "apply", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "glossary: 17 entries; 0 decisions: 0 accepted, 0 rejected, 0 edited, 0 picked" in result.output
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_decisions_reach_every_glossary_format_and_survive_a_rebuild(built: Path, tmp_path: Path) -> None:
    out = _copy(built, tmp_path)
    decisions = [d("accept", "肖茜", "Xiao Qian"), d("reject", "Meta", "Meta"),
                 d("edit", "开源大模型", "Open-Source Large Models", to_zh="开源大模型", to_en="open-source large models"),
                 d("pick", "生成式人工智能", "Generative Artificial Intelligence", side="en", form="Generative AI"),
                 d("reject", "不存在", "does not exist")]
    save_review(out / "review.json", {}, [x.to_dict() for x in decisions])
    result = CliRunner().invoke(cli, ["review", "apply", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert ("glossary: 16 entries; 5 decisions: 1 accepted, 1 rejected, 1 edited, 1 picked; 1 glossary decision "
            "for entries no longer in the glossary, kept in the review file: #5 reject 不存在 = does not exist") \
        in result.output
    expected = {"肖茜": ("Xiao Qian", "reviewed"), "开源大模型": ("open-source large models", "reviewed"),
                "生成式人工智能": ("Generative AI", "reviewed"), "图灵奖": ("Turing Award", "attested")}
    for name in OUTPUTS[:4]:
        entries = {e.zh: e for e in read_glossary(out / name)}
        assert "Meta" not in entries, name
        for zh, (en, status) in expected.items():
            assert entries[zh].en == en, name
            if not name.endswith(".utf8") or status == "reviewed":
                assert entries[zh].status.value == status, name
        assert "Generative Artificial Intelligence" in entries["生成式人工智能"].variants, name
    rows = list(csv.reader((out / "glossary/glossary.csv").read_text(encoding="utf-8").splitlines()))
    assert ["肖茜", "Xiao Qian"] == rows[-2][:2] and rows[-2][5] == "reviewed"
    terms = (out / "tmx/terms.tmx").read_text(encoding="utf-8")
    assert "<seg>Meta</seg>" not in terms and "<seg>open-source large models</seg>" in terms

    # a re-build applies the same decisions to the entries it still finds; the file is unchanged
    review = (out / "review.json").read_bytes()
    lines: list[str] = []
    from aligner.build import BuildSettings, build

    build(BuildSettings(corpus=CORPUS, out=out), lines.append)
    assert any(line.startswith("review applied: glossary: 16 entries; 5 decisions") and "#5 reject 不存在" in line
               for line in lines)
    assert (out / "review.json").read_bytes() == review
    assert {e.zh: e.en for e in read_glossary(out / "glossary/glossary.tbx")}["开源大模型"] == "open-source large models"
    assert len(read_built(out).entries) == 17  # the build's glossary as built, before the review
    data = json.loads(review)
    assert [x["op"] for x in data["glossary"]["decisions"]] == ["accept", "reject", "edit", "pick", "reject"]


def test_a_damaged_review_file_stops_apply_before_anything_is_written(built: Path, tmp_path: Path) -> None:
    out = _copy(built, tmp_path)
    (out / "review.json").write_text('{"format": "aligner-review", "version": 1, "documents": {}, '
                                     '"glossary": {"decisions": [{"op": "reject"}]}}', encoding="utf-8")
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    result = CliRunner().invoke(cli, ["review", "apply", "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"aligner: {out / 'review.json'}: damaged review file: glossary decisions #1: no 'zh' (see the review "
                             "file's format in the README). fix or remove the file (it holds only your decisions; the build is not changed by it).\n")
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(GlossaryOp)), st.integers(0, 10), st.integers(0, 10),
                          st.sampled_from(["en", "zh"])), max_size=10))
def test_any_glossary_decisions_lose_no_source_but_the_rejected(steps) -> None:
    """Whatever the reviewer does, every source of the build's entries is still in the written
    glossary unless its entry was rejected, and the decisions read back from the file the same."""
    decisions: list[GlossaryDecision] = []
    for op, pick, form, side in steps:
        rows = replay_glossary(E, decisions).rows
        entry = rows[pick % len(rows)].entry
        extra = {"to_zh": entry.zh + "甲", "to_en": entry.en + " x"} if op is GlossaryOp.EDIT else {}
        if op is GlossaryOp.PICK:
            forms = [e.zh if side == "zh" else e.en for e in E] + ["通用智能"]
            extra = {"side": side, "form": forms[form % len(forms)]}
        decisions.append(d(op.value, entry.zh, entry.en, **extra))
    state = replay_glossary(E, decisions)
    rejected = {s for r in state.rows if r.mark is Mark.REJECTED for s in r.entry.sources}
    written = {s for e in state.entries() for s in e.sources}
    assert written | rejected == {s for e in E for s in e.sources}
    decided = sum(1 for r in state.rows if r.mark not in (Mark.NONE, Mark.REJECTED))
    assert sum(1 for e in state.entries() if e.status is TermStatus.REVIEWED) == decided
    assert len(state.entries()) == sum(1 for r in state.rows if r.mark is not Mark.REJECTED)
    assert [GlossaryDecision.from_dict(json.loads(json.dumps(x.to_dict()))) for x in decisions] == decisions
