"""The word-boundary shortcut (aligner/check/wordcuts.py) against jieba's cut of whole runs.

The shortcut skips jieba where no dictionary word crosses a position and cuts only the end
of a run elsewhere; it must answer exactly as cutting every run whole (what the checker did
before). Texts are drawn from characters that form many overlapping words, with glossary
terms added as user words, Traditional characters, ASCII letters and digits (which jieba
merges) and punctuation between runs.
"""
from __future__ import annotations


from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.check.terms import TermIndex
from math import log

import pytest

from aligner.check.wordcuts import JIEBA_BLOCK, WordCuts, jieba_ends, piece_ends
from aligner.model import TermEntry
from aligner.script import cut_like

_TERMS = ["深度学习", "学习率", "模型", "数据集", "中国人", "人工智能", "智能体", "机器学习",
          "為數", "网络结构", "X射线", "卷积神经网络", "循环神经网络结构"]
_CHARS = "卷积循环神经深度学习率模型数据集中国人工智能体机器网络结构认为数的为是在有一个了和大学生產業化者aX1 ，。、·"


def _index() -> TermIndex:
    return TermIndex([TermEntry(zh=t, en=f"term {i}") for i, t in enumerate(_TERMS)])


INDEX = _index()


def _reference(index: TermIndex, text: str, spans: list[tuple[int, int]]) -> set[int]:
    """jieba's cut of every run holding a span, as the checker cut before the shortcut."""
    bounds: set[int] = set()
    for block in JIEBA_BLOCK.finditer(text):
        if not any(s < block.end() and e > block.start() for s, e in spans):
            continue
        offset = block.start()
        bounds.add(offset)
        for word in cut_like(lambda b: index.tokenizer.cut(b, HMM=False), block.group()):
            offset += len(word)
            bounds.add(offset)
    return bounds


@pytest.mark.parametrize("pieces_after", [10**9, 0], ids=["whole runs", "pieces"])
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_CHARS, min_size=1, max_size=30), st.data())
def test_shortcut_answers_as_jieba_on_whole_runs(pieces_after: int, text: str, data: st.DataObject) -> None:
    starts = data.draw(st.lists(st.integers(0, len(text) - 1), min_size=1, max_size=4))
    spans = [(s, data.draw(st.integers(s + 1, len(text)))) for s in starts]
    asked = {p for span in spans for p in span}
    fresh = WordCuts(lambda: INDEX.tokenizer, pieces_after=pieces_after)  # no cache shared
    assert fresh.boundaries(text, spans) == _reference(INDEX, text, spans) & asked


@pytest.mark.parametrize("pieces_after", [10**9, 0], ids=["whole runs", "pieces"])
def test_every_position_of_real_sentences(pieces_after: int) -> None:
    """Every position of a few sentences, asked one at a time and all at once."""
    cuts = WordCuts(lambda: INDEX.tokenizer, pieces_after=pieces_after)
    for text in ["我们认为深度学习模型的学习率很重要。", "中国人工智能产业化者在机器学习领域",
                 "為數不多的X射线数据集，a1b2深度学习", "网络结构网络结构网络结构"]:
        every = [(p, p + 1) for p in range(len(text))]
        assert cuts.boundaries(text, every) == _reference(INDEX, text, every) & set(range(len(text) + 1))
        for span in every:
            assert cuts.boundaries(text, [span]) == _reference(INDEX, text, [span]) & set(span)


def test_a_term_inside_a_longer_word_is_not_a_hit() -> None:
    """人工 in 人工智能: the shortcut must not accept what jieba does not cut."""
    index = TermIndex([TermEntry(zh="工智", en="craft wisdom"), TermEntry(zh="智能", en="intelligence")])
    assert [h.form for h in index.find("人工智能很重要")] == []


def test_a_piece_with_tied_routes_is_refused() -> None:
    """甲乙|丙 and 甲|乙丙 score the same (2 × 8 = 4 × 4): which one jieba takes depends on
    rounding, so a piece cut alone must not answer; a clear winner is answered as jieba."""
    freq = {"甲": 4, "甲乙": 2, "乙": 1, "乙丙": 4, "丙": 8, "丁": 1}
    logtotal = log(1000)
    assert piece_ends("甲乙丙", freq, logtotal) is False
    freq["乙丙"] = 5
    assert piece_ends("甲乙丙", freq, logtotal) == jieba_ends("甲乙丙", freq, logtotal)


def _crossed(freq: dict[str, int], text: str, p: int) -> bool:
    """Whether a word of ``freq`` (with a frequency) spans position ``p`` of ``text``."""
    return any(freq.get(text[k:e]) for k in range(max(0, p - 6), p)
               for e in range(p + 1, min(len(text), k + 7) + 1))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=4),
                       st.sampled_from([1, 2, 3, 4, 6, 8, 12, 16]), min_size=1, max_size=25),
       st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=24))
def test_a_piece_routes_as_inside_the_whole_run(words: dict[str, int], text: str) -> None:
    """Hostile frequencies (small powers and products, so routes often tie exactly): a
    piece between two positions no word crosses gets, unless refused, the ends the whole
    run's route has there."""
    freq: dict[str, int] = {}
    for word, f in words.items():
        for j in range(1, len(word)):
            freq.setdefault(word[:j], 0)
        freq[word] = f
    logtotal = log(sum(words.values()) + 7)
    whole = jieba_ends(text, freq, logtotal)
    cuts = [0] + [p for p in range(1, len(text)) if not _crossed(freq, text, p)] + [len(text)]
    for a, b in zip(cuts, cuts[1:]):
        piece = piece_ends(text[a:b], freq, logtotal)
        if piece is not False:
            assert piece == {p - a for p in whole if a <= p <= b}
