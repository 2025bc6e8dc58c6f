"""jieba's dictionary, loaded once per process and shared.

Loading jieba's dictionary costs about half a second. Segmentation, term checking, the
glossary and the aligner's lexicon all need jieba, two of them with a private user
dictionary (glossary terms kept whole) that must not leak into the others. They all start
from the one loaded dictionary: :func:`default` is jieba's global tokenizer, initialised
once; :func:`fresh_tokenizer` is a private tokenizer holding its own copy of the same
dictionary, ready for ``add_word`` without touching anyone else's.
"""
from __future__ import annotations

import logging
import threading
import warnings
from types import ModuleType

with warnings.catch_warnings():
    # jieba imports pkg_resources, which newer setuptools deprecates with a warning on stderr
    warnings.simplefilter("ignore")
    import jieba

# jieba installs its own stderr handler at import; let logging decide instead.
jieba.default_logger.removeHandler(jieba.log_console)
jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()


def default() -> ModuleType:
    """The ``jieba`` module with its global dictionary loaded (nobody adds words to it)."""
    with _lock:
        if not jieba.dt.initialized:
            jieba.dt.initialize()
    return jieba


def loaded() -> bool:
    """Whether jieba's global dictionary is loaded (then a private copy would only add to it)."""
    return bool(jieba.dt.initialized)


def base_dictionary() -> tuple[dict[str, int], int]:
    """jieba's own word frequencies and their total (do not modify: copy)."""
    default()
    return jieba.dt.FREQ, jieba.dt.total


def fresh_tokenizer(*, alone: bool = False) -> jieba.Tokenizer:
    """A private tokenizer with its own copy of jieba's dictionary, for user words.

    ``alone``: when the global dictionary is not loaded yet, load the private one straight
    from jieba's cache and leave the global unloaded (a process that needs no other
    tokenizer, such as ``aligner check``, then holds one dictionary, not two: 15 MB less)."""
    if alone:
        with _lock:
            if not jieba.dt.initialized:
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                return tokenizer
    freq, total = base_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(freq)
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer
