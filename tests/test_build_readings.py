"""The learning from pairs, read per document (aligner.build_readings): what the workers read
of their documents' pairs gives the glossary that reading every pair at the end gives, the
readings survive the cache codec exactly (and a malformed one is refused), and the candidate
phrases' vectors are the same bytes from the cache, re-embedded by bucket."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from aligner.build_readings import CorpusReadings, decode, encode, read_document
from aligner.check.units import read_units
from aligner.glossary.from_tm import extract_tm_terms, units_to_pairs
from aligner.glossary.variant_learning import learn_variants
from aligner.glossary.variant_learning import read_units as read_variant_units
from aligner.model import TermEntry, TermKind, TranslationUnit

FIXTURE = Path(__file__).parent / "data" / "from_tm" / "cluster.tmx"
# a glossary the workers align with: one term of the fixture's Chinese, one absent from it
GLOSSARY = [TermEntry("命名空间", "namespace", TermKind.CONCEPT),
            TermEntry("生成式人工智能", "Generative Artificial Intelligence", TermKind.CONCEPT)]


def _documents() -> list[list[TranslationUnit]]:
    """The fixture's pairs as three documents' confident units (and one below the threshold)."""
    units = [TranslationUnit(u.source, u.target, score=0.9, doc=f"doc{k % 3}", src_line=k + 1, tgt_line=k + 1)
             for k, u in enumerate(read_units([FIXTURE]))]
    units[0] = TranslationUnit(units[0].source, units[0].target, score=0.6, doc="doc0", src_line=1, tgt_line=1)
    return [[u for u in units if u.doc == f"doc{d}"] for d in range(3)]


@pytest.fixture(scope="module")
def read() -> list[tuple[object, list[TranslationUnit]]]:
    return [(read_document(units, GLOSSARY, tm_terms=True), units) for units in _documents()]


@pytest.mark.parametrize("learned", [[], ["容器"]], ids=["same-mask", "a-form-learned-since"])
def test_term_pairs_from_the_workers_readings_are_those_read_at_the_end(read, learned: list[str]) -> None:
    """With the glossary's own mask, and with one more form masked at the corpus step (a name
    learned from the pairs): the pairs that hold it read their candidates again."""
    units = [u for doc in _documents() for u in doc]
    pairs = units_to_pairs(units, min_score=0.8)
    known = [t.zh for t in GLOSSARY] + learned
    corpus = CorpusReadings(read, GLOSSARY)
    lookup = corpus.tm(known)
    given = [lookup(p) for p in pairs]
    assert all(r is not None for r in given)  # every confident pair was read by its "worker"
    again = [p for p in pairs if any(f in p.source for f in learned)]
    assert bool(again) == bool(learned)
    for pair in again:  # read again under the new mask: the masked form is no candidate there
        assert "容器" not in {text for text, _, _ in lookup(pair).zh}
    expected = extract_tm_terms(pairs, known=known, embeddings=False)
    assert expected.terms
    assert extract_tm_terms(pairs, known=known, embeddings=False, readings=lookup) == expected


def test_readings_under_another_glossary_are_not_used(read) -> None:
    other = GLOSSARY[:1]
    corpus = CorpusReadings(read, other)
    assert corpus.pairs == {} and corpus.variants == []
    assert len(corpus.unread) == sum(len(units) for _, units in read)


def test_variants_read_per_document_add_up_to_the_whole() -> None:
    glossary = [TermEntry("生成式人工智能", "Generative Artificial Intelligence", TermKind.CONCEPT),
                TermEntry("监管", "regulation", TermKind.CONCEPT)]
    units = [TranslationUnit("生成式人工智能会毁灭人类吗？", "Will Generative AI Be the End of Humanity?", score=0.95,
                             doc="a", src_line=1, tgt_line=1),
             TranslationUnit("我们讨论生成式人工智能。", "We discuss generative AI.", score=0.9, doc="b",
                             src_line=2, tgt_line=2),
             TranslationUnit("监管很重要。", "Regulations matter.", score=0.5, doc="b", src_line=3, tgt_line=3)]
    whole = learn_variants(glossary, units)
    parts = [read_variant_units(glossary, [u for u in units if u.doc == d]) for d in ("b", "a")]
    assert learn_variants(glossary, [], read=parts) == whole
    assert whole.variants == 1 and whole.below_threshold == 1


def test_readings_survive_the_codec_exactly_and_a_malformed_one_is_refused(read) -> None:
    for doc, _units in read:
        data = json.loads(json.dumps(encode(doc), ensure_ascii=True))
        assert decode(data) == doc
    assert decode(encode(None)) is None
    data = json.loads(json.dumps(encode(read[0][0])))
    data["pairs"][0][2]["words"] = "many"
    with pytest.raises(ValueError):
        decode(data)
    data = json.loads(json.dumps(encode(read[0][0])))
    data["pairs"][0][2]["zh"][0][2] = ["only a key"]
    with pytest.raises(ValueError):
        decode(data)


def test_phrase_vectors_are_the_same_from_the_cache_and_a_new_phrase_reembeds_its_bucket(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.align import embedder
    from aligner.cache.phrases import bucket, phrase_vectors

    encoded: list[list[str]] = []
    real = embedder._encode

    def counting(texts: list[str], *args: object) -> object:
        encoded.append(list(texts))
        return real(texts, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(embedder, "_encode", counting)
    texts = ["容器", "container", "节点", "node", "命名空间", "namespace", "load balancer", "负载均衡器"]
    plain = phrase_vectors(texts)
    cached = phrase_vectors(texts, tmp_path)
    assert sorted(plain) == sorted(texts)
    assert all(np.array_equal(plain[t], cached[t]) for t in texts)
    encoded.clear()
    again = phrase_vectors(texts, tmp_path)
    assert encoded == [] and all(np.array_equal(again[t], plain[t]) for t in texts)
    more = phrase_vectors([*texts, "rolling update"], tmp_path)
    assert encoded == [sorted(t for t in [*texts, "rolling update"] if bucket(t) == bucket("rolling update"))]
    assert all(np.array_equal(more[t], plain[t]) for t in texts if bucket(t) != bucket("rolling update"))
    assert abs(float(np.linalg.norm(more["rolling update"])) - 1.0) < 1e-5


def test_bracket_glosses_acronyms_and_noun_cues_are_read_per_document_too() -> None:
    """The per-pair parts of the bracket glosses, the acronyms the English defines and the
    article cue travel in the reading (and through the codec): terms from the workers'
    readings are those of reading every pair at the end."""
    rows = [("损失函数常用交叉熵（cross-entropy）来衡量预测的好坏。",
             "The loss function often uses cross-entropy to measure how good a prediction is."),
            ("图形处理器（GPU）让训练快了很多。",
             "Graphics processing units (GPUs) made training much faster."),
            ("我们在图形处理器上训练了这个模型。", "We trained the model on the GPU."),
            ("交叉熵的值越小越好。", "The smaller the cross-entropy, the better."),
            ("这个输入很大。", "The input is large."),
            ("每个输入都被检查。", "Each input is checked.")]
    units = [TranslationUnit(zh, en, score=0.95, doc=f"doc{k % 2}", src_line=k + 1, tgt_line=k + 1)
             for k, (zh, en) in enumerate(rows)]
    docs = [[u for u in units if u.doc == d] for d in ("doc0", "doc1")]
    read = [(decode(json.loads(json.dumps(encode(read_document(d, [], tm_terms=True))))), d) for d in docs]
    readings = [r for doc, _ in read for r, _names in doc.pairs.values()]
    assert any(r.glosses for r in readings) and any(r.defined for r in readings)
    assert any(r.nouns for r in readings)
    pairs = units_to_pairs(units, min_score=0.8)
    expected = extract_tm_terms(pairs, embeddings=False)
    assert any(t.zh == "交叉熵" for t in expected.terms)
    assert extract_tm_terms(pairs, embeddings=False, readings=CorpusReadings(read, []).tm([])) == expected
