"""Property: any text written by write_tmx reads back identical through translate-toolkit,
after the documented removal of XML-illegal characters (which are counted, never fatal)."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from translate.storage.tmx import tmxfile

from aligner.formats.tmx import read_tmx, write_tmx
from aligner.formats.xmltext import XML_ILLEGAL, xml_clean
from aligner.model import TranslationUnit

# Any code point but surrogates (a Python str can hold a lone one, UTF-8 cannot), with the
# awkward ones made likely: C0 controls, CR, U+FFFE/U+FFFF, markup, astral characters.
awkward = st.sampled_from(["\x00", "\x01", "\x0b", "\x1f", "\r", "\r\n", "\t", "\ufffe", "\uffff", "&", "<", "]]>", "\U0001f600", "\u2028", "\x85", " "])
text = st.lists(st.one_of(st.characters(exclude_categories=("Cs",)), awkward), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=st.lists(st.tuples(text, text), min_size=1, max_size=5), note=text, anchors=st.lists(text, max_size=3))
@example(pairs=[("a\rb\r\n", "x\x00y\ufffe")], note="\x07", anchors=["glossary: 杨立昆=Yann LeCun; x"])
@example(pairs=[("  lead and trail  ", "\t")], note="", anchors=[])
def test_write_then_read_gives_identical_text(pairs: list[tuple[str, str]], note: str, anchors: list[str]) -> None:
    units = [
        TranslationUnit(src, tgt, doc="d", src_line=i, note=note, anchors=tuple(anchors))
        for i, (src, tgt) in enumerate(pairs, 1)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.tmx"
        report = write_tmx(units, path)

        expected = [(xml_clean(s)[0], xml_clean(t)[0]) for s, t in pairs]
        kept = [(s, t) for s, t in expected if s.strip() and t.strip()]
        removed = sum(len(XML_ILLEGAL.findall(s + t)) for s, t in pairs)
        assert report.units_written == len(kept)
        assert report.skipped_empty == len(pairs) - len(kept)
        assert report.control_chars_removed == removed

        store = tmxfile(path.open("rb"))
        assert [(u.source, u.target) for u in store.units] == kept
        ours = list(read_tmx(path))
        assert [(u.source, u.target) for u in ours] == kept
        assert all(u.note == xml_clean(note)[0].strip() for u in ours)
        kept_anchors = tuple(a for a in (xml_clean(a)[0] for a in anchors) if a.strip())
        assert all(u.anchors == kept_anchors for u in ours)
