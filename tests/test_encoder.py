"""The embedding path's speed settings never change a vector: threads, waves, progress slices.

A vector depends (by ~2e-7) on which texts share its micro-batch, so these compare bits,
not closeness: an alignment's printed confidences must not depend on the machine's cores.
"""
from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from aligner.align import DocumentPair, embedder, encoder

ZH = [f"第{k}章讲的是如何在{k}台服务器上部署网站，以及如何备份数据。" for k in range(40)] + [
    "今天天气很好。", "他说：“我们明天再来。”", "这个函数返回一个列表；列表可能为空。"]
EN = [f"Chapter {k} explains how to deploy the site on {k} servers, and how to back up the data." for k in range(40)] + [
    "The weather is fine today.", "He said: \"We will come back tomorrow.\"", "This function returns a list; it may be empty."]


@pytest.fixture()
def model() -> encoder.Encoder:
    return embedder._model()


def test_tokens_carry_the_begin_and_end_markers(model: encoder.Encoder) -> None:
    ids = model.tokenize(["Hello, world.", "你好"])
    assert all(t[0] == 1 and t[-1] == 2 and len(t) > 2 for t in ids)


def test_thread_count_and_wave_size_leave_the_vectors_bitwise_equal(model: encoder.Encoder,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ZH + EN
    monkeypatch.setattr(model, "threads", 1)
    one = model.encode(texts)
    monkeypatch.setattr(encoder, "WAVE", 1)  # several waves, each split across threads
    monkeypatch.setattr(encoder, "TOKENIZE_CHUNK", 7)
    monkeypatch.setattr(model, "threads", 2)
    two = model.encode(texts)
    monkeypatch.setattr(model, "threads", 3)
    three = model.encode(texts)
    assert one.shape == (len(texts), embedder.DIM)
    assert np.array_equal(one, two) and np.array_equal(one, three)
    assert np.allclose(np.linalg.norm(one, axis=1), 1.0, atol=1e-5)


def test_progress_slices_leave_the_vectors_bitwise_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = embedder.embed(ZH + EN)
    heard: list[str] = []
    monkeypatch.setattr(embedder, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(encoder, "WAVE", 1)
    loud = embedder.embed(ZH + EN, progress=heard.append)
    assert np.array_equal(quiet, loud)
    # the embedder names no command: the aligner, term extraction and the glossary all embed
    assert heard[-1] == f"embedded {len(ZH + EN)} of {len(ZH + EN)} distinct sentences"
    assert heard[0] == f"embedded 10 of {len(ZH + EN)} distinct sentences"


def test_embedded_clauses_a_one_clause_sentence_reuses_its_sentence_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedder, "POOLED_CLAUSES", False)
    encoded: list[str] = []
    real = embedder._encode
    monkeypatch.setattr(embedder, "_encode", lambda texts, *a: encoded.extend(texts) or real(texts, *a))
    pair = DocumentPair(["今天天气很好。", "他来了，我走了。"], ["The weather is fine today.", "He came, and I left."])
    edges = pair.tgt_edges
    assert "The weather is fine today." not in encoded[2:]  # embedded once, as a sentence
    assert {"He came", "and I left."} <= set(encoded)
    first = edges.table[edges.head[0]]
    assert np.array_equal(first, pair.tgt_vectors[0]) and np.array_equal(first, edges.table[edges.tail[0]])


def test_pooled_clauses_come_from_the_sentences_pass_and_match_the_clauses_embedded_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedder, "POOLED_CLAUSES", True)
    monkeypatch.setattr(embedder, "_encode", lambda *a: pytest.fail("no text embedded on its own"))
    zh = ["今天天气很好。", "他来了，我们在门口等了很久，最后一起走了。", "“好，”他说。"]
    en = ["The weather is fine today.", "He came, and we waited at the door for a long while; then we left together.",
          "Fine, he said."]
    pair = DocumentPair(zh, en)
    for edges, vectors, texts, lang in ((pair.src_edges, pair.src_vectors, zh, "zh"),
                                        (pair.tgt_edges, pair.tgt_vectors, en, "en")):
        assert np.array_equal(edges.vectors(edges.head[:1])[0], vectors[0])  # one clause: the sentence
        assert np.array_equal(edges.vectors(edges.tail[:1])[0], vectors[0])
        from aligner.align.clauses import head_and_tail

        alone = encoder.Encoder().encode([c for t in texts[1:] for c in head_and_tail(t, lang)])
        pooled = edges.vectors(np.ravel(np.column_stack([edges.head[1:], edges.tail[1:]])))  # int8 rows
        cosines = np.einsum("ij,ij->i", alone, pooled)
        # about 0.95 for a short clause, near 1 for a long one; without the markers about 0.7
        assert cosines.min() > 0.9, cosines
        assert not np.array_equal(pooled[0], pooled[1])


def test_parts_leave_the_vectors_bitwise_equal_across_threads_and_waves(model: encoder.Encoder,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.align.clauses import clause_spans

    texts = ZH + EN
    parts = [[s[0], s[-1]] if len(s) > 1 else [] for s in (clause_spans(t, "zh" if k < len(ZH) else "en")
                                                           for k, t in enumerate(texts))]
    assert sum(map(len, parts)) > 40
    monkeypatch.setattr(model, "threads", 1)
    one = model.encode_parts(texts, parts)
    monkeypatch.setattr(encoder, "WAVE", 1)
    monkeypatch.setattr(encoder, "TOKENIZE_CHUNK", 7)
    monkeypatch.setattr(model, "threads", 2)
    two = model.encode_parts(texts, parts)
    assert one[1].shape == (sum(map(len, parts)), embedder.DIM)
    assert np.array_equal(one[0], two[0]) and np.array_equal(one[1], two[1])


def test_loading_the_model_pins_blas_to_one_thread(model: encoder.Encoder) -> None:
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)


def test_the_remembered_first_layer_gives_usem3s_own_vectors_whatever_came_before(model: encoder.Encoder) -> None:
    from aligner.align.forward import Forward

    groups = list(model._groups(ZH + EN))
    theirs = np.empty((len(ZH + EN), embedder.DIM), dtype=np.float32)
    for first, end, group, tokens, _, _ in groups:
        model._net._encode_batch(group, tokens, theirs[first:end])
    for history in ([], ["一", "Completely unrelated words first, to fill the table in another order."]):
        ours = np.empty_like(theirs)
        forward = Forward(model._net)
        forward.remember(b.group for b in model._groups(history))
        forward.remember(b.group for b in groups)
        for first, end, group, tokens, _, _ in groups:
            forward.batch(group, tokens, ours[first:end])
        assert np.array_equal(ours, theirs)


def test_int8_branches_give_nearly_the_float32_vectors() -> None:
    """The int8 products move a vector by about 1e-3 in cosine; a broken graph (a wrong window,
    a branch left out, a transposed weight) moves it by far more."""
    fast = encoder.Encoder(precision="int8").encode(ZH + EN)
    exact = encoder.Encoder(precision="float32").encode(ZH + EN)
    cosines = np.einsum("ij,ij->i", fast, exact)
    assert cosines.min() > 0.995 and not np.array_equal(fast, exact)
    # and the ranking the aligner relies on: each Chinese sentence's best English one
    assert np.array_equal((fast[:43] @ fast[43:].T).argmax(1), (exact[:43] @ exact[43:].T).argmax(1))


def test_the_model_name_says_int8_when_the_branches_are_int8(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedder, "PRECISION", "int8")
    assert embedder.model_version().endswith("+sentencepiece+int8")
    monkeypatch.setattr(embedder, "PRECISION", "float32")
    assert embedder.model_version().endswith("+sentencepiece")


def test_int8_rows_keep_unit_vectors_within_a_rounding_step() -> None:
    from aligner.align.quantized import Int8Rows

    rng = np.random.default_rng(0)
    v = rng.normal(size=(50, 512)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    rows = Int8Rows(52, 512)
    rows[1:51] = v
    back = rows.take(np.arange(1, 51))
    step = np.abs(v).max(axis=1) / 127
    assert (np.abs(back - v) <= step[:, None] / 2 + 1e-7).all()
    assert np.abs(np.einsum("ij,ij->i", back, v) - 1).max() < 2e-3
    assert not rows.take(np.array([0, 51])).any()  # rows never written stay zero
    with pytest.raises(ValueError):
        rows[0:2] = v[:3]
