"""Reading and cleaning input documents.

``read_document(path)`` decodes a file (UTF-8 ± BOM, UTF-16 ± BOM, UTF-32 with BOM,
GB18030/GBK, Big5), recognises its kind from content (PDF text, forum page, Markdown,
roundtable, plain), removes the debris of how it was captured — every removal a
:class:`~aligner.model.Debris` with its line, kinds listed in :data:`DEBRIS_KINDS` — and
returns paragraphs (OmegaT's rule: an empty line ends one) with maps back to their source
lines, the English that already exists (a paper's English title, authors, abstract and key
words, or a separate English file), and YAML front matter as data.

Modules: ``decode`` (bytes → text), ``lines`` (line splitting, control characters, the
debris recorder), ``frontmatter``, ``kinds`` (recognition), one cleaner per kind (``pdf``,
``forum``, ``markdown``, ``roundtable``) plus ``common`` and ``markup``, ``paragraphs``
(blocks → paragraphs), ``labels`` (摘要 / Abstract … in every spelling; cutting run-together
parts), ``roles`` (paper parts and embedded English), ``text`` (character
classes, in-place normalisations), ``reader`` (the public entry points), ``conservation``
(the nothing-is-lost check) and ``report`` (a Document as JSON-ready data).
"""
from __future__ import annotations

from .conservation import conservation_errors
from .decode import decode
from .lines import DEBRIS_KINDS
from .reader import find_english, read_corpus, read_document, read_text
from .report import document_to_dict

__all__ = [
    "DEBRIS_KINDS",
    "conservation_errors",
    "decode",
    "document_to_dict",
    "find_english",
    "read_corpus",
    "read_document",
    "read_text",
]
