"""Term pairs seen once or twice, chosen by phrase embeddings with the dictionary
(aligner.glossary.from_tm.sparse), on our own sentences."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.formats.glossary_read import read_glossary_file
from aligner.formats.registry import glossary_format, write_glossary
from aligner.glossary.from_tm import TmPair, extract_tm_terms
from aligner.glossary.from_tm.senses import token_keys, zh_pieces
from aligner.glossary.from_tm.sparse import _Shares, _share
from aligner.model import Source, TermStatus

ROWS = [
    ("这个城市试行了新的治理模式。", "The city is trying out new governance models."),
    ("训练时我们把样本分成小批量。", "During training we split the samples into minibatches."),
    ("政府管制让市场更稳定。", "Authoritarian regimes made the market calmer."),
    ("这个团队的工程师群体很年轻。", "The engineers on this team are young."),
    ("我们把日志写进环形缓冲区。", "We write the logs into a ring buffer."),
]


def pairs() -> list[TmPair]:
    return [TmPair(z, e, Source("mine", k + 1), Source("mine.en", k + 1)) for k, (z, e) in enumerate(ROWS)]


@pytest.fixture(scope="module")
def found():
    return {t.zh: t for t in extract_tm_terms(pairs()).terms}


def test_a_pair_seen_once_is_proposed_when_embeddings_and_the_dictionary_agree(found) -> None:
    # CC-CEDICT has 治理 = governance but no *model* for 模式: the whole-sense test fails,
    # the embedding and the half the dictionary links choose the span
    term = found["治理模式"]
    assert (term.en, term.method, term.status) == ("governance models", "embedding", TermStatus.PROPOSED)
    assert term.both == 1 and term.similarity is not None and term.similarity > 0.5
    assert "CC-CEDICT share 0.50" in term.reasons() and "margin" in term.reasons()


def test_a_word_no_dictionary_knows_is_paired_by_the_embedding(found) -> None:
    term = found["小批量"]
    assert (term.en, term.status) == ("minibatches", TermStatus.PROPOSED)
    assert "CC-CEDICT" not in term.reasons()


def test_a_span_the_dictionary_contradicts_is_not_paired(found) -> None:
    # 政府 and 管制 are CC-CEDICT words and neither renders "authoritarian regimes"
    assert "政府管制" not in found
    assert not any("authoritarian" in t.en.lower() for t in found.values())


def test_a_span_another_candidate_explains_better_is_not_taken(found) -> None:
    # "engineers" is 工程师's (an everyday word, not itself a term from one pair), not 工程师群体's
    assert "工程师群体" not in found and "工程师" not in found


def test_without_embeddings_the_pairs_seen_once_are_left_alone() -> None:
    terms = extract_tm_terms(pairs(), embeddings=False).terms
    assert not any(t.method == "embedding" for t in terms)
    assert "治理模式" not in {t.zh for t in terms}


def test_the_same_pairs_in_any_order_give_the_same_pairs() -> None:
    a = extract_tm_terms(pairs()).terms
    b = extract_tm_terms(list(reversed(pairs()))).terms
    assert [t.explain() for t in a] == [t.explain() for t in b]


@pytest.mark.parametrize(("zh", "en", "share"), [
    (("治理", "模式"), "governance models", 0.5),  # 治理 = governance; 模式 has no *model*
    (("治理", "模式"), "governance mode", 1.0),
    (("治理", "模式"), "market", 0.0),
])
def test_the_dictionary_share_counts_words_linked_on_both_sides(zh: tuple[str, ...], en: str, share: float) -> None:
    assert _share(zh_pieces(zh), token_keys(en)) == pytest.approx(share)


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tbx3"])
def test_the_evidence_column_says_why(tmp_path: Path, fmt: str) -> None:
    """The CSV's evidence column and the TBX entry's note carry why the pair was made; the
    TBX stays valid against the official schemas."""
    from lxml import etree

    from tests.tbx_schemas import validate_v2, validate_v3

    entries = [e for e in extract_tm_terms(pairs()).entries if e.zh == "治理模式"]
    out = tmp_path / f"g.{fmt}"
    write_glossary(entries, out, glossary_format(fmt).value)
    if fmt != "csv":
        assert (validate_v2 if fmt == "tbx" else validate_v3)(etree.parse(str(out))) == []
    back = [e for e in read_glossary_file(out).entries if e.zh == "治理模式"]
    assert back and back[0].en == "governance models" and back[0].status is TermStatus.PROPOSED
    evidence = back[0].evidence
    assert evidence.startswith("aligned-embedding: 1 of 1 pairs"), evidence
    assert "embedding 0." in evidence and "score" in evidence and "mine:1 (zh) / mine.en:1 (en)" in evidence


def test_terms_command_no_embeddings_leaves_the_embedding_step_out(tmp_path: Path) -> None:
    """`aligner terms --no-embeddings` (the faster path) makes no aligned-embedding entry and
    says so in the file's signature; without the flag the same TM gives one."""
    from click.testing import CliRunner

    from aligner.cli import cli
    from aligner.formats.tmx import write_tmx
    from aligner.model import TranslationUnit

    tm = tmp_path / "mine.tmx"
    write_tmx([TranslationUnit(source=z, target=e, doc="mine") for z, e in ROWS], tm)
    made = {}
    for flag in ([], ["--no-embeddings"]):
        out = tmp_path / f"terms{len(flag)}.csv"
        result = CliRunner().invoke(cli, ["terms", str(tm), "-o", str(out), "--quiet", *flag])
        assert result.exit_code == 0, result.output
        made[bool(flag)] = out.read_text(encoding="utf-8")
    assert "治理模式,governance models" in made[False] and "aligned-embedding" in made[False]
    assert "治理模式" not in made[True] and "aligned-embedding" not in made[True]


_WORDS = st.lists(st.sampled_from(["数据", "模型", "训练", "集", "x", ""]), max_size=4)
_EN = st.lists(st.sampled_from(["data", "model", "training", "set", "of", "unknown"]), max_size=5)


@given(st.lists(st.tuples(_WORDS, _EN), min_size=1, max_size=6), _WORDS, _EN)
def test_phrase_of_words_looked_up_once_is_the_same_float(bitext, zh, en) -> None:
    """The grid of a pair looks each word up once (``rows``, ``word_ids``): the score must be
    the same float as :meth:`Model.phrase`'s, not merely close, or a choice could change."""
    from aligner.glossary.from_tm.ibm1 import train

    model = train(bitext)
    assert model.phrase_of(model.rows(zh), model.word_ids(en)) == model.phrase(zh, en)
    expected = 0.0
    if zh and en:  # the definition, by prob()
        grid = [[model.prob(f, e) for e in en] for f in zh]
        best_e = [max(grid[i][j] for i in range(len(zh))) for j in range(len(en))]
        expected = min(sum(best_e) / len(en), sum(max(line) for line in grid) / len(zh))
    assert model.phrase(zh, en) == expected


def test_a_repeated_pair_is_scored_once_and_decides_the_same() -> None:
    """Grids are kept by the pair's text: the same pair twice (two pages repeating a
    sentence) gives the choice that pair alone gives, read from one grid."""
    one = TmPair(*ROWS[0], Source("a", 1), Source("a", 1))
    twice = [one, TmPair(one.source, one.target, Source("b", 1), Source("b", 1))]
    calls: list[int] = []
    import aligner.glossary.from_tm.sparse as sparse

    real = sparse._grid

    def counted(k, idx, vectors):
        calls.append(k)
        return real(k, idx, vectors)

    sparse._grid = counted
    try:
        found = extract_tm_terms(twice)
    finally:
        sparse._grid = real
    assert len(calls) == 1
    mine = [(t.zh, t.en) for t in found.terms if t.method == "embedding"]
    assert ("治理模式", "governance models") in mine
    assert mine == [(t.zh, t.en) for t in extract_tm_terms([one]).terms if t.method == "embedding"]


_SPAN_WORDS = ["governance", "models", "model", "city", "engineers", "the", "ring", "buffer", "data", "sets", "x"]
_ZH = ["治理", "模式", "工程师", "环形", "缓冲区", "数据集", "的", "去中心化", "城市"]


@settings(max_examples=200, deadline=None)
@given(zh=st.lists(st.sampled_from(_ZH), min_size=1, max_size=4),
       sentence=st.lists(st.sampled_from(_SPAN_WORDS), min_size=1, max_size=8), data=st.data())
def test_the_shares_of_a_whole_pair_equal_the_share_span_by_span(zh, sentence, data) -> None:
    # the grid works out each token's links once (_Shares); it must give _share's figure
    i = data.draw(st.integers(0, len(sentence) - 1))
    j = data.draw(st.integers(i + 1, len(sentence)))
    span = " ".join(sentence[i:j])
    pieces = zh_pieces(tuple(zh))
    keys_of_token = dict(token_keys(" ".join(sentence)))
    assert _Shares(pieces, keys_of_token)(tuple(t for t, _ in token_keys(span))) == _share(pieces, token_keys(span))
