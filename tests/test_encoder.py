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
    assert heard[-1] == f"align: embedded {len(ZH + EN)} of {len(ZH + EN)} distinct sentences"
    assert heard[0] == f"align: embedded 10 of {len(ZH + EN)} distinct sentences"


def test_a_one_clause_sentence_reuses_its_sentence_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    encoded: list[str] = []
    real = embedder._encode
    monkeypatch.setattr(embedder, "_encode", lambda texts, *a: encoded.extend(texts) or real(texts, *a))
    pair = DocumentPair(["今天天气很好。", "他来了，我走了。"], ["The weather is fine today.", "He came, and I left."])
    edges = pair.tgt_edges
    assert "The weather is fine today." not in encoded[2:]  # embedded once, as a sentence
    assert {"He came", "and I left."} <= set(encoded)
    first = edges.table[edges.head[0]]
    assert np.array_equal(first, pair.tgt_vectors[0]) and np.array_equal(first, edges.table[edges.tail[0]])


def test_loading_the_model_pins_blas_to_one_thread(model: encoder.Encoder) -> None:
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)


def test_the_remembered_first_layer_gives_usem3s_own_vectors_whatever_came_before(model: encoder.Encoder) -> None:
    from aligner.align.forward import Forward

    groups = list(model._groups(ZH + EN))
    theirs = np.empty((len(ZH + EN), embedder.DIM), dtype=np.float32)
    for first, end, group, tokens in groups:
        model._net._encode_batch(group, tokens, theirs[first:end])
    for history in ([], ["一", "Completely unrelated words first, to fill the table in another order."]):
        ours = np.empty_like(theirs)
        forward = Forward(model._net)
        forward.remember(g for _, _, g, _ in model._groups(history))
        forward.remember(g for _, _, g, _ in groups)
        for first, end, group, tokens in groups:
            forward.batch(group, tokens, ours[first:end])
        assert np.array_equal(ours, theirs)
