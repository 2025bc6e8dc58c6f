"""Review decisions: replay, the review file, and apply (decisions -> TMX), in pure Python."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.cli import cli
from aligner.errors import FormatError
from aligner.model import Bead
from aligner.review import (BeadsFile, Decision, Op, Sentence, Status, apply_review, load_review, read_beads,
                            replay, save_review, write_beads)
from aligner.review.model import ReplayError

from .review_helpers import build_into

# zh 0-4, en 0-3: [0]:[0] [1,2]:[1] [3]:[] [4]:[2,3]
BEADS = (Bead((0,), (0,), 0.95, ("a",)), Bead((1, 2), (1,), 0.4), Bead((3,), ()), Bead((4,), (2, 3), 0.7))


def spans(state) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.zh, b.en) for b in state]


@pytest.mark.parametrize(("decision", "expected"), [
    (Decision(Op.MERGE, (0,), (0,)), [((0, 1, 2), (0, 1)), ((3,), ()), ((4,), (2, 3))]),
    (Decision(Op.SPLIT, (1, 2), (1,), at=(1, 1)), [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2, 3))]),
    (Decision(Op.MOVE, (0,), (0,), side="zh", by=1), [((0, 1), (0,)), ((2,), (1,)), ((3,), ()), ((4,), (2, 3))]),
    (Decision(Op.MOVE, (1, 2), (1,), side="zh", by=-1), [((0,), (0,)), ((1,), (1,)), ((2, 3), ()), ((4,), (2, 3))]),
    (Decision(Op.MOVE, (3,), (), side="en", by=1), [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,))]),
    (Decision(Op.ORPHAN, (4,), (2, 3)), [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), ()), ((), (2,)), ((), (3,))]),
    # one sentence with no counterpart: it stands alone where it was, the rest stays one bead
    (Decision(Op.ORPHAN, (1, 2), (1,), side="zh", sentence=1), [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), ()),
                                                               ((4,), (2, 3))]),
    (Decision(Op.ORPHAN, (1, 2), (1,), side="zh", sentence=2), [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()),
                                                               ((4,), (2, 3))]),
    (Decision(Op.ORPHAN, (4,), (2, 3), side="en", sentence=3), [((0,), (0,)), ((1, 2), (1,)), ((3,), ()),
                                                               ((4,), (2,)), ((), (3,))]),
    (Decision(Op.ORPHAN, (0,), (0,), side="en", sentence=0), [((), (0,)), ((0,), ()), ((1, 2), (1,)), ((3,), ()),
                                                             ((4,), (2, 3))]),
])
def test_each_edit(decision: Decision, expected) -> None:
    state = replay(BEADS, [decision])
    assert spans(state) == expected
    changed = [b for b in state if (b.zh, b.en) not in {(x.src, x.tgt) for x in BEADS}]
    assert all(b.edited or b.status is Status.ACCEPTED for b in changed)


def test_a_sentence_inside_a_bead_cannot_leave_it_alone() -> None:
    beads = (Bead((0, 1, 2), (0,), 0.8),)
    with pytest.raises(ReplayError, match="sentence zh 1 is inside the bead, not at its edge: split the bead first"):
        replay(beads, [Decision(Op.ORPHAN, (0, 1, 2), (0,), side="zh", sentence=1)])
    with pytest.raises(ValueError, match="a \"sentence\" of the bead on that side"):
        Decision.from_dict({"op": "orphan", "zh": [0], "en": [0], "side": "en", "sentence": 5})


def test_a_sentence_with_no_counterpart_is_out_of_the_tmx_and_the_rest_is_edited() -> None:
    state = replay(BEADS, [Decision(Op.ORPHAN, (4,), (2, 3), side="en", sentence=2)])
    assert spans(state)[-2:] == [((), (2,)), ((4,), (3,))]
    assert state[-1].edited and state[-1].in_tmx(0.99) and not state[-2].in_tmx(0.0)


def test_accept_and_reject_decide_what_enters_the_tmx() -> None:
    state = replay(BEADS, [Decision(Op.ACCEPT, (1, 2), (1,)), Decision(Op.REJECT, (0,), (0,))])
    assert [b.in_tmx(0.5) for b in state] == [False, True, False, True]


def test_a_decision_that_does_not_fit_is_named() -> None:
    with pytest.raises(ReplayError, match=r"decision #2: no bead with zh \[0\] and en \[0\]"):
        replay(BEADS, [Decision(Op.MERGE, (0,), (0,)), Decision(Op.ACCEPT, (0,), (0,))])
    with pytest.raises(ReplayError, match="the last bead has no next bead"):
        replay(BEADS, [Decision(Op.MERGE, (4,), (2, 3))])


ops = st.sampled_from(list(Op))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ops, st.integers(0, 20), st.integers(0, 3), st.integers(0, 3), st.booleans(),
                          st.booleans()), max_size=12))
def test_any_decisions_keep_every_sentence_once_in_order(steps) -> None:
    decisions = []
    for op, pick, i, j, zh_side, down in steps:
        state = replay(BEADS, decisions)
        bead = state[pick % len(state)]
        side = "zh" if zh_side else "en"
        mine = bead.zh if zh_side else bead.en
        extra = {"at": (i, j)} if op is Op.SPLIT else \
            {"side": side, "by": 1 if down else -1} if op is Op.MOVE else \
            {"side": side, "sentence": mine[i % len(mine)]} if op is Op.ORPHAN and mine and down else {}
        decision = Decision(op, bead.zh, bead.en, **extra)
        try:
            state = replay(BEADS, [*decisions, decision])
        except ReplayError:
            continue
        decisions.append(decision)
        assert [k for b in state for k in b.zh] == list(range(5))
        assert [k for b in state for k in b.en] == list(range(4))
        assert all(b.zh or b.en for b in state)
    # and the review file gives the same decisions back
    assert [Decision.from_dict(json.loads(json.dumps(d.to_dict()))) for d in decisions] == decisions


def test_review_file_round_trip_and_stable_text(tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    docs = {"b": [Decision(Op.SPLIT, (1, 2), (1,), at=(1, 0))], "a": [Decision(Op.MOVE, (0,), (0,), side="en", by=-1)],
            "empty": []}
    save_review(path, docs)
    first = path.read_bytes()
    assert load_review(path) == {"a": docs["a"], "b": docs["b"]}
    save_review(path, load_review(path))
    assert path.read_bytes() == first
    assert first.decode().splitlines()[1:3] == ['  "a": {"decisions": [',
                                                '    {"op": "move", "zh": [0], "en": [0], "side": "en", "by": -1}']


@pytest.mark.parametrize("text", [
    "{not json", '{"format": "other", "version": 1}', '{"format": "aligner-review", "version": 1, "documents": []}',
    '{"format": "aligner-review", "version": 1, "documents": {"d": {"decisions": [{"op": "explode", "zh": [1]}]}}}',
    '{"format": "aligner-review", "version": 1, "documents": {"d": {"decisions": [{"op": "move", "zh": [1], '
    '"side": "zh", "by": 2}]}}}',
])
def test_a_damaged_review_file_is_one_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "review.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load_review(path)
    assert str(caught.value).startswith(f"{path}: ") and "\n" not in str(caught.value)


def _hand_made(tmp_path: Path) -> Path:
    zh = tuple(Sentence(t, n + 1, tmx=t.replace("，", ",")) for n, t in enumerate(["第一句。", "第二，句。", "第三句。", "孤句。", "第五句。"]))
    en = tuple(Sentence(t, n + 1) for n, t in enumerate(["One.", "Two.", "Four a.", "Four b."]))
    write_beads(tmp_path / "tmx" / "doc.beads.json",
                BeadsFile("doc", zh, en, BEADS, min_score=0.5, header={"x-document": "doc"}))
    return tmp_path


def test_beads_file_round_trip(tmp_path: Path) -> None:
    path = _hand_made(tmp_path) / "tmx" / "doc.beads.json"
    beads = read_beads(path)
    assert beads.beads == BEADS and beads.zh[1].tmx_text == "第二,句。"
    write_beads(tmp_path / "again.json", beads)
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()


def test_apply_writes_decisions_into_the_tmx(tmp_path: Path) -> None:
    out = _hand_made(tmp_path)
    save_review(out / "review.json", {"doc": [Decision(Op.ACCEPT, (1, 2), (1,)), Decision(Op.MERGE, (3,), ()),
                                              Decision(Op.REJECT, (0,), (0,))]})
    report = apply_review(out)
    assert report.documents[0].summary() == "doc: 2 pairs -> {}; 3 decisions: 1 accepted, 1 rejected, 1 edited".format(
        out / "tmx" / "doc.tmx")
    first = (out / "tmx" / "doc.tmx").read_bytes()
    tus = etree.fromstring(first).findall(".//tu")
    rows = [([s.text for s in tu.iter("seg")], {p.get("type"): p.text for p in tu.findall("prop")}) for tu in tus]
    assert [r[0] for r in rows] == [["第二,句。第三句。", "Two."], ["孤句。第五句。", "Four a. Four b."]]
    assert rows[0][1]["x-review"] == "accepted" and rows[0][1]["x-score"] == "0.4000"
    assert rows[1][1]["x-review"] == "edited" and rows[1][1]["x-score"] == "1.0000"
    assert b'<prop type="x-aligner-review">review.json: 1 accepted, 1 rejected, 1 edited</prop>' in first
    apply_review(out)
    assert (out / "tmx" / "doc.tmx").read_bytes() == first  # deterministic


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_into(tmp_path_factory.mktemp("review-build"))


def test_no_decisions_give_back_the_build_tmx_byte_for_byte(built: Path, tmp_path: Path) -> None:
    tmx = sorted((built / "tmx").glob("*.tmx"))
    before = {p.name: p.read_bytes() for p in tmx}
    assert {p.name for p in (built / "tmx").glob("*.beads.json")} == {"paper.beads.json", "speech.beads.json"}
    result = CliRunner().invoke(cli, ["review", "apply", "--out", str(built)])
    assert result.exit_code == 0, result.output
    assert "paper: 6 pairs" in result.output
    assert {p.name: p.read_bytes() for p in tmx} == before


def test_a_decision_that_no_longer_fits_is_one_line_exit_2(built: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.json"
    save_review(review, {"paper": [Decision(Op.ACCEPT, (0,), (5,))]})
    result = CliRunner().invoke(cli, ["review", "apply", "--out", str(built), "--review", str(review)])
    assert result.exit_code == 2
    assert result.stderr == (f"aligner: {review}: document paper: decision #1: no bead with zh [0] and en [5] (was the "
                             "document re-aligned since the review?). remove that decision (and the ones after it) "
                             "or undo it in the page.\n")


def test_a_rebuild_applies_the_review_again(built: Path, tmp_path: Path) -> None:
    from aligner.build import BuildSettings, build

    from .review_helpers import CORPUS

    beads = read_beads(built / "tmx" / "paper.beads.json")
    second = beads.beads[1]
    save_review(tmp_path / "review.json", {"paper": [Decision(Op.REJECT, second.src, second.tgt)]})
    said: list[str] = []
    build(BuildSettings(corpus=CORPUS, out=tmp_path), progress=said.append)
    assert f"review applied: paper: 5 pairs -> {tmp_path / 'tmx' / 'paper.tmx'}; 1 decision: 0 accepted, " \
           "1 rejected, 0 edited" in said
    text = (tmp_path / "tmx" / "paper.tmx").read_text(encoding="utf-8")
    assert "".join(beads.zh[k].tmx_text for k in second.src) not in text
    assert text.count("<tu ") == 5
