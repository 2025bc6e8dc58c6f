"""A long pair frees the dictionaries and the network once used; its alignment is the same."""
from __future__ import annotations

from pathlib import Path

import pytest

from aligner.align import DocumentPair, align, align_steps, embedder, get_scorer, lexicon
from aligner.align import pair as pair_module
from aligner.cedict import glosses_to_drop, raw_glosses
from aligner.model import TermEntry

DATA = Path(__file__).parent / "data" / "align"
GLOSSARY = [TermEntry("林小雨", "Lin Xiaoyu")]


@pytest.fixture(scope="module")
def story() -> tuple[list[str], list[str]]:
    return ((DATA / "story.zh").read_text(encoding="utf-8").splitlines(),
            (DATA / "story.en").read_text(encoding="utf-8").splitlines())


def test_a_long_pair_aligns_as_a_short_one_and_frees_what_it_loaded(story, monkeypatch):
    zh, en = story
    short = align(zh, en, explain=True, glossary=GLOSSARY)
    assert embedder._model.cache_info().currsize  # a short pair keeps the network for the next one
    monkeypatch.setattr(pair_module, "LONG", 0)  # every pair is long
    pair = DocumentPair(zh, en, GLOSSARY)
    steps = align_steps(pair, get_scorer("default"))
    assert not embedder._model.cache_info().currsize
    assert "_chinese" not in pair.__dict__  # its dictionaries went with the lexical features
    long = align(zh, en, explain=True, glossary=GLOSSARY)  # loads the network again
    assert long == short
    assert [tuple(range(s.i0, s.i1)) for s in steps] == [b.src for b in short]
    assert [tuple(range(s.j0, s.j1)) for s in steps] == [b.tgt for b in short]


def test_own_dictionaries_give_the_same_items(story, monkeypatch):
    shared = lexicon.ChineseItems()
    monkeypatch.setattr("aligner.jieba_shared.loaded", lambda: False)  # a copy, as a fresh process would load
    own = lexicon.ChineseItems(own=True)
    assert own.jieba is not shared.jieba
    assert [own.items(s) for s in story[0]] == [shared.items(s) for s in story[0]]


def test_the_dictionary_to_drop_is_the_shared_one_when_loaded_else_a_copy():
    shared = raw_glosses()
    assert glosses_to_drop() is shared
    raw_glosses.cache_clear()
    copy = glosses_to_drop()
    assert not raw_glosses.cache_info().currsize  # reading a copy did not load the shared one
    assert copy == raw_glosses() and copy is not raw_glosses()


def test_a_long_pair_computes_its_lexical_features_in_a_forked_process(story, monkeypatch):
    import numpy as np

    from aligner.align import forked

    zh, en = story
    here = DocumentPair(zh, en, GLOSSARY)
    here.embed_beside_lexical()  # a short pair: in a second thread
    monkeypatch.setattr(pair_module, "LONG", 0)
    started: list[bool] = []
    real = forked.start
    monkeypatch.setattr(forked, "start", lambda task: started.append(True) or real(task))
    there = DocumentPair(zh, en, GLOSSARY)
    there.embed_beside_lexical()
    assert started == [True]
    assert "_chinese" not in there.__dict__  # jieba and CC-CEDICT were used in the other process only
    a, b = here.lexical, there.lexical
    assert a.vocab == b.vocab
    for name in ("weights", "src_flat", "src_ptr", "tgt_flat", "tgt_ptr", "src_mass", "tgt_mass"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(here.src_vectors, there.src_vectors)
