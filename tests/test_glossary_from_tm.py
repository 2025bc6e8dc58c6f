"""Term pairs from aligned pairs (aligner.glossary.from_tm) on our own small TMX."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from aligner.check.units import read_units
from aligner.cli import cli
from aligner.formats.glossary_read import read_glossary_file
from aligner.glossary.from_tm import TmPair, extract_tm_terms, units_to_pairs
from aligner.glossary.from_tm.candidates import en_candidates, zh_candidates
from aligner.model import Source, TermStatus, TranslationUnit

FIXTURE = Path(__file__).parent / "data" / "from_tm" / "cluster.tmx"
GENERIC_ZH = {"的", "我们", "这个", "每个", "所有"}
GENERIC_EN = {"the", "this", "we", "each", "a"}


def fixture_pairs() -> list[TmPair]:
    return [TmPair(u.source, u.target, Source("cluster", u.line or 0), Source("cluster.en", u.line or 0))
            for u in read_units([FIXTURE])]


@pytest.fixture(scope="module")
def found():
    return extract_tm_terms(fixture_pairs(), embeddings=False)


def test_recurring_terms_are_paired(found) -> None:
    pairs = {(t.zh, t.en): t for t in found.terms}
    for zh, en in [("容器", "container"), ("节点", "node"), ("命名空间", "namespace"),
                   ("负载均衡器", "load balancer")]:
        assert (zh, en) in pairs, sorted(pairs)
        assert pairs[(zh, en)].status is TermStatus.ATTESTED
        assert pairs[(zh, en)].both >= 3


def test_how_each_pair_was_found(found) -> None:
    pairs = {t.zh: t for t in found.terms}
    assert pairs["容器"].method == "dictionary" and "CC-CEDICT" in pairs["容器"].explain()
    assert pairs["命名空间"].method == "alignment" and "IBM-1" in pairs["命名空间"].explain()
    alone = {t.zh: t for t in extract_tm_terms(fixture_pairs(), embeddings=False, alignment=False).terms}
    assert alone["命名空间"].method == "cooccurrence" and alone["命名空间"].dice == 1.0


def test_the_alignment_model_explains_words_by_their_pairs() -> None:
    from aligner.glossary.from_tm.ibm1 import train

    bitext = [(["容器", "启动"], ["container", "start"]), (["容器", "停止"], ["container", "stop"]),
              (["节点", "启动"], ["node", "start"]), (["节点", "停止"], ["node", "stop"])]
    model = train(bitext)
    assert model.prob("容器", "container") > 0.9 and model.prob("容器", "start") < 0.1
    assert model.phrase(["容器"], ["container"]) > model.phrase(["容器"], ["container", "start"])


def test_a_pair_seen_once_is_proposed_when_the_dictionary_supports_it(found) -> None:
    once = {t.zh: t for t in found.terms}["硅谷"]
    assert (once.en, once.status, once.both) == ("Silicon Valley", TermStatus.PROPOSED, 1)


def test_a_pair_seen_once_without_the_dictionary_is_not_proposed() -> None:
    pairs = [TmPair("鳞渊系统很好用。", "The Quorbix system is easy to use.", Source("d", 1), Source("d", 1))]
    found = extract_tm_terms(pairs, embeddings=False).terms
    assert not any("Quorbix" in t.en or "鳞渊" in t.zh for t in found), found


def test_generic_words_never_become_terms(found) -> None:
    for term in found.terms:
        assert term.zh not in GENERIC_ZH and term.en.lower() not in GENERIC_EN, term
        assert not any(w in GENERIC_EN for w in term.en.lower().split())


@pytest.mark.parametrize("text", ["我们的这个问题", "的", "我们把它放在这里。"])
def test_no_chinese_candidate_is_a_function_word_or_pronoun(text: str) -> None:
    assert {s.text for s in zh_candidates(text)} & GENERIC_ZH == set()


def test_english_candidates_stop_at_stop_words_and_punctuation() -> None:
    spans = {s.text for s in en_candidates("This node runs the load balancer, and the node pool.")}
    assert {"node", "load balancer", "node pool"} <= spans
    assert not any(w in GENERIC_EN for s in spans for w in s.lower().split())
    assert "balancer and" not in spans and "balancer, and" not in spans


def test_provenance_names_both_sides(found) -> None:
    term = {t.zh: t for t in found.terms}["命名空间"]
    assert len(term.examples) == 3
    assert all(z.doc == "cluster" and e.doc == "cluster.en" and z.line == e.line for z, e in term.examples)
    entry = {e.zh: e for e in found.entries}["命名空间"]
    assert entry.sources == tuple(z for z, _ in term.examples) == term.sources
    assert entry.evidence.startswith("aligned-alignment: 3 of 3 pairs")
    assert all(f"{z} (zh) / {e} (en)" in entry.evidence for z, e in term.examples)


def test_every_pair_is_counted_and_a_few_are_examples(found) -> None:
    term = {t.zh: t for t in found.terms}["容器"]
    assert term.both == len(term.sources) == 6 and len(term.examples) == 3


def test_known_terms_are_left_to_the_glossary() -> None:
    result = extract_tm_terms(fixture_pairs(), known=["容器"], embeddings=False)
    assert "容器" not in {t.zh for t in result.terms}
    assert {"节点", "命名空间"} <= {t.zh for t in result.terms}


def test_deterministic_whatever_the_order() -> None:
    pairs = fixture_pairs()
    first = extract_tm_terms(pairs, embeddings=False).terms
    shuffled = list(pairs)
    random.Random(7).shuffle(shuffled)
    assert extract_tm_terms(shuffled, embeddings=False).terms == first


def test_units_below_the_score_are_not_read() -> None:
    units = [TranslationUnit("硅谷很大。", "Silicon Valley is big.", score=0.9, doc="a", src_line=1, tgt_line=2),
             TranslationUnit("硅谷很远。", "Silicon Valley is far.", score=0.3, doc="a", src_line=3, tgt_line=4)]
    pairs = units_to_pairs(units, min_score=0.8)
    assert [(p.zh, p.en) for p in pairs] == [(Source("a", 1), Source("a", 2))]


def test_cli_writes_a_glossary_twice_the_same(tmp_path: Path) -> None:
    runs = []
    for name in ("a.csv", "b.csv"):
        result = CliRunner().invoke(cli, ["terms", str(FIXTURE), "-o", str(tmp_path / name), "--explain"])
        assert result.exit_code == 0, result.output
        runs.append((tmp_path / name).read_bytes())
    assert runs[0] == runs[1]
    entries = {(e.zh, e.en) for e in read_glossary_file(tmp_path / "a.csv").entries}
    assert {("容器", "container"), ("节点", "node"), ("命名空间", "namespace")} <= entries
    assert "why: 容器 = container" in result.stderr


def test_cli_bad_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["terms", str(bad), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "broken.tmx" in result.stderr


def test_build_adds_them_unless_told_not_to(tmp_path: Path) -> None:
    from aligner.build import BuildSettings, build

    corpus = Path(__file__).parent / "data" / "pipeline" / "corpus"
    with_terms = build(BuildSettings(corpus=corpus, out=tmp_path / "a")).to_dict()  # on by default
    without = build(BuildSettings(corpus=corpus, out=tmp_path / "b", tm_terms=False)).to_dict()
    assert with_terms["tm_terms"]["entries"] >= 1 and without["tm_terms"] == {}
    assert with_terms["terms"] == without["terms"] + with_terms["tm_terms"]["entries"]
    csv_b = (tmp_path / "b" / "glossary" / "glossary.csv").read_text(encoding="utf-8")
    assert "aligned-dictionary" in (tmp_path / "a" / "glossary" / "glossary.csv").read_text(encoding="utf-8")
    assert "aligned-dictionary" not in csv_b and "aligned-cooccurrence" not in csv_b


def test_the_signature_and_the_cache_key_name_no_tm_terms(tmp_path: Path) -> None:
    """Two builds that differ only by --no-tm-terms write different glossaries, so every
    output's signature and the cache's settings key must tell them apart."""
    from aligner.build import BuildSettings, build
    from aligner.cache.keys import settings_digest

    corpus = Path(__file__).parent / "data" / "pipeline" / "corpus"
    on, off = BuildSettings(corpus=corpus, out=tmp_path / "a"), BuildSettings(corpus=corpus, out=tmp_path / "b",
                                                                              tm_terms=False)
    assert "tm-terms" not in on.signature() and "|tm-terms:no|" in off.signature()
    assert settings_digest(on) != settings_digest(off)
    build(off)
    first = (tmp_path / "b" / "glossary" / "glossary.utf8").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# {off.signature()}"
    tmx = next((tmp_path / "b" / "tmx").glob("*.tmx")).read_text(encoding="utf-8")
    assert f'<prop type="x-aligner-signature">{off.signature()}</prop>' in tmx


def test_the_build_summary_counts_them(tmp_path: Path) -> None:
    corpus = Path(__file__).parent / "data" / "pipeline" / "corpus"
    runner = CliRunner()
    on = runner.invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "a"), "--jobs", "1"])
    off = runner.invoke(cli, ["build", "--corpus", str(corpus), "--out", str(tmp_path / "b"), "--jobs", "1",
                              "--no-tm-terms"])
    assert on.exit_code == off.exit_code == 0, on.output + off.output
    line = next(x for x in on.stdout.splitlines() if "term pairs extracted from aligned pairs" in x)
    assert "4 term pairs (0 attested, 4 proposed)" in line, line  # 翻译行业 by the embeddings (sparse.py)
    assert "term pairs extracted" not in off.stdout


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tbx3", "json"])
def test_example_pairs_reach_every_glossary_format(tmp_path: Path, fmt: str) -> None:
    """The entry's evidence (why it was paired, example pairs of both sides) is written by
    the ordinary glossary writers and read back unchanged; the TBX stays schema-valid."""
    from lxml import etree

    from aligner.formats.registry import glossary_format, write_glossary
    from tests.tbx_schemas import validate_v2, validate_v3

    entries = extract_tm_terms(fixture_pairs(), embeddings=False).entries
    out = tmp_path / f"g.{fmt}"
    write_glossary(entries, out, glossary_format(fmt).value)
    if fmt in ("tbx", "tbx3"):
        document = etree.parse(str(out))
        assert (validate_v2 if fmt == "tbx" else validate_v3)(document) == []
    if fmt == "json":  # written for scripts, not read back as a glossary
        import json

        back = {e["zh"]: e["evidence"] for e in json.loads(out.read_text(encoding="utf-8"))["entries"]}
    else:
        back = {e.zh: e.evidence for e in read_glossary_file(out).entries}
    for entry in entries:
        assert back[entry.zh] == entry.evidence and "(zh) / " in entry.evidence


def test_a_proposed_pair_from_aligned_text_is_not_called_unattested(tmp_path: Path) -> None:
    """硅谷 = Silicon Valley is proposed (one pair) but both forms were read in the pair: the
    status notes say so instead of "made by the tool, not attested in the documents"."""
    from lxml import etree

    from aligner.formats.registry import write_glossary
    from aligner.model import TermEntry

    entries = {e.zh: e for e in extract_tm_terms(fixture_pairs(), embeddings=False).entries}
    once = entries["硅谷"]
    assert once.status is TermStatus.PROPOSED and once.from_aligned_text
    made_up = TermEntry("智源", "Zhiyuan", status=TermStatus.PROPOSED, evidence="pinyin")
    write_glossary([once, made_up], tmp_path / "g.tbx", "tbx")
    write_glossary([once, made_up], tmp_path / "g.utf8", "utf8")
    notes = {term.findtext("../../langSet[1]/tig/term"): term.findtext("note")
             for term in etree.parse(str(tmp_path / "g.tbx")).iter("tig") if term.findtext("note")}
    assert notes["硅谷"].startswith("status: proposed: English form read in the aligned English"), notes
    assert "not attested" not in notes["硅谷"]
    assert "made by the tool, not attested in the documents" in notes["智源"]
    rows = dict(line.split("\t", 1) for line in (tmp_path / "g.utf8").read_text(encoding="utf-8").splitlines()
                if not line.startswith("#"))
    assert "proposed: English form read in the aligned English" in rows["硅谷"]
    assert "made by the tool" in rows["智源"]


def _pairs(rows: list[tuple[str, str]]) -> list[TmPair]:
    return [TmPair(zh, en, Source("t", k + 1), Source("t.en", k + 1)) for k, (zh, en) in enumerate(rows)]


def test_a_bracket_gloss_the_english_confirms_is_attested_once_seen() -> None:
    found = {t.zh: t for t in extract_tm_terms(_pairs([
        ("我们用交叉熵（cross-entropy）作为损失。", "We use cross-entropy as the loss."),
        ("这种模型称为鳞渊网络（Quorbix net）。", "This model is called a deep net."),  # English lacks it
    ]), embeddings=False).terms}
    gloss = found["交叉熵"]
    assert (gloss.en, gloss.status, gloss.method) == ("cross-entropy", TermStatus.ATTESTED, "bracket")
    entry = next(e for e in extract_tm_terms(_pairs([("我们用交叉熵（cross-entropy）作为损失。",
                                                      "We use cross-entropy as the loss.")]),
                                             embeddings=False).entries if e.zh == "交叉熵")
    assert entry.evidence.startswith("aligned-bracket: written in brackets beside the Chinese")
    assert not any("鳞渊" in z for z in found), found


def test_a_bracket_reader_edge_loses_leading_function_words() -> None:
    from aligner.glossary.from_tm.brackets import bracket_glosses

    glosses = bracket_glosses("这块内存不是堆（heap），而是栈。", "This memory is not the heap but the stack.")
    assert [(g.zh, g.en) for g in glosses] == [("堆", "heap")]


def test_a_common_verb_is_a_term_when_its_english_is_used_as_a_noun() -> None:
    rows = [("模型的输入是图像。", "The input of the model is an image."),
            ("每个输入都有标签。", "Each input has a label."),
            ("我们检查输入的长度。", "We check the length of the input."),
            ("输入必须是文本。", "An input must be text."),
            ("我们把输入分成两半。", "We split the input in two.")]
    found = {t.zh: t for t in extract_tm_terms(_pairs(rows), embeddings=False).terms}
    assert found["输入"].en == "input", found
    verbs = [("这意味着模型很慢。", "This means the model is slow."),
             ("这意味着数据很少。", "This means data is scarce."),
             ("这意味着图像很大。", "This means images are large."),
             ("这意味着文本很长。", "This means text is long."),
             ("这意味着标签很少。", "This means labels are few.")]
    assert "意味着" not in {t.zh for t in extract_tm_terms(_pairs(verbs), embeddings=False).terms}


@pytest.mark.parametrize("english, expected", [
    ("Many use solid state drives (SSDs) today.", [("SSD", "solid state drives")]),
    ("HDDs spin at 7,200 RPM (revolutions per minute).", [("RPM", "revolutions per minute")]),
    ("This is called Resource Acquisition Is Initialization (RAII).",
     [("RAII", "Resource Acquisition Is Initialization")]),
    ("A high speed expansion bus (PCIe) links them.", []),  # the initials do not spell it
    ("The result (see above) holds.", []),
])
def test_acronym_definitions_in_the_english(english: str, expected: list[tuple[str, str]]) -> None:
    from aligner.glossary.from_tm.acronyms import definitions

    assert list(definitions(english)) == expected


def test_a_term_paired_with_an_acronym_gets_the_full_form_the_english_defines() -> None:
    rows = [("固态硬盘很快。", "Solid state drives (SSDs) are fast."),
            ("固态硬盘很贵。", "SSDs are expensive."),
            ("我们买了固态硬盘。", "We bought SSDs."),
            ("固态硬盘不会转动。", "An SSD does not spin.")]
    found = {t.zh: t for t in extract_tm_terms(_pairs(rows), embeddings=False).terms}
    assert (found["固态硬盘"].en, found["固态硬盘"].variants) == ("solid state drive", ("SSD",)), found


def test_a_measure_word_standing_alone_is_a_candidate_but_not_after_a_noun() -> None:
    assert "类" in {s.text for s in zh_candidates("我们定义一个类。")}
    assert "集" not in {s.text for s in zh_candidates("这个数据集很大。")}


def test_a_bracket_holding_math_or_a_quantity_is_no_gloss() -> None:
    from aligner.glossary.from_tm.brackets import bracket_glosses

    assert bracket_glosses("第一个位置（$i$）的值。", "The value at position $i$.") == ()
    assert bracket_glosses("延迟大约是微秒（5μs）。", "The latency is about 5μs.") == ()
    assert [g.zh for g in bracket_glosses("这里用互相关（cross-correlation）。", "Here we use cross-correlation.")] \
        == ["互相关"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["node", "pool", "load-balancer", "the", "x", "3D", "it's", "a_b", "(SSD)", ",",
                                 "cross-entropy", "9abc", "C++", "Node.js", "’s", "é"]), max_size=12),
       st.sampled_from([" ", "", "  ", ", "]))
def test_a_span_reads_the_words_of_its_sentence(words: list[str], gap: str) -> None:
    # the English of a pair is tokenised once, each span taking its slice of the words: the
    # same (token, keys) as tokenising the span on its own
    from aligner.glossary.from_tm.reading import _english
    from aligner.glossary.from_tm.senses import token_keys

    text = gap.join(words)
    assert [tokens for _, _, tokens in _english(text).spans] == [token_keys(s.text) for s in en_candidates(text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5000), max_size=300))
def test_the_models_sort_of_its_slots_is_numpys_unique(values: list[int]) -> None:
    # IBM-1's training sorts its (Chinese word, English word) slots as 32-bit keys when they fit
    import numpy as np

    from aligner.glossary.from_tm.ibm1 import _unique

    array = np.array(values, dtype=np.int64)
    keys, inverse = _unique(array, 5001)
    want_keys, want_inverse = np.unique(array, return_inverse=True)
    assert keys.dtype == np.int64 and keys.tolist() == want_keys.tolist()
    assert inverse.tolist() == want_inverse.reshape(-1).tolist()


def test_a_repeated_sentence_asks_the_embeddings_about_a_few_of_its_spans() -> None:
    # a sentence the TM repeats ties every span of its English on Dice: the embeddings are
    # asked to choose among the MAX_TIED the IBM-1 model explains best, not among them all
    from aligner.glossary.from_tm.pairing import MAX_TIED, _options, pair_term
    from aligner.glossary.from_tm.reading import index

    filler = [("今天下雨。", "It rains."), ("我们吃饭。", "We eat."), ("他很高兴。", "He smiles."), ("猫在睡觉。", "Cats sleep."),
              ("水很冷。", "Water cools."), ("风很大。", "Wind blows."), ("鸟在唱歌。", "Birds sing."), ("车很快。", "Cars speed."),
              ("门关了。", "Doors shut."), ("花开了。", "Flowers bloom."), ("天黑了。", "Night falls."), ("雪停了。", "Snow stops."),
              ("茶很热。", "Tea steams."), ("船到了。", "Ships arrive."), ("山很高。", "Hills rise."), ("河很长。", "Rivers flow.")]
    rows = [("老张在仓库里修好了旧式蒸汽机。", "Old Zhang repaired vintage steam engines inside dusty warehouse halls.")] * 4
    idx = index([TmPair(z, e, Source("t", k + 1), Source("t.en", k + 1)) for k, (z, e) in enumerate(rows + filler)])
    asked: list[list[str]] = []

    def similarity(zh: str, options: list[str]) -> list[float]:
        asked.append(options)
        return [0.0] * len(options)

    tied = _options("老张", idx.words["老张"], idx.zh_pairs["老张"], idx, 3)
    assert isinstance(tied, list) and len(tied) > MAX_TIED
    term = pair_term("老张", idx, similarity, 3)
    assert term is not None and term.method == "cooccurrence"
    assert len(asked) == 1 and len(asked[0]) == MAX_TIED and term.en in asked[0]


@pytest.mark.parametrize("text, clause, kept", [
    ("命令需要管理员权限。", "命令需要管理员权限", "管理员权限"),
    ("程序能够自动检测错误。", "程序能够自动检测", "自动检测"),
    ("我们必须进行数据清洗。", "进行数据", "数据清洗"),
    ("系统应该支持多语言。", "系统应该", "系统"),
])
def test_a_modal_or_light_verb_ends_a_candidate(text: str, clause: str, kept: str) -> None:
    """需要, 能够, 应该, 进行 join a subject to what it does: a span through one is a clause."""
    spans = {s.text for s in zh_candidates(text)}
    assert kept in spans and clause not in spans
    assert not any(v in s for s in spans for v in ("需要", "能够", "应该", "进行"))
