"""Words a PDF's typesetting hyphenated at a line end (``paral-`` / ``lel``), mended.

A text layer keeps the hyphen the typesetter added (pdfminer gives ``paral-lel``), and a TU
that says *paral-lel* matches nothing. But a line can also end inside a real compound
(``well-`` / ``known``), whose hyphen must stay. The decision is a vocabulary look-up, never a
guess from the shape: the hyphen goes when the joined word is an English word and stays
otherwise (``wellknown`` and ``selfcontained`` are not words; ``parallel`` and ``memory`` are).
The vocabulary is every English word of CC-CEDICT's glosses (a dependency already; about
49,000 words), read only when a document has such a line end. A removed hyphen is
``hyphen`` debris at its line, and the two lines join with nothing between.
"""
from __future__ import annotations

import gzip
import re
from functools import lru_cache

from .lines import Line, Recorder

__all__ = ["mend_hyphens"]

_END = re.compile(r"([A-Za-z]*[a-z])-$")
_START = re.compile(r"^([a-z]+)")
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-cased English words of CC-CEDICT's glosses (the part of each line after ``/``)."""
    from ..cedict import cedict_path

    data = gzip.decompress(cedict_path().read_bytes())
    glosses = b"\n".join(re.findall(rb"(?m)^[^#\n][^/\n]*(/.*)$", data))
    return frozenset(word.decode("ascii") for word in re.findall(rb"[a-z]{2,}", glosses.lower()))


def _known(word: str, words: frozenset[str]) -> bool:
    word = word.lower()
    return word in words or any(
        word.endswith(ending) and word[: -len(ending)] in words for ending in _ENDINGS if len(word) > len(ending) + 2)


def mend_hyphens(blocks: list[list[Line]], rec: Recorder) -> None:
    """Remove a line-end hyphen inside a word of each block (see the module docstring)."""
    for block in blocks:
        lines = [line for line in block if line.text.strip()]
        for line, following in zip(lines, lines[1:]):
            end = _END.search(line.text.rstrip())
            start = _START.match(following.text.lstrip()) if end else None
            if not end or not start:
                continue
            if _known(end.group(1) + start.group(1), english_words()):
                text = line.text.rstrip()
                rec.drop("hyphen", line.no, "-")
                line.text = text[:-1]
                line.glue = True
