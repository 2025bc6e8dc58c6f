"""The limits that keep every stage's cost linear in its input, in one place.

Hostile input (a 200,000-character line without punctuation, 50,000 nested brackets, a
paragraph of 10,000 bracket lines) must cost time and memory in proportion to its size.
Each limit below bounds the work one stage does per item; what a limit cuts is counted
and reported as a note, never dropped silently, and never cut from the output.
``docs/hostile-input.md`` lists them; ``bench/hostile_bounds.py`` shows the growth.
"""
from __future__ import annotations

#: The sentence embedder sees at most this many characters of a text: USE's cost grows
#: faster than linearly in a text's length (200,000 characters took 3.8 GB). A real
#: sentence is far shorter; the length and lexical scorers still see the whole text, and
#: the TMX keeps every segment whole.
EMBED_MAX_CHARS = 2000

#: Brackets nested deeper than this (counting the enclosing groups) are not read as term
#: translations: 机器学习（Machine Learning（ML）） nests two deep, and every nested group
#: costs a copy of its contents (50,000 nested brackets took 5 GB).
MAX_BRACKET_DEPTH = 8

#: The glossary looks at most this many characters left of a bracket for its term (a term,
#: its quote or emphasis, and the words that say what kind it is are far shorter). Without
#: it, each bracket of a long paragraph re-read everything before it.
BRACKET_WINDOW = 256

#: A user's SRX regular expression may expand to at most this many copies of its atoms
#: through counted repeats (``x{n}``, ``(?:…){n,m}``), nesting multiplied. The ``regex``
#: module unrolls nested counted repeats when it compiles: ``(?:a{1000}){1000}`` took
#: 274 MB, one more level exhausts memory. Java does not unroll, so such a rule is legal
#: in OmegaT but never needed to find a sentence end; it is refused with its file and line.
SRX_MAX_REPEAT_EXPANSION = 100_000
