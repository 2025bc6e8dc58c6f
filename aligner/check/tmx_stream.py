"""TMX units read with a streaming lxml ``iterparse``: each ``<tu>`` is dropped once read.

translate-toolkit's ``tmxfile`` builds the whole tree (a 1,000,000-TU TMX took 3.3 GB), while
``check`` needs each unit once, in order. This reader gives what :func:`aligner.check.units`
got from translate-toolkit, unit for unit: every ``<tu>`` under the root in document order,
its direct ``<tuv>`` children, the text of each ``<tuv>``'s first ``<seg>`` by
translate-toolkit's own ``getText`` (``xml:space`` inherited, inline ``<ph>``/``<bpt>``
content included as ``string()`` gives it), the ``srclang`` of the root's ``<header>``.
``tests/test_check_tmx_stream.py`` compares the two on varied files.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _get_text() -> Callable[[Any, str], str]:
    from translate.misc.xml_helpers import getText

    return getText


def iter_tmx(source: bytes | str | Path | BinaryIO) -> Iterator[tuple[str, Any, list[Any], Callable[[Any], str]]]:
    """``(srclang, tu, tuvs, text_of)`` per ``<tu>`` of the TMX in ``source`` (its bytes, or
    a file path or binary file object read as the parser goes: the file's bytes are never all
    in memory), in order.

    ``tu`` and ``tuvs`` are live only until the next item (the tree is cleared behind the
    reader); ``text_of(tuv)`` is translate-toolkit's ``getNodeText`` for that unit.
    ``srclang`` is the header's, once the header has been read (TMX puts it first).
    Raises :class:`lxml.etree.XMLSyntaxError` like ``etree.fromstring`` and
    ``AssertionError`` when the root is not ``<tmx>`` (as translate-toolkit does).
    """
    get_text = _get_text()
    srclang = ""
    header_seen = False  # translate-toolkit reads the root's first <header>
    root = None
    depth_in_tu = 0  # a <tu> inside a <tu> (invalid) must not be cleared under its parent
    events = etree.iterparse(
        io.BytesIO(source) if isinstance(source, bytes) else source if hasattr(source, "read") else str(source), events=("start", "end"), resolve_entities=False, no_network=True,
        huge_tree=False, load_dtd=False, remove_blank_text=False, strip_cdata=False,
    )
    for event, element in events:
        tag = element.tag
        if event == "start":
            if root is None:
                root = element
                if tag != "tmx":
                    raise AssertionError("the root element is not <tmx>")
            elif tag == "tu":
                depth_in_tu += 1
            continue
        if tag == "header" and not header_seen and element.getparent() is root:
            header_seen = True
            srclang = element.get("srclang") or ""
        elif tag == "tu":
            depth_in_tu -= 1
            space = "preserve" if element.get(_XML_SPACE) == "preserve" else "default"

            def text_of(tuv: Any, space: str = space) -> str:
                seg = next(tuv.iterdescendants("seg"), None)
                return get_text(seg, space) if seg is not None else ""

            yield srclang, element, list(element.iterchildren("tuv")), text_of
            if depth_in_tu == 0:
                element.clear(keep_tail=False)
                parent = element.getparent()
                # drop everything read before this <tu> at its level (earlier units, comments)
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
