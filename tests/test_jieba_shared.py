"""jieba's dictionary is loaded once; private tokenizers keep their user words to themselves."""
from __future__ import annotations

from aligner.jieba_shared import base_dictionary, default, fresh_tokenizer

TERM = "有效加速主义"


def test_user_words_stay_in_their_own_tokenizer():
    mine = fresh_tokenizer()
    mine.add_word(TERM)
    other = fresh_tokenizer()
    assert mine.lcut(TERM, HMM=False) == [TERM]
    assert other.lcut(TERM, HMM=False) != [TERM]
    assert default().lcut(TERM, HMM=False) != [TERM]
    assert TERM not in base_dictionary()[0]


def test_private_tokenizers_copy_the_one_loaded_dictionary():
    freq, total = base_dictionary()
    tokenizer = fresh_tokenizer()
    assert default().dt.initialized
    assert tokenizer.FREQ is not freq and tokenizer.FREQ == freq and tokenizer.total == total
    assert base_dictionary()[0] is freq  # loaded once, not again per call
    assert tokenizer.lcut("我们必须认真对待安全问题", HMM=False) == default().lcut("我们必须认真对待安全问题", HMM=False)
